import { createRequire } from "node:module";
import { readFileSync, rmSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpInboxForTests } from "./support/smtp.js";
import { guestToken, http } from "../../../server/test/support/http.js";
import { startNatter, type RunningNatter } from "../../../server/test/support/server.js";
import { buildWebApp, chromiumSkipReason, launchChromium, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Accessibility problems axe finds in the element (none is the bar). */
async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy rightly refuses an injected script tag.
  await page.evaluate(AXE);
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(within);
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  }, selector);
}

describe.skipIf(chromiumSkipReason)("notification settings in Chromium", () => {
  let server: RunningNatter;
  let browser: Browser;
  let webRoot = "";
  const inbox = smtpInboxForTests();

  beforeAll(async () => {
    webRoot = await buildWebApp();
    server = await startNatter({ webRoot, smtpUrl: await inbox.start(), emailNotifyDelayMin: 0 });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await server.cleanup();
    await inbox.stop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it("the app is installable: a manifest with icons, and a service worker", async () => {
    const manifest = (await (await fetch(`${server.url}/manifest.webmanifest`)).json()) as { icons: { src: string }[]; start_url: string };
    expect(manifest.start_url).toBe("/");
    for (const icon of manifest.icons) expect((await fetch(`${server.url}${icon.src}`)).status, icon.src).toBe(200);
    expect((await fetch(`${server.url}/sw.js`)).headers.get("content-type")).toMatch(/javascript/);
  });

  it("by keyboard, Bob sets keywords and an email, confirms it from the mailed link, and the section passes axe in English and Chinese", async () => {
    const context = await personContext(browser);
    const bob = await context.newPage();
    bob.setDefaultTimeout(UI_TIMEOUT);
    await bob.goto(server.url);
    await bob.getByTestId("login-username").fill("bob");
    await bob.getByTestId("login-guest").click();
    await bob.getByTestId("me").click();
    const section = bob.getByTestId("notification-settings");
    await section.getByRole("heading", { name: "Notifications" }).waitFor();

    await section.getByTestId("keywords").focus();
    await bob.keyboard.type("launch, 发布");
    await bob.keyboard.press("Enter");
    await section.getByRole("status").getByText("Saved").waitFor();

    await section.getByRole("textbox", { name: "Email for what you miss" }).focus();
    await bob.keyboard.type("bob@example.com");
    await bob.keyboard.press("Enter");
    await section.getByText("Open the link we emailed to confirm this address.").waitFor();
    await expect.poll(() => inbox.linkTo("bob@example.com"), { timeout: UI_TIMEOUT }).toMatch(/\/api\/email\/verify\?token=/);
    const page = await context.newPage();
    await page.goto((await inbox.linkTo("bob@example.com")) ?? "");
    await page.getByText("Your email address is confirmed.").waitFor();
    expect(await axeViolations(page, "body")).toEqual([]);

    await bob.keyboard.press("Escape");
    await bob.getByTestId("me").click();
    await section.getByText("Confirmed: unread DMs and mentions are emailed to you.").waitFor();
    expect(await section.getByTestId("keywords").inputValue()).toBe("launch, 发布");
    expect(await axeViolations(bob, "[data-testid=notification-settings]")).toEqual([]);

    await bob.keyboard.press("Escape");
    await bob.getByTestId("language").selectOption("zh-CN");
    await bob.getByTestId("me").click();
    await section.getByRole("heading", { name: "通知" }).waitFor();
    expect(await axeViolations(bob, "[data-testid=notification-settings]")).toEqual([]);
    await context.close();
  }, 60_000);

  it("a push's link opens its message: the room, scrolled back to it past the first page", async () => {
    const token = await guestToken(server.url, "chatty");
    const seqs: number[] = [];
    for (let i = 0; i < 70; i++) {
      const sent = await http(server.url, "POST", "/api/rooms/general/messages", { token, body: { text: `line ${i}`, clientMsgId: `line-${i}` } });
      seqs.push((sent.body as { message: { seq: number } }).message.seq);
    }
    const context = await personContext(browser);
    const carol = await context.newPage();
    carol.setDefaultTimeout(UI_TIMEOUT);
    await carol.goto(server.url);
    await carol.getByTestId("login-username").fill("carol");
    await carol.getByTestId("login-guest").click();
    await carol.getByTestId("room-title").waitFor();
    const target = seqs[3] ?? 0;
    await carol.goto(`${server.url}/?seq=${target}#general`);
    await expect.poll(() => carol.locator(`#message-${target}`).isVisible(), { timeout: UI_TIMEOUT }).toBe(true);
    await expect.poll(() => carol.evaluate(() => window.location.search), { timeout: UI_TIMEOUT }).toBe("");
    await context.close();
  }, 60_000);
});
