import type { Message } from "@natter/protocol";
import { beforeEach, describe, expect, it } from "vitest";
import { NatterError } from "../src/errors.js";
import type { Emit, NatterClientEvents } from "../src/options.js";
import { RoomFeed } from "../src/roomFeed.js";
import { listenToServer } from "../src/serverEvents.js";
import { FakeRoom } from "./support/fakeRoom.js";
import { TestSocketPair } from "./support/testSocketPair.js";

/** Everything the feed announced, in order. */
type Seen = [keyof NatterClientEvents, ...unknown[]];

const seqs = (seen: Seen[], event: "message" | "message_updated") => seen.flatMap((entry) => (entry[0] === event ? [(entry[1] as Message).seq] : []));

describe("the per-room feed over a socket", () => {
  let pair: TestSocketPair;
  let general: FakeRoom;
  let feed: RoomFeed;
  let seen: Seen[];
  let historyCalls: number[];

  beforeEach(() => {
    pair = new TestSocketPair();
    general = new FakeRoom("general");
    seen = [];
    historyCalls = [];
    const emit: Emit = (event, ...args) => seen.push([event, ...args]);
    feed = new RoomFeed({
      link: () => pair.client,
      history: async (_room, after, limit) => {
        historyCalls.push(after);
        return general.history(after, limit);
      },
      ackTimeoutMs: 1_000,
      emit,
    });
    listenToServer(pair.client, feed, emit);
    pair.answer("join", (payload) => general.join(payload));
  });

  async function join(): Promise<void> {
    const joined = feed.join("general");
    await pair.flush();
    await joined;
  }

  it("delivers messages pushed out of order and twice exactly once, in seq order", async () => {
    general.post("one");
    await join();
    const [two, three, four] = [general.post("two"), general.post("three"), general.post("four")];
    pair.push("message", four);
    pair.push("messages", [two, three]);
    pair.push("message", three);
    await pair.flush();
    expect(seqs(seen, "message")).toEqual([2, 3, 4]);
    expect(feed.lastSeq("general")).toBe(4);
  });

  it("fetches a skipped seq over HTTP before showing anything after it", async () => {
    general.post("one");
    await join();
    general.post("two");
    general.post("three");
    pair.push("message", general.post("four"));
    await pair.flush();
    expect(historyCalls).toEqual([1]);
    expect(seqs(seen, "message")).toEqual([2, 3, 4]);
  });

  it("delivers nothing twice when a message pushed during the join is also in its answer", async () => {
    general.post("one");
    const joined = feed.join("general");
    pair.push("message", general.post("two"));
    await pair.flush();
    const result = await joined;
    expect(result.messages.map((m) => m.seq)).toEqual([1, 2]);
    expect(seqs(seen, "message")).toEqual([]);
    expect(feed.lastSeq("general")).toBe(2);
  });

  it("holds a message that overtakes the join's answer and delivers it after the answer", async () => {
    general.post("one");
    // The server answers the join, then a new message is broadcast before the ack is on the wire.
    pair.answer("join", (payload) => {
      const ack = general.join(payload);
      pair.push("message", general.post("two"));
      return ack;
    });
    const joined = feed.join("general");
    await pair.flush();
    expect((await joined).messages.map((m) => m.seq)).toEqual([1]);
    expect(seqs(seen, "message")).toEqual([2]);
    expect(feed.lastSeq("general")).toBe(2);
  });

  it("after a reconnect asks for what came after its last seq and rev, and applies the edits it missed", async () => {
    general.post("one");
    general.post("two");
    await join();
    pair.drop();
    pair.push("message", general.post("three"));
    general.edit(1, "one, edited");
    pair.reconnect();
    const caughtUp = feed.catchUpAll();
    await pair.flush();
    await caughtUp;
    expect(pair.requests.at(-1)).toEqual({ event: "join", payload: { room: "general", after: 2, sinceRev: 2 } });
    expect(seqs(seen, "message")).toEqual([3]);
    expect(seqs(seen, "message_updated")).toEqual([1]);
  });

  it("when too far behind, announces a reset with the latest page and continues from its end", async () => {
    general.post("one");
    await join();
    pair.drop();
    for (let i = 0; i < 3; i++) general.post(`missed ${i}`);
    general.tooFarBehind = true;
    pair.reconnect();
    const caughtUp = feed.catchUpAll();
    await pair.flush();
    await caughtUp;
    const reset = seen.find((entry) => entry[0] === "reset");
    expect(reset?.[1]).toMatchObject({ room: "general", messages: general.messages });
    expect(feed.lastSeq("general")).toBe(4);
    pair.push("message", general.post("five"));
    await pair.flush();
    expect(seqs(seen, "message")).toEqual([5]);
  });

  it("fails a join the connection dropped under as UNAVAILABLE, which a caller may retry", async () => {
    const joined = feed.join("general");
    pair.drop();
    const error = await joined.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NatterError);
    expect((error as NatterError).code).toBe("UNAVAILABLE");
  });

  it("follows a renamed room under its new name and forgets a removed one", async () => {
    general.post("one");
    await join();
    pair.push("room_updated", { previousName: "general", name: "lobby", topic: "", archived: false });
    await pair.flush();
    expect(feed.lastSeq("lobby")).toBe(1);
    expect(feed.lastSeq("general")).toBeUndefined();
    pair.push("room_removed", { room: "lobby", reason: "removed" });
    await pair.flush();
    expect(feed.lastSeq("lobby")).toBeUndefined();
  });
});
