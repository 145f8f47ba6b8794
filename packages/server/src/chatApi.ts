import {
  HISTORY_PAGE_DEFAULT,
  HISTORY_PAGE_MAX,
  clientMsgIdSchema,
  reactionEmojiSchema,
  messageTextSchema,
  updateMeBodySchema,
  updateRoomBodySchema,
  searchQuerySchema,
  mentionsQuerySchema,
  threadsQuerySchema,
  type MentionsQuery,
  type MentionsResponse,
  type ThreadsQuery,
  type ThreadsResponse,
  type Member,
  type SearchHit,
  type SearchQuery,
  type ThreadResult,
  type UpdateMeBody,
  type UpdateRoomBody,
  nameKey,
  nameSchema,
  passwordSchema,
  topicSchema,
  type Message,
  type RoomInfo,
  type RoomSummary,
  type CustomEmoji,
  type User,
  type UserRef,
} from "@natter/protocol";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { createUser } from "./domain/accounts.js";
import { listMentions, listThreads } from "./domain/catchUp.js";
import type { Domain } from "./domain/context.js";
import { Refusal, roomNotFound } from "./domain/errors.js";
import { openDirect } from "./domain/directs.js";
import { deleteMessage, editMessage, historyPage, react, readThread, sendMessage } from "./domain/messages.js";
import { removePreview } from "./domain/linkPreviews.js";
import { listCustomEmoji } from "./domain/customEmoji.js";
import { updateProfile } from "./domain/profiles.js";
import { searchMessages } from "./domain/search.js";
import { hashPassword } from "./domain/passwords.js";
import { createRoom, GENERAL, inviteMember, joinRoom, markRead, removeMember, roomInfo, updateRoom } from "./domain/rooms.js";
import { parseInput } from "./domain/validate.js";
import { toUser } from "./domain/wire.js";
import { usernameKey } from "./domain/usernames.js";

/** Names a user by id or by username. */
export type UserSelector = { userId: number } | { username: string };

const limitSchema = z.number().int().min(1).max(HISTORY_PAGE_MAX);
const seqSchema = z.number().int().min(0);
const idSchema = z.number().int().positive();

/**
 * The program-level API: what a person can do in the app, for code running in the server process.
 * Calls go through the same actions as the socket handlers, so a message sent here reaches every
 * connected browser at once. Input is validated with the protocol's schemas; refusals are
 * `Refusal`s with protocol codes.
 */
export class ChatAPI {
  constructor(private readonly domain: Domain) {}

  /** Sends as the given user (who must be a member of the room; everyone is in `general`). */
  async sendMessage(input: UserSelector & { room?: string; text: string; clientMsgId?: string; replyTo?: number; inRoom?: boolean }): Promise<Message> {
    const user = await this.user(input);
    return sendMessage(this.domain, user, {
      room: parseInput(nameSchema, input.room ?? GENERAL),
      text: parseInput(messageTextSchema, input.text),
      clientMsgId: parseInput(clientMsgIdSchema, input.clientMsgId ?? randomUUID()),
      replyTo: input.replyTo === undefined ? undefined : parseInput(idSchema, input.replyTo),
      inRoom: input.inRoom,
    });
  }

  async editMessage(input: UserSelector & { room: string; id: number; text: string }): Promise<Message> {
    return editMessage(this.domain, await this.user(input), {
      room: parseInput(nameSchema, input.room),
      id: parseInput(idSchema, input.id),
      text: parseInput(messageTextSchema, input.text),
    });
  }

  async deleteMessage(input: UserSelector & { room: string; id: number }): Promise<Message> {
    return deleteMessage(this.domain, await this.user(input), { room: parseInput(nameSchema, input.room), id: parseInput(idSchema, input.id) });
  }

  /** Takes the link preview off the user's own message, for everyone. */
  async removePreview(input: UserSelector & { room: string; id: number }): Promise<Message> {
    return removePreview(this.domain, await this.user(input), { room: input.room, id: input.id });
  }

  /** The server's custom emoji (written `:name:` in messages and reactions). */
  customEmoji(): Promise<CustomEmoji[]> {
    return listCustomEmoji(this.domain);
  }

  /** Adds (on, the default) or removes a reaction. */
  async react(input: UserSelector & { room: string; id: number; emoji: string; on?: boolean }): Promise<Message> {
    return react(this.domain, await this.user(input), {
      room: parseInput(nameSchema, input.room),
      id: parseInput(idSchema, input.id),
      emoji: parseInput(reactionEmojiSchema, input.emoji),
      on: input.on ?? true,
    });
  }

  async getThread(input: UserSelector & { room: string; id: number }): Promise<ThreadResult> {
    return readThread(this.domain, await this.user(input), { room: parseInput(nameSchema, input.room), id: parseInput(idSchema, input.id) });
  }

  /** Opens the direct conversation between the user and these people. */
  async openDirect(input: UserSelector & { with: string[] }): Promise<RoomSummary> {
    return openDirect(
      this.domain,
      await this.user(input),
      input.with.map((name) => parseInput(nameSchema, name)),
    );
  }

  async inviteMember(input: UserSelector & { room: string; member: string }): Promise<Member> {
    return inviteMember(this.domain, await this.user(input), parseInput(nameSchema, input.room), parseInput(nameSchema, input.member));
  }

  async removeMember(input: UserSelector & { room: string; member: string }): Promise<void> {
    return removeMember(this.domain, await this.user(input), parseInput(nameSchema, input.room), parseInput(nameSchema, input.member));
  }

  async updateRoom(input: UserSelector & { room: string } & UpdateRoomBody): Promise<RoomSummary> {
    const { room, ...change } = input;
    return updateRoom(
      this.domain,
      await this.user(input),
      parseInput(nameSchema, room),
      parseInput(updateRoomBodySchema, { name: change.name, topic: change.topic, archived: change.archived }),
    );
  }

  /** What the user could find by searching: only their rooms and DMs. */
  async search(input: UserSelector & SearchQuery): Promise<{ results: SearchHit[]; hasMore: boolean }> {
    const { q, room, author, from, to, hasFile, limit, before } = input;
    return searchMessages(this.domain, await this.user(input), parseInput(searchQuerySchema, { q, room, author, from, to, hasFile, limit, before }));
  }

  /** The user's Mentions view: others' messages naming them in their rooms, newest first, unread marked. */
  async mentions(input: UserSelector & MentionsQuery): Promise<MentionsResponse> {
    return listMentions(this.domain, await this.user(input), parseInput(mentionsQuerySchema, { limit: input.limit, before: input.before }));
  }

  /** The user's Threads view: threads they started, answered or were mentioned in, with unread replies. */
  async threads(input: UserSelector & ThreadsQuery): Promise<ThreadsResponse> {
    return listThreads(this.domain, await this.user(input), parseInput(threadsQuerySchema, { limit: input.limit, before: input.before }));
  }

  async markRead(input: UserSelector & { room: string; seq: number }): Promise<number> {
    return markRead(this.domain, await this.user(input), parseInput(nameSchema, input.room), parseInput(seqSchema, input.seq));
  }

  async updateProfile(input: UserSelector & UpdateMeBody): Promise<User> {
    return updateProfile(this.domain, await this.user(input), parseInput(updateMeBodySchema, { displayName: input.displayName, status: input.status }));
  }

  /** Everyone with at least one open connection, on any node. */
  getOnlineUsers(): Promise<UserRef[]> {
    return this.domain.presence.online();
  }

  /** A room's messages, oldest first: the latest `limit` (default 50), or those before `before`. */
  async getMessages(input: { room?: string; limit?: number; before?: number } = {}): Promise<Message[]> {
    const name = parseInput(nameSchema, input.room ?? GENERAL);
    const room = await this.domain.store.roomByKey(nameKey(name));
    if (!room) throw roomNotFound(name);
    const page = await historyPage(this.domain, room, {
      limit: parseInput(limitSchema, input.limit ?? HISTORY_PAGE_DEFAULT),
      before: input.before === undefined ? undefined : parseInput(seqSchema, input.before),
    });
    return page.messages;
  }

  /** Name, topic, counts and online members; null when there is no such room. */
  async getRoomInfo(name: string): Promise<RoomInfo | null> {
    try {
      return await roomInfo(this.domain, undefined, parseInput(nameSchema, name));
    } catch (error) {
      if (error instanceof Refusal && error.code === "NOT_FOUND") return null;
      throw error;
    }
  }

  /** Creates a room owned (and joined) by the given user; `private: true` for an invitation-only room. */
  async createRoom(input: UserSelector & { name: string; topic?: string; private?: boolean }): Promise<RoomSummary> {
    const user = await this.user(input);
    return createRoom(this.domain, user, {
      name: parseInput(nameSchema, input.name),
      topic: parseInput(topicSchema, input.topic ?? ""),
      private: input.private ?? false,
    });
  }

  /** Creates an account (with a password) or a guest (without); either starts in `general`. */
  async createUser(input: { username: string; password?: string }): Promise<User> {
    const username = parseInput(nameSchema, input.username);
    const passwordHash = input.password === undefined ? null : await hashPassword(parseInput(passwordSchema, input.password));
    return toUser(await createUser(this.domain, username, passwordHash, passwordHash ? "member" : "guest"));
  }

  /** Makes the user a member of a room. */
  async joinRoom(input: UserSelector & { room: string }): Promise<RoomInfo> {
    const user = await this.user(input);
    const room = await joinRoom(this.domain, user, parseInput(nameSchema, input.room));
    return roomInfo(this.domain, user, room.name);
  }

  private async user(selector: UserSelector): Promise<User> {
    const row =
      "userId" in selector
        ? await this.domain.store.userById(parseInput(seqSchema, selector.userId))
        : await this.domain.store.userByKey(usernameKey(parseInput(nameSchema, selector.username)));
    if (!row) throw new Refusal("NOT_FOUND", "No such user");
    return toUser(row);
  }
}
