import { MAX_DM_PEOPLE, nameKey, TOPIC_MAX } from "@natter/protocol";
import { directRoomName } from "../../domain/directs.js";
import type { RoomRow } from "../../storage/index.js";
import { SOURCE, storable, type ImportContext } from "./context.js";
import { decodeEntities } from "./markup.js";
import { nameCandidates } from "./names.js";
import type { SlackPeople } from "./people.js";

/** A conversation of the export, from channels.json (public), groups.json (private), mpims.json or dms.json. */
export interface Conversation {
  slackId: string;
  /** The folder of its day files: the channel's name, or a DM's id. */
  folder: string;
  kind: "public" | "private" | "mpim" | "dm";
  name: string | undefined;
  members: readonly string[];
  creator: string | undefined;
  createdAt: number | undefined;
  topic: string;
  archived: boolean;
}

/** A conversation's room while its messages are imported. */
export interface ImportRoom {
  id: number;
  kind: Conversation["kind"];
  name: string;
  members: Set<number>;
  archived: boolean;
  topic: string | undefined;
}

/**
 * Conversations as rooms: public channels as public rooms (Slack's #general, or any public channel whose name
 * a public room has, joins that room), private channels as private rooms (always new ones: their history never
 * lands beside people who could not see it), DMs and group DMs as Natter's direct conversations, keyed like
 * domain/directs.ts keys them (a group DM of more than Natter's 8 people becomes a private room).
 */
export class SlackRooms {
  private readonly byFolder = new Map<string, ImportRoom>();
  private readonly names = new Map<string, string>();
  private nextDryId = -1;

  constructor(
    private readonly context: ImportContext,
    private readonly people: SlackPeople,
  ) {}

  async load(conversations: readonly Conversation[]): Promise<void> {
    const { store } = this.context.domain;
    const targets = await store.importTargets(
      SOURCE,
      conversations.map((c) => `room:${c.slackId}`),
    );
    for (const conversation of conversations) {
      const members = new Set<number>();
      for (const slackId of new Set(conversation.members)) members.add(await this.people.user(slackId));
      const keyed = targets.get(`room:${conversation.slackId}`);
      const existing = keyed === undefined ? undefined : await store.roomById(keyed);
      const room = existing ?? (await this.create(conversation, [...members]));
      const imported: ImportRoom = {
        id: room.id,
        kind: conversation.kind,
        name: room.name,
        members: new Set(),
        archived: conversation.archived,
        topic: undefined,
      };
      this.byFolder.set(conversation.folder, imported);
      this.names.set(conversation.slackId, room.kind === "dm" ? conversation.folder : room.name);
      const creator = conversation.creator === undefined ? undefined : this.people.known(conversation.creator);
      for (const id of members)
        await this.join(imported, id, conversation.kind !== "dm" && conversation.kind !== "mpim" && id === creator ? "owner" : "member");
    }
  }

  room(folder: string): ImportRoom | undefined {
    return this.byFolder.get(folder);
  }

  /** The room name a `<#C123>` reads as. */
  channelName(slackId: string): string | undefined {
    return this.names.get(slackId);
  }

  /** Makes the user a member (a join message, or someone who wrote there), counted when they were not one. */
  async join(room: ImportRoom, userId: number, role: "owner" | "member" = "member"): Promise<void> {
    if (room.members.has(userId)) return;
    room.members.add(userId);
    const { domain, dryRun, report } = this.context;
    if (dryRun ? true : await domain.store.addMember(room.id, userId, domain.now(), role)) report.counts.members++;
  }

  /**
   * After its messages: everyone has read the imported history (it must not arrive as thousands of unread
   * messages and mentions), the newest topic change is the room's topic, and an archived channel is archived.
   */
  async finish(room: ImportRoom): Promise<void> {
    const { domain, dryRun } = this.context;
    if (dryRun) return;
    const row = await domain.store.roomById(room.id);
    if (!row) return;
    for (const userId of room.members) await domain.store.markRead(room.id, userId, row.last_seq);
    const topic = room.topic === undefined ? undefined : cleanTopic(room.topic);
    const change = {
      ...(topic !== undefined && topic !== row.topic ? { topic } : {}),
      ...(room.archived && row.archived_at === null ? { archived_at: domain.now() } : {}),
    };
    if (Object.keys(change).length > 0) await domain.store.updateRoom(room.id, change);
  }

  private async create(conversation: Conversation, members: number[]): Promise<Pick<RoomRow, "id" | "name" | "kind">> {
    const { domain, dryRun } = this.context;
    const { store } = domain;
    const key = `room:${conversation.slackId}`;
    const direct = conversation.kind === "dm" || (conversation.kind === "mpim" && members.length <= MAX_DM_PEOPLE);
    const createdAt = conversation.createdAt ?? domain.now();
    const createdBy = (conversation.creator === undefined ? undefined : this.people.known(conversation.creator)) ?? null;
    const topic = cleanTopic(conversation.topic);
    if (direct) {
      const dmKey = [...members].sort((a, b) => a - b).join(",");
      const name = directRoomName(dmKey);
      if (dryRun) return this.counted({ id: this.nextDryId--, name, kind: "dm" });
      const made = (await store.roomByDmKey(dmKey)) ?? (await store.createRoom({ name, nameKey: name, topic: "", createdBy, createdAt, kind: "dm", dmKey }));
      const room = made ?? (await store.roomByDmKey(dmKey));
      if (!room) throw new Error(`the direct conversation ${conversation.slackId} could not be made`);
      await store.saveImportKey(SOURCE, "room", key, room.id);
      return this.counted(room);
    }
    const kind = conversation.kind === "public" ? "public" : "private";
    const candidates = nameCandidates(conversation.name, conversation.slackId).filter((name) => !nameKey(name).startsWith("dm-"));
    if (kind === "public") {
      const same = await store.roomByKey(nameKey(candidates[0] ?? ""));
      if (same && same.kind === "public") {
        if (!dryRun) await store.saveImportKey(SOURCE, "room", key, same.id);
        return same;
      }
    }
    if (dryRun) return this.counted({ id: this.nextDryId--, name: candidates[0] ?? conversation.slackId, kind });
    for (const name of candidates) {
      const room = await store.createRoom({ name, nameKey: nameKey(name), topic, createdBy, createdAt, kind });
      if (!room) continue;
      await store.saveImportKey(SOURCE, "room", key, room.id);
      return this.counted(room);
    }
    throw new Error(`no free name for the channel ${conversation.slackId}`);
  }

  private counted<R>(room: R): R {
    this.context.report.counts.rooms++;
    return room;
  }
}

function cleanTopic(topic: string): string {
  return [
    ...storable(decodeEntities(topic))
      .replace(/\p{Cc}+/gu, " ")
      .trim(),
  ]
    .slice(0, TOPIC_MAX)
    .join("");
}
