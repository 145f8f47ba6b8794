import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NatterOptions } from "../../../server/src/index.js";
import { CLIENT_ID, CLIENT_SECRET, TestProvider } from "../../../server/test/support/oidcProvider.js";
import { chromiumSkipReason, openWebApp, personContext } from "./support/browser.js";

const UI_TIMEOUT = 15_000;
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

function ssoOptions(provider: TestProvider, extra: NatterOptions = {}): NatterOptions {
  return {
    oidcIssuer: provider.issuer,
    oidcClientId: CLIENT_ID,
    oidcClientSecret: CLIENT_SECRET,
    oidcName: "Test ID",
    oidcScopes: "openid profile email groups",
    oidcAllowPrivate: true,
    oidcRolesClaim: "groups",
    oidcAdminValues: "natter-admins",
    ...extra,
  };
}

type Me = { id: number; username: string; role: string };
const meIn = (page: Page) => page.evaluate(async () => ((await (await fetch("/api/me")).json()) as { user: Me }).user);

/** A fresh browser (no session at the provider either) on the log-in screen. */
async function visitor(browser: Browser, url: string, locale = "en-US"): Promise<Page> {
  const context = locale === "en-US" ? await personContext(browser) : await browser.newContext({ locale });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(url);
  return page;
}

describe.skipIf(chromiumSkipReason)("single sign-on in Chromium, against a real OpenID provider", { timeout: 60_000 }, () => {
  let provider: TestProvider;
  let app: Awaited<ReturnType<typeof openWebApp>>;
  beforeAll(async () => {
    provider = await TestProvider.start();
    app = await openWebApp(ssoOptions(provider));
    provider.trust(app.server.url);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it("a newcomer signs in by keyboard with the button, gets an account named by the claim, and the screen passes axe", async () => {
    provider.account({ sub: "n-1", preferred_username: "nina", email: "nina@example.com", email_verified: true });
    provider.signInAs("n-1");
    const page = await visitor(app.browser, app.server.url);
    const button = page.getByRole("link", { name: "Sign in with Test ID" });
    await button.waitFor();
    expect(await axeViolations(page, "[data-testid=login-form]")).toEqual([]);
    await button.focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("room-title").waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await meIn(page)).toMatchObject({ username: "nina", role: "user" });
    await page.context().close();
  });

  it("links to the account whose email both sides verified, and not to one whose email Natter never verified", async () => {
    const carol = (await (
      await fetch(`${app.server.url}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "carol", password: PASSWORD }),
      })
    ).json()) as { user: Me };
    await app.server.natter.domain.store.updateUser(carol.user.id, { email: "carol@example.com", email_verified_at: Date.now() });
    provider.account({ sub: "c-1", preferred_username: "carol-at-work", email: "carol@example.com", email_verified: true });
    provider.signInAs("c-1");
    const page = await visitor(app.browser, app.server.url);
    await page.getByTestId("login-sso").click();
    await page.getByTestId("room-title").waitFor();
    expect(await meIn(page)).toMatchObject({ id: carol.user.id, username: "carol" });
    await page.context().close();

    const dave = (await (
      await fetch(`${app.server.url}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "dave", password: PASSWORD }),
      })
    ).json()) as { user: Me };
    await app.server.natter.domain.store.updateUser(dave.user.id, { email: "dave@example.com", email_verified_at: null });
    provider.account({ sub: "d-1", preferred_username: "dave", email: "dave@example.com", email_verified: true });
    provider.signInAs("d-1");
    const other = await visitor(app.browser, app.server.url);
    await other.getByTestId("login-sso").click();
    await other.getByTestId("room-title").waitFor();
    const signedIn = await meIn(other);
    expect(signedIn.id).not.toBe(dave.user.id);
    expect(signedIn.username).toBe("dave2");
    await other.context().close();
  });

  it("the groups claim makes an admin, and logging out ends the provider's session too", async () => {
    provider.account({ sub: "r-1", preferred_username: "rita", groups: ["natter-admins"] });
    provider.signInAs("r-1");
    const page = await visitor(app.browser, app.server.url);
    await page.getByTestId("login-sso").click();
    await page.getByTestId("room-title").waitFor();
    expect(await meIn(page)).toMatchObject({ username: "rita", role: "admin" });

    await page.getByTestId("logout").click();
    // RP-initiated logout: the provider asks, then sends the browser back to Natter's log-in screen.
    await page.getByRole("button", { name: "Yes, sign me out" }).click();
    await page.getByRole("link", { name: "Sign in with Test ID" }).waitFor();
    expect(new URL(page.url()).origin).toBe(app.server.url);
    expect(await page.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);
    await page.context().close();
  });

  it("a changed state or nonce is refused, in the reader's language, and nobody is signed in", async () => {
    provider.account({ sub: "t-1", preferred_username: "tess" });
    provider.signInAs("t-1");
    provider.tamperNext({ state: "an-attackers-state" });
    const page = await visitor(app.browser, app.server.url);
    await page.getByTestId("login-sso").click();
    await expect
      .poll(() => page.getByTestId("sso-error").textContent(), { timeout: UI_TIMEOUT })
      .toBe("The sign-in was refused or has expired. Please try again.");
    expect(page.url()).not.toContain("sso_error");
    expect(await page.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);
    await page.context().close();

    provider.tamperNext({ nonce: "an-attackers-nonce" });
    const chinese = await visitor(app.browser, app.server.url, "zh-CN");
    await chinese.getByRole("link", { name: "使用 Test ID 登录" }).click();
    await expect.poll(() => chinese.getByTestId("sso-error").textContent(), { timeout: UI_TIMEOUT }).toBe("登录被拒绝或已过期，请重试。");
    expect(await chinese.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);
    await chinese.context().close();
  });
});

describe.skipIf(chromiumSkipReason)("a single-sign-on-only server (OIDC_ONLY) in Chromium", { timeout: 60_000 }, () => {
  let provider: TestProvider;
  let app: Awaited<ReturnType<typeof openWebApp>>;
  beforeAll(async () => {
    provider = await TestProvider.start();
    app = await openWebApp(ssoOptions(provider, { oidcOnly: true }));
    provider.trust(app.server.url);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it("shows only the provider's button (no name, password or guest), passes axe, and signs in through it", async () => {
    provider.account({ sub: "o-1", preferred_username: "olga" });
    provider.signInAs("o-1");
    const page = await visitor(app.browser, app.server.url);
    await page.getByText("This server signs in through single sign-on only.").waitFor();
    expect(await page.getByTestId("login-username").count()).toBe(0);
    expect(await page.getByTestId("login-password").count()).toBe(0);
    expect(await page.getByTestId("login-guest").count()).toBe(0);
    expect(await axeViolations(page, "[data-testid=login-form]")).toEqual([]);
    await page.getByRole("link", { name: "Sign in with Test ID" }).click();
    await page.getByTestId("room-title").waitFor();
    expect(await meIn(page)).toMatchObject({ username: "olga" });
    await page.context().close();
  });
});
