import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { build } from "vite";
import type { NatterOptions } from "../../../../server/src/index.js";
import { startNatter, type RunningNatter } from "../../../../server/test/support/server.js";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Without Chromium the browser tests say they skipped; CI installs it, so there a missing one fails. */
export const chromiumSkipReason = existsSync(CHROMIUM) ? undefined : `skipped: no Chromium at ${CHROMIUM} (CI installs it)`;
if (process.env.CI && chromiumSkipReason) throw new Error(`CI must provide Chromium at ${CHROMIUM} for the browser tests`);

/** Builds the web app from its sources into a fresh folder, so the test never sees a stale dist. */
export async function buildWebApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "natter-web-"));
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: fileURLToPath(new URL("../../../vite.config.ts", import.meta.url)),
      build: { outDir, emptyOutDir: true },
      logLevel: "warn",
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

/** The web app built from its sources, served by a real server, and a Chromium to open it; `close` removes all three. */
export async function openWebApp(options: NatterOptions = {}): Promise<{ server: RunningNatter; browser: Browser; close(): Promise<void> }> {
  const webRoot = await buildWebApp();
  const server = await startNatter({ ...options, webRoot });
  const browser = await launchChromium();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.cleanup();
      rmSync(webRoot, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A person's browser. `Notification` and the tab's visibility are stubbed by the test, not the app:
 * `hide(page)` makes the tab look hidden, and every notification shown is recorded.
 */
export async function personContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "en-US", viewport: { width: 1100, height: 720 } });
  await context.addInitScript(() => {
    const state = window as unknown as { natterHidden: boolean; natterNotifications: { title: string; body: string }[] };
    state.natterHidden = false;
    state.natterNotifications = [];
    Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => (state.natterHidden ? "hidden" : "visible") });
    Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => state.natterHidden });
    class RecordingNotification {
      static permission = "granted";
      static requestPermission = () => Promise.resolve("granted");
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        state.natterNotifications.push({ title, body: options?.body ?? "" });
      }
      close() {}
    }
    Object.defineProperty(window, "Notification", { configurable: true, value: RecordingNotification });
  });
  return context;
}

export async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((value) => {
    (window as unknown as { natterHidden: boolean }).natterHidden = value;
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

export function notificationsOf(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(() => (window as unknown as { natterNotifications: { title: string; body: string }[] }).natterNotifications);
}

/**
 * Holds back the pages of older history the page asks for until `release()`, so a test can see what was on
 * screen before one lands (the list also asks on its own when the reader nears the top).
 */
export async function holdOlderHistory(page: Page): Promise<{ release(): Promise<void> }> {
  const pattern = /\/api\/messages\?.*before=/;
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  const held: Promise<void>[] = [];
  await page.route(pattern, (route) => {
    const passed = opened.then(() => route.continue());
    held.push(passed);
    return passed;
  });
  return {
    async release() {
      open();
      // Every held request goes on before the route is removed (removing it first would answer them twice).
      await Promise.all(held);
      await page.unroute(pattern);
    },
  };
}
