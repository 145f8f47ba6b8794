import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChatSpec, ClientSpec, Command, Reply, SenderSpec, Target } from "../load/protocol.js";
import { pinProcess } from "./cpus.js";
import { stopChild } from "./servers.js";

const workerScript = fileURLToPath(new URL("../load/worker.ts", import.meta.url));

/** One load-generating process on the generator's CPU, driven by request/reply over IPC. */
export class LoadWorker {
  private readonly waiting: ((reply: Reply) => void)[] = [];

  private constructor(private readonly child: ChildProcess) {
    child.on("message", (reply: Reply) => this.waiting.shift()?.(reply));
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static start(): LoadWorker {
    const child = fork(workerScript, [], { execArgv: ["--import", "tsx", "--max-old-space-size=4096"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    if (child.pid) pinProcess("generator", child.pid);
    return new LoadWorker(child);
  }

  connect(target: Target, clients: ClientSpec[], concurrency = 100): Promise<Extract<Reply, { type: "connected" }>> {
    return this.ask({ type: "connect", target, clients, concurrency }) as Promise<Extract<Reply, { type: "connected" }>>;
  }

  reset(): Promise<Reply> {
    return this.ask({ type: "reset" });
  }

  send(senders: SenderSpec[], durationMs: number, tag: string): Promise<Extract<Reply, { type: "sent" }>> {
    return this.ask({ type: "send", senders, durationMs, tag }) as Promise<Extract<Reply, { type: "sent" }>>;
  }

  chat(chat: ChatSpec): Promise<Extract<Reply, { type: "chatted" }>> {
    return this.ask({ type: "chat", chat }) as Promise<Extract<Reply, { type: "chatted" }>>;
  }

  report(): Promise<Extract<Reply, { type: "report" }>> {
    return this.ask({ type: "report" }) as Promise<Extract<Reply, { type: "report" }>>;
  }

  async close(): Promise<void> {
    if (this.child.connected) await Promise.race([this.ask({ type: "close" }), new Promise((resolve) => setTimeout(resolve, 5000))]);
    await stopChild(this.child);
  }

  private ask(command: Command): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`load worker exited while answering ${command.type}`));
      this.child.once("exit", onExit);
      this.waiting.push((reply) => {
        this.child.off("exit", onExit);
        resolve(reply);
      });
      this.child.send(command);
    });
  }
}
