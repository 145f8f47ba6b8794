import { spawn, type ChildProcess } from "node:child_process";

const running = new Set<ChildProcess>();
let cleanupInstalled = false;

/** The last lines a process printed, each prefixed with its name. */
export class OutputTail {
  private readonly lines: string[] = [];

  constructor(private readonly limit = 400) {}

  add(prefix: string, chunk: Buffer | string): void {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() === "") continue;
      this.lines.push(`${prefix} ${line}`);
      if (this.lines.length > this.limit) this.lines.shift();
    }
  }

  note(line: string): void {
    this.add("--", line);
  }

  toString(): string {
    return this.lines.join("\n");
  }
}

/** Starts a child whose output goes to `tail`; it is killed if the test process exits first. */
export function spawnTracked(command: string, args: string[], env: NodeJS.ProcessEnv, tail: OutputTail, name: string): ChildProcess {
  installCleanup();
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.stdout?.on("data", (chunk: Buffer) => tail.add(`[${name}]`, chunk));
  child.stderr?.on("data", (chunk: Buffer) => tail.add(`[${name}!]`, chunk));
  child.on("exit", () => running.delete(child));
  child.on("error", (error) => tail.add(`[${name}!]`, `could not start: ${error.message}`));
  return child;
}

/** Resolves when the child has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Sends a signal and waits for the exit; escalates to SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(timer);
}

/** An env for a child: ours, without anything that would make Node load test tooling. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once("exit", () => {
    for (const child of running) child.kill("SIGKILL");
  });
}
