import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Store } from "../../src/storage/index.js";
import { ask, guestToken, rawSocket } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";

/**
 * Sends held inside the database when a graceful stop begins must still be acknowledged: the client should not
 * have to retry what was stored. The gate holds them there until the stop has begun.
 */
describe("a graceful stop with sends in flight", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()));
  afterAll(() => server.cleanup());

  it("stores and acknowledges every send it had received, then tells the clients to go", async () => {
    const token = await guestToken(server.url, "last-words");
    const socket = await rawSocket(server.url, token);
    const store: Store = server.natter.domain.store;
    const insert = store.insertMessage.bind(store);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let held = 0;
    store.insertMessage = async (message) => {
      held++;
      await gate;
      return insert(message);
    };

    const acks = Array.from({ length: 8 }, (_, i) => ask(socket, "send_message", { room: "general", text: `in flight ${i}`, clientMsgId: `in-flight-${i}` }));
    await vi.waitFor(() => expect(held).toBe(8));
    const stopped = server.stop();
    // What arrives once the stop has begun is refused as retryable, not taken and then dropped.
    expect(await ask(socket, "send_message", { room: "general", text: "too late", clientMsgId: "too-late" })).toMatchObject({
      ok: false,
      error: { code: "UNAVAILABLE" },
    });
    open();
    const answers = await Promise.allSettled(acks);
    await stopped;

    expect(answers.map((answer) => answer.status === "fulfilled" && (answer.value as { ok: boolean }).ok)).toEqual(Array(8).fill(true));
    await vi.waitFor(() => expect(socket.connected).toBe(false));
    socket.close();
  });
});
