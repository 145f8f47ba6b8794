import { nameKey } from "@natter/protocol";
import type { FileRow, MessageRow, NewMessage, RoomRow, Store, UserRow } from "../../../src/storage/index.js";

export const T0 = 1_700_000_000_000;

/** The people, rooms, messages and uploads a storage test needs, each with a name no other test uses. */
export function storeCast(store: () => Store) {
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${++counter}`;

  async function person(username = unique("carol"), kind: "member" | "guest" = "member"): Promise<UserRow> {
    const row = await store().createUser({ username, username_key: nameKey(username), password_hash: kind === "member" ? "hash" : null, kind, created_at: T0 });
    if (!row) throw new Error(`could not create ${username}`);
    return row;
  }

  async function room(name = unique("design"), kind: "public" | "private" = "public", createdBy: number | null = null): Promise<RoomRow> {
    const row = await store().createRoom({ name, nameKey: nameKey(name), topic: "", createdBy, createdAt: T0, kind });
    if (!row) throw new Error(`could not create ${name}`);
    return row;
  }

  function message(roomRow: RoomRow, author: UserRow, text: string, extra: Partial<NewMessage> = {}): NewMessage {
    return { roomId: roomRow.id, authorId: author.id, text, clientMsgId: unique("c-"), createdAt: T0, ...extra };
  }

  async function post(roomRow: RoomRow, author: UserRow, text: string, extra: Partial<NewMessage> = {}): Promise<MessageRow> {
    return (await store().insertMessage(message(roomRow, author, text, extra))).message;
  }

  /** A file the owner uploaded and has not sent yet. */
  async function upload(owner: UserRow, name = "plan.pdf"): Promise<FileRow> {
    const file = {
      id: unique("file-"),
      owner_id: owner.id,
      room_id: null,
      message_id: null,
      name,
      type: "application/pdf",
      size: 1234,
      width: null,
      height: null,
      blob_key: unique("blob-"),
      thumb_key: null,
      created_at: T0,
    };
    await store().insertFile(file);
    return file;
  }

  return { unique, person, room, message, post, upload };
}
