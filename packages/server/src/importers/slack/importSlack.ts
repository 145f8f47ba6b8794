import type { ImportedMessage } from "../../storage/index.js";
import type { ImportContext, ImportDomain } from "./context.js";
import { ExportZip, type DayFile } from "./exportZip.js";
import { SlackMessages } from "./messages.js";
import { SlackPeople } from "./people.js";
import { ImportReport } from "./report.js";
import { SlackRooms, type Conversation } from "./rooms.js";
import { slackChannelSchema, slackMessageSchema, slackUserSchema, type SlackMessage } from "./slackSchemas.js";
import { z } from "zod";

export interface SlackImportOptions {
  dryRun?: boolean;
  /** Called after each file read, and at the end. */
  onProgress?: (report: ImportReport) => void | Promise<void>;
  /** Messages per transaction: large, as each commit costs a sync. */
  batchSize?: number;
  /** Files larger than this (the server's MAX_UPLOAD_MB) are named in their message, not stored. */
  maxFileBytes?: number;
}

/** MAX_UPLOAD_MB's default, for callers that do not say. */
const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

/** The lists of conversations, and the kind each lists. */
const LISTS = [
  ["channels.json", "public"],
  ["groups.json", "private"],
  ["mpims.json", "mpim"],
  ["dms.json", "dm"],
] as const;

/**
 * `natter import slack EXPORT.zip`: users, then conversations, then each conversation's days in order, its
 * messages written in large transactions with their import keys. Running it again, or after a crash, skips
 * what is stored and goes on from there. Bad files and items are skipped alone, with the reason reported.
 */
export async function importSlack(domain: ImportDomain, zipPath: string, options: SlackImportOptions = {}): Promise<ImportReport> {
  const report = new ImportReport();
  const context: ImportContext = { domain, report, dryRun: options.dryRun ?? false };
  const zip = await ExportZip.open(zipPath);
  try {
    const days = zip.dayFiles();
    report.filesTotal = [...days.values()].reduce((n, list) => n + list.length, 0);
    const progress = async () => void (await options.onProgress?.(report));

    report.step = "users";
    await progress();
    const people = new SlackPeople(context);
    await people.load(await readList(zip, report, "users.json", slackUserSchema));

    report.step = "rooms";
    await progress();
    const conversations: Conversation[] = [];
    for (const [file, kind] of LISTS) {
      for (const channel of await readList(zip, report, file, slackChannelSchema)) {
        const folder = kind === "dm" ? channel.id : channel.name;
        if (!folder) {
          report.skip(`${file} ${channel.id}`, "has no name, so no folder of messages");
          continue;
        }
        conversations.push({
          slackId: channel.id,
          folder,
          kind,
          name: channel.name,
          members: channel.members ?? [],
          creator: channel.creator,
          createdAt: channel.created === undefined ? undefined : channel.created * 1000,
          topic: channel.topic?.value || channel.purpose?.value || "",
          archived: channel.is_archived ?? false,
        });
      }
    }
    const rooms = new SlackRooms(context, people);
    await rooms.load(conversations);

    const messages = new SlackMessages(context, people, rooms, zip, zip.fileBytes(), options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    const writer = new BatchWriter(context, options.batchSize ?? (domain.store.dialect === "sqlite" ? 5_000 : 1_000));
    for (const conversation of conversations) {
      const room = rooms.room(conversation.folder);
      const list = days.get(conversation.folder) ?? [];
      days.delete(conversation.folder);
      if (!room) continue;
      report.step = conversation.kind === "dm" || conversation.kind === "mpim" ? "direct conversations" : `#${conversation.name ?? conversation.folder}`;
      for (const day of list) {
        for (const message of await readDay(zip, report, day)) {
          const converted = await messages.convert(conversation.slackId, room, `${day.folder}/${day.day}`, message);
          if (converted) await writer.add(converted);
        }
        report.filesDone++;
        await progress();
      }
      await writer.flush();
      await rooms.finish(room);
    }
    for (const [folder, list] of days) {
      report.skip(`${folder}/ (${list.length} day files)`, "no channel, group or DM of the export has this folder");
      report.filesDone += list.length;
    }
    report.step = "done";
    await progress();
    return report;
  } finally {
    zip.close();
  }
}

/** Fills transactions of `size` messages; a room's messages are all written before its room is finished. */
class BatchWriter {
  private batch: ImportedMessage[] = [];

  constructor(
    private readonly context: ImportContext,
    private readonly size: number,
  ) {}

  async add(message: ImportedMessage): Promise<void> {
    this.batch.push(message);
    if (this.batch.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    const { domain, dryRun, report } = this.context;
    const results = dryRun ? await this.dryResults(batch) : await domain.store.importMessages(batch);
    batch.forEach((message, index) => {
      const result = results[index];
      if (!result?.created) return void report.counts.alreadyImported++;
      if (message.replyToKey !== null && !result.orphan) report.counts.replies++;
      else report.counts.messages++;
      if (result.orphan) report.skip(message.key, "a thread reply whose first message is not in the export: kept as a message of its own");
      report.counts.reactions += message.reactions.length;
    });
  }

  /** What a real run would answer, from the keys stored: nothing is written. */
  private async dryResults(batch: readonly ImportedMessage[]) {
    const stored = await this.context.domain.store.importTargets(
      batch[0]?.source ?? "",
      batch.map((m) => m.key),
    );
    return batch.map((message) => ({ created: !stored.has(message.key), orphan: false }));
  }
}

/** A list file's valid items; a missing list is empty, a broken one (or item) is reported. */
async function readList<T>(zip: ExportZip, report: ImportReport, name: string, schema: z.ZodType<T>): Promise<T[]> {
  const entry = zip.find(name);
  if (!entry) {
    if (name === "users.json" || name === "channels.json") report.skip(name, "not in the export");
    return [];
  }
  const read = await zip.readJson(entry);
  if ("error" in read) {
    report.skip(name, `not readable JSON: ${read.error}`);
    return [];
  }
  if (!Array.isArray(read.json)) {
    report.skip(name, "not a JSON array");
    return [];
  }
  return read.json.flatMap((item: unknown, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) return [parsed.data];
    report.skip(`${name} item ${index}`, describe(parsed.error));
    return [];
  });
}

/** A day's messages in ts order; a file that is not a JSON array of messages is skipped whole. */
async function readDay(zip: ExportZip, report: ImportReport, day: DayFile): Promise<SlackMessage[]> {
  const where = `${day.folder}/${day.day}.json`;
  const read = await zip.readJson(day.entry);
  if ("error" in read || !Array.isArray(read.json)) {
    report.skip(where, "error" in read ? `not readable JSON: ${read.error}` : "not a JSON array");
    return [];
  }
  const messages = read.json.flatMap((item: unknown, index) => {
    const parsed = slackMessageSchema.safeParse(item);
    if (parsed.success) return [parsed.data];
    report.skip(`${where} item ${index}`, describe(parsed.error));
    return [];
  });
  // Slack writes a day in ts order: checking that takes one comparison a message, sorting log2(n) of them.
  const ordered = messages.every((message, index) => index === 0 || compareTs(messages[index - 1]?.ts ?? "", message.ts) <= 0);
  return ordered ? messages : messages.sort((a, b) => compareTs(a.ts, b.ts));
}

/** Slack timestamps in time order: seconds, then microseconds, as numbers (a float would round them). */
export function compareTs(a: string, b: string): number {
  const [aSeconds = "0", aMicros = "0"] = a.split(".");
  const [bSeconds = "0", bMicros = "0"] = b.split(".");
  return Number(aSeconds) - Number(bSeconds) || Number(aMicros.padEnd(6, "0")) - Number(bMicros.padEnd(6, "0"));
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "item"}: ${issue.message}` : "invalid";
}
