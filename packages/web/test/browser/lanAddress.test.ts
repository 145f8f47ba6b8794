import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, chromiumSkipReason, openWebApp } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
/** A name that is not localhost, as a LAN address is not: browsers exempt only localhost from upgrading to https. */
const LAN_NAME = "chat.natter-lan.test";

describe.skipIf(chromiumSkipReason)("the web app opened by another machine's name over plain HTTP", () => {
  let app: Awaited<ReturnType<typeof openWebApp>> | undefined;
  let lanBrowser: Browser;
  beforeAll(async () => {
    app = await openWebApp();
    // The name resolves to loopback inside this Chromium only: the page is served by the test's own server.
    lanBrowser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`] });
  }, 120_000);
  afterAll(async () => {
    await lanBrowser.close();
    await app?.close();
  });

  it("loads its scripts over http and shows the chat, rather than a blank page", async () => {
    if (!app) throw new Error("no app");
    const port = new URL(app.server.url).port;
    const page = await lanBrowser.newPage({ locale: "en-US" });
    page.setDefaultTimeout(UI_TIMEOUT);
    await page.goto(`http://${LAN_NAME}:${port}/`);
    await page.getByTestId("login-username").fill("laptop-user");
    await page.getByTestId("login-guest").click();
    await expect.poll(() => page.getByTestId("room-title").textContent(), { timeout: UI_TIMEOUT }).toBe("# general");
  });
});
