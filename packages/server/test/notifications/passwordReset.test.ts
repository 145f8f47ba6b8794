import { NatterClient } from "@natter/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, type HttpAnswer } from "../support/http.js";
import type { RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { onBothStores } from "./bothStores.js";
import { linksOf, SmtpInbox } from "./smtpInbox.js";

const codeOf = (answer: HttpAnswer) => [answer.status, (answer.body as { error?: { code: string } }).error?.code];

onBothStores((store, start) => {
  describe(`email identity and password reset on ${store}`, { timeout: 30_000 }, () => {
    const inbox = new SmtpInbox();
    let server: RunningNatter;
    let done: () => Promise<void>;
    let now = 1_800_000_000_000;
    const suffix = store.toLowerCase();
    const alice = `alice-${suffix}@example.com`;
    const local = (link: string) => link.replace("https://chat.example.com", "");
    const tokenOfLink = (link: string) => new URL(link).searchParams.get("token") ?? "";

    beforeAll(async () => {
      const smtpUrl = await inbox.start();
      ({ server, done } = await start({ smtpUrl, publicUrl: "https://chat.example.com", clock: () => now }));
    });
    afterAll(async () => {
      await done();
      await inbox.stop();
    });

    const register = async (username: string, password: string) =>
      ((await http(server.url, "POST", "/api/auth/register", { body: { username, password } })).body as { token: string }).token;
    const login = (username: string, password: string) => http(server.url, "POST", "/api/auth/login", { body: { username, password } });
    const forgot = (email: string) => http(server.url, "POST", "/api/auth/forgot", { body: { email } });

    /** Adds the address and opens the mailed link. */
    async function verified(token: string, email: string) {
      await http(server.url, "PUT", "/api/me/email", { token, body: { email } });
      const mail = await eventually(() => {
        const [found] = inbox.to(email).filter((m) => m.subject?.includes("Confirm"));
        expect(found).toBeDefined();
        return found;
      });
      const link = linksOf(mail ?? ({} as never)).find((l) => l.includes("/api/email/verify")) ?? "";
      expect((await http(server.url, "GET", local(link))).status).toBe(200);
    }

    it("a verified address gets a one-time link; an unknown or unverified one the same answer and no mail", async () => {
      const token = await register("alice", "first password");
      await verified(token, alice);
      await register("bob", "first password");
      const bobToken = ((await login("bob", "first password")).body as { token: string }).token;
      await http(server.url, "PUT", "/api/me/email", { token: bobToken, body: { email: `bob-${suffix}@example.com` } });

      const known = await forgot(alice.toUpperCase());
      const unknown = await forgot(`nobody-${suffix}@example.com`);
      const unverified = await forgot(`bob-${suffix}@example.com`);
      for (const answer of [known, unknown, unverified]) expect([answer.status, answer.body]).toEqual([200, { ok: true }]);

      const mail = await eventually(() => {
        const [found] = inbox.to(alice).filter((m) => m.subject === "Reset your Natter password");
        expect(found).toBeDefined();
        return found;
      });
      expect(mail?.text).toContain('"alice"');
      expect(linksOf(mail ?? ({} as never)).some((link) => link.startsWith("https://chat.example.com/reset-password?token="))).toBe(true);
      expect(inbox.to(`nobody-${suffix}@example.com`)).toEqual([]);
      expect(inbox.to(`bob-${suffix}@example.com`).filter((m) => m.subject === "Reset your Natter password")).toEqual([]);
    });

    it("the link sets a new password once (no session: a second factor still applies) and ends every session with its open tabs", async () => {
      const tab = new NatterClient({ url: server.url, transports: ["websocket"] });
      await tab.login("alice", "first password");
      await tab.connect();
      let ended = false;
      tab.on("session_ended", () => void (ended = true));

      inbox.mails.length = 0;
      await forgot(alice);
      const mail = await eventually(() => {
        const [found] = inbox.to(alice);
        expect(found).toBeDefined();
        return found;
      });
      const token = tokenOfLink(linksOf(mail ?? ({} as never)).find((link) => link.includes("/reset-password?")) ?? "");
      expect(codeOf(await http(server.url, "POST", "/api/auth/reset-password", { body: { token, password: "short" } }))).toEqual([400, "BAD_REQUEST"]);
      expect((await http(server.url, "POST", "/api/auth/reset-password", { body: { token, password: "second password" } })).body).toEqual({ ok: true });
      await eventually(() => expect(ended).toBe(true), { timeoutMs: 5_000 });
      tab.close();
      expect(codeOf(await login("alice", "first password"))).toEqual([401, "INVALID_CREDENTIALS"]);
      expect((await login("alice", "second password")).status).toBe(200);
      expect(codeOf(await http(server.url, "POST", "/api/auth/reset-password", { body: { token, password: "third password" } }))).toEqual([400, "BAD_TOKEN"]);
    });

    it("a link is good for an hour, and a newer one voids it", async () => {
      inbox.mails.length = 0;
      await forgot(alice);
      const first = await eventually(() => {
        const [found] = inbox.to(alice);
        expect(found).toBeDefined();
        return tokenOfLink(linksOf(found ?? ({} as never)).find((link) => link.includes("/reset-password?")) ?? "");
      });
      await forgot(alice);
      const second = await eventually(() => {
        const [, found] = inbox.to(alice);
        expect(found).toBeDefined();
        return tokenOfLink(linksOf(found ?? ({} as never)).find((link) => link.includes("/reset-password?")) ?? "");
      });
      expect(codeOf(await http(server.url, "POST", "/api/auth/reset-password", { body: { token: first, password: "fourth password" } }))).toEqual([
        400,
        "BAD_TOKEN",
      ]);
      now += 3600_000;
      expect(codeOf(await http(server.url, "POST", "/api/auth/reset-password", { body: { token: second, password: "fourth password" } }))).toEqual([
        400,
        "BAD_TOKEN",
      ]);
    });

    it("changing the email ends the other sessions and closes their tabs; the one asking stays", async () => {
      const here = ((await login("alice", "second password")).body as { token: string }).token;
      const tab = new NatterClient({ url: server.url, transports: ["websocket"] });
      await tab.login("alice", "second password");
      await tab.connect();
      let ended = false;
      tab.on("session_ended", () => void (ended = true));
      await http(server.url, "PUT", "/api/me/email", { token: here, body: { email: `alice.new-${suffix}@example.com` } });
      await eventually(() => expect(ended).toBe(true), { timeoutMs: 5_000 });
      tab.close();
      expect((await http(server.url, "GET", "/api/me", { token: here })).status).toBe(200);
    });

    it("asking for links and using them too often from one address is refused with 429; the answer is still the same for any address", async () => {
      const answers: HttpAnswer[] = [];
      for (let i = 0; i < 12; i++) answers.push(await forgot(`someone-${i}@example.com`));
      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
      expect(new Set(statuses)).toEqual(new Set([200, 429]));
      expect(answers.find((answer) => answer.status === 429)?.headers.get("retry-after")).toBeTruthy();
      const guessed = await http(server.url, "POST", "/api/auth/reset-password", { body: { token: "guessed-0123456789", password: "a fine password" } });
      expect(codeOf(guessed)).toEqual([429, "RATE_LIMITED"]);
    });
  });
});
