import { routes } from "@natter/protocol";
import { describe, expect, it } from "vitest";
import { NatterClient, NatterError } from "../src/index.js";
import { urlOf } from "../src/http.js";

const alice = {
  id: 1,
  username: "alice",
  kind: "member",
  role: "user",
  displayName: "Alice",
  avatarUrl: null,
  status: "",
  createdAt: "2026-01-01T00:00:00.000Z",
  deactivated: false,
};

/** A client whose every request gets this status and body, recording what was asked. */
function clientAnswering(status: number, body: unknown) {
  const asked: { method: string; url: string; body: unknown }[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    asked.push({ method: init?.method ?? "GET", url: String(url), body: init?.body });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { client: new NatterClient({ url: "http://natter.test/", fetch }), asked };
}

describe("REST calls from the route table", () => {
  it("fill the path's parameters, encoded, and add only the query values given", () => {
    const http = { baseUrl: "http://natter.test", fetch: globalThis.fetch, token: () => null };
    expect(urlOf(http, routes.removeMember, { params: { name: "design", username: "bob/../x" } })).toBe(
      "http://natter.test/api/rooms/design/members/bob%2F..%2Fx",
    );
    expect(urlOf(http, routes.history, { query: { room: "general", after: 5, before: undefined } })).toBe(
      "http://natter.test/api/messages?room=general&after=5",
    );
  });

  it("send the route's method and JSON body and return the parsed reply", async () => {
    const { client, asked } = clientAnswering(200, { user: alice, token: "t-1" });
    expect(await client.login("alice", "correct horse")).toEqual(alice);
    expect(client.token).toBe("t-1");
    expect(asked).toEqual([
      { method: "POST", url: "http://natter.test/api/auth/login", body: JSON.stringify({ username: "alice", password: "correct horse" }) },
    ]);
  });

  it("refuse a reply that does not match the protocol instead of handing it on", async () => {
    const { client } = clientAnswering(200, { rooms: [{ name: "general" }] });
    const error = await client.rooms().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NatterError);
    expect(error).toMatchObject({ code: "INTERNAL", message: expect.stringContaining("GET /api/rooms") });
  });

  it("turn the server's error body into a NatterError with its code and status", async () => {
    const { client } = clientAnswering(404, { error: { code: "NOT_FOUND", message: 'No room named "design"' } });
    await expect(client.roomInfo("design")).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  it("keep how long a rate-limited caller should wait", async () => {
    const { client } = clientAnswering(429, { error: { code: "RATE_LIMITED", message: "Slow down", retryAfterMs: 1_500 } });
    await expect(client.createRoom("design")).rejects.toMatchObject({ code: "RATE_LIMITED", status: 429, retryAfterMs: 1_500 });
  });

  it("treat a proxy's page in place of an error body as INTERNAL", async () => {
    const { client } = clientAnswering(502, "Bad gateway");
    await expect(client.rooms()).rejects.toMatchObject({ code: "INTERNAL", status: 502 });
  });

  it("tell how one may sign in, where a browser starts single sign-on, and where logout continues at the provider", async () => {
    const methods = { password: false, guests: false, registration: "closed" as const, sso: { name: "Acme SSO" } };
    expect(await clientAnswering(200, methods).client.signInMethods()).toEqual(methods);
    expect(clientAnswering(200, {}).client.ssoStartUrl()).toBe("http://natter.test/api/auth/sso/start");
    const endSessionUrl = "https://id.example.com/logout?id_token_hint=ey";
    expect(await clientAnswering(200, { ok: true, endSessionUrl }).client.logout()).toBe(endSessionUrl);
    expect(await clientAnswering(200, { ok: true }).client.logout()).toBeUndefined();
  });

  it("answer me() with null when nobody is logged in", async () => {
    const { client } = clientAnswering(401, { error: { code: "UNAUTHORIZED", message: "Log in first" } });
    expect(await client.me()).toBeNull();
  });
});
