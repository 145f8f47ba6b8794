import type { Message, RoomSummary, User } from "@natter/protocol";

export function message(seq: number, change: Partial<Message> = {}): Message {
  return {
    id: seq * 10,
    room: "general",
    seq,
    author: { id: 1, username: "alice" },
    text: `message ${seq}`,
    clientMsgId: `c${seq}`,
    createdAt: "2026-01-01T00:00:00.000Z",
    rev: seq,
    editedAt: null,
    deleted: false,
    replyTo: null,
    inRoom: true,
    replyCount: 0,
    reactions: [],
    attachments: [],
    mentions: [],
    mentionsRoom: false,
    ...change,
  };
}

export const alice: User = {
  id: 1,
  username: "alice",
  kind: "member",
  role: "user",
  displayName: "",
  avatarUrl: null,
  status: "",
  createdAt: "2026-01-01T00:00:00.000Z",
  deactivated: false,
};
export const bob: User = { ...alice, id: 2, username: "bob", kind: "guest" };

export function room(name: string, change: Partial<RoomSummary> = {}): RoomSummary {
  return {
    name,
    topic: "",
    kind: "public",
    archived: false,
    createdAt: "2026-01-01T00:00:00.000Z",
    memberCount: 2,
    lastSeq: 0,
    lastRev: 0,
    joined: true,
    role: "member",
    lastReadSeq: 0,
    unread: 0,
    mentions: 0,
    notify: "all",
    members: [],
    ...change,
  };
}
