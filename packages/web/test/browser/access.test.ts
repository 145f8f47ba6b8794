import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstAdmin } from "../../../server/test/support/people.js";
import type { RunningNatter } from "../../../server/test/support/server.js";
import { chromiumSkipReason, openWebApp } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PASSWORD = "correct horse battery";
const LOCALES = ["en-US", "zh-CN"] as const;

interface Screen {
  name: string;
  /** Signed in as the admin first (the log-in screen is seen signed out). */
  signedIn: boolean;
  path: string;
  /** The test id that says the screen is drawn. */
  ready: string;
  /** A panel: the button that opens it, once `ready` shows, and the test id of the panel drawn. */
  opens?: { button: string; shows: string };
}

/** Every screen axe checks, in each language. Add a screen here when it exists. */
const SCREENS: Screen[] = [
  { name: "log-in", signedIn: false, path: "/", ready: "login-username" },
  { name: "chat", signedIn: true, path: "/", ready: "composer" },
  { name: "profile", signedIn: true, path: "/", ready: "composer", opens: { button: "me", shows: "profile-card" } },
  { name: "people directory", signedIn: true, path: "/", ready: "composer", opens: { button: "open-people", shows: "people-panel" } },
  { name: "room directory", signedIn: true, path: "/", ready: "composer", opens: { button: "open-directory", shows: "directory" } },
  { name: "admin console", signedIn: true, path: "/admin/overview", ready: "console" },
];

/** Axe's critical and serious findings on the whole page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a script tag: the app's Content-Security-Policy rightly refuses inline scripts.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] };
    const axe = (window as unknown as { axe: { run(context: Document): Promise<Result> } }).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
      .map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target)).slice(0, 400)}`);
  });
}

describe.skipIf(chromiumSkipReason)("access in Chromium: axe on every screen, the keyboard, a touch screen", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let server: RunningNatter;
  let browser: Browser;

  beforeAll(async () => {
    app = await openWebApp();
    ({ server, browser } = app);
    await firstAdmin(server, "ada", PASSWORD);
    const chat = server.natter.chat;
    await chat.createRoom({ username: "ada", name: "design" });
    await chat.sendMessage({ username: "ada", room: "general", text: "Welcome! `npm start` runs it, **bold** and a [link](https://example.com)" });
    await chat.sendMessage({ username: "ada", room: "general", text: "```ts\nconst answer: number = 42; // a comment\n```" });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  async function open(locale: string, options: { touch?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      locale,
      viewport: options.touch ? { width: 390, height: 800 } : { width: 1280, height: 800 },
      hasTouch: options.touch ?? false,
      isMobile: options.touch ?? false,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    return page;
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(server.url);
    await page.getByTestId("login-username").fill("ada");
    await page.getByTestId("login-password").fill(PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("composer").waitFor();
  }

  for (const locale of LOCALES) {
    for (const screen of SCREENS) {
      it(`the ${screen.name} screen in ${locale} has no critical or serious axe finding`, async () => {
        const page = await open(locale);
        if (screen.signedIn) await signIn(page);
        await page.goto(`${server.url}${screen.path}`);
        await page.getByTestId(screen.ready).first().waitFor();
        if (screen.opens) {
          await page.getByTestId(screen.opens.button).click();
          await page.getByTestId(screen.opens.shows).waitFor();
        }
        expect(await seriousViolations(page)).toEqual([]);
        await page.context().close();
      });
    }
  }

  it("by keyboard: the composer has the focus after log-in, Ctrl+K switches rooms (it and jump to date pass axe), a skip link, one stop per message", async () => {
    const page = await open("en-US");
    await signIn(page);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("composer");

    await page.getByTestId("jump-to-date").click();
    await page.getByTestId("jump-date").waitFor();
    // Drawn long after the page loaded, so the focus is the app's own on mount (autoFocus), not the browser's.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("jump-date");
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+k");
    await page.getByTestId("room-switcher-input").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("room-switcher-input");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("room-switcher-input").fill("des");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("room-title").textContent()).toBe("# design");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("composer");
    await page.keyboard.press("Control+k");
    await page.getByTestId("room-switcher-input").fill("gen");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("room-title").textContent()).toBe("# general");

    await page.getByTestId("skip-to-composer").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("composer");

    // No message draws its actions until it is used: Enter on a focused message opens them, Escape closes them.
    await page.mouse.move(0, 0);
    const messages = page.getByTestId("messages").getByTestId("message");
    expect(await page.locator(".message-actions").count()).toBe(0);
    await messages.last().focus();
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Welcome!");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("react");
    expect(await page.locator(".message-actions").count()).toBe(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".message-actions").count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("ARTICLE");
    await page.context().close();
  });

  it("on a touch screen 390 px wide, Enter adds a line, the send button sends, and a tap opens one message's actions", async () => {
    const page = await open("zh-CN", { touch: true });
    await signIn(page);
    const composer = page.getByTestId("composer");
    expect(await composer.getAttribute("placeholder")).toBe("输入消息");
    await composer.fill("第一行");
    await composer.press("Enter");
    await composer.pressSequentially("第二行");
    expect(await composer.inputValue()).toBe("第一行\n第二行");
    await page.getByTestId("composer-send").tap();
    const sent = page.getByTestId("messages").locator("[data-status=sent]").filter({ hasText: "第二行" });
    await sent.waitFor();
    expect(await page.locator(".message-actions").count()).toBe(0);
    await sent.getByTestId("message-text").tap();
    await expect.poll(() => sent.locator(".message-actions").count()).toBe(1);
    expect(await page.locator(".message-actions").count()).toBe(1);
    await page.context().close();
  });
});
