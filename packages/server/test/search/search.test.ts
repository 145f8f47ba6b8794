import { readFileSync } from "node:fs";
import type { Message } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore, type StartServer } from "../support/stores.js";

interface Corpus {
  messages: { room: string; author: string; text: string }[];
  queries: { q: string; as: string; expect: number[] }[];
}
const corpus = JSON.parse(readFileSync(new URL("./corpus.json", import.meta.url), "utf8")) as Corpus;

/** alice and bob are in design; carol is in random and owns the private room secret. Everyone is in general. */
async function seed(server: RunningNatter): Promise<Message[]> {
  const { chat } = server.natter;
  for (const username of ["alice", "bob", "carol"]) await chat.createUser({ username, password: "correct horse battery" });
  await chat.createRoom({ username: "alice", name: "design" });
  await chat.joinRoom({ username: "bob", room: "design" });
  await chat.createRoom({ username: "carol", name: "random" });
  await chat.joinRoom({ username: "bob", room: "random" });
  await chat.createRoom({ username: "carol", name: "secret", private: true });
  const sent: Message[] = [];
  for (const m of corpus.messages) sent.push(await chat.sendMessage({ username: m.author, room: m.room, text: m.text }));
  return sent;
}

function searchSuite(store: string, start: StartServer) {
  describe(`search on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let sent: Message[];
    beforeAll(async () => {
      ({ server, done } = await start());
      sent = await seed(server);
    });
    afterAll(() => done());

    it.each(corpus.queries)('$as searching for "$q" finds exactly the corpus\' expected messages, newest first', async ({ q, as, expect: expected }) => {
      const { results } = await server.natter.chat.search({ username: as, q });
      expect(results.map((hit) => hit.message.id)).toEqual(expected.map((i) => sent[i]?.id));
    });

    it("highlights where each word matched, so the page can mark it without parsing HTML", async () => {
      const { results } = await server.natter.chat.search({ username: "alice", q: "数据库" });
      const hit = results.find((r) => r.message.text === "我们今天迁移数据库吧");
      expect(hit?.highlights).toEqual([[6, 9]]);
    });

    it("finds an edited message by its new words and never a deleted one", async () => {
      const message = await server.natter.chat.sendMessage({ username: "alice", room: "general", text: "旧的文字 placeholder" });
      await server.natter.chat.editMessage({ username: "alice", room: "general", id: message.id, text: "新的文字 replacement" });
      expect((await server.natter.chat.search({ username: "alice", q: "placeholder" })).results).toEqual([]);
      expect((await server.natter.chat.search({ username: "alice", q: "新的文字" })).results.map((r) => r.message.id)).toEqual([message.id]);
      await server.natter.chat.deleteMessage({ username: "alice", room: "general", id: message.id });
      expect((await server.natter.chat.search({ username: "alice", q: "新的文字" })).results).toEqual([]);
    });

    it("filters by room and author, and refuses a room the searcher is not in as not found", async () => {
      const byRoom = await server.natter.chat.search({ username: "bob", q: "design", room: "design" });
      expect(byRoom.results.map((r) => r.message.room)).toEqual(["design"]);
      const byAuthor = await server.natter.chat.search({ username: "alice", q: "数据库", author: "bob" });
      expect(byAuthor.results.map((r) => r.message.author.username)).toEqual(["bob"]);
      await expect(server.natter.chat.search({ username: "alice", q: "数据库", room: "secret" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    });
  });
}

onEveryStore(searchSuite);
