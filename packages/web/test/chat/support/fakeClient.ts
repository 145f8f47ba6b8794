import { NatterClient, type SendOptions } from "@natter/client";
import type { CustomEmoji, JoinResult, Message, ReadState, RoomSummary, ServerLimits, ThreadsResponse } from "@natter/protocol";
import { message } from "./fixtures.js";

/**
 * A NatterClient whose server is this object: no socket, answers from memory. `send` answers the way the
 * SDK does: the stored copy goes out as a "message" event (unless the SDK would hold it back behind a gap)
 * and is also the send's answer.
 */
export class FakeClient extends NatterClient {
  readonly sent: Message[] = [];
  /** Off: the answer comes, but the SDK still waits for an earlier seq before delivering the event. */
  deliverOnAnswer = true;
  /** The answer to the latest send, to wait for it. */
  answer: Promise<Message> | undefined;
  private seq = 0;

  constructor(
    private readonly known: RoomSummary[],
    private readonly serverLimits: ServerLimits = { maxMessageLength: 4_000, maxAttachments: 10, maxUploadBytes: 25 * 1024 * 1024 },
  ) {
    super({ url: "http://natter.invalid" });
  }

  /** What the server broadcasts: the SDK hands it on as a "message" event. */
  broadcast(stored: Message): void {
    this.emit("message", stored);
  }

  /** Connected at once, and says so as the SDK does: the outbox sends only while connected. */
  override async connect(): Promise<void> {
    this.emit("status", "connected");
  }
  override async rooms(): Promise<RoomSummary[]> {
    return this.known;
  }
  override async limits(): Promise<ServerLimits> {
    return this.serverLimits;
  }
  override async customEmoji(): Promise<CustomEmoji[]> {
    return [];
  }
  override async join(room: string): Promise<JoinResult> {
    const summary = this.known.find((known) => known.name === room) ?? this.known[0];
    if (!summary) throw new Error(`no room ${room}`);
    return {
      room: { ...summary, online: [], onlineCount: 0, messageCount: 0, historyStartsAt: null, retentionDays: null },
      messages: [],
      hasOlder: false,
      hasNewer: false,
      online: [],
      reset: false,
      updated: [],
    };
  }
  /** Every read position asked for, forward (mark read) or back (mark unread), as "room:seq". */
  readonly readMarks: string[] = [];
  override async markRead(room: string, seq: number): Promise<void> {
    this.readMarks.push(`${room}:${seq}`);
  }
  override async markUnread(room: string, seq: number): Promise<ReadState> {
    this.readMarks.push(`${room}:${seq - 1}`);
    return { seq: seq - 1, unread: this.seq - seq + 1, mentions: 0 };
  }
  override async threads(): Promise<ThreadsResponse> {
    return { threads: [], hasMore: false };
  }
  override typing(): void {}

  override send(room: string, text: string, options: SendOptions = {}): Promise<Message> {
    this.seq += 1;
    const stored = message(this.seq, { room, text, clientMsgId: options.clientMsgId ?? `c${this.seq}` });
    this.sent.push(stored);
    if (this.deliverOnAnswer) this.broadcast(stored);
    this.answer = Promise.resolve(stored);
    return this.answer;
  }
}
