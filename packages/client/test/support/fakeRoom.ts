import type { HistoryPage, JoinPayload, JoinResult, Message } from "@natter/protocol";

const alice = { id: 1, username: "alice" };

/** One room as the server keeps it: messages by seq, every change numbered by rev. Answers join and history. */
export class FakeRoom {
  readonly messages: Message[] = [];
  private lastRev = 0;
  /** Set to answer the next joins with `reset`, as the server does for a client too far behind. */
  tooFarBehind = false;

  constructor(readonly name: string) {}

  post(text: string): Message {
    const seq = this.messages.length + 1;
    const message: Message = {
      id: 100 + seq,
      room: this.name,
      seq,
      author: alice,
      text,
      clientMsgId: `m-${seq}`,
      createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      rev: ++this.lastRev,
      editedAt: null,
      deleted: false,
      replyTo: null,
      inRoom: true,
      replyCount: 0,
      reactions: [],
      attachments: [],
      mentions: [],
      mentionsRoom: false,
    };
    this.messages.push(message);
    return message;
  }

  edit(seq: number, text: string): Message {
    const index = seq - 1;
    const edited = { ...this.at(seq), text, editedAt: new Date(Date.UTC(2026, 0, 2)).toISOString(), rev: ++this.lastRev };
    this.messages[index] = edited;
    return edited;
  }

  at(seq: number): Message {
    const message = this.messages[seq - 1];
    if (!message) throw new Error(`No message ${seq} in ${this.name}`);
    return message;
  }

  join({ after, sinceRev }: JoinPayload): { ok: true } & JoinResult {
    const reset = this.tooFarBehind && after !== undefined;
    const page = after === undefined || reset ? this.messages.slice(-50) : this.messages.filter((m) => m.seq > after).slice(0, 100);
    const updated = sinceRev === undefined || reset ? [] : this.messages.filter((m) => m.rev > sinceRev && m.seq <= (after ?? 0));
    const last = this.messages.at(-1)?.seq ?? 0;
    return {
      ok: true,
      messages: page,
      hasOlder: (page[0]?.seq ?? 1) > 1,
      hasNewer: (page.at(-1)?.seq ?? last) < last,
      reset,
      updated,
      online: [],
      room: {
        name: this.name,
        topic: "",
        kind: "public",
        archived: false,
        createdAt: new Date(Date.UTC(2026, 0, 1)).toISOString(),
        memberCount: 1,
        lastSeq: last,
        lastRev: this.lastRev,
        joined: true,
        role: "member",
        lastReadSeq: 0,
        unread: 0,
        mentions: 0,
        notify: "all",
        members: [],
        online: [],
        onlineCount: 0,
        messageCount: this.messages.length,
        historyStartsAt: null,
        retentionDays: null,
      },
    };
  }

  history(after: number, limit: number): HistoryPage {
    const page = this.messages.filter((m) => m.seq > after).slice(0, limit);
    const last = this.messages.at(-1)?.seq ?? 0;
    return { messages: page, hasOlder: after > 0, hasNewer: (page.at(-1)?.seq ?? last) < last };
  }
}
