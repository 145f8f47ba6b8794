import { describe, expect, it } from "vitest";
import { initialState, type ChatState } from "../../src/chat/chatState.js";
import {
  countMember,
  countThreadReply,
  expireTyping,
  forgetRoom,
  patchView,
  receiveMessage,
  setOnline,
  setOnlineCount,
  settlePending,
  setTyping,
  updateMessage,
  upsertRoom,
} from "../../src/chat/transitions.js";
import { alice, bob, message, room } from "./support/fixtures.js";

/** Bob's screen, with general and random loaded. */
function bobsScreen(): ChatState {
  let state = initialState(bob);
  state = upsertRoom(upsertRoom(state, room("general")), room("random"));
  return patchView(patchView(state, "general", {}), "random", {});
}

const fromAlice = { author: { id: alice.id, username: alice.username } };

describe("what Bob's screen does with each event", () => {
  it("counts Alice's message as unread only when Bob is not looking at the room", () => {
    const unseen = receiveMessage(bobsScreen(), message(1, fromAlice), false);
    expect(unseen.rooms.find((r) => r.name === "general")).toMatchObject({ unread: 1, mentions: 0, lastSeq: 1 });
    const seen = receiveMessage(bobsScreen(), message(1, fromAlice), true);
    expect(seen.rooms.find((r) => r.name === "general")).toMatchObject({ unread: 0, lastSeq: 1 });
    expect(seen.views.general?.messages.map((m) => m.text)).toEqual(["message 1"]);
  });

  it("never counts Bob's own messages or thread-only replies as unread, and counts mentions of him", () => {
    let state = receiveMessage(bobsScreen(), message(1, { author: { id: bob.id, username: bob.username } }), false);
    state = receiveMessage(state, message(2, { ...fromAlice, inRoom: false }), false);
    state = receiveMessage(state, message(3, { ...fromAlice, mentions: [bob.id] }), false);
    expect(state.rooms.find((r) => r.name === "general")).toMatchObject({ unread: 1, mentions: 1 });
  });

  it("swaps a pending message for the stored copy with the same clientMsgId", () => {
    const state = { ...bobsScreen(), pending: [{ clientMsgId: "c1", room: "general", text: "hi", status: "pending" as const, queuedAt: 0 }] };
    const next = receiveMessage(state, message(1, { clientMsgId: "c1", author: { id: bob.id, username: bob.username } }), true);
    expect(next.pending).toEqual([]);
    expect(next.views.general?.messages).toHaveLength(1);
  });

  it("drops a pending message whose stored copy came in a page instead, as when it was answered before its room was joined", () => {
    const waiting = { clientMsgId: "c1", room: "general", text: "hi", status: "waiting" as const, queuedAt: 0 };
    const other = { ...waiting, clientMsgId: "c2" };
    const state = { ...bobsScreen(), pending: [waiting, other] };
    expect(settlePending(state, [message(1, { clientMsgId: "c1" })]).pending).toEqual([other]);
    expect(settlePending(state, [message(2, { clientMsgId: "elsewhere" })])).toBe(state);
  });

  it("stops showing Alice as typing when her message arrives, or when the indicator runs out", () => {
    const typing = setTyping(bobsScreen(), "general", "alice", true, 5_000);
    expect(Object.keys(typing.typing.general ?? {})).toEqual(["alice"]);
    expect(Object.keys(receiveMessage(typing, message(1, fromAlice), true).typing.general ?? {})).toEqual([]);
    expect(expireTyping(typing, 4_999)).toBe(typing);
    expect(Object.keys(expireTyping(typing, 5_000).typing.general ?? {})).toEqual([]);
  });

  it("shows an edit in place", () => {
    const state = receiveMessage(bobsScreen(), message(1, fromAlice), true);
    const edited = updateMessage(state, message(1, { ...fromAlice, text: "fixed", rev: 5, editedAt: "2026-01-01T00:01:00.000Z" }));
    expect(edited.views.general?.messages.map((m) => m.text)).toEqual(["fixed"]);
  });

  it("keeps a public room Bob left in the list to join again, and drops a private one", () => {
    const state = upsertRoom(bobsScreen(), room("design", { kind: "private" }));
    const left = forgetRoom(forgetRoom({ ...state, current: "random" }, "random"), "design");
    expect(left.rooms.map((r) => [r.name, r.joined])).toEqual([
      ["general", true],
      ["random", false],
    ]);
    expect(left.current).toBeNull();
    expect(left.views.random).toBeUndefined();
  });

  it("shows who comes and goes in a small room, and only how many once the room is crowded", () => {
    const carol = { id: 30, username: "carol" };
    let state = patchView(bobsScreen(), "general", { online: [{ id: bob.id, username: bob.username }], onlineCount: 1 });
    state = setOnline(state, "general", { user: carol, online: true, onlineCount: 2 });
    expect(state.views.general).toMatchObject({ onlineCount: 2 });
    expect(state.views.general?.online.map((u) => u.username)).toEqual(["bob", "carol"]);
    state = setOnline(state, "general", { user: carol, online: false, onlineCount: 1 });
    expect(state.views.general?.online.map((u) => u.username)).toEqual(["bob"]);
    // Past a page of people the server sends the count alone; names it can no longer keep true are dropped.
    state = setOnlineCount(state, "general", 120);
    expect(state.views.general).toMatchObject({ online: [], onlineCount: 120 });
  });

  it("updates the header's member count when others join or leave, and not twice for Bob's own join", () => {
    const before = bobsScreen().rooms.find((r) => r.name === "general")?.memberCount ?? 0;
    let state = countMember(bobsScreen(), "general", alice, true);
    expect(state.rooms.find((r) => r.name === "general")?.memberCount).toBe(before + 1);
    state = countMember(state, "general", bob, true);
    expect(state.rooms.find((r) => r.name === "general")?.memberCount).toBe(before + 1);
    state = countMember(state, "general", alice, false);
    expect(state.rooms.find((r) => r.name === "general")?.memberCount).toBe(before);
  });

  it("counts a reply to Bob's thread as unread unless that thread is open, and follows a thread once he answers it", () => {
    const bobsRoot = { id: 10, seq: 1, author: { id: bob.id, username: bob.username }, excerpt: "", deleted: false };
    const alicesRoot = { ...bobsRoot, id: 20, seq: 2, author: fromAlice.author };
    let state = countThreadReply(bobsScreen(), message(3, { ...fromAlice, replyTo: bobsRoot, inRoom: false }), null);
    state = countThreadReply(state, message(4, { ...fromAlice, replyTo: bobsRoot, inRoom: false }), bobsRoot.id);
    expect(state.threads).toEqual({ [bobsRoot.id]: 1 });
    state = countThreadReply(state, message(5, { ...fromAlice, replyTo: alicesRoot, inRoom: false }), null);
    expect(state.threads).toEqual({ [bobsRoot.id]: 1 });
    state = countThreadReply(state, message(6, { author: { id: bob.id, username: bob.username }, replyTo: alicesRoot, inRoom: false }), null);
    state = countThreadReply(state, message(7, { ...fromAlice, replyTo: alicesRoot, inRoom: false }), null);
    expect(state.threads).toEqual({ [bobsRoot.id]: 1, [alicesRoot.id]: 1 });
  });
});
