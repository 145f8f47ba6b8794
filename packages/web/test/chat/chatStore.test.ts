import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatStore } from "../../src/chat/chatStore.js";
import { FakeClient } from "./support/fakeClient.js";
import { alice, bob, message, room } from "./support/fixtures.js";

/** Alice's tab, looking at general: the page bits the store touches (the URL's room, visibility) stand in. */
async function alicesTab(client: FakeClient): Promise<ChatStore> {
  const store = new ChatStore(client, alice);
  await store.start();
  expect(store.getState().current).toBe("general");
  return store;
}

describe("what Alice's tab does with her own message", () => {
  beforeEach(() => {
    vi.stubGlobal("window", { location: { hash: "#general" } });
    vi.stubGlobal("history", { replaceState: () => undefined });
    vi.stubGlobal("document", { visibilityState: "visible" });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("draws it once, from the message event: the answer to her send changes nothing more", async () => {
    const client = new FakeClient([room("general")]);
    const store = await alicesTab(client);
    store.send("general", "hello");
    const drawn = store.getState();
    expect(drawn.pending).toEqual([]);
    expect(drawn.views.general?.messages.map((m) => m.text)).toEqual(["hello"]);

    await client.answer;
    expect(store.getState()).toBe(drawn);
  });

  it("keeps it pending while the SDK holds it back for an earlier message, though the send was answered", async () => {
    const client = new FakeClient([room("general")]);
    const store = await alicesTab(client);
    client.deliverOnAnswer = false;
    store.send("general", "held back");
    await client.answer;
    expect(store.getState().pending.map((p) => [p.text, p.status])).toEqual([["held back", "pending"]]);
    expect(store.getState().views.general?.messages).toEqual([]);

    for (const stored of client.sent) client.broadcast(stored);
    expect(store.getState().pending).toEqual([]);
    expect(store.getState().views.general?.messages.map((m) => m.text)).toEqual(["held back"]);
  });

  it("learns the server's limits when it starts", async () => {
    const limits = { maxMessageLength: 500, maxAttachments: 3, maxUploadBytes: 1024 };
    const store = await alicesTab(new FakeClient([room("general")], limits));
    expect(store.getState().limits).toEqual(limits);
  });
});

describe("marking unread from a message", () => {
  beforeEach(() => {
    vi.stubGlobal("window", { location: { hash: "#general" } });
    vi.stubGlobal("history", { replaceState: () => undefined });
    vi.stubGlobal("document", { visibilityState: "visible" });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("keeps the room unread while it stays open, new messages included, until the reader opens a room again", async () => {
    const client = new FakeClient([room("general"), room("random")]);
    const store = await alicesTab(client);
    for (const text of ["one", "two", "three"]) store.send("general", text);
    // The outbox sends one at a time, in order: the third is stored once the first two were answered.
    await vi.waitFor(() => expect(store.getState().views.general?.messages).toHaveLength(3));
    const second = store.getState().views.general?.messages[1];
    if (!second) throw new Error("no second message");

    client.readMarks.length = 0;

    await store.markUnread(second);
    client.broadcast(message(4, { author: { id: bob.id, username: bob.username } }));
    store.markReadIfViewing();
    expect(store.getState().rooms.find((r) => r.name === "general")).toMatchObject({ unread: 3, lastReadSeq: 1 });
    expect(store.getState().views.general?.firstUnreadSeq).toBe(2);
    expect(client.readMarks).toEqual(["general:1"]);

    store.select("random");
    store.select("general");
    expect(client.readMarks.at(-1)).toBe("general:4");
  });
});
