import { describe, expect, it } from "vitest";
import { loadDraft, saveDraft, type DraftStore } from "../../src/chat/drafts";
import { lastEditable } from "../../src/chat/editRequest";
import { alice, bob, message } from "./support/fixtures";

function memoryStore(): DraftStore & { keys(): string[] } {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
    keys: () => [...values.keys()],
  };
}

describe("drafts", () => {
  it("are kept per account, room and thread, and come back as they were left", () => {
    const store = memoryStore();
    saveDraft({ userId: 1, room: "general" }, "half a thought", store);
    saveDraft({ userId: 1, room: "general", replyTo: 7 }, "a reply", store);
    saveDraft({ userId: 2, room: "general" }, "bob's words", store);
    expect(loadDraft({ userId: 1, room: "general" }, store)).toBe("half a thought");
    expect(loadDraft({ userId: 1, room: "general", replyTo: 7 }, store)).toBe("a reply");
    expect(loadDraft({ userId: 2, room: "general" }, store)).toBe("bob's words");
    expect(loadDraft({ userId: 1, room: "design" }, store)).toBe("");
  });

  it("never mix a room named like a thread with that thread", () => {
    const store = memoryStore();
    saveDraft({ userId: 1, room: "a.1" }, "room a.1", store);
    saveDraft({ userId: 1, room: "a", replyTo: 1 }, "thread 1 of a", store);
    expect(loadDraft({ userId: 1, room: "a.1" }, store)).toBe("room a.1");
    expect(loadDraft({ userId: 1, room: "a", replyTo: 1 }, store)).toBe("thread 1 of a");
  });

  it("are removed when the composer is emptied, as by sending", () => {
    const store = memoryStore();
    saveDraft({ userId: 1, room: "general" }, "sent soon", store);
    saveDraft({ userId: 1, room: "general" }, "  \n", store);
    expect(store.keys()).toEqual([]);
  });

  it("are simply not kept when storage refuses", () => {
    const refusing: DraftStore = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    expect(() => saveDraft({ userId: 1, room: "general" }, "words", refusing)).not.toThrow();
    expect(loadDraft({ userId: 1, room: "general" }, refusing)).toBe("");
  });
});

describe("↑ in an empty composer", () => {
  const mine = { author: { id: alice.id, username: alice.username } };
  const bobs = { author: { id: bob.id, username: bob.username } };

  it("edits my newest message in the room, skipping others' and deleted ones", () => {
    const messages = [message(1, mine), message(2, mine), message(3, { ...mine, deleted: true }), message(4, bobs)];
    expect(lastEditable(messages, alice.id, undefined)?.seq).toBe(2);
  });

  it("skips my thread-only replies in the room, and edits only this thread's replies in a thread", () => {
    const root = message(1, bobs);
    const reply = { id: root.id, seq: root.seq, author: root.author, excerpt: "", deleted: false };
    const messages = [
      root,
      message(2, mine),
      message(3, { ...mine, replyTo: reply, inRoom: false }),
      message(4, { ...mine, replyTo: { ...reply, id: 99 }, inRoom: false }),
    ];
    expect(lastEditable(messages, alice.id, undefined)?.seq).toBe(2);
    expect(lastEditable(messages, alice.id, root.id)?.seq).toBe(3);
  });

  it("does nothing when I have written nothing here", () => {
    expect(lastEditable([message(1, bobs)], alice.id, undefined)).toBeUndefined();
  });
});
