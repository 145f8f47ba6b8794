import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNatter, type RunningNatter } from "../support/server.js";
import { call, guestToken } from "./support/api.js";

/** What a browser must be told on every page and every API answer. */
function protections(headers: Headers): string[] {
  const missing: string[] = [];
  const policy = headers.get("content-security-policy") ?? "";
  const scripts =
    policy
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src ")) ??
    policy
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("default-src ")) ??
    "";
  if (!scripts) missing.push("a CSP that limits scripts");
  if (/'unsafe-inline'|'unsafe-eval'|\*/.test(scripts)) missing.push(`scripts limited without unsafe-inline (got "${scripts}")`);
  if (headers.get("x-content-type-options") !== "nosniff") missing.push("X-Content-Type-Options: nosniff");
  if (!headers.get("referrer-policy")) missing.push("Referrer-Policy");
  const framed = /frame-ancestors 'none'|frame-ancestors 'self'/.test(policy) || /^(DENY|SAMEORIGIN)$/i.test(headers.get("x-frame-options") ?? "");
  if (!framed) missing.push("frame protection");
  return missing;
}

describe("security headers", () => {
  let server: RunningNatter;
  let webRoot: string;
  let token: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), "natter-web-"));
    writeFileSync(join(webRoot, "index.html"), '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>');
    server = await startNatter({ webRoot });
    token = await guestToken(server.url, "header-reader");
  });
  afterAll(async () => {
    await server.cleanup();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it("every page of the web app and the API docs forbid inline scripts, sniffing, framing and leaky referrers", async () => {
    const pages = ["/", "/index.html", "/rooms/general", "/some/deep/client/route?x=<script>", "/api/docs", "/api/docs/static/index.html"];
    const problems: string[] = [];
    for (const path of pages) {
      const answer = await call(server.url, { method: "GET", path });
      if (answer.status >= 400) problems.push(`${path}: status ${answer.status}`);
      for (const missing of protections(answer.headers)) problems.push(`${path}: ${answer.headers.get("content-type")} lacks ${missing}`);
    }
    expect(problems).toEqual([]);
  });

  it("every API answer, refusals included, carries the same protections and is JSON", async () => {
    const answers = [
      await call(server.url, { method: "GET", path: "/api/me", token }),
      await call(server.url, { method: "GET", path: "/api/me" }),
      await call(server.url, { method: "GET", path: "/api/rooms", token }),
      await call(server.url, { method: "GET", path: "/api/no-such-route" }),
      await call(server.url, { method: "POST", path: "/api/rooms", token, raw: "{not json" }),
      await call(server.url, { method: "POST", path: "/api/rooms", token, headers: { origin: "https://evil.example" }, body: { name: "x1" } }),
      await call(server.url, { method: "GET", path: "/api/openapi.json" }),
      await call(server.url, { method: "GET", path: "/healthz" }),
    ];
    const problems = answers.flatMap((answer, i) => [
      ...protections(answer.headers).map((missing) => `answer ${i} (${answer.status}) lacks ${missing}`),
      ...(answer.headers.get("content-type")?.startsWith("application/json") ? [] : [`answer ${i} is ${answer.headers.get("content-type")}`]),
    ]);
    expect(problems).toEqual([]);
    // A page on another site may not spend the visitor's credentials on a state-changing request.
    expect({ status: answers[5]?.status, body: answers[5]?.body }).toEqual({
      status: 403,
      body: { error: { code: "FORBIDDEN", message: "Cross-origin request refused" } },
    });
  });

  it("the session cookie is HttpOnly, SameSite=Lax and scoped to the site, and not Secure over plain HTTP", async () => {
    const answer = await call(server.url, { method: "POST", path: "/api/auth/guest", body: { username: "cookie-eater" } });
    const cookie = answer.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^natter_session=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
    // An untrusted X-Forwarded-Proto changes nothing: only TRUST_PROXY lets a load balancer speak for the scheme.
    const forged = await call(server.url, {
      method: "POST",
      path: "/api/auth/guest",
      body: { username: "cookie-forger" },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(forged.headers.get("set-cookie")).not.toMatch(/;\s*Secure/i);
  });
});

describe("behind a TLS-terminating load balancer (TRUST_PROXY)", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter({ trustProxy: true })));
  afterAll(() => server.cleanup());

  it("the session cookie is also Secure when the balancer says the visitor came over HTTPS", async () => {
    const answer = await call(server.url, {
      method: "POST",
      path: "/api/auth/guest",
      body: { username: "tls-visitor" },
      headers: { "x-forwarded-proto": "https" },
    });
    const cookie = answer.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    const login = await call(server.url, { method: "POST", path: "/api/auth/logout", token: undefined, headers: { "x-forwarded-proto": "https" } });
    expect(login.status).toBe(401);
  });
});

describe("upgrade-insecure-requests", () => {
  let plain: RunningNatter;
  let behindProxy: RunningNatter;
  beforeAll(async () => {
    plain = await startNatter();
    behindProxy = await startNatter({ trustProxy: true });
  });
  afterAll(async () => {
    await plain.cleanup();
    await behindProxy.cleanup();
  });

  const policy = async (server: RunningNatter, headers: Record<string, string> = {}) =>
    (await call(server.url, { method: "GET", path: "/", headers })).headers.get("content-security-policy") ?? "";

  it("is not sent over plain HTTP, where it would blank the app for anyone on a LAN address", async () => {
    expect(await policy(plain)).toContain("script-src 'self'");
    expect(await policy(plain)).not.toContain("upgrade-insecure-requests");
    // Without TRUST_PROXY a client cannot claim TLS for itself.
    expect(await policy(plain, { "x-forwarded-proto": "https" })).not.toContain("upgrade-insecure-requests");
  });

  it("is sent when a trusted proxy says the request came over TLS", async () => {
    expect(await policy(behindProxy, { "x-forwarded-proto": "https" })).toContain("upgrade-insecure-requests");
    expect(await policy(behindProxy, { "x-forwarded-proto": "http" })).not.toContain("upgrade-insecure-requests");
  });
});
