import { NatterClient } from "@natter/client";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setRole } from "../../../server/src/domain/setup.js";
import { currentCode } from "../../../server/src/domain/twoFactor/totp.js";
import { http } from "../../../server/test/support/http.js";
import { startNatter, type RunningNatter } from "../../../server/test/support/server.js";
import { eventually } from "../../../server/test/support/wait.js";
import { buildWebApp, chromiumSkipReason, launchChromium, personContext } from "./support/browser.js";
import { smtpInboxForTests } from "./support/smtp.js";

const UI_TIMEOUT = 15_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PASSWORD = "correct horse battery";

async function axeViolations(page: Page, selector: string): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy rightly refuses an injected script tag.
  await page.evaluate(AXE);
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: string): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(within);
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  }, selector);
}

describe.skipIf(chromiumSkipReason)("two-factor log-in, password reset and sessions in Chromium", { timeout: 120_000 }, () => {
  let server: RunningNatter;
  let browser: Browser;
  let webRoot = "";
  const inbox = smtpInboxForTests();
  // The server's clock is the test's, so each code belongs to a step the test chooses (no waiting for the next one).
  let now = Date.now();

  beforeAll(async () => {
    webRoot = await buildWebApp();
    server = await startNatter({ webRoot, smtpUrl: await inbox.start(), clock: () => now, requireTwoFactorForStaff: true });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await server.cleanup();
    await inbox.stop();
    rmSync(webRoot, { recursive: true, force: true });
  });

  async function openPage(locale = "en-US"): Promise<Page> {
    const context = locale === "en-US" ? await personContext(browser) : await browser.newContext({ locale });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    return page;
  }

  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(server.url);
    await page.getByTestId("login-username").fill(username);
    await page.getByTestId("login-password").fill(password);
    await page.getByTestId("login-submit").click();
  }

  it("by keyboard, Alice turns 2FA on from a QR code and key, keeps her recovery codes, and then logs in with a code", async () => {
    const page = await openPage();
    await page.goto(server.url);
    await page.getByTestId("login-username").fill("alice");
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-register").click();
    await page.getByTestId("me").click();
    const security = page.getByTestId("security-settings");
    await security.getByRole("heading", { name: "Security" }).waitFor();
    await security.getByTestId("two-factor-on").focus();
    await page.keyboard.press("Enter");
    await security.getByTestId("totp-qr").waitFor();
    expect(await security.getByTestId("totp-qr").evaluate((image: HTMLImageElement) => image.naturalWidth > 0)).toBe(true);
    const secret = (await security.getByTestId("totp-key").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await axeViolations(page, "[data-testid=security-settings]")).toEqual([]);
    // The code field has the focus: type the app's code and press Enter.
    await page.keyboard.type(currentCode(secret, now));
    await page.keyboard.press("Enter");
    const codes = security.getByTestId("recovery-codes");
    await codes.waitFor();
    expect(await codes.locator("li").count()).toBe(10);
    expect(await axeViolations(page, "[data-testid=recovery-codes]")).toEqual([]);
    await page.keyboard.press("Enter"); // "Continue" has the focus
    await security.getByTestId("two-factor-state").getByText("Two-factor authentication is on. Recovery codes left: 10.").waitFor();
    await page.getByTestId("close-profile").click();
    await page.getByTestId("logout").click();

    now += 30_000;
    await logIn(page, "alice", PASSWORD);
    await page.getByRole("heading", { name: "Two-factor authentication" }).waitFor();
    expect(await axeViolations(page, "[data-testid=code-form]")).toEqual([]);
    await page.keyboard.type("000000");
    await page.keyboard.press("Enter");
    await page.getByTestId("code-error").waitFor();
    await page.getByTestId("login-code").fill(currentCode(secret, now));
    await page.keyboard.press("Enter");
    await page.getByTestId("room-title").waitFor();
    const me = await page.evaluate(async () => (await (await fetch("/api/me")).json()) as { user: { username: string } });
    expect(me.user.username).toBe("alice");
  });

  it("Bob forgets his password: the page mails a link to his confirmed address, the link's page sets a new one, in English and Chinese", async () => {
    const bob = ((await http(server.url, "POST", "/api/auth/register", { body: { username: "bob", password: PASSWORD } })).body as { token: string }).token;
    await http(server.url, "PUT", "/api/me/email", { token: bob, body: { email: "bob@example.com" } });
    const verify = await eventually(() => {
      const link = inbox.linkTo("bob@example.com");
      expect(link).toContain("/api/email/verify");
      return link ?? "";
    });
    expect((await fetch(verify)).status).toBe(200);

    const chinese = await openPage("zh-CN");
    await chinese.goto(`${server.url}/forgot`);
    await chinese.getByRole("heading", { name: "重置密码" }).waitFor();
    expect(await axeViolations(chinese, "[data-testid=forgot-form]")).toEqual([]);
    await chinese.close();

    const page = await openPage();
    await page.goto(server.url);
    await page.getByTestId("forgot-link").click();
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    expect(await axeViolations(page, "[data-testid=forgot-form]")).toEqual([]);
    await page.keyboard.type("bob@example.com");
    await page.keyboard.press("Enter");
    await page.getByTestId("forgot-sent").waitFor();
    const reset = await eventually(() => {
      const link = inbox.linkTo("bob@example.com");
      expect(link).toContain("/reset-password?token=");
      return link ?? "";
    });

    await page.goto(reset);
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    expect(await axeViolations(page, "[data-testid=reset-form]")).toEqual([]);
    await page.keyboard.type("a brand new password");
    await page.keyboard.press("Tab");
    await page.keyboard.type("a different password");
    await page.keyboard.press("Enter");
    await page.getByTestId("reset-error").getByText("The two passwords differ").waitFor();
    await page.getByTestId("reset-repeat").fill("a brand new password");
    await page.getByTestId("reset-submit").click();
    await page.getByTestId("reset-done").waitFor();
    expect(new URL(page.url()).search).toBe("");
    expect((await http(server.url, "GET", "/api/me", { token: bob })).status).toBe(401);
    await page.getByTestId("reset-login").click();
    await page.getByTestId("login-username").fill("bob");
    await page.getByTestId("login-password").fill("a brand new password");
    await page.getByTestId("login-submit").click();
    await page.getByTestId("room-title").waitFor();
  });

  it("Carol's sessions page lists her devices; ending one sends that device's app back to the log-in screen at once", async () => {
    await http(server.url, "POST", "/api/auth/register", { body: { username: "carol", password: PASSWORD } });
    const phone = await openPage();
    await logIn(phone, "carol", PASSWORD);
    await phone.getByTestId("room-title").waitFor();
    const bot = new NatterClient({ url: server.url, transports: ["websocket"] });
    await bot.login("carol", PASSWORD);
    await bot.connect();
    let botEnded = false;
    bot.on("session_ended", () => void (botEnded = true));

    const desk = await openPage();
    await logIn(desk, "carol", PASSWORD);
    await desk.getByTestId("me").click();
    const sessions = desk.getByTestId("sessions");
    await sessions.getByRole("heading", { name: "Sessions" }).waitFor();
    // Carol's registration, the phone, the bot and this desk.
    await eventually(async () => expect(await sessions.getByTestId("session-row").count()).toBe(4));
    await sessions.getByText("This device").waitFor();
    expect(await axeViolations(desk, "[data-testid=sessions]")).toEqual([]);

    const phoneRow = sessions.getByTestId("session-row").filter({ hasText: "Chrome" }).filter({ hasNotText: "This device" }).first();
    await phoneRow.getByRole("button", { name: /End session/ }).click();
    await phone.getByTestId("session-ended").waitFor();
    await phone.getByTestId("login-form").waitFor();
    await eventually(async () => expect(await sessions.getByTestId("session-row").count()).toBe(3));

    await sessions.getByTestId("end-other-sessions").click();
    await eventually(() => expect(botEnded).toBe(true), { timeoutMs: 5_000 });
    await eventually(async () => expect(await sessions.getByTestId("session-row").count()).toBe(1));
    bot.close();
  });

  it("an admin of a server that requires 2FA sets it up while logging in, keeps the recovery codes, and is in", async () => {
    await http(server.url, "POST", "/api/auth/register", { body: { username: "dave", password: PASSWORD } });
    const dave = await server.natter.domain.store.userByKey("dave");
    await setRole(server.natter.domain, dave?.id ?? 0, "admin");
    const page = await openPage();
    await logIn(page, "dave", PASSWORD);
    await page.getByTestId("totp-qr").waitFor();
    await page.getByText("This server requires two-factor authentication of your account.", { exact: false }).waitFor();
    expect(await axeViolations(page, "[data-testid=code-form]")).toEqual([]);
    const secret = (await page.getByTestId("totp-key").textContent()) ?? "";
    await page.getByTestId("login-code").fill(currentCode(secret, now));
    await page.keyboard.press("Enter");
    await page.getByTestId("recovery-codes").waitFor();
    expect(await page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
    await page.getByTestId("recovery-done").click();
    await page.getByTestId("room-title").waitFor();
  });
});
