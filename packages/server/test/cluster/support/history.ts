import { NatterError, newClientMsgId, type NatterClient } from "@natter/client";
import type { JoinResult, Message } from "@natter/protocol";
import type { StoredMessage, TestDatabase } from "./testDatabase.js";

/** invoked: under way; ok: acknowledged; failed: refused for good; unknown: no answer (it may or may not be stored). */
export type SendState = "invoked" | "ok" | "failed" | "unknown";

export interface SendRecord {
  label: string;
  authorId: number;
  room: string;
  clientMsgId: string;
  text: string;
  state: SendState;
  invokedAt: number;
  settledAt: number | undefined;
  message: Message | undefined;
  errorCode: string | undefined;
  /** It was unknown once and sent again with the same clientMsgId. */
  retried: boolean;
}

interface Shown {
  seq: number;
  id: number;
}

/** What one client was shown of one room: a new segment starts at each join and each reset. */
interface RoomFeed {
  segments: Shown[][];
}

export interface Audit {
  sends: number;
  acked: number;
  failed: number;
  unknown: number;
  retried: number;
  stored: number;
  /** Acknowledged but not in the database (or stored differently from what the ack said). */
  lost: number;
  /** Stored twice (same author and clientMsgId, or same text), or shown twice to one client. */
  duplicated: number;
  /** Shown to a client with a seq other than the previous one + 1. */
  outOfOrder: number;
  failedButStored: number;
  /** Retried after an unknown outcome, acknowledged, yet not stored exactly once. */
  unknownNotStoredOnce: number;
  /** Shown to a client but not what the database holds at that seq. */
  mismatched: number;
  /** Clients whose view of a room lacks messages the database has. */
  behind: number;
  /** The first few problems, in words. */
  problems: string[];
}

type ProblemKind = "lost" | "duplicated" | "outOfOrder" | "failedButStored" | "unknownNotStoredOnce" | "mismatched" | "behind";

const PROBLEMS_SHOWN = 20;

/**
 * The history checker: every send as invoked / ok / failed / unknown, and every (room, seq, id) each client is
 * shown; `audit` compares both with the database.
 */
export class History {
  readonly sends: SendRecord[] = [];
  private readonly feeds = new Map<string, Map<string, RoomFeed>>();
  private readonly firstSeen = new Map<string, Map<number, number>>();
  private counter = 0;

  /** Records everything the client shows from now on; call before it joins anything. */
  watch(label: string, client: NatterClient): void {
    if (this.feeds.has(label)) throw new Error(`${label} is watched already`);
    this.feeds.set(label, new Map());
    this.firstSeen.set(label, new Map());
    client.on("message", (message) => this.show(label, message.room, [message], false));
    client.on("reset", ({ room, messages }) => this.show(label, room, messages, true));
  }

  /** Joins the room; the history page the join returns is the start of what the client shows. */
  async join(label: string, client: NatterClient, room: string): Promise<JoinResult> {
    // Messages that arrive while joining are shown (after the page) before join() resolves: start the segment now.
    this.show(label, room, [], true);
    const result = await client.join(room);
    const segment = this.feeds.get(label)?.get(room)?.segments.at(-1);
    segment?.unshift(...result.messages.map((m) => ({ seq: m.seq, id: m.id })));
    const seen = this.firstSeen.get(label);
    for (const message of result.messages) if (!seen?.has(message.id)) seen?.set(message.id, performance.now());
    return result;
  }

  /**
   * Sends through the SDK (which retries with one clientMsgId) and records the outcome. Never throws: the
   * outcome is in the record.
   */
  async send(label: string, client: NatterClient, room: string, options: { giveUpAfterMs?: number; text?: string } = {}): Promise<SendRecord> {
    const authorId = client.user?.id;
    if (authorId === undefined) throw new Error(`${label} is not logged in`);
    const record: SendRecord = {
      label,
      authorId,
      room,
      clientMsgId: newClientMsgId(),
      text: options.text ?? `${label} #${++this.counter}`,
      state: "invoked",
      invokedAt: performance.now(),
      settledAt: undefined,
      message: undefined,
      errorCode: undefined,
      retried: false,
    };
    this.sends.push(record);
    await this.attempt(record, client, options.giveUpAfterMs);
    return record;
  }

  /** Sends an unknown one again with its clientMsgId (possibly from another client of the same user). */
  async retry(record: SendRecord, client: NatterClient, giveUpAfterMs?: number): Promise<SendRecord> {
    record.retried = true;
    record.state = "invoked";
    await this.attempt(record, client, giveUpAfterMs);
    return record;
  }

  /** When the client was first shown this message, in performance.now() time. */
  shownAt(label: string, messageId: number): number | undefined {
    return this.firstSeen.get(label)?.get(messageId);
  }

  /** The seqs the client shows of the room now (since its last join or reset). */
  view(label: string, room: string): Shown[] {
    return this.feeds.get(label)?.get(room)?.segments.at(-1) ?? [];
  }

  /** Compares every send and every client's view of the rooms with the database. */
  async audit(database: TestDatabase, rooms: readonly string[]): Promise<Audit> {
    const audit: Audit = {
      sends: this.sends.length,
      acked: 0,
      failed: 0,
      unknown: 0,
      retried: 0,
      stored: 0,
      lost: 0,
      duplicated: 0,
      outOfOrder: 0,
      failedButStored: 0,
      unknownNotStoredOnce: 0,
      mismatched: 0,
      behind: 0,
      problems: [],
    };
    const flag = (kind: ProblemKind, text: string, count = 1) => {
      audit[kind] += count;
      if (audit.problems.length < PROBLEMS_SHOWN) audit.problems.push(text);
    };
    const stored = new Map<string, StoredMessage[]>();
    for (const room of rooms) stored.set(room, await database.roomMessages(room));
    const all = [...stored.values()].flat();
    audit.stored = all.length;

    const byClientId = groupBy(all, (m) => `${m.authorId}/${m.clientMsgId}`);
    for (const [key, rows] of byClientId) {
      if (rows.length > 1) flag("duplicated", `stored ${rows.length} times: author/clientMsgId ${key}`, rows.length - 1);
    }
    const ours = new Set(this.sends.map((s) => s.text));
    for (const [text, rows] of groupBy(all, (m) => m.text)) {
      // The same text under several clientMsgIds: a retry that did not reuse its id (same ids are counted above).
      const distinctIds = new Set(rows.map((m) => `${m.authorId}/${m.clientMsgId}`)).size;
      if (distinctIds > 1 && ours.has(text)) flag("duplicated", `the text "${text}" is stored under ${distinctIds} clientMsgIds`, distinctIds - 1);
    }

    for (const send of this.sends) {
      const rows = byClientId.get(`${send.authorId}/${send.clientMsgId}`) ?? [];
      if (send.retried) audit.retried++;
      if (send.state === "ok") {
        audit.acked++;
        const row = rows[0];
        if (!row || row.id !== send.message?.id || row.seq !== send.message.seq) {
          flag(
            "lost",
            `acknowledged but ${row ? `stored as id ${row.id} seq ${row.seq}` : "not stored"}: ${send.text} (ack said id ${send.message?.id} seq ${send.message?.seq})`,
          );
        }
        if (send.retried && rows.length !== 1) flag("unknownNotStoredOnce", `retried after no answer, stored ${rows.length} times: ${send.text}`);
      } else if (send.state === "failed") {
        audit.failed++;
        if (rows.length > 0) flag("failedButStored", `refused with ${send.errorCode} yet stored: ${send.text}`);
      } else if (send.state === "unknown") {
        audit.unknown++;
      }
    }

    for (const [label, feeds] of this.feeds) {
      for (const [room, feed] of feeds) {
        const rows = stored.get(room);
        if (!rows) continue;
        const idAt = new Map(rows.map((m) => [m.seq, m.id]));
        for (const segment of feed.segments) {
          const ids = new Set<number>();
          segment.forEach((shown, i) => {
            const previous = segment[i - 1];
            if (previous && shown.seq !== previous.seq + 1) flag("outOfOrder", `${label} was shown seq ${shown.seq} after seq ${previous.seq} in ${room}`);
            if (ids.has(shown.id)) flag("duplicated", `${label} was shown message ${shown.id} twice in ${room}`);
            ids.add(shown.id);
            if (idAt.get(shown.seq) !== shown.id)
              flag(
                "mismatched",
                `${label} was shown message ${shown.id} as seq ${shown.seq} in ${room}; the database has ${idAt.get(shown.seq) ?? "nothing"} there`,
              );
          });
        }
        const lastShown = feed.segments.at(-1)?.at(-1)?.seq ?? 0;
        const lastStored = rows.at(-1)?.seq ?? 0;
        if (lastShown < lastStored) flag("behind", `${label} shows ${room} up to seq ${lastShown}; the database has up to ${lastStored}`);
      }
    }
    return audit;
  }

  private async attempt(record: SendRecord, client: NatterClient, giveUpAfterMs: number | undefined): Promise<void> {
    try {
      record.message = await client.send(record.room, record.text, { clientMsgId: record.clientMsgId, giveUpAfterMs });
      record.state = "ok";
      record.errorCode = undefined;
    } catch (error) {
      // The SDK gives up with UNAVAILABLE when no answer came in time: the outcome is unknown, not a refusal.
      const gaveUp = error instanceof NatterError && error.code === "UNAVAILABLE";
      record.state = gaveUp || !(error instanceof NatterError) ? "unknown" : "failed";
      record.errorCode = error instanceof NatterError ? error.code : String(error);
    }
    record.settledAt = performance.now();
  }

  private show(label: string, room: string, messages: Message[], startsSegment: boolean): void {
    const feeds = this.feeds.get(label);
    const feed = feeds?.get(room) ?? { segments: [] };
    if (startsSegment) feed.segments.push([]);
    const segment = feed.segments.at(-1);
    // Messages of a room the client has not joined are passed through by the SDK unordered: not part of a view.
    if (!segment) return;
    feeds?.set(room, feed);
    const seen = this.firstSeen.get(label);
    for (const message of messages) {
      segment.push({ seq: message.seq, id: message.id });
      if (!seen?.has(message.id)) seen?.set(message.id, performance.now());
    }
  }
}

/** One line for a report: every count of the audit. */
export function describeAudit(audit: Audit): string {
  const { problems: _problems, ...counts } = audit;
  return Object.entries(counts)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
}

/** True when nothing is lost, doubled, disordered, wrongly refused, mismatched or missing. */
export function isClean(audit: Audit): boolean {
  return audit.lost + audit.duplicated + audit.outOfOrder + audit.failedButStored + audit.unknownNotStoredOnce + audit.mismatched + audit.behind === 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
