import type { Message } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest, member } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

describe("two people chatting", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()));
  afterEach(closeAll);
  afterAll(() => server.cleanup());

  it("bob sees alice's message in real time, and so does alice's own tab", async () => {
    const alice = await member(server.url, "alice");
    const bob = await guest(server.url, "bob");
    await alice.join("general");
    await bob.join("general");
    const seenByBob: Message[] = [];
    const seenByAlice: Message[] = [];
    bob.on("message", (m) => seenByBob.push(m));
    alice.on("message", (m) => seenByAlice.push(m));

    const sent = await alice.send("general", "hello bob");

    expect(sent).toMatchObject({ room: "general", seq: 1, text: "hello bob", author: { username: "alice" } });
    await eventually(() => expect(seenByBob.map((m) => m.text)).toEqual(["hello bob"]));
    expect(seenByAlice.map((m) => m.id)).toEqual([sent.id]);
  });
});
