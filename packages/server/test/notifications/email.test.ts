import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guestToken, http } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { onBothStores } from "./bothStores.js";
import { eventually } from "../support/wait.js";
import { linksOf, SmtpInbox } from "./smtpInbox.js";

onBothStores((store, start) => {
  describe(`email of what was missed on ${store}`, { timeout: 30_000 }, () => {
    const inbox = new SmtpInbox();
    let server: RunningNatter;
    let done: () => Promise<void>;
    const tokens: Record<string, string> = {};
    const as = (name: string) => ({ token: tokens[name] });
    const dave = `dave-${store.toLowerCase()}@example.com`;
    /** A path from a link of an email, asked of the server under test (links carry PUBLIC_URL). */
    const local = (link: string) => link.replace("https://chat.example.com", "");

    beforeAll(async () => {
      const smtpUrl = await inbox.start();
      ({ server, done } = await start({ smtpUrl, mailFrom: "Natter <natter@example.com>", emailNotifyDelayMin: 0, publicUrl: "https://chat.example.com" }));
      for (const name of ["alice", "dave"]) tokens[name] = await guestToken(server.url, name);
    });
    afterAll(async () => {
      await done();
      await inbox.stop();
    });

    it("a bad address gets a 400 with a code", async () => {
      const answer = await http(server.url, "PUT", "/api/me/email", { ...as("dave"), body: { email: "dave at example" } });
      expect([answer.status, (answer.body as { error: { code: string } }).error.code]).toEqual([400, "BAD_EMAIL"]);
    });

    it("dave adds an address, opens the mailed link once, and it is verified; the link does not work twice", async () => {
      const set = await http(server.url, "PUT", "/api/me/email", { ...as("dave"), body: { email: dave, language: "zh-CN" } });
      expect(set.body).toMatchObject({ email: dave, emailVerified: false, emailAvailable: true });
      await eventually(() => expect(inbox.to(dave)).toHaveLength(1));
      const [verification] = inbox.to(dave);
      expect(verification?.subject).toBe("确认你在 Natter 的邮箱地址");
      const link = linksOf(verification ?? ({} as never)).find((l) => l.includes("/api/email/verify"));
      expect(link).toBeDefined();
      const opened = await http(server.url, "GET", local(link ?? ""));
      expect(opened.status).toBe(200);
      expect((await http(server.url, "GET", "/api/me/notifications", as("dave"))).body).toMatchObject({ emailVerified: true });
      expect((await http(server.url, "GET", local(link ?? ""))).status).toBe(400);
    });

    it("a DM and a mention left unread arrive as one email in dave's language, with links and a one-click unsubscribe", async () => {
      await http(server.url, "POST", "/api/rooms/general/join", as("dave"));
      const dm = (await http(server.url, "POST", "/api/dms", { ...as("alice"), body: { usernames: ["dave"] } })).body as { room: { name: string } };
      await http(server.url, "POST", `/api/rooms/${dm.room.name}/messages`, { ...as("alice"), body: { text: "are you there?", clientMsgId: "e-1" } });
      await http(server.url, "POST", "/api/rooms/general/messages", { ...as("alice"), body: { text: "@dave see the plan", clientMsgId: "e-2" } });
      await http(server.url, "POST", "/api/rooms/general/messages", { ...as("alice"), body: { text: "small talk", clientMsgId: "e-3" } });

      // With no delay a check may fall between the two sends: what was missed comes in one email or two.
      const missedMails = () => inbox.to(dave).slice(1);
      const text = await eventually(
        () => {
          const all = missedMails()
            .map((mail) => mail.text ?? "")
            .join("\n");
          expect(all).toContain("#general · alice: @dave see the plan");
          return all;
        },
        { timeoutMs: 10_000 },
      );
      const missed = missedMails().at(-1);
      expect(missed?.subject).toMatch(/你在 Natter 错过了 \d 条消息/);
      expect(text).toContain("私信 · alice: are you there?");
      expect(text).toContain("#general · alice: @dave see the plan");
      expect(text).not.toContain("small talk");
      expect(linksOf(missed ?? ({} as never))).toContain(`https://chat.example.com/?seq=1#${encodeURIComponent(dm.room.name)}`);

      const header = (key: string) => missed?.headerLines.find((line) => line.key === key)?.line.replace(/^[^:]+:\s*/, "");
      expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      const url = header("list-unsubscribe")?.replace(/^<|>$/g, "") ?? "";
      expect(linksOf(missed ?? ({} as never))).toContain(url);
      const oneClick = await http(server.url, "POST", local(url), {
        raw: "List-Unsubscribe=One-Click",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(oneClick.status).toBe(200);
      expect((await http(server.url, "GET", "/api/me/notifications", as("dave"))).body).toMatchObject({ email: null, emailVerified: false });
      expect((await http(server.url, "POST", local(url))).status).toBe(400);
    });
  });
});

describe("verification emails", () => {
  it("are budgeted: three, then RATE_LIMITED, as each mails an address the user merely typed", async () => {
    const inbox = new SmtpInbox();
    const server = await startNatter({ smtpUrl: await inbox.start(), messagesPerSecond: 20 });
    try {
      const token = await guestToken(server.url, "eager");
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await http(server.url, "PUT", "/api/me/email", { token, body: { email: `eager${i}@example.com` } })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await server.cleanup();
      await inbox.stop();
    }
  });
});

describe("an email the mail server refuses", { timeout: 30_000 }, () => {
  it("is tried again later, not at once and forever, while the others' emails go on", async () => {
    const inbox = new SmtpInbox();
    const server = await startNatter({
      smtpUrl: await inbox.start(),
      mailFrom: "natter@example.com",
      emailNotifyDelayMin: 0,
      publicUrl: "https://chat.example.com",
    });
    try {
      const tokens: Record<string, string> = {};
      for (const name of ["alice", "dave", "erin"]) tokens[name] = await guestToken(server.url, name);
      for (const name of ["dave", "erin"]) {
        const address = `${name}@example.com`;
        await http(server.url, "PUT", "/api/me/email", { token: tokens[name], body: { email: address } });
        const link = await eventually(() => {
          const found = linksOf(inbox.to(address)[0] ?? ({} as never)).find((l) => l.includes("/api/email/verify"));
          expect(found).toBeDefined();
          return found ?? "";
        });
        expect((await http(server.url, "GET", link.replace("https://chat.example.com", ""))).status).toBe(200);
      }
      inbox.refusing.add("dave@example.com");
      const mention = (name: string, id: string) =>
        http(server.url, "POST", "/api/rooms/general/messages", { token: tokens.alice, body: { text: `@${name} look`, clientMsgId: id } });
      await mention("dave", "refused-1");
      await eventually(() => expect(inbox.refused.get("dave@example.com")).toBe(1), { timeoutMs: 10_000 });
      // Erin's email needs a later check; by the time it arrives, dave's was not asked for again.
      await mention("erin", "after-1");
      await eventually(() => expect(inbox.to("erin@example.com")).toHaveLength(2), { timeoutMs: 10_000 });
      expect(inbox.refused.get("dave@example.com")).toBe(1);
    } finally {
      await server.cleanup();
      await inbox.stop();
    }
  });
});
