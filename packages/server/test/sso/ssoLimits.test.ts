import { ACTION_BUDGETS } from "../../src/domain/limits.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ID, CLIENT_SECRET, TestProvider } from "../support/oidcProvider.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { CookieBrowser, openCallback, untilCallback } from "../support/ssoWalk.js";

const errorCode = (location: string | null) => (location ? new URL(location, "http://natter").searchParams.get("sso_error") : null);

describe("single sign-on under the default budgets", { timeout: 60_000 }, () => {
  let provider: TestProvider;
  let server: RunningNatter;

  beforeAll(async () => {
    provider = await TestProvider.start();
    server = await startNatter({
      messagesPerSecond: 20,
      signupRate: 10,
      oidcIssuer: provider.issuer,
      oidcClientId: CLIENT_ID,
      oidcClientSecret: CLIENT_SECRET,
      oidcAllowPrivate: true,
    });
    provider.trust(server.url);
    provider.account({ sub: "l-1", preferred_username: "lena" });
  });
  afterAll(async () => {
    await server.cleanup();
    await provider.close();
  });

  it("one address's starts and callbacks share a budget; past it both legs come back RATE_LIMITED", async () => {
    provider.signInAs("l-1");
    const browser = new CookieBrowser();
    // One whole sign-in spends two (start and callback).
    expect((await openCallback(browser, await untilCallback(browser, server.url))).location).toBe("/");
    const burst = ACTION_BUDGETS.ssoSignIns.burst;
    const starts = await Promise.all(Array.from({ length: burst }, () => new CookieBrowser().get(`${server.url}/api/auth/sso/start`)));
    const codes = starts.map((answer) => errorCode(answer.headers.get("location")));
    expect(codes.filter((code) => code === null).length).toBeGreaterThanOrEqual(burst - 3);
    expect(codes.filter((code) => code === "RATE_LIMITED").length).toBeGreaterThanOrEqual(2);
    const callback = await new CookieBrowser().get(`${server.url}/api/auth/sso/callback?code=x&state=y`);
    expect(errorCode(callback.headers.get("location"))).toBe("RATE_LIMITED");
  });
});
