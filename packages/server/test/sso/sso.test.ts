import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAudit } from "../../src/domain/audit.js";
import type { NatterOptions } from "../../src/index.js";
import { onBothStores } from "../notifications/bothStores.js";
import { http } from "../support/http.js";
import { CLIENT_ID, CLIENT_SECRET, TestProvider } from "../support/oidcProvider.js";
import type { RunningNatter } from "../support/server.js";
import { CookieBrowser, openCallback, untilCallback } from "../support/ssoWalk.js";

const PASSWORD = "correct horse battery";

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
    oidcModeratorValues: "natter-mods",
    ...extra,
  };
}

/** Signs in through the provider as `sub` in a fresh browser: where Natter sent it, and its session token. */
async function signIn(server: RunningNatter, provider: TestProvider, sub: string) {
  provider.signInAs(sub);
  const browser = new CookieBrowser();
  return openCallback(browser, await untilCallback(browser, server.url));
}

async function me(server: RunningNatter, token: string | undefined) {
  const answer = await http(server.url, "GET", "/api/me", { token });
  return (answer.body as { user: { id: number; username: string; role: string } }).user;
}

const errorCode = (location: string | null) => (location ? new URL(location, "http://natter").searchParams.get("sso_error") : null);

onBothStores((store, start) => {
  describe(`single sign-on on ${store}`, { timeout: 60_000 }, () => {
    let provider: TestProvider;
    let server: RunningNatter;
    let done: () => Promise<void>;

    beforeAll(async () => {
      // The provider answers nothing yet: Natter must start anyway.
      provider = await TestProvider.start();
      ({ server, done } = await start(ssoOptions(provider)));
    });
    afterAll(async () => {
      await done();
      await provider.close();
    });

    it("a provider that was down when Natter started is reached at the next sign-in", async () => {
      const down = await new CookieBrowser().get(`${server.url}/api/auth/sso/start`);
      expect([down.status, errorCode(down.headers.get("location")), down.headers.get("cache-control")]).toEqual([302, "UNAVAILABLE", "no-store"]);
      provider.trust(server.url);
      provider.account({ sub: "a-1", preferred_username: "alice", email: "alice@example.com", email_verified: true });
      const { location, session } = await signIn(server, provider, "a-1");
      expect(location).toBe("/");
      expect(await me(server, session)).toMatchObject({ username: "alice", role: "user" });
    });

    it("the log-in screen learns the provider's name, and that passwords and guests still work", async () => {
      const methods = await http(server.url, "GET", "/api/auth/methods");
      expect(methods.body).toEqual({ password: true, guests: true, registration: "open", sso: { name: "Test ID" } });
    });

    it("the same provider account signs in to the same account, even after its name changed there", async () => {
      const first = await me(server, (await signIn(server, provider, "a-1")).session);
      provider.account({ sub: "a-1", preferred_username: "alice.renamed", email: "alice@example.com", email_verified: true });
      const again = await me(server, (await signIn(server, provider, "a-1")).session);
      expect(again).toMatchObject({ id: first.id, username: "alice" });
    });

    it("a new account's name comes from the claim and is made valid and unique by the username rules", async () => {
      provider.account({ sub: "a-2", preferred_username: "ALICE", email_verified: false });
      provider.account({ sub: "a-3", preferred_username: "Ada Lovelace" });
      provider.account({ sub: "a-4", preferred_username: "аdmin" }); // a Cyrillic а: the reserved "admin" by its key
      provider.account({ sub: "a-5", email: "grace.hopper@example.com", email_verified: true });
      const names = [];
      for (const sub of ["a-2", "a-3", "a-4", "a-5"]) names.push((await me(server, (await signIn(server, provider, sub)).session)).username);
      expect(names).toEqual(["ALICE2", "Ada_Lovelace", "аdmin2", "grace.hopper"]);
    });

    it("links to the one account whose email both Natter and the provider have verified", async () => {
      const registered = await http(server.url, "POST", "/api/auth/register", { body: { username: "carol", password: PASSWORD } });
      const carol = (registered.body as { user: { id: number } }).user;
      await server.natter.domain.store.updateUser(carol.id, { email: "Carol@Example.com", email_verified_at: Date.now() });
      provider.account({ sub: "c-1", preferred_username: "carol.sso", email: "carol@example.com", email_verified: true });
      const viaSso = await me(server, (await signIn(server, provider, "c-1")).session);
      expect(viaSso).toMatchObject({ id: carol.id, username: "carol" });
      const [linked] = await readAudit(server.natter.domain, { action: "sso.link", limit: 10 });
      expect(linked).toMatchObject({ actor: "system", target: "carol", details: { issuer: provider.issuer, by: "email" } });
      // The password still opens the account too.
      expect((await http(server.url, "POST", "/api/auth/login", { body: { username: "carol", password: PASSWORD } })).status).toBe(200);
    });

    it("never links on an email Natter has not verified, nor on one the provider has not", async () => {
      const dave = (await http(server.url, "POST", "/api/auth/register", { body: { username: "dave", password: PASSWORD } })).body as { user: { id: number } };
      await server.natter.domain.store.updateUser(dave.user.id, { email: "dave@example.com", email_verified_at: null });
      provider.account({ sub: "d-1", preferred_username: "dave", email: "dave@example.com", email_verified: true });
      const notDave = await me(server, (await signIn(server, provider, "d-1")).session);
      expect(notDave.id).not.toBe(dave.user.id);
      expect(notDave.username).toBe("dave2");

      const erin = (await http(server.url, "POST", "/api/auth/register", { body: { username: "erin", password: PASSWORD } })).body as { user: { id: number } };
      await server.natter.domain.store.updateUser(erin.user.id, { email: "erin@example.com", email_verified_at: Date.now() });
      provider.account({ sub: "e-1", preferred_username: "erin", email: "erin@example.com", email_verified: false });
      const notErin = await me(server, (await signIn(server, provider, "e-1")).session);
      expect(notErin.id).not.toBe(erin.user.id);
    });

    it("an address that moved to a new subject at the provider does not bring the old account with it", async () => {
      // nina's account got its verified email from her first sign-in; later the provider gives it to a newcomer.
      provider.account({ sub: "n-1", preferred_username: "nina", email: "nina@example.com", email_verified: true });
      const nina = await me(server, (await signIn(server, provider, "n-1")).session);
      provider.account({ sub: "n-2", preferred_username: "nina.new", email: "nina@example.com", email_verified: true });
      const newcomer = await me(server, (await signIn(server, provider, "n-2")).session);
      expect(newcomer.id).not.toBe(nina.id);
      expect(newcomer.username).toBe("nina.new");
    });

    it("a deactivated account is refused through the provider too, and signs in again once reactivated", async () => {
      provider.account({ sub: "deactivated-1", preferred_username: "dora" });
      const first = await me(server, (await signIn(server, provider, "deactivated-1")).session);
      const { domain } = server.natter;
      await domain.store.setDeactivated(first.id, domain.now());
      const refused = await signIn(server, provider, "deactivated-1");
      expect([errorCode(refused.location), refused.session]).toEqual(["ACCOUNT_DISABLED", undefined]);
      const logged = await readAudit(domain, { action: "login.refused", limit: 5 });
      expect(logged.map((entry) => [entry.target, entry.details.via])).toContainEqual([first.username, "sso"]);
      await domain.store.setDeactivated(first.id, null);
      expect(await me(server, (await signIn(server, provider, "deactivated-1")).session)).toMatchObject({ id: first.id });
    });

    it("the groups claim sets the server role at every sign-in, both ways", async () => {
      provider.account({ sub: "r-1", preferred_username: "rita", groups: ["staff", "natter-admins"] });
      expect(await me(server, (await signIn(server, provider, "r-1")).session)).toMatchObject({ username: "rita", role: "admin" });
      provider.account({ sub: "r-1", preferred_username: "rita", groups: ["natter-mods"] });
      expect(await me(server, (await signIn(server, provider, "r-1")).session)).toMatchObject({ role: "moderator" });
      provider.account({ sub: "r-1", preferred_username: "rita", groups: [] });
      expect(await me(server, (await signIn(server, provider, "r-1")).session)).toMatchObject({ role: "user" });
      // Unchanged, it is not written again; each change is in the audit log, by the system.
      expect(await me(server, (await signIn(server, provider, "r-1")).session)).toMatchObject({ role: "user" });
      const changes = await readAudit(server.natter.domain, { action: "sso.role", limit: 10 });
      expect(changes.map((entry) => [entry.actor, entry.target, entry.details.from, entry.details.to])).toEqual([
        ["system", "rita", "moderator", "user"],
        ["system", "rita", "admin", "moderator"],
        ["system", "rita", "user", "admin"],
      ]);
    });

    it("a changed state is refused, and so is the callback a second time", async () => {
      provider.signInAs("a-1");
      const browser = new CookieBrowser();
      const callback = await untilCallback(browser, server.url);
      const tampered = new URL(callback);
      tampered.searchParams.set("state", "an-attackers-state");
      const refused = await openCallback(browser, tampered);
      expect([errorCode(refused.location), refused.session]).toEqual(["SSO_REFUSED", undefined]);
      // The sign-in was spent by the refused try: the genuine answer does not work after it either.
      expect(errorCode((await openCallback(browser, callback)).location)).toBe("SSO_REFUSED");
    });

    it("an ID token carrying another nonce than the one sent is refused", async () => {
      provider.signInAs("a-1");
      const browser = new CookieBrowser();
      const { url: authorization } = await browser.follow(`${server.url}/api/auth/sso/start`, (next) => next.origin === provider.issuer);
      expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
      expect(authorization.searchParams.get("nonce")).toBeTruthy();
      authorization.searchParams.set("nonce", "an-attackers-nonce");
      const { url: callback } = await browser.follow(authorization.href, (next) => next.pathname === "/api/auth/sso/callback");
      const refused = await openCallback(browser, callback);
      expect([errorCode(refused.location), refused.session]).toEqual(["SSO_REFUSED", undefined]);
    });

    it("a callback reaching another browser (no binding cookie) is refused: nobody is signed in to someone else's account", async () => {
      provider.signInAs("a-1");
      const victim = new CookieBrowser();
      const callback = await untilCallback(new CookieBrowser(), server.url);
      const refused = await openCallback(victim, callback);
      expect([errorCode(refused.location), refused.session]).toEqual(["SSO_REFUSED", undefined]);
    });

    it("an error from the provider and a made-up code are refused", async () => {
      provider.signInAs("a-1");
      const browser = new CookieBrowser();
      const callback = await untilCallback(browser, server.url);
      const denied = new URL(`${server.url}/api/auth/sso/callback`);
      denied.searchParams.set("error", "access_denied");
      denied.searchParams.set("state", callback.searchParams.get("state") ?? "");
      denied.searchParams.set("iss", provider.issuer);
      expect(errorCode((await openCallback(browser, denied)).location)).toBe("SSO_REFUSED");

      const second = new CookieBrowser();
      const genuine = await untilCallback(second, server.url);
      genuine.searchParams.set("code", "made-up-code");
      expect(errorCode((await openCallback(second, genuine)).location)).toBe("SSO_REFUSED");
    });

    it("logging out ends the session and points to the provider's logout with the ID token as hint", async () => {
      const { session } = await signIn(server, provider, "a-1");
      const out = await http(server.url, "POST", "/api/auth/logout", { token: session });
      const endSession = new URL((out.body as { endSessionUrl: string }).endSessionUrl);
      expect(`${endSession.origin}${endSession.pathname}`).toBe(`${provider.issuer}/session/end`);
      expect(endSession.searchParams.get("id_token_hint")).toMatch(/^ey/);
      expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${server.url}/`);
      expect((await http(server.url, "GET", "/api/me", { token: session })).status).toBe(401);

      const password = (await http(server.url, "POST", "/api/auth/login", { body: { username: "carol", password: PASSWORD } })).body as { token: string };
      expect((await http(server.url, "POST", "/api/auth/logout", { token: password.token })).body).toEqual({ ok: true });
    });
  });

  describe(`single sign-on only (OIDC_ONLY) on ${store}`, { timeout: 60_000 }, () => {
    let provider: TestProvider;
    let server: RunningNatter;
    let done: () => Promise<void>;

    beforeAll(async () => {
      provider = await TestProvider.start();
      ({ server, done } = await start(ssoOptions(provider, { oidcOnly: true })));
      provider.trust(server.url);
    });
    afterAll(async () => {
      await done();
      await provider.close();
    });

    it("refuses passwords, registration, guests and the setup link with one code, and signs in through the provider", async () => {
      const refused = [
        await http(server.url, "POST", "/api/auth/register", { body: { username: "pat", password: PASSWORD } }),
        await http(server.url, "POST", "/api/auth/login", { body: { username: "pat", password: PASSWORD } }),
        await http(server.url, "POST", "/api/auth/guest", { body: { username: "pat" } }),
        await http(server.url, "POST", "/api/setup", { body: { token: "any", username: "pat", password: PASSWORD } }),
      ];
      expect(refused.map((answer) => [answer.status, (answer.body as { error: { code: string } }).error.code])).toEqual(
        Array(4).fill([403, "PASSWORD_LOGIN_DISABLED"]),
      );
      expect((await http(server.url, "GET", "/api/auth/methods")).body).toEqual({
        password: false,
        guests: false,
        registration: "closed",
        sso: { name: "Test ID" },
      });
      provider.account({ sub: "p-1", preferred_username: "pat", groups: ["natter-admins"] });
      expect(await me(server, (await signIn(server, provider, "p-1")).session)).toMatchObject({ username: "pat", role: "admin" });
    });
  });
});

describe("without a provider", () => {
  it("the start and the callback answer SSO_DISABLED, and the log-in screen offers no button", async () => {
    const { startNatter } = await import("../support/server.js");
    const server = await startNatter();
    try {
      const started = await new CookieBrowser().get(`${server.url}/api/auth/sso/start`);
      expect(errorCode(started.headers.get("location"))).toBe("SSO_DISABLED");
      const callback = await new CookieBrowser().get(`${server.url}/api/auth/sso/callback?code=x&state=y`);
      expect(errorCode(callback.headers.get("location"))).toBe("SSO_DISABLED");
      expect((await http(server.url, "GET", "/api/auth/methods")).body).toEqual({ password: true, guests: true, registration: "open", sso: null });
    } finally {
      await server.cleanup();
    }
  });
});
