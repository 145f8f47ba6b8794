import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { chromiumSkipReason, openWebApp } from "./support/browser.js";

const UI_TIMEOUT = 15_000;

if (chromiumSkipReason) console.warn(`browser tests ${chromiumSkipReason}`);

describe.skipIf(chromiumSkipReason)("conversation staples in Chromium (issue 19)", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let server: RunningNatter;
  let browser: Browser;

  beforeAll(async () => {
    app = await openWebApp();
    ({ server, browser } = app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function zhPage(): Promise<Page> {
    const page = await browser.newPage({ locale: "zh-CN" });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(server.url);
    return page;
  }

  it("a Chinese reader who types a wrong password reads why in Chinese, and a short password under its field", async () => {
    const page = await zhPage();
    try {
      await page.getByTestId("login-username").fill("carol");
      await page.getByTestId("login-password").fill("abc");
      await page.getByTestId("login-register").click();
      await expect.poll(() => page.getByTestId("login-error").textContent(), { timeout: UI_TIMEOUT }).toBe("密码至少需要 8 个字符");
      expect(await page.getByTestId("login-password").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByTestId("login-password").getAttribute("aria-describedby")).toBe("login-error");

      await page.getByTestId("login-password").fill("correct horse battery");
      await page.getByTestId("login-register").click();
      await page.getByTestId("room-title").waitFor();
      await page.context().clearCookies();
      await page.evaluate(() => localStorage.clear());
      await page.goto(server.url);
      await page.getByTestId("login-username").fill("carol");
      await page.getByTestId("login-password").fill("wrong horse battery");
      await page.getByTestId("login-submit").click();
      await expect.poll(() => page.getByTestId("login-error").textContent(), { timeout: UI_TIMEOUT }).toBe("名字或密码错误。");
      expect(await page.getByTestId("login-password").getAttribute("aria-invalid")).toBeNull();
    } finally {
      await page.close();
    }
  });
});
