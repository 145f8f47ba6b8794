import { describe, expect, it } from "vitest";
import type { PendingMessage } from "../../src/chat/chatState.js";
import { Delivery } from "../../src/chat/delivery.js";

/** An outbox of Alice's messages, and a server that stores, refuses or does not answer each, as told. */
function outbox(texts: string[]) {
  let pending: PendingMessage[] = texts.map((text, i) => ({ clientMsgId: `c${i}`, room: "general", text, status: "pending", queuedAt: i }));
  const stored: string[] = [];
  const server = { connected: true, refuse: new Map<string, string>(), silent: false };
  const delivery = new Delivery({
    pending: () => pending,
    connected: () => server.connected,
    send: async (item) => {
      const reason = server.refuse.get(item.text);
      if (reason) throw new Error(reason);
      if (server.silent) throw new Error("silent");
      stored.push(item.text);
      pending = pending.filter((known) => known.clientMsgId !== item.clientMsgId);
    },
    refusal: (error) => (error instanceof Error && error.message !== "silent" ? error.message : undefined),
    setPending: (next) => (pending = next),
    newId: () => `new-${pending.length}`,
  });
  return { delivery, stored, server, state: () => pending.map((item) => [item.text, item.status, item.reason]) };
}

describe("the outbox", () => {
  it("sends its messages one at a time, in the order they were written", async () => {
    const { delivery, stored } = outbox(["one", "two", "three"]);
    await delivery.flush();
    expect(stored).toEqual(["one", "two", "three"]);
  });

  it("keeps everything waiting while disconnected, and sends it all in order once connected", async () => {
    const { delivery, stored, server, state } = outbox(["one", "two"]);
    server.connected = false;
    await delivery.flush();
    expect(state()).toEqual([
      ["one", "waiting", undefined],
      ["two", "waiting", undefined],
    ]);
    server.connected = true;
    await delivery.flush();
    expect(stored).toEqual(["one", "two"]);
  });

  it("when the server does not answer, that message and every later one wait rather than fail", async () => {
    const { delivery, stored, server, state } = outbox(["one", "two"]);
    server.silent = true;
    await delivery.flush();
    expect(stored).toEqual([]);
    expect(state().map(([, status]) => status)).toEqual(["waiting", "waiting"]);
  });

  it("keeps a refused message with the reason and goes on with the next one", async () => {
    const { delivery, stored, server, state } = outbox(["far too long", "short"]);
    server.refuse.set("far too long", "Message is too long");
    await delivery.flush();
    expect(stored).toEqual(["short"]);
    expect(state()).toEqual([["far too long", "failed", "Message is too long"]]);
    await delivery.flush();
    expect(stored).toEqual(["short"]);

    server.refuse.clear();
    delivery.resend("c0", "shorter");
    await delivery.flush();
    expect(stored).toEqual(["short", "shorter"]);
    expect(state()).toEqual([]);
  });

  it("discards a refused message on request, and only that one", async () => {
    const { delivery, server, state } = outbox(["refused", "waiting"]);
    server.refuse.set("refused", "You are not a member");
    server.connected = false;
    await delivery.flush();
    server.connected = true;
    server.silent = true;
    await delivery.flush();
    delivery.discard("c0");
    expect(state().map(([text]) => text)).toEqual(["waiting"]);
  });
});
