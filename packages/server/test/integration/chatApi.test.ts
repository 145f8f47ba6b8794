import type { Message } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

describe("the program-level ChatAPI (natter.chat)", { timeout: 60_000 }, () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()), 60_000);
  afterEach(closeAll);
  afterAll(() => server.cleanup(), 60_000);

  const chat = () => server.natter.chat;

  it("a message sent by username or by user id reaches a connected client at once", async () => {
    const bot = await chat().createUser({ username: "echo-bot" });
    const alice = await guest(server.url, "alice");
    await alice.join("general");
    const seen: Message[] = [];
    alice.on("message", (m) => seen.push(m));

    const byName = await chat().sendMessage({ username: "echo-bot", room: "general", text: "hello from a program" });
    const byId = await chat().sendMessage({ userId: bot.id, text: "and again, by id" });

    expect(byName).toMatchObject({ room: "general", author: { username: "echo-bot" }, text: "hello from a program" });
    expect(byId.seq).toBe(byName.seq + 1);
    await eventually(() => expect(seen.map((m) => m.id)).toEqual([byName.id, byId.id]));
  });

  it("a program reads a user's Mentions and Threads views as the app shows them", async () => {
    await chat().createUser({ username: "digest-reader" });
    await chat().createUser({ username: "digest-writer" });
    const root = await chat().sendMessage({ username: "digest-reader", text: "who is in?" });
    const reply = await chat().sendMessage({ username: "digest-writer", text: "@digest-reader me", replyTo: root.id, inRoom: false });

    const mentions = await chat().mentions({ username: "digest-reader" });
    expect(mentions.mentions.map((m) => [m.message.id, m.unread])).toEqual([[reply.id, true]]);
    const threads = await chat().threads({ username: "digest-reader", limit: 5 });
    expect(threads.threads.map((t) => [t.root.id, t.unreadReplies])).toEqual([[root.id, 1]]);
    await expect(chat().mentions({ username: "digest-reader", limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("sending as an unknown user or with empty text is refused with its code", async () => {
    await expect(chat().sendMessage({ username: "ghost", text: "boo" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await chat().createUser({ username: "quiet" });
    await expect(chat().sendMessage({ username: "quiet", text: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(chat().sendMessage({ username: "quiet", text: "x".repeat(4_001) })).rejects.toMatchObject({ code: "MESSAGE_TOO_LONG" });
  });

  it("getOnlineUsers lists who has a connection open", async () => {
    const bob = await guest(server.url, "bob");
    await eventually(async () => expect((await chat().getOnlineUsers()).map((u) => u.username)).toContain("bob"));
    bob.close();
    await eventually(async () => expect((await chat().getOnlineUsers()).map((u) => u.username)).not.toContain("bob"));
  });

  it("createRoom, getRoomInfo and getMessages show the room and its history, oldest first", async () => {
    const carol = await chat().createUser({ username: "carol", password: "correct horse battery" });
    const created = await chat().createRoom({ userId: carol.id, name: "design", topic: "Pixels" });
    expect(created).toMatchObject({ name: "design", topic: "Pixels", role: "owner" });
    for (let i = 1; i <= 5; i++) await chat().sendMessage({ userId: carol.id, room: "design", text: `note ${i}` });

    expect(await chat().getRoomInfo("design")).toMatchObject({ name: "design", topic: "Pixels", memberCount: 1, messageCount: 5, lastSeq: 5 });
    expect(await chat().getRoomInfo("no-such-room")).toBeNull();
    expect((await chat().getMessages({ room: "design" })).map((m) => m.text)).toEqual(["note 1", "note 2", "note 3", "note 4", "note 5"]);
    expect((await chat().getMessages({ room: "design", limit: 2, before: 4 })).map((m) => m.seq)).toEqual([2, 3]);
    await expect(chat().getMessages({ room: "design", limit: 101 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("createUser makes an account one can log in to, in general from the start, and refuses a taken name", async () => {
    const dave = await chat().createUser({ username: "dave", password: "correct horse battery" });
    expect(dave).toMatchObject({ username: "dave", kind: "member" });
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "dave", password: "correct horse battery" }),
    });
    expect(login.status).toBe(200);
    expect((await chat().getRoomInfo("general"))?.memberCount).toBeGreaterThanOrEqual(1);
    await expect(chat().sendMessage({ username: "dave", text: "I am in general" })).resolves.toMatchObject({ room: "general" });
    await expect(chat().createUser({ username: "DAVE" })).rejects.toMatchObject({ code: "USERNAME_TAKEN" });
    await expect(chat().createUser({ username: "d" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
