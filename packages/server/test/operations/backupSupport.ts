import { spawn } from "node:child_process";
import { resolve } from "node:path";
import type { Message } from "@natter/protocol";
import { settingSpecs } from "../../src/settings.js";
import { http } from "../support/http.js";

const cli = resolve(import.meta.dirname, "../../dist/cli.js");

/** `natter …` as an operator runs it, in its own process, while this process's server goes on serving. */
export function natterCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const spec of Object.values(settingSpecs)) delete clean[spec.env];
  const child = spawn(process.execPath, [cli, ...args], { env: { ...clean, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((done) => child.once("close", (code) => done({ code, stdout, stderr })));
}

/** Every message of a room, read page by page over REST from a server. */
export async function wholeHistory(url: string, token: string, room: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const after = all.at(-1)?.seq ?? 0;
    const answer = await http(url, "GET", `/api/messages?room=${room}&after=${after}&limit=100`, { token });
    if (answer.status !== 200) throw new Error(`history of ${room}: ${answer.status} ${JSON.stringify(answer.body)}`);
    const page = (answer.body as { messages: Message[] }).messages;
    if (page.length === 0) return all;
    all.push(...page);
  }
}

/** Sends in a loop until stopped, keeping each acknowledged message and when its ack came. */
export function keepSending(send: (text: string) => Promise<Message>, label: string) {
  const acked: { message: Message; at: number }[] = [];
  let stopped = false;
  const done = (async () => {
    for (let i = 0; !stopped; i++) acked.push({ message: await send(`${label} ${i}`), at: performance.now() });
  })();
  return {
    acked,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}
