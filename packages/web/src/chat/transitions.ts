import type { Availability, Message, RoomSummary, UserRef } from "@natter/protocol";
import { emptyView, sortRooms, withNames, type ChatState, type RoomView } from "./chatState";
import { mentionsUser, mergeMessages, replaceMessage } from "./timeline";

/** How the chat screen's state changes with each event: pure functions, so each rule is tested alone. */

export function patchView(state: ChatState, room: string, patch: Partial<RoomView>): ChatState {
  return { ...state, views: { ...state.views, [room]: { ...(state.views[room] ?? emptyView), ...patch } } };
}

export function patchRoom(state: ChatState, name: string, patch: Partial<RoomSummary>): ChatState {
  if (!state.rooms.some((room) => room.name === name)) return state;
  return { ...state, rooms: state.rooms.map((room) => (room.name === name ? { ...room, ...patch } : room)) };
}

/** What the server says of people's availability; a join answer names only those with something to show. */
export function learnAvailability(state: ChatState, known: Record<string, Availability>): ChatState {
  const entries = Object.entries(known);
  if (entries.length === 0) return state;
  const availability = { ...state.availability };
  for (const [id, value] of entries) availability[Number(id)] = value;
  return { ...state, availability };
}

export function learnNames(state: ChatState, users: readonly UserRef[]): ChatState {
  const names = withNames(state.names, users);
  return names === state.names ? state : { ...state, names };
}

export function upsertRoom(state: ChatState, room: RoomSummary): ChatState {
  const others = state.rooms.filter((known) => known.name !== room.name);
  return learnNames({ ...state, rooms: sortRooms([...others, room]) }, room.members);
}

/**
 * A new message: shown if its room is loaded, replaces its pending copy, ends its author's typing,
 * and counts as unread (and as a mention) unless the reader is looking at the room.
 */
export function receiveMessage(state: ChatState, message: Message, seen: boolean): ChatState {
  const view = state.views[message.room];
  let next: ChatState = view ? patchView(state, message.room, { messages: mergeMessages(view.messages, [message]) }) : state;
  next = { ...next, pending: next.pending.filter((item) => item.clientMsgId !== message.clientMsgId) };
  next = learnNames(setTyping(next, message.room, message.author.username, false, 0), [message.author]);
  const summary = next.rooms.find((room) => room.name === message.room);
  if (!summary) return next;
  const counts = message.author.id !== next.me.id && message.inRoom && !seen;
  return patchRoom(next, message.room, {
    lastSeq: Math.max(summary.lastSeq, message.seq),
    unread: counts ? summary.unread + 1 : summary.unread,
    mentions: counts && mentionsUser(message, next.me.id) ? summary.mentions + 1 : summary.mentions,
  });
}

/** Stored copies found in a page (a send answered before its room was joined): their pending copies go. */
export function settlePending(state: ChatState, messages: readonly Message[]): ChatState {
  const stored = new Set(messages.map((message) => message.clientMsgId));
  const pending = state.pending.filter((item) => !stored.has(item.clientMsgId));
  return pending.length === state.pending.length ? state : { ...state, pending };
}

export function updateMessage(state: ChatState, message: Message): ChatState {
  const view = state.views[message.room];
  return view ? patchView(state, message.room, { messages: replaceMessage(view.messages, message) }) : state;
}

export function setTyping(state: ChatState, room: string, username: string, typing: boolean, until: number): ChatState {
  if (username === state.me.username) return state;
  const people = { ...state.typing[room] };
  if (!typing && !(username in people)) return state;
  if (typing) people[username] = until;
  else delete people[username];
  return { ...state, typing: { ...state.typing, [room]: people } };
}

export function expireTyping(state: ChatState, now: number): ChatState {
  let changed = false;
  const typing: ChatState["typing"] = {};
  for (const [room, people] of Object.entries(state.typing)) {
    const live = Object.entries(people).filter(([, until]) => until > now);
    if (live.length !== Object.keys(people).length) changed = true;
    typing[room] = Object.fromEntries(live);
  }
  return changed ? { ...state, typing } : state;
}

export function setOnline(state: ChatState, room: string, change: { user: UserRef; online: boolean; onlineCount: number }): ChatState {
  const view = state.views[room];
  if (!view) return state;
  const others = view.online.filter((known) => known.id !== change.user.id);
  const online = change.online ? [...others, change.user] : others;
  return learnNames(patchView(state, room, { online, onlineCount: change.onlineCount }), [change.user]);
}

/** Someone joined the room from an open tab, or left it: they are listed while here, and counted once. */
export function setPresentMember(state: ChatState, room: string, user: UserRef, present: boolean): ChatState {
  const view = state.views[room];
  if (!view) return state;
  const listed = view.online.some((known) => known.id === user.id);
  const onlineCount = view.onlineCount + (present && !listed ? 1 : !present && listed ? -1 : 0);
  return setOnline(state, room, { user, online: present, onlineCount });
}

/** A crowded room says how many are online, not who: the names shown so far can no longer be kept true. */
export function setOnlineCount(state: ChatState, room: string, onlineCount: number): ChatState {
  if (!state.views[room]) return state;
  return patchView(state, room, { online: [], onlineCount });
}

/**
 * Someone else became (or stopped being) a member: the header's count follows. Our own joins and leaves
 * arrive with a fresh room summary instead.
 */
export function countMember(state: ChatState, room: string, user: UserRef, joined: boolean): ChatState {
  const summary = state.rooms.find((known) => known.name === room);
  if (!summary || user.id === state.me.id) return state;
  return patchRoom(state, room, { memberCount: Math.max(0, summary.memberCount + (joined ? 1 : -1)) });
}

export function renameRoom(state: ChatState, previous: string, name: string, topic: string, archived: boolean): ChatState {
  const rooms = state.rooms.map((room) => (room.name === previous ? { ...room, name, topic, archived } : room));
  const views = { ...state.views };
  const view = views[previous];
  if (view && previous !== name) {
    delete views[previous];
    views[name] = view;
  }
  return { ...state, rooms: sortRooms(rooms), views, current: state.current === previous ? name : state.current };
}

/** The room is no longer the reader's: a public one stays listed to join again, others disappear. */
/** A public room stays in the list to join again, unless it was deleted or the reader was banned from it (`entirely`). */
export function forgetRoom(state: ChatState, name: string, entirely = false): ChatState {
  const views = { ...state.views };
  delete views[name];
  const rooms = state.rooms.flatMap((room) =>
    room.name !== name ? [room] : room.kind === "public" && !entirely ? [{ ...room, joined: false, unread: 0, mentions: 0 }] : [],
  );
  return { ...state, rooms, views, current: state.current === name ? null : state.current };
}

/**
 * A reply reaching the reader: a thread they started or answered gains an unread reply (unless it is open
 * on screen), and answering a thread makes it theirs to follow.
 */
export function countThreadReply(state: ChatState, message: Message, openThreadId: number | null): ChatState {
  const root = message.replyTo;
  if (!root) return state;
  const known = state.threads[root.id];
  if (message.author.id === state.me.id) return known === undefined ? { ...state, threads: { ...state.threads, [root.id]: 0 } } : state;
  const follows = known !== undefined || root.author.id === state.me.id || mentionsUser(message, state.me.id);
  if (!follows) return state;
  const unread = (known ?? 0) + (root.id === openThreadId ? 0 : 1);
  return { ...state, threads: { ...state.threads, [root.id]: unread } };
}
