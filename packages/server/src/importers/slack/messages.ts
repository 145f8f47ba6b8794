import type { ImportedFile, ImportedMessage } from "../../storage/index.js";
import { storeBytes } from "../../domain/files.js";
import { SOURCE, storable, type ImportContext } from "./context.js";
import { emojiOf } from "./emoji.js";
import type { ExportZip } from "./exportZip.js";
import type yauzl from "yauzl";
import { slackToMarkdown } from "./markup.js";
import type { SlackPeople } from "./people.js";
import type { ImportRoom, SlackRooms } from "./rooms.js";
import { slackFileSchema, tsMillis, type SlackMessage } from "./slackSchemas.js";

/** Kinds of message that read as messages in Natter; topic and name changes read as what they say. */
const AS_MESSAGES = new Set([
  "bot_message",
  "me_message",
  "file_share",
  "thread_broadcast",
  "channel_topic",
  "channel_purpose",
  "channel_name",
  "group_topic",
  "group_purpose",
  "group_name",
  "reminder_add",
  "slackbot_response",
]);
/** A join makes a member (of a public room): Natter shows no join lines. */
const JOINS = new Set(["channel_join", "group_join"]);
const REASONS: Record<string, string> = {
  channel_leave: "leaving is not kept: members come from the channel lists",
  group_leave: "leaving is not kept: members come from the channel lists",
  message_changed: "an edit event: the export's message already holds the edited text",
  message_deleted: "a deletion event: the message is not in the export",
  tombstone: "a deleted message's placeholder",
};

/** One Slack message as an ImportedMessage, or undefined (counted or reported) when it is not one. */
export class SlackMessages {
  constructor(
    private readonly context: ImportContext,
    private readonly people: SlackPeople,
    private readonly rooms: SlackRooms,
    private readonly zip: ExportZip,
    private readonly fileBytes: ReadonlyMap<string, yauzl.Entry>,
    /** A file is read whole to be checked like an upload: a larger one is named in its message instead. */
    private readonly maxFileBytes: number,
  ) {}

  async convert(channelId: string, room: ImportRoom, where: string, message: SlackMessage): Promise<ImportedMessage | undefined> {
    const { report } = this.context;
    const subtype = message.subtype;
    if (subtype !== undefined && !AS_MESSAGES.has(subtype) && !JOINS.has(subtype)) {
      report.skipKind(subtype, REASONS[subtype] ?? "no counterpart in Natter");
      return undefined;
    }
    const authorId = await this.author(message);
    if (authorId === undefined) {
      report.skip(`${where} ${message.ts}`, "no user or bot wrote it");
      return undefined;
    }
    if (room.kind === "public") await this.rooms.join(room, authorId);
    if (subtype !== undefined && JOINS.has(subtype)) return undefined;
    if (subtype?.endsWith("_topic") && message.topic !== undefined) room.topic = message.topic;

    const key = `${channelId}:${message.ts}`;
    const converted = slackToMarkdown(message.text ?? "", { user: (id) => this.people.nameOf(id), channel: (id) => this.rooms.channelName(id) });
    const { files, notes } = await this.files(key, where, message.files ?? []);
    let text = converted.text.trim();
    if (subtype === "me_message" && text) text = `_${text}_`;
    text = storable([text, ...notes].filter(Boolean).join("\n"));
    if (!text && files.length === 0) {
      report.skip(`${where} ${message.ts}`, "empty: no text and no file");
      return undefined;
    }
    const replyToKey = message.thread_ts !== undefined && message.thread_ts !== message.ts ? `${channelId}:${message.thread_ts}` : null;
    const mentionIds = converted.mentions.flatMap((id) => {
      const userId = this.people.known(id);
      return userId !== undefined && userId !== authorId && room.members.has(userId) ? [userId] : [];
    });
    return {
      source: SOURCE,
      key,
      roomId: room.id,
      authorId,
      text,
      createdAt: tsMillis(message.ts),
      editedAt: message.edited ? tsMillis(message.edited.ts) : null,
      replyToKey,
      inRoom: replyToKey === null || subtype === "thread_broadcast",
      mentionIds: [...new Set(mentionIds)].sort((a, b) => a - b),
      mentionsRoom: converted.mentionsRoom,
      reactions: await this.reactions(where, message),
      files,
    };
  }

  private async author(message: SlackMessage): Promise<number | undefined> {
    if (message.user) return this.people.user(message.user);
    if (message.bot_id) return this.people.bot(message.bot_id, message.bot_profile?.name ?? message.username);
    return undefined;
  }

  /** Reactions by emoji; a workspace's custom emoji has no Unicode counterpart and is reported. */
  private async reactions(where: string, message: SlackMessage): Promise<{ userId: number; emoji: string }[]> {
    const seen = new Map<string, { userId: number; emoji: string }>();
    for (const reaction of message.reactions ?? []) {
      const emoji = emojiOf(reaction.name);
      if (emoji === undefined) {
        this.context.report.skip(`${where} ${message.ts} :${reaction.name}:`, "a custom emoji: reactions need a Unicode emoji");
        continue;
      }
      for (const slackId of reaction.users) {
        const userId = await this.people.user(slackId);
        seen.set(`${userId} ${emoji}`, { userId, emoji });
      }
    }
    return [...seen.values()];
  }

  /** Files with bytes in the export are stored (once: not again for a message imported already); others are named. */
  private async files(key: string, where: string, raw: readonly unknown[]): Promise<{ files: ImportedFile[]; notes: string[] }> {
    const { domain, dryRun, report } = this.context;
    const files: ImportedFile[] = [];
    const notes: string[] = [];
    let imported: boolean | undefined;
    for (const item of raw) {
      const parsed = slackFileSchema.safeParse(item);
      if (!parsed.success) {
        report.skip(`${where} file`, `not a Slack file: ${parsed.error.issues[0]?.message ?? "invalid"}`);
        continue;
      }
      const file = parsed.data;
      const name = file.name ?? file.title ?? file.id;
      const entry = file.mode === "tombstone" || file.mode === "hidden_by_limit" ? undefined : this.fileBytes.get(file.id);
      if (!entry || entry.uncompressedSize > this.maxFileBytes) {
        notes.push(`📎 ${storable(name)}${file.mode === "tombstone" ? " (deleted in Slack)" : ""}`);
        report.counts.filesWithoutBytes++;
        continue;
      }
      imported ??= (await domain.store.importTargets(SOURCE, [key])).has(key);
      if (imported) continue;
      report.counts.files++;
      if (dryRun) continue;
      const stored = await storeBytes(domain, name, await this.zip.read(entry, this.maxFileBytes));
      files.push({ ...stored, created_at: tsMillis(key.slice(key.indexOf(":") + 1)) });
    }
    return { files, notes };
  }
}
