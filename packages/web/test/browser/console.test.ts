import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount } from "../../../server/src/domain/setup.js";
import { axeViolations } from "./support/axe.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const PASSWORD = "correct horse battery";

async function signedIn(browser: Browser, url: string, username: string, locale = "en-US"): Promise<Page> {
  const context = locale === "en-US" ? await personContext(browser) : await browser.newContext({ locale });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("room-title").waitFor();
  return page;
}

describe.skipIf(chromiumSkipReason)("the admin console's shell in Chromium", () => {
  let app: Awaited<ReturnType<typeof openWebApp>>;
  beforeAll(async () => {
    app = await openWebApp();
    const domain = app.server.natter.domain;
    await createAccount(domain, { username: "boss", password: PASSWORD, role: "admin" });
    await createAccount(domain, { username: "alice", password: PASSWORD, role: "user" });
  }, 120_000);
  afterAll(() => app?.close());

  it("an admin opens the console from the sidebar, moves between tabs by keyboard, and goes back to the chat", async () => {
    const page = await signedIn(app.browser, app.server.url, "boss");
    await page.getByTestId("open-console").click();
    await page.getByRole("heading", { name: "Administration" }).waitFor();
    const tabs = page.getByRole("tab");
    expect(await tabs.count()).toBeGreaterThan(0);
    // The first tab is chosen and the address names it, so a reload opens it again.
    const first = tabs.first();
    expect(await first.getAttribute("aria-selected")).toBe("true");
    const firstId = (await first.getAttribute("data-testid"))?.replace("console-tab-", "");
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/admin/${firstId}`);
    await first.focus();
    await page.keyboard.press("End");
    const last = tabs.last();
    expect(await last.getAttribute("aria-selected")).toBe("true");
    expect(await last.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press("Home");
    expect(await first.getAttribute("aria-selected")).toBe("true");
    await page.reload();
    await page.getByRole("heading", { name: "Administration" }).waitFor();
    expect(await axeViolations(page, "[data-testid=console]")).toEqual([]);
    await page.getByTestId("leave-console").click();
    await page.getByTestId("room-title").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    await page.goBack();
    await page.getByTestId("console").waitFor();
    await page.context().close();
  });

  it("is in Chinese for a Chinese browser and passes axe there too", async () => {
    const page = await signedIn(app.browser, app.server.url, "boss", "zh-CN");
    await page.getByTestId("open-console").click();
    await page.getByRole("heading", { name: "管理控制台" }).waitFor();
    await page.getByRole("tab", { name: "审计" }).waitFor();
    expect(await axeViolations(page, "[data-testid=console]")).toEqual([]);
    await page.context().close();
  });

  it("a member sees no entry, and the console's address gives them the chat", async () => {
    const page = await signedIn(app.browser, app.server.url, "alice");
    expect(await page.getByTestId("open-console").count()).toBe(0);
    await page.goto(`${app.server.url}/admin/audit`);
    await page.getByTestId("room-title").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getByTestId("console").count()).toBe(0);
    await page.context().close();
  });
});
