import { historyPageSchema, messageResponseSchema, type Message } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http } from "../support/http.js";
import { anotherTab, closeAll, guest } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { eventually } from "../support/wait.js";

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

onEveryStore((store, start) => {
  describe(`sending and reading messages on ${store}`, { timeout: 120_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    beforeAll(async () => ({ server, done } = await start()), 60_000);
    afterEach(closeAll);
    afterAll(() => done(), 60_000);

    it("someone joining later sees the last 50 messages exactly as they were sent, and older ones page by page", async () => {
      const alice = await guest(server.url, "alice");
      await alice.createRoom("history-room");
      await alice.join("history-room");
      const sent: Message[] = [];
      for (let i = 1; i <= 60; i++) sent.push(await alice.send("history-room", `message ${i} 数据 👍`));

      const bob = await guest(server.url, "bob");
      const joined = await bob.join("history-room");
      expect(joined.messages).toEqual(sent.slice(10));
      expect(joined.hasOlder).toBe(true);
      const older = await bob.history("history-room", { before: joined.messages[0]?.seq ?? 0 });
      expect(older.messages).toEqual(sent.slice(0, 10));
      expect(older.hasOlder).toBe(false);
    });

    it("twenty people sending at once get seq 1, 2, 3… with no gap, and everyone sees that order", async () => {
      const host = await guest(server.url, "host");
      await host.createRoom("busy-room");
      await host.join("busy-room");
      const seen: Message[] = [];
      host.on("message", (m) => m.room === "busy-room" && seen.push(m));
      const senders = await Promise.all(range(1, 20).map((n) => guest(server.url, `sender${n}`)));
      await Promise.all(senders.map((sender) => sender.join("busy-room")));

      const acked = await Promise.all(
        senders.map(async (sender, n) => {
          const seqs: number[] = [];
          for (let i = 0; i < 10; i++) seqs.push((await sender.send("busy-room", `${n}-${i}`)).seq);
          return seqs;
        }),
      );

      expect(acked.flat().sort((a, b) => a - b)).toEqual(range(1, 200));
      for (const seqs of acked) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      await eventually(() => expect(seen.map((m) => m.seq)).toEqual(range(1, 200)), { timeoutMs: 20_000 });
      const latest = await host.history("busy-room", { limit: 100 });
      expect(latest.messages.map((m) => m.seq)).toEqual(range(101, 200));
    });

    it("a send retried with the same clientMsgId over the socket is stored once and answers the same message", async () => {
      const carol = await guest(server.url, "carol");
      const carolsPhone = await anotherTab(server.url, carol);
      await carol.createRoom("retry-room");
      await carol.join("retry-room");
      await carolsPhone.join("retry-room");

      const first = await carol.send("retry-room", "only once", { clientMsgId: "carol-1" });
      const retried = await carol.send("retry-room", "only once", { clientMsgId: "carol-1" });
      const racing = await Promise.all([
        carol.send("retry-room", "race", { clientMsgId: "carol-2" }),
        carolsPhone.send("retry-room", "race", { clientMsgId: "carol-2" }),
      ]);

      expect(retried).toEqual(first);
      expect(racing[0].id).toBe(racing[1].id);
      const history = await carol.history("retry-room");
      expect(history.messages.map((m) => m.clientMsgId)).toEqual(["carol-1", "carol-2"]);
      expect(history.messages.map((m) => m.seq)).toEqual([1, 2]);
    });

    it("a send retried with the same clientMsgId over REST is stored once and answers the same message", async () => {
      const dave = await guest(server.url, "dave");
      await dave.createRoom("rest-retry");
      const token = dave.token ?? "";
      const send = () => http(server.url, "POST", "/api/rooms/rest-retry/messages", { token, body: { text: "hello over REST", clientMsgId: "dave-rest-1" } });

      const [first, second] = [await send(), await send()];
      expect(first.status).toBe(201);
      expect(second.body).toEqual(first.body);
      const page = historyPageSchema.parse((await http(server.url, "GET", "/api/messages?room=rest-retry", { token })).body);
      expect(page.messages.map((m) => m.id)).toEqual([messageResponseSchema.parse(first.body).message.id]);
    });

    it("NUL and lone surrogates are refused as bad requests before they reach the database", async () => {
      const erin = await guest(server.url, "erin");
      const token = erin.token ?? "";
      const refusals = [
        await http(server.url, "POST", "/api/rooms/general/messages", { token, body: { text: "nul \u0000 inside", clientMsgId: "erin-nul" } }),
        await http(server.url, "POST", "/api/rooms/general/messages", { token, raw: '{"text":"lone \\udc00","clientMsgId":"erin-lone"}' }),
        await http(server.url, "POST", "/api/auth/guest", { body: { username: "nul\u0000name" } }),
        await http(server.url, "POST", "/api/rooms", { token, body: { name: "topical", topic: "nul \u0000" } }),
        await http(server.url, "GET", `/api/search?q=${encodeURIComponent("a\u0000b")}`, { token }),
      ];
      for (const answer of refusals)
        expect({ status: answer.status, code: (answer.body as { error?: { code?: string } }).error?.code }).toEqual({ status: 400, code: "BAD_REQUEST" });
      await expect(server.natter.chat.sendMessage({ username: "erin", text: "\ud800" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      expect((await erin.history("general")).messages.map((m) => m.author.username)).not.toContain("erin");
    });

    it("an upload named with NUL is stored under the name without it", async () => {
      const token = (await guest(server.url, "frank")).token ?? "";
      const answer = await http(server.url, "POST", `/api/uploads?name=${encodeURIComponent("no\u0000tes.txt")}`, {
        token,
        raw: "plain words",
        headers: { "content-type": "text/plain" },
      });
      expect(answer.status).toBe(201);
      expect((answer.body as { file: { name: string } }).file.name).toBe("notes.txt");
    });

    it("a log-in with NUL in the name is a wrong name, like any other", async () => {
      const answer = await http(server.url, "POST", "/api/auth/login", { body: { username: "ali\u0000ce", password: "correct horse battery" } });
      const unknown = await http(server.url, "POST", "/api/auth/login", { body: { username: "nobody", password: "correct horse battery" } });
      expect({ status: answer.status, body: answer.body }).toEqual({ status: unknown.status, body: unknown.body });
    });
  });
});

describe("a server restart", { timeout: 120_000 }, () => {
  let first: RunningNatter;
  let second: RunningNatter | undefined;
  beforeAll(async () => (first = await startNatter()), 60_000);
  afterEach(closeAll);
  afterAll(async () => {
    await second?.stop();
    await first.cleanup();
  }, 60_000);

  it("keeps every message and its seq, and new messages continue the count", async () => {
    const alice = await guest(first.url, "alice");
    await alice.join("general");
    const before = [await alice.send("general", "before the restart"), await alice.send("general", "我还在")];
    const token = alice.token ?? "";
    alice.close();
    await first.stop();

    second = await startNatter({ dataDir: first.dataDir });
    const page = historyPageSchema.parse((await http(second.url, "GET", "/api/messages?room=general", { token })).body);
    expect(page.messages).toEqual(before);
    const after = messageResponseSchema.parse(
      (await http(second.url, "POST", "/api/rooms/general/messages", { token, body: { text: "after", clientMsgId: "after-1" } })).body,
    );
    expect(after.message.seq).toBe(3);
  });
});
