import { describe, expect, it, vi } from "vitest";
import { GroupCommit, type InsertResult, type MessageWriter } from "../../src/storage/messageWriter.js";
import type { MessageRow, NewMessage } from "../../src/storage/index.js";

/** A writer that records each batch, can hold a write open, and answers what it is told to. */
class RecordingWriter implements MessageWriter {
  readonly batches: string[][] = [];
  maxAtOnce = 0;
  answer: (batch: readonly NewMessage[]) => (InsertResult | Error)[] = (batch) => batch.map(stored);
  private writing = 0;
  private held: (() => void)[] = [];
  holding = false;

  async write(batch: readonly NewMessage[]): Promise<(InsertResult | Error)[]> {
    this.batches.push(batch.map((m) => m.text));
    this.maxAtOnce = Math.max(this.maxAtOnce, ++this.writing);
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
    this.writing--;
    return this.answer(batch);
  }

  release(): void {
    this.holding = false;
    for (const resolve of this.held.splice(0)) resolve();
  }
}

const send = (text: string): NewMessage => ({ roomId: 1, authorId: 1, text, clientMsgId: text, createdAt: 0 });

function stored(message: NewMessage): InsertResult {
  const row: MessageRow = {
    id: 1,
    room_id: 1,
    seq: 1,
    rev: 1,
    author_id: 1,
    text: message.text,
    client_msg_id: message.clientMsgId,
    created_at: 0,
    edited_at: null,
    deleted_at: null,
    reply_to_id: null,
    in_room: 1,
    reply_count: 0,
    mention_ids: "",
    mentions_room: 0,
    reaction_count: 0,
    file_count: 0,
  };
  return { message: row, created: true };
}

describe("group commit", () => {
  it("the sends of one turn share one write, and each is answered with its own result", async () => {
    const writer = new RecordingWriter();
    const commits = new GroupCommit(writer);
    const results = await Promise.all(["a", "b", "c"].map((text) => commits.insert(send(text))));
    expect(writer.batches).toEqual([["a", "b", "c"]]);
    expect(results.map((r) => r.message.text)).toEqual(["a", "b", "c"]);
  });

  it("sends arriving during a write wait for it and go together in the next, never two writes at once", async () => {
    const writer = new RecordingWriter();
    writer.holding = true;
    const commits = new GroupCommit(writer);
    const first = [commits.insert(send("a1")), commits.insert(send("a2"))];
    await vi.waitFor(() => expect(writer.batches).toHaveLength(1));
    const second = commits.insert(send("b"));
    await new Promise((resolve) => setImmediate(resolve));
    const third = commits.insert(send("c"));
    writer.release();
    await Promise.all([...first, second, third]);
    expect(writer.batches).toEqual([
      ["a1", "a2"],
      ["b", "c"],
    ]);
    expect(writer.maxAtOnce).toBe(1);
  });

  it("a send the writer failed, or did not answer, fails alone", async () => {
    const writer = new RecordingWriter();
    writer.answer = (batch) => batch.slice(0, 2).map((m) => (m.text === "bad" ? new Error("room gone") : stored(m)));
    const commits = new GroupCommit(writer);
    const [good, bad, unanswered] = await Promise.allSettled(["good", "bad", "lost"].map((text) => commits.insert(send(text))));
    expect(good).toMatchObject({ status: "fulfilled", value: { message: { text: "good" } } });
    expect(bad).toMatchObject({ status: "rejected", reason: { message: "room gone" } });
    expect(unanswered).toMatchObject({ status: "rejected", reason: { message: "no result" } });
  });

  it("a writer that throws fails every send of its batch, and the next batch is written", async () => {
    const writer = new RecordingWriter();
    writer.answer = () => {
      throw new Error("database away");
    };
    const commits = new GroupCommit(writer);
    const failed = await Promise.allSettled(["a", "b"].map((text) => commits.insert(send(text))));
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    writer.answer = (batch) => batch.map(stored);
    expect((await commits.insert(send("c"))).message.text).toBe("c");
  });
});
