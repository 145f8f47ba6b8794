import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";

/** The server gets CPU 0 and the load generator CPU 1, when taskset exists and there are two CPUs. */
const canPin = availableParallelism() >= 2 && hasTaskset();

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export type Role = "server" | "generator";

export function cpuOf(role: Role): string {
  return role === "server" ? "0" : "1";
}

/** The command and arguments that run `command` on the role's CPU. */
export function pinned(role: Role, command: string[]): [string, string[]] {
  if (!canPin) return [command[0] ?? "node", command.slice(1)];
  return ["taskset", ["-c", cpuOf(role), ...command]];
}

export function pinProcess(role: Role, pid: number): void {
  if (canPin) execFileSync("taskset", ["-p", "-c", cpuOf(role), String(pid)], { stdio: "ignore" });
}

export const pinning = canPin ? "server on CPU 0, load generator on CPU 1 (taskset)" : "not pinned (no taskset or fewer than 2 CPUs)";
