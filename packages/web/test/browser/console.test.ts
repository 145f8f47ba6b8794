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

describe.skipIf(chromiumSkipReason)("the admin console in Chromium", () => {
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
  }, 120_000);

  it("is in Chinese for a Chinese browser and passes axe there too", async () => {
    const page = await signedIn(app.browser, app.server.url, "boss", "zh-CN");
    await page.getByTestId("open-console").click();
    await page.getByRole("heading", { name: "管理控制台" }).waitFor();
    await page.getByRole("tab", { name: "审计" }).waitFor();
    expect(await axeViolations(page, "[data-testid=console]")).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("a member sees no entry, and the console's address gives them the chat", async () => {
    const page = await signedIn(app.browser, app.server.url, "alice");
    expect(await page.getByTestId("open-console").count()).toBe(0);
    await page.goto(`${app.server.url}/admin/audit`);
    await page.getByTestId("room-title").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.getByTestId("console").count()).toBe(0);
    await page.context().close();
  }, 120_000);
  it("every tab passes axe in English and in Chinese", async () => {
    for (const locale of ["en-US", "zh-CN"]) {
      const page = await signedIn(app.browser, app.server.url, "boss", locale);
      for (const tab of ["overview", "people", "invites", "emoji", "settings", "audit"]) {
        await page.goto(`${app.server.url}/admin/${tab}`);
        await page.getByTestId(`${tab}-tab`).waitFor();
        // Wait for the tab's data, so axe sees the table or form rather than "Loading…".
        await page.locator(`[data-testid=${tab}-tab] [role=status]:not([data-testid])`).waitFor({ state: "detached" });
        expect(await axeViolations(page, "[data-testid=console]"), `${tab} in ${locale}`).toEqual([]);
      }
      await page.context().close();
    }
  }, 240_000);

  it("Overview counts the people; People changes a role, deactivates someone and makes a reset link whose page sets a password", async () => {
    const page = await signedIn(app.browser, app.server.url, "boss");
    await page.goto(`${app.server.url}/admin/overview`);
    expect(Number(await page.getByTestId("stat-people").textContent())).toBeGreaterThanOrEqual(2);

    await page.getByRole("tab", { name: "People" }).click();
    await page.getByTestId("people-query").fill("ali");
    await page.keyboard.press("Enter");
    // Alice is in the unfiltered list too: the search has answered when boss is gone.
    await expect.poll(() => page.getByTestId("person-boss").count()).toBe(0);
    await page.getByTestId("person-alice").waitFor();
    await page.getByTestId("role-alice").selectOption("moderator");
    await expect.poll(async () => (await app.server.natter.domain.store.userByKey("alice"))?.role).toBe("moderator");
    await page.getByTestId("toggle-alice").click();
    await expect.poll(() => page.getByTestId("state-alice").textContent()).toBe("deactivated");
    await page.getByTestId("toggle-alice").click();
    await expect.poll(() => page.getByTestId("state-alice").textContent()).toBe("active");
    await page.getByTestId("reset-alice").click();
    const link = await page.getByTestId("reset-link").inputValue();
    expect(new URL(link).pathname).toBe("/reset-password");

    const visitor = await (await personContext(app.browser)).newPage();
    visitor.setDefaultTimeout(UI_TIMEOUT);
    await visitor.goto(link);
    await visitor.getByRole("heading", { name: "Choose a new password" }).waitFor();
    expect(await axeViolations(visitor, "[data-testid=reset-form]")).toEqual([]);
    // The link sets the password and signs in nowhere: the person logs in with it, so two-factor still applies.
    await visitor.keyboard.type("alice's new password");
    await visitor.keyboard.press("Tab");
    await visitor.keyboard.type("alice's new password");
    await visitor.keyboard.press("Enter");
    await visitor.getByTestId("reset-done").waitFor();
    expect(new URL(visitor.url()).pathname).toBe("/reset-password");
    await visitor.context().close();
    await page.context().close();
  }, 120_000);

  it("Settings makes registration invite-only, Invites makes a link, and the link's page registers with it", async () => {
    const page = await signedIn(app.browser, app.server.url, "boss");
    await page.goto(`${app.server.url}/admin/settings`);
    await page.getByTestId("registration-invite").check();
    await page.getByTestId("save-settings").click();
    await page.getByTestId("settings-saved").waitFor();

    await page.getByRole("tab", { name: "Invites" }).click();
    await page.getByTestId("invite-uses").fill("1");
    await page.getByTestId("create-invite").click();
    const url = await page.getByTestId("invite-url").inputValue();
    expect(new URL(url).pathname).toMatch(/^\/invite\//);

    const stranger = await (await personContext(app.browser)).newPage();
    stranger.setDefaultTimeout(UI_TIMEOUT);
    await stranger.goto(app.server.url);
    await stranger.getByTestId("login-invite").waitFor();
    expect(await stranger.getByTestId("login-invite").inputValue()).toBe("");
    await stranger.goto(url);
    await expect.poll(() => stranger.getByTestId("login-invite").inputValue()).not.toBe("");
    expect(await axeViolations(stranger, "[data-testid=login-form]")).toEqual([]);
    await stranger.getByTestId("login-username").fill("newbie");
    await stranger.getByTestId("login-password").fill(PASSWORD);
    await stranger.getByTestId("login-register").click();
    await stranger.getByTestId("room-title").waitFor();
    expect(new URL(stranger.url()).pathname).toBe("/");
    await stranger.context().close();

    // Used up: the list says so, and revoking it keeps it listed as revoked.
    await page.reload();
    const row = page.locator("[data-testid^=invite-state-]").first();
    await expect.poll(() => row.textContent()).toBe("used up");
    await page.locator("[data-testid^=revoke-]").first().click();
    await expect.poll(() => row.textContent()).toBe("revoked");

    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByTestId("registration-closed").check();
    await page.getByTestId("save-settings").click();
    await page.getByTestId("settings-saved").waitFor();
    const closed = await (await personContext(app.browser)).newPage();
    await closed.goto(app.server.url);
    await closed.getByTestId("registration-closed").waitFor();
    expect(await closed.getByTestId("login-register").count()).toBe(0);
    await closed.context().close();
    await page.getByTestId("registration-open").check();
    await page.getByTestId("save-settings").click();
    await page.getByTestId("settings-saved").waitFor();

    // Audit shows what was just done, filtered by action.
    await page.getByRole("tab", { name: "Audit" }).click();
    await page.getByTestId("audit-action").fill("invite.create");
    await page.getByTestId("audit-action").press("Enter");
    await expect.poll(async () => (await page.getByTestId("audit-entry").allTextContents()).every((line) => line.includes("invite.create"))).toBe(true);
    expect(await page.getByTestId("audit-entry").count()).toBeGreaterThan(0);
    await page.context().close();
  }, 120_000);
});
