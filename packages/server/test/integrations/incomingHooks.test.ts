import type { Message } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onBothStores } from "../notifications/bothStores.js";
import { guestToken, http } from "../support/http.js";
import type { RunningNatter } from "../support/server.js";
import { adminToken } from "./cast.js";

interface Created {
  hook: { id: number; name: string; emoji: string };
  url: string;
}

onBothStores((store, start) => {
  describe(`incoming webhooks on ${store}`, { timeout: 30_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let alice = "";
    let bob = "";
    let operator = "";

    beforeAll(async () => {
      // Rate limits on (the other suites lift them), so a hook's own budget shows.
      ({ server, done } = await start({ messagesPerSecond: 50 }));
      operator = await adminToken(server, "operator");
      alice = await guestToken(server.url, "alice");
      bob = await guestToken(server.url, "bob");
      await http(server.url, "POST", "/api/rooms", { token: alice, body: { name: "alerts" } });
      await http(server.url, "POST", "/api/rooms/alerts/join", { token: bob });
    });
    afterAll(() => done());

    const makeHook = async (name = "Grafana") => {
      const answer = await http(server.url, "POST", "/api/rooms/alerts/hooks", { token: alice, body: { name, emoji: "📈" } });
      expect(answer.status).toBe(201);
      return answer.body as Created;
    };
    const path = (url: string) => new URL(url).pathname;
    const latest = async () => {
      const page = (await http(server.url, "GET", "/api/messages?room=alerts", { token: bob })).body as { messages: Message[] };
      return page.messages.at(-1);
    };

    it("a room owner makes a hook whose secret URL posts Slack's payload as a card, answered `ok` like Slack", async () => {
      const { hook, url } = await makeHook();
      expect(url).toMatch(new RegExp(`/hooks/${hook.id}/[A-Za-z0-9_-]{40,}$`));
      const payload = {
        text: "Disk <https://grafana.example.com/d/1|almost full> &amp; rising",
        username: "grafana-bot",
        icon_emoji: ":chart:",
        attachments: [
          {
            fallback: "disk 91%",
            color: "danger",
            pretext: "Alert firing",
            title: "Disk usage",
            title_link: "javascript:alert(1)",
            text: "host-1 at 91%",
            fields: [{ title: "Host", value: "host-1", short: true }],
            footer: "Grafana",
            image_url: "https://example.com/x.png",
          },
        ],
        blocks: [
          { type: "header", text: { type: "plain_text", text: "Disk alert" } },
          { type: "section", text: { type: "mrkdwn", text: "*host-1* is at 91%" } },
          { type: "divider" },
          {
            type: "context",
            elements: [
              { type: "mrkdwn", text: "from Grafana" },
              { type: "image", image_url: "https://x", alt_text: "x" },
            ],
          },
          { type: "actions", elements: [] },
        ],
      };
      const answer = await http(server.url, "POST", path(url), { body: payload });
      expect(answer).toMatchObject({ status: 200, body: "ok" });
      expect(answer.headers.get("content-type")).toContain("text/plain");
      const message = await latest();
      expect(message?.text).toBe("Disk [almost full](https://grafana.example.com/d/1) & rising");
      expect(message?.author.username).toBe("alice");
      expect(message?.card).toEqual({
        via: "webhook",
        username: "grafana-bot",
        iconEmoji: ":chart:",
        attachments: [
          {
            fallback: "disk 91%",
            color: "danger",
            pretext: "Alert firing",
            title: "Disk usage",
            text: "host-1 at 91%",
            fields: [{ title: "Host", value: "host-1", short: true }],
            footer: "Grafana",
          },
        ],
        blocks: [
          { type: "header", text: { type: "plain_text", text: "Disk alert" } },
          { type: "section", text: { type: "mrkdwn", text: "*host-1* is at 91%" }, fields: [] },
          { type: "divider" },
          { type: "context", elements: [{ type: "mrkdwn", text: "from Grafana" }] },
        ],
      });
    });

    it("accepts the payload form-encoded in a `payload` field, and uses the hook's name and emoji when the post names none", async () => {
      const { url } = await makeHook("CI");
      const form = new URLSearchParams({ payload: JSON.stringify({ attachments: [{ fallback: "build 42 passed", color: "good" }] }) }).toString();
      const answer = await http(server.url, "POST", path(url), { raw: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
      expect(answer).toMatchObject({ status: 200, body: "ok" });
      const message = await latest();
      expect(message?.text).toBe("build 42 passed");
      expect(message?.card).toMatchObject({ via: "webhook", username: "CI", iconEmoji: "📈", attachments: [{ fallback: "build 42 passed", color: "good" }] });
    });

    it("refuses bad payloads with 400 and a code, and a wrong secret or unknown hook as not found", async () => {
      const { hook, url } = await makeHook();
      const bad = [
        { body: {} },
        { body: { text: 42 } },
        { body: { attachments: "nope" } },
        { body: { blocks: [{ type: "section", text: { type: "html", text: "<b>" } }] } },
        { body: { text: "x".repeat(41_000) } },
        { raw: "payload=%7Bnot-json", headers: { "content-type": "application/x-www-form-urlencoded" } },
        { body: { text: "big card", attachments: Array.from({ length: 20 }, () => ({ text: "y".repeat(2_000) })) } },
      ];
      for (const request of bad) {
        const answer = await http(server.url, "POST", path(url), request);
        expect(answer.status, JSON.stringify(answer.body)).toBe(400);
        expect((answer.body as { error: { code: string } }).error.code).toMatch(/^(INVALID_PAYLOAD|BAD_REQUEST)$/);
      }
      const tooLong = await http(server.url, "POST", path(url), { body: { text: "z".repeat(5_000) } });
      expect((tooLong.body as { error: { code: string } }).error.code).toBe("MESSAGE_TOO_LONG");
      const wrong = await http(server.url, "POST", `/hooks/${hook.id}/not-the-secret`, { body: { text: "hi" } });
      const unknown = await http(server.url, "POST", `/hooks/999999/not-the-secret`, { body: { text: "hi" } });
      expect(wrong.status).toBe(404);
      expect(unknown).toMatchObject({ status: 404, body: wrong.body });
    });

    it("a rotated secret retires the old URL at once, and a deleted hook posts nothing", async () => {
      const { hook, url } = await makeHook();
      const rotated = await http(server.url, "POST", `/api/rooms/alerts/hooks/${hook.id}/rotate`, { token: alice });
      const next = (rotated.body as Created).url;
      expect(next).not.toBe(url);
      expect((await http(server.url, "POST", path(url), { body: { text: "old" } })).status).toBe(404);
      expect((await http(server.url, "POST", path(next), { body: { text: "new" } })).status).toBe(200);
      const listed = (await http(server.url, "GET", "/api/rooms/alerts/hooks", { token: alice })).body as {
        hooks: { id: number; lastUsedAt: string | null }[];
      };
      expect(listed.hooks.find((h) => h.id === hook.id)?.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(listed)).not.toContain(path(next).split("/").at(-1));
      expect((await http(server.url, "DELETE", `/api/rooms/alerts/hooks/${hook.id}`, { token: alice })).status).toBe(200);
      expect((await http(server.url, "POST", path(next), { body: { text: "gone" } })).status).toBe(404);
    });

    it("only the room's owners and admins manage its hooks", async () => {
      const { hook } = await makeHook();
      expect((await http(server.url, "POST", "/api/rooms/alerts/hooks", { token: bob, body: { name: "mine" } })).status).toBe(403);
      expect((await http(server.url, "GET", "/api/rooms/alerts/hooks", { token: bob })).status).toBe(403);
      expect((await http(server.url, "POST", `/api/rooms/alerts/hooks/${hook.id}/rotate`, { token: bob })).status).toBe(403);
      expect((await http(server.url, "DELETE", `/api/rooms/alerts/hooks/${hook.id}`, { token: bob })).status).toBe(403);
    });

    it("each hook has its own rate budget: a burst past it is refused with 429, another hook still posts", async () => {
      const { url } = await makeHook("storm");
      const answers = [];
      for (let i = 0; i < 40; i++) answers.push((await http(server.url, "POST", path(url), { body: { text: `alert ${i}` } })).status);
      expect(answers.filter((status) => status === 200).length).toBeGreaterThanOrEqual(30);
      expect(answers).toContain(429);
      const other = await makeHook("calm");
      expect((await http(server.url, "POST", path(other.url), { body: { text: "still fine" } })).status).toBe(200);
    });

    it("every post and every hook made is in the audit log, with the address it came from", async () => {
      const audit = (await http(server.url, "GET", "/api/admin/audit?limit=100", { token: operator })).body as {
        entries: { action: string; address: string; actor: unknown }[];
      };
      const actions = audit.entries.map((entry) => entry.action);
      expect(actions).toContain("incoming_hook.post");
      expect(actions).toContain("incoming_hook.create");
      expect(actions).toContain("incoming_hook.rotate");
      expect(actions).toContain("incoming_hook.delete");
      expect(audit.entries.find((entry) => entry.action === "incoming_hook.post")?.address).toMatch(/127\.0\.0\.1/);
    });
  });
});
