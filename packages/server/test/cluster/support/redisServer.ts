import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./ports.js";
import { exited, OutputTail, spawnTracked } from "./processes.js";
import { sleep } from "./timing.js";

/**
 * A redis-server owned by one test file: the server's keys (`natter:*`) and pub/sub channels are fixed, so no two
 * test files, nor a developer's own Redis, may share one. Nothing is saved to disk.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private stopping = false;
  unexpectedExit: string | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly tail: OutputTail,
  ) {}

  static async start(tail: OutputTail): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), mkdtempSync(join(tmpdir(), "natter-redis-")), tail);
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts (or restarts) on the same port, empty, and waits until it answers PING. */
  async start(): Promise<void> {
    this.stopping = false;
    this.unexpectedExit = undefined;
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir, "--loglevel", "warning"];
    const child = spawnTracked("redis-server", args, process.env, this.tail, "redis");
    this.child = child;
    child.on("exit", (code, signal) => {
      if (!this.stopping && this.child === child) this.unexpectedExit = `redis-server exited by itself with ${signal ?? `code ${code}`}`;
    });
    const deadline = Date.now() + 10_000;
    while (!(await this.ping())) {
      if (!this.running) throw new Error(`redis-server did not start on port ${this.port}:\n${this.tail.toString()}`);
      if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${this.port}`);
      await sleep(50);
    }
  }

  /** Kills the server at once: every client sees its connection drop. */
  async stop(): Promise<void> {
    if (!this.child || !this.running) return;
    this.stopping = true;
    this.child.kill("SIGKILL");
    await exited(this.child);
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** True when the server answers PING within half a second. */
  ping(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, "127.0.0.1");
      const done = (answer: boolean) => {
        socket.destroy();
        resolve(answer);
      };
      socket.setTimeout(500, () => done(false));
      socket.on("error", () => done(false));
      socket.on("connect", () => socket.write("PING\r\n"));
      socket.on("data", (data) => done(data.toString().startsWith("+PONG")));
    });
  }
}
