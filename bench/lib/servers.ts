import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerKind } from "../load/protocol.js";
import { sleep } from "./proc.js";
import { pinned } from "./cpus.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const gcHook = fileURLToPath(new URL("./gcHook.cjs", import.meta.url));

export interface RunningServer {
  kind: ServerKind;
  port: number;
  pid: number;
  dataDir?: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface NatterOptions {
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  nodeFlags?: string[];
}

/** Starts Natter as users do (`cli.js serve`), with durability on and the send rate limit off for the load generator. */
export async function startNatter(options: NatterOptions = {}): Promise<RunningServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "natter-bench-"));
  const port = await freePort();
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
    MESSAGE_RATE: "0",
    SIGNUP_RATE: "0",
    // The load's people are guests who make their own rooms and DMs, as in the seed's chat.
    GUEST_POWERS: "join,rooms,dms",
    MAX_SOCKET_BACKLOG_KB: "65536",
    // Never the caller's (CI sets both): Natter is measured on SQLite unless a case asks for PostgreSQL.
    DATABASE_URL: options.databaseUrl ?? "",
    REDIS_URL: "",
    ...options.env,
  };
  const script = join(root, "packages/server/dist/cli.js");
  const server = await launch("natter", [...(options.nodeFlags ?? []), script, "serve"], env, port);
  return {
    ...server,
    dataDir,
    stop: async () => {
      await server.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startBaseline(kind: "socketio" | "ws"): Promise<RunningServer> {
  const port = await freePort();
  const script = fileURLToPath(new URL(kind === "ws" ? "../baselines/wsServer.ts" : "../baselines/socketIoServer.ts", import.meta.url));
  return launch(kind, ["--import", "tsx", script], { PORT: String(port) }, port);
}

async function launch(kind: ServerKind, args: string[], env: Record<string, string>, port: number): Promise<RunningServer> {
  const child = spawn(...pinned("server", ["node", "--expose-gc", "-r", gcHook, ...args]), {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => void (output = (output + String(chunk)).slice(-4000)));
  child.stderr?.on("data", (chunk: Buffer) => void (output = (output + String(chunk)).slice(-4000)));
  await waitForPort(port, child, () => output);
  const pid = child.pid ?? 0;
  return { kind, port, pid, stop: () => stopChild(child) };
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output()}`);
    const up = await fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
    if (up) return;
    await sleep(100);
  }
  throw new Error(`server did not listen on ${port} within 90 s: ${output()}`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Asks a server started here to run a full garbage collection (see gcHook.cjs), then lets it settle. */
export async function collectGarbage(pid: number, settleMs = 1500): Promise<void> {
  process.kill(pid, "SIGUSR2");
  await sleep(settleMs);
  process.kill(pid, "SIGUSR2");
  await sleep(settleMs);
}
