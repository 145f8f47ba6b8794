import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Message } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guestToken, http } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { adminToken } from "./cast.js";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

describe("examples/thread-bot.ts", { timeout: 60_000 }, () => {
  let server: RunningNatter;
  let bot: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    server = await startNatter();
  });
  afterAll(async () => {
    bot?.kill("SIGTERM");
    await server.cleanup();
  });

  it("runs on a bot's token and answers a mention in the message's thread", async () => {
    const operator = await adminToken(server, "operator");
    await http(server.url, "POST", "/api/bots", { token: operator, body: { username: "helper" } });
    const { token } = (await http(server.url, "POST", "/api/tokens", { token: operator, body: { name: "helper", scopes: ["read", "write"], bot: "helper" } }))
      .body as {
      token: string;
    };
    bot = spawn(process.execPath, ["--import", "tsx", "examples/thread-bot.ts"], {
      cwd: ROOT,
      env: { ...process.env, NATTER_URL: server.url, NATTER_TOKEN: token },
    });
    bot.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await eventually(() => expect(output).toContain("answers mentions in threads"), { timeoutMs: 30_000 });

    const alice = await guestToken(server.url, "alice");
    const sent = await http(server.url, "POST", "/api/rooms/general/messages", { token: alice, body: { text: "@helper ping", clientMsgId: "ask-1" } });
    const asked = (sent.body as { message: Message }).message;
    await eventually(
      async () => {
        const thread = (await http(server.url, "GET", `/api/rooms/general/messages/${asked.id}/thread`, { token: alice })).body as { replies: Message[] };
        expect(thread.replies.map((reply) => [reply.author.username, reply.text])).toEqual([["helper", "pong"]]);
      },
      { timeoutMs: 15_000 },
    );
  });
});
