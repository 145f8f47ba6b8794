import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY_MS } from "../../../server/src/domain/lifecycle/retention.js";
import { trimHistory } from "../../../server/src/domain/lifecycle/retention.js";
import { startNatter, type RunningNatter } from "../../../server/test/support/server.js";
import { buildWebApp, chromiumSkipReason, launchChromium, personContext } from "./support/browser.js";

const UI_TIMEOUT = 20_000;
const PASSWORD = "correct horse battery";
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated, not added as a script tag: the app's Content-Security-Policy rightly refuses inline scripts.
  await page.evaluate(readFileSync(AXE, "utf8"));
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(within);
    return result.violations.map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes).slice(0, 600)}`);
  }, selector);
}

async function register(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-register").click();
  await page.getByTestId("room-title").waitFor();
}

describe.skipIf(chromiumSkipReason)("a person's own data and a room's retention in Chromium", { timeout: 120_000 }, () => {
  let webRoot: string;
  let server: RunningNatter;
  let browser: Browser;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    server = await startNatter({ webRoot, retentionEveryMinutes: 10_000 });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  it("Alice downloads her data from her profile by keyboard, then deletes her account with her password and is signed out", async () => {
    const page = await (await personContext(browser)).newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await register(page, server.url, "alice");
    await page.getByTestId("composer").fill("a message of mine");
    await page.getByTestId("composer").press("Enter");
    await page.getByTestId("message-text").getByText("a message of mine").waitFor();

    await page.getByTestId("me").click();
    const card = page.getByTestId("own-data");
    await card.waitFor();
    expect(await axeViolations(page, "[data-testid=own-data]")).toEqual([]);
    await card.getByTestId("download-my-data").focus();
    await page.keyboard.press("Enter");
    const link = card.getByTestId("my-data-link");
    await link.waitFor();
    const href = await link.getAttribute("href");
    // The link works for her session (the cookie) and for nobody else.
    const zip = await page.evaluate(async (url) => {
      const response = await fetch(url ?? "");
      return { status: response.status, type: response.headers.get("content-type"), size: (await response.arrayBuffer()).byteLength };
    }, href);
    expect(zip).toMatchObject({ status: 200, type: "application/zip" });
    expect(zip.size).toBeGreaterThan(100);
    expect((await fetch(`${server.url}${href ?? ""}`)).status).toBe(401);

    await card.getByTestId("delete-password").fill("not my password");
    await card.getByTestId("delete-account").click();
    await card.getByRole("alert").getByText("The password is wrong").waitFor();
    await card.getByTestId("delete-password").fill(PASSWORD);
    await card.getByTestId("delete-password").press("Enter");
    await page.getByTestId("login-username").waitFor();
    expect(await server.natter.domain.store.userByKey("alice")).toBeUndefined();
  });

  it("a server admin keeps a room's history for 30 days; after retention the room says where its history begins, in Chinese too", async () => {
    const page = await (await personContext(browser)).newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    await register(page, server.url, "operator");
    const { store } = server.natter.domain;
    const operator = await store.userByKey("operator");
    await store.updateUser(operator?.id ?? 0, { role: "admin" });
    const general = await store.roomByKey("general");
    if (!general || !operator) throw new Error("no general room or operator");
    await store.insertMessage({
      roomId: general.id,
      authorId: operator.id,
      text: "from long ago",
      clientMsgId: "ancient",
      createdAt: Date.now() - 90 * DAY_MS,
    });
    await page.reload();
    await page.getByTestId("room-title").waitFor();

    await page.getByTestId("show-members").click();
    const control = page.getByTestId("retention-control");
    await control.waitFor();
    expect(await axeViolations(page, "[data-testid=retention-control]")).toEqual([]);
    await control.getByTestId("retention-follow").uncheck();
    await control.getByTestId("retention-days").fill("30");
    await control.getByTestId("retention-days").press("Enter");
    await control.getByText("Now: 30 days").waitFor();
    expect((await store.roomByKey("general"))?.retention_days).toBe(30);

    expect((await trimHistory(server.natter.domain)).deleted).toBeGreaterThanOrEqual(1);
    await page.reload();
    await page
      .getByTestId("history-edge")
      .getByText(/were deleted by this server's retention policy/)
      .waitFor();
    expect(await page.getByTestId("message-text").getByText("from long ago").count()).toBe(0);

    const chinese = await (await browser.newContext({ locale: "zh-CN", viewport: { width: 1100, height: 720 } })).newPage();
    chinese.setDefaultTimeout(UI_TIMEOUT);
    await register(chinese, server.url, "xiaoming");
    await chinese
      .getByTestId("history-edge")
      .getByText(/之前的消息已按本服务器的保留策略删除/)
      .waitFor();
  });
});
