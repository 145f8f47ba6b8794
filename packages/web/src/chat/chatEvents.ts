import type { NatterClient } from "@natter/client";
import { setCustomEmoji } from "../content/customEmoji";
import type { ChatState } from "./chatState";
import { countMember, learnAvailability, patchRoom, patchView, renameRoom, setOnlineCount, setPresentMember, setTyping, updateMessage } from "./transitions";

/** How long someone shows as typing after the last "typing" heard: a typist repeats it well within that. */
export const TYPING_SHOWN_MS = 6_000;

/**
 * The client's events that only change what is shown, each one pure transition of the state. The events with
 * more to do (a new message, presence, a room added or removed) are the store's own.
 */
export function followStateEvents(client: NatterClient, apply: (change: (state: ChatState) => ChatState) => void): (() => void)[] {
  return [
    client.on("status", (status) => apply((state) => ({ ...state, status }))),
    client.on("message_updated", (message) => apply((state) => updateMessage(state, message))),
    client.on("reset", ({ room, messages }) => apply((state) => patchView(state, room, { messages, hasOlder: true }))),
    client.on("typing", ({ room, user, typing }) => apply((state) => setTyping(state, room, user.username, typing, Date.now() + TYPING_SHOWN_MS))),
    client.on("online_count", ({ room, onlineCount }) => apply((state) => setOnlineCount(state, room, onlineCount))),
    client.on("user_joined", ({ room, user }) => apply((state) => countMember(setPresentMember(state, room, user, true), room, user, true))),
    client.on("user_left", ({ room, user }) => apply((state) => countMember(setPresentMember(state, room, user, false), room, user, false))),
    client.on("member_count", ({ room, memberCount }) => apply((state) => patchRoom(state, room, { memberCount }))),
    client.on("read", ({ room, seq, unread, mentions }) => apply((state) => patchRoom(state, room, { unread, mentions, lastReadSeq: seq }))),
    client.on("room_updated", ({ previousName, name, topic, archived }) => apply((state) => renameRoom(state, previousName, name, topic, archived))),
    client.on("availability", ({ user, availability }) => apply((state) => learnAvailability(state, { [user.id]: availability }))),
    // Not chat state: content/ draws custom emoji everywhere (messages, reactions, picker) from its own list.
    client.on("custom_emoji", ({ emoji }) => setCustomEmoji(emoji)),
    client.on("profile_updated", (user) => apply((state) => (user.id === state.me.id ? { ...state, me: user } : state))),
  ];
}
