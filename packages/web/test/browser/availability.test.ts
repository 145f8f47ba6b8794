import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNatter, type RunningNatter } from "../../../server/test/support/server.js";
import { IDLE_MS_KEY } from "../../src/chat/useIdleReport.js";
import { buildWebApp, chromiumSkipReason, launchChromium, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Axe's serious findings inside one element: what a screen-reader or keyboard user would trip on. */
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
  await page.getByTestId("login-password").fill("correct horse battery");
  await page.getByTestId("login-register").click();
  await page.getByTestId("room-title").waitFor();
}

describe.skipIf(chromiumSkipReason)("away, do-not-disturb, the outbox and ended sessions in Chromium", () => {
  let webRoot: string;
  let server: RunningNatter;
  let browser: Browser;
  let contexts: BrowserContext[];
  let alice: Page;
  let bob: Page;

  beforeAll(async () => {
    webRoot = await buildWebApp();
    server = await startNatter({ webRoot });
    browser = await launchChromium();
    contexts = await Promise.all([personContext(browser), personContext(browser)]);
    const [aliceContext, bobContext] = contexts;
    if (!aliceContext || !bobContext) throw new Error("no browser contexts");
    [alice, bob] = await Promise.all([aliceContext.newPage(), bobContext.newPage()]);
    for (const page of [alice, bob]) page.setDefaultTimeout(UI_TIMEOUT);
    await register(alice, server.url, "alice");
    await register(bob, server.url, "bob");
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
    if (webRoot) rmSync(webRoot, { recursive: true, force: true });
  });

  const bobSeesAlice = () => bob.getByTestId("online-users").locator("li", { has: bob.getByRole("button", { name: "alice", exact: true }) });

  it("Alice chooses away, then do-not-disturb until she turns it off, and a status with an emoji, by keyboard; Bob sees each", async () => {
    await bobSeesAlice().waitFor();
    await alice.getByTestId("open-status-menu").focus();
    await alice.keyboard.press("Enter");
    const menu = alice.getByTestId("status-menu");
    await menu.waitFor();
    expect(await axeViolations(alice, "[data-testid=status-menu]")).toEqual([]);

    await menu.getByTestId("choose-away").focus();
    await alice.keyboard.press("Enter");
    await bobSeesAlice().locator("[data-state=away]").waitFor();

    await menu.getByTestId("dnd-forever").focus();
    await alice.keyboard.press("Enter");
    await bobSeesAlice().locator("[data-state=dnd]").waitFor();

    await menu.getByTestId("status-emoji").fill("🍜");
    await menu.getByTestId("status-text").fill("午饭");
    await menu.getByTestId("status-text").press("Enter");
    await bobSeesAlice().getByTestId("status-note").getByText("🍜").waitFor();
    expect(await bobSeesAlice().getByTestId("status-note").getAttribute("title")).toBe("午饭");

    await bob.reload();
    await bobSeesAlice().locator("[data-state=dnd]").waitFor();
    await bobSeesAlice().getByRole("button", { name: "alice", exact: true }).click();
    await bob.getByTestId("profile-card").getByText("Do not disturb").waitFor();
    await bob.getByTestId("profile-card").getByText("🍜 午饭").waitFor();
    await bob.getByTestId("close-profile").click();

    await menu.getByTestId("dnd-off").click();
    await menu.getByTestId("choose-active").click();
    await menu.getByTestId("status-clear").click();
    await bobSeesAlice().locator("[data-state=active]").waitFor();
    await bobSeesAlice().getByTestId("status-note").waitFor({ state: "detached" });
    await alice.keyboard.press("Escape");
    await menu.waitFor({ state: "detached" });
  });

  it("a tab left without input turns Alice away (a short idle time set for the test), and her return turns her back", async () => {
    await alice.evaluate((key) => localStorage.setItem(key, "800"), IDLE_MS_KEY);
    await alice.reload();
    await alice.getByTestId("room-title").waitFor();
    await bobSeesAlice().locator("[data-state=away]").waitFor();
    await alice.getByTestId("composer").click();
    await bobSeesAlice().locator("[data-state=active]").waitFor();
    await alice.evaluate((key) => localStorage.removeItem(key), IDLE_MS_KEY);
    await alice.reload();
    await alice.getByTestId("room-title").waitFor();
  });

  it("messages written while the server is down wait across closing the tab, then arrive once and in order on a new server with the same data; the one it refuses shows why and is edited", async () => {
    const port = Number(new URL(server.url).port);
    await server.stop();
    await alice.getByTestId("online-users").and(alice.locator("[data-stale=true]")).waitFor();
    const tooLong = "third while offline, and far longer than the new server accepts";
    for (const text of ["first while offline", "second while offline", tooLong]) {
      await alice.getByTestId("composer").fill(text);
      await alice.getByTestId("composer").press("Enter");
    }
    await alice.locator("[data-testid=message][data-status=waiting]").getByText(tooLong).waitFor({ timeout: 30_000 });
    // Closing the tab while no server could reload it: the page's memory is gone, only localStorage remembers the two.
    await alice.close();
    // The new server accepts shorter messages than the old one: the third is refused, and says why.
    server = await startNatter({ webRoot, dataDir: server.dataDir, port, maxMessageLength: 30 });
    const [aliceContext] = contexts;
    if (!aliceContext) throw new Error("no context");
    alice = await aliceContext.newPage();
    alice.setDefaultTimeout(UI_TIMEOUT);
    await alice.goto(server.url);
    await alice.locator("[data-testid=message][data-status=sent]").getByText("second while offline").waitFor();
    await bob.getByTestId("messages").getByText("second while offline").waitFor({ timeout: 30_000 });
    await bob.reload();
    await bob.getByTestId("messages").getByText("second while offline").waitFor();
    const texts = await bob.getByTestId("messages").locator("[data-testid=message]").allTextContents();
    const offline = texts.filter((text) => text.includes("while offline"));
    expect(offline).toHaveLength(2);
    expect(offline[0]).toContain("first while offline");
    expect(offline[1]).toContain("second while offline");
    expect(await alice.getByTestId("online-users").getAttribute("data-stale")).toBe("false");

    const refused = alice.getByTestId("unsent-message");
    await refused.getByRole("alert").waitFor();
    expect(await alice.getByTestId("messages").getByText(tooLong).count()).toBe(0);
    await refused.getByTestId("unsent-edit").click();
    await refused.getByTestId("unsent-text").fill("third, shortened");
    await refused.getByTestId("unsent-send").click();
    await bob.getByTestId("messages").getByText("third, shortened").waitFor();
    await refused.waitFor({ state: "detached" });
    const after = (await bob.getByTestId("messages").locator("[data-testid=message]").allTextContents()).filter((text) => /while offline|shortened/.test(text));
    expect(after.map((text) => (text.includes("first") ? 1 : text.includes("second") ? 2 : 3))).toEqual([1, 2, 3]);
  }, 90_000);

  it("a message waiting for the connection survives a real reload and goes out once when the socket can connect again", async () => {
    // The page loads over HTTP as usual; only its socket is refused, until `blocked` is lifted.
    let blocked = true;
    await alice.routeWebSocket(/socket\.io/, (socket) => (blocked ? socket.close() : socket.connectToServer()));
    await alice.route(/socket\.io/, (route) => (blocked ? route.abort() : route.continue()));
    await server.natter.io.disconnectSockets(true);
    await alice.getByTestId("connection-banner").waitFor();
    await alice.getByTestId("composer").fill("written before a reload");
    await alice.getByTestId("composer").press("Enter");
    await alice.locator("[data-testid=message][data-status=waiting]").getByText("written before a reload").waitFor();

    await alice.reload();
    const outbox = () =>
      alice.evaluate(() =>
        Object.entries(localStorage)
          .filter(([key]) => key.startsWith("natter.outbox."))
          .map(([, value]) => value)
          .join(""),
      );
    expect(await outbox()).toContain("written before a reload");
    expect(await bob.getByTestId("messages").getByText("written before a reload").count()).toBe(0);

    blocked = false;
    await alice.locator("[data-testid=message][data-status=sent]").getByText("written before a reload").waitFor({ timeout: 30_000 });
    await bob.getByTestId("messages").getByText("written before a reload").waitFor();
    await bob.reload();
    await bob.getByTestId("messages").getByText("written before a reload").waitFor();
    expect(await bob.getByTestId("messages").getByText("written before a reload").count()).toBe(1);
    expect(await outbox()).not.toContain("written before a reload");
  }, 60_000);

  it("a tab whose session ends (logged out in another tab) returns to the log-in screen with why, instead of reconnecting", async () => {
    const [aliceContext] = contexts;
    if (!aliceContext) throw new Error("no context");
    const otherTab = await aliceContext.newPage();
    await otherTab.goto(server.url);
    await otherTab.getByTestId("logout").click();
    await otherTab.getByTestId("login-form").waitFor();
    await alice.getByTestId("session-ended").waitFor();
    await alice.getByTestId("login-form").waitFor();
    expect(await axeViolations(alice, "[data-testid=login-form]")).toEqual([]);
    await otherTab.close();
  });
});
