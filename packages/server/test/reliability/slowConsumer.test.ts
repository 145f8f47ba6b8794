import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { closeAll, guest } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

/** A Socket.IO client over a raw websocket, so the test can stop reading like a frozen tab would. */
async function rawSocketIoClient(url: string, token: string): Promise<{ ws: WebSocket; stopReading: () => void }> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { headers: { origin: url } });
  await new Promise<void>((resolve, reject) => {
    ws.on("message", (data) => {
      const frame = String(data);
      if (frame.startsWith("0")) ws.send(`40${JSON.stringify({ token })}`);
      if (frame.startsWith("40")) resolve();
      if (frame.startsWith("44")) reject(new Error(frame));
    });
    ws.on("error", reject);
  });
  const tcp = (ws as unknown as { _socket: Socket })._socket;
  return { ws, stopReading: () => tcp.pause() };
}

describe("a client that stops reading", () => {
  let server: RunningNatter;

  beforeAll(async () => {
    server = await startNatter({ maxSocketBacklogKb: 64 });
  });
  afterAll(async () => {
    closeAll();
    await server.cleanup();
  });

  it("is disconnected once its backlog passes the cap, while everyone else keeps getting every message", async () => {
    const alice = await guest(server.url, "alice");
    const bob = await guest(server.url, "bob");
    await alice.join("general");
    await bob.join("general");
    const frozenToken = (
      (await (
        await fetch(`${server.url}/api/auth/guest`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: server.url },
          body: JSON.stringify({ username: "frozen" }),
        })
      ).json()) as { token: string }
    ).token;
    const frozen = await rawSocketIoClient(server.url, frozenToken);
    const joined = new Promise<string>((resolve) => frozen.ws.on("message", (data) => String(data).startsWith("430") && resolve(String(data))));
    frozen.ws.send(`420${JSON.stringify(["join", { room: "general" }])}`);
    expect(await joined).toContain('"ok":true');
    frozen.stopReading();

    let seenByBob = 0;
    bob.on("message", () => void (seenByBob += 1));
    const text = "x".repeat(3_900);
    const total = 3_000;
    for (let start = 0; start < total; start += 100) {
      await Promise.all(Array.from({ length: 100 }, () => alice.send("general", text)));
    }

    const connectedUsers = () => [...server.natter.io.of("/").sockets.values()].map((socket) => socket.data.user.username);
    await eventually(() => expect(connectedUsers()).not.toContain("frozen"), { timeoutMs: 15_000 });
    await eventually(() => expect(seenByBob).toBe(total), { timeoutMs: 15_000 });
    expect(connectedUsers()).toEqual(expect.arrayContaining(["alice", "bob"]));
  }, 120_000);
});
