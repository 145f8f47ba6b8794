import type { ChildProcess } from "node:child_process";
import { cliPath } from "./paths.js";
import { freePort } from "./ports.js";
import { childEnv, exited, OutputTail, spawnTracked, stopChild } from "./processes.js";
import { sleep } from "./timing.js";

export interface NodeSettings {
  databaseUrl: string;
  redisUrl: string;
  /** Extra environment, e.g. LOG_LEVEL. */
  env?: Record<string, string>;
}

// Generous: several nodes start at once, on a machine that may be busy with other work.
const READY_TIMEOUT_MS = 60_000;

/** One Natter node: `node packages/server/dist/cli.js serve` as a child process, as operators run it. */
export class NatterNode {
  private child: ChildProcess | undefined;
  private expectedExit = false;
  /** Set when the process exited without the test asking it to. */
  unexpectedExit: string | undefined;

  private constructor(
    readonly name: string,
    private currentPort: number,
    private readonly settings: NodeSettings,
    private readonly tail: OutputTail,
  ) {}

  /** Starts a node on a free port (or the given one) and waits until it is ready. */
  static async start(name: string, settings: NodeSettings, tail: OutputTail, port?: number): Promise<NatterNode> {
    const node = new NatterNode(name, port ?? (await freePort()), settings, tail);
    try {
      await node.start();
    } catch (error) {
      // A node that never became ready must not outlive the attempt.
      await node.kill();
      throw error;
    }
    return node;
  }

  get port(): number {
    return this.currentPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.currentPort}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process (again), on the same port unless told otherwise, and waits for GET /readyz to answer 200. */
  async start(port = this.currentPort): Promise<void> {
    if (this.alive) throw new Error(`node ${this.name} is already running`);
    this.currentPort = port;
    this.expectedExit = false;
    this.unexpectedExit = undefined;
    this.spawn();
    await this.waitUntilReady();
  }

  /** Starts the process without waiting for readiness (for starting several at the same moment). */
  spawn(): void {
    this.tail.note(`starting node ${this.name} on port ${this.currentPort}`);
    const child = spawnTracked(
      process.execPath,
      [cliPath, "serve"],
      childEnv({
        PORT: String(this.currentPort),
        HOST: "127.0.0.1",
        DATABASE_URL: this.settings.databaseUrl,
        REDIS_URL: this.settings.redisUrl,
        LOG_LEVEL: "warn",
        MESSAGE_RATE: "0",
        SIGNUP_RATE: "0",
        // The cast are guests who make rooms and DMs, as in the original chat (the product's default forbids it).
        GUEST_POWERS: "join,rooms,dms",
        ...this.settings.env,
      }),
      this.tail,
      this.name,
    );
    this.child = child;
    child.on("exit", (code, signal) => {
      this.tail.note(`node ${this.name} (pid ${child.pid}) exited with ${signal ?? `code ${code}`}`);
      if (!this.expectedExit && this.child === child) this.unexpectedExit = `node ${this.name} exited by itself with ${signal ?? `code ${code}`}`;
    });
  }

  async waitUntilReady(timeoutMs = READY_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((await this.readiness()) !== 200) {
      if (!this.alive) throw new Error(`node ${this.name} exited while starting:\n${this.tail.toString()}`);
      if (Date.now() > deadline) throw new Error(`node ${this.name} was not ready after ${timeoutMs} ms:\n${this.tail.toString()}`);
      await sleep(100);
    }
  }

  /** The status of GET /readyz, or 0 when nothing answers within 2.5 s (the server promises about 2 s). */
  async readiness(): Promise<number> {
    try {
      const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_500) });
      await response.body?.cancel();
      return response.status;
    } catch {
      return 0;
    }
  }

  /** SIGKILL: the node vanishes without closing anything. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.expectedExit = true;
    this.tail.note(`SIGKILL node ${this.name}`);
    this.child.kill("SIGKILL");
    await exited(this.child);
  }

  /** SIGTERM: the node shuts down gracefully. */
  async stop(): Promise<void> {
    if (!this.child) return;
    this.expectedExit = true;
    await stopChild(this.child, "SIGTERM");
  }
}
