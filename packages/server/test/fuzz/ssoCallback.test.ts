import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onBothStores } from "../notifications/bothStores.js";
import { CLIENT_ID, CLIENT_SECRET, TestProvider } from "../support/oidcProvider.js";
import type { RunningNatter } from "../support/server.js";
import { CookieBrowser, untilCallback } from "../support/ssoWalk.js";
import { NAUGHTY_STRINGS } from "./naughtyStrings.js";
import { watchProcess } from "./support/outcomes.js";

/**
 * The single sign-on callback with random answers, each from a browser that really started a sign-in (so the
 * binding cookie is good and the answer reaches openid-client): whatever comes back, no 5xx, no session, and a
 * refusal the app can word.
 */
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20_261_204);
const RUNS = Math.max(20, Math.round(Number(process.env.FUZZ_RUNS ?? 300) / 10));
const KNOWN = new Set(["SSO_REFUSED", "UNAVAILABLE"]);

onBothStores((store, start) => {
  describe(`fast-check on the single sign-on callback on ${store} (seed ${SEED}, ${RUNS} runs)`, { timeout: 120_000 }, () => {
    let provider: TestProvider;
    let server: RunningNatter;
    let done: () => Promise<void>;
    const watcher = watchProcess();

    beforeAll(async () => {
      provider = await TestProvider.start();
      ({ server, done } = await start({ oidcIssuer: provider.issuer, oidcClientId: CLIENT_ID, oidcClientSecret: CLIENT_SECRET, oidcAllowPrivate: true }));
      provider.trust(server.url);
      provider.account({ sub: "f-1", preferred_username: "fuzzer" });
      provider.signInAs("f-1");
    });
    afterAll(async () => {
      watcher.stop();
      await done();
      await provider.close();
    });

    const value = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(...NAUGHTY_STRINGS.filter((s) => s.length < 200)), fc.constant(""));
    const answer = fc.record(
      { code: value, state: fc.oneof(value, fc.constant("<genuine>")), iss: fc.oneof(value, fc.constant("<issuer>")), error: value, junk: value },
      { requiredKeys: [] },
    );

    it("never a 5xx and never a session, whatever the provider seems to answer", async () => {
      await fc.assert(
        fc.asyncProperty(answer, async (params) => {
          const browser = new CookieBrowser();
          const genuine = await untilCallback(browser, server.url);
          const query = new URLSearchParams();
          for (const [name, raw] of Object.entries(params)) {
            const replaced = raw === "<genuine>" ? (genuine.searchParams.get("state") ?? "") : raw === "<issuer>" ? provider.issuer : raw;
            query.set(name, replaced.toWellFormed());
          }
          const response = await browser.get(`${server.url}/api/auth/sso/callback?${query.toString()}`);
          const location = response.headers.get("location") ?? "";
          expect([response.status, location.startsWith("/?sso_error=")], `${query.toString()} → ${response.status} ${location}`).toEqual([302, true]);
          expect(KNOWN.has(new URL(location, server.url).searchParams.get("sso_error") ?? "")).toBe(true);
          expect(browser.cookie(new URL(server.url).host, "natter_session")).toBeUndefined();
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      expect(watcher.unhandled).toEqual([]);
    });
  });
});
