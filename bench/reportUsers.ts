import type { Results } from "./run.js";
import type { UsersResult } from "./scenarios/users.js";

const n = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en") : "–");
const ms = (value: number) => (Number.isFinite(value) ? (value < 10 ? value.toFixed(2) : value.toFixed(0)) : "–");
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

function ok(value: Results["users"]): value is UsersResult {
  return value !== undefined && "steps" in value;
}

/** Issue 20, point 5: one row per step of the search over N, the last being where it stopped. */
export function usersTable(users: Results["users"]): string[] {
  if (users === undefined) return [];
  const lines = ["", "### Users per core (people chatting on one server core with SQLite; steps up until one misses)", ""];
  if (!ok(users)) return [...lines, `error: ${users.error.slice(0, 200)}`];
  const rate = users.perMinute;
  lines.push(
    `Each person, per minute: ${rate.send} sends (typing first), ${rate.react} reactions, ${rate.read} read marks, ${rate.history} history pages, ` +
      `${rate.reconnect * 100}% reconnect; real rates over a ${users.windowSeconds} s window per step. Delivery is timed from the send to the last probe. ` +
      "People per core divides N by the server's CPU share: linear, so a bound to check, not a measurement.",
    "",
  );
  lines.push(
    row([
      "people",
      "connections",
      "rooms (biggest) + DMs",
      "sends/s",
      "deliveries/s",
      "actions/s",
      "server CPU (share of a core)",
      "people per core at that CPU",
      "generator CPU",
      "RSS (MB)",
      "delivery p50 / p99 (ms)",
      "ack p99 (ms)",
      "lost / duplicated / refused",
      "verdict",
    ]),
  );
  lines.push(row(Array.from({ length: 14 }, () => "---")));
  for (const step of users.steps)
    lines.push(
      row([
        n(step.people),
        n(step.connections),
        `${n(step.groupRooms)} (${n(step.biggestRoom)}) + ${n(step.dms)}`,
        step.sendsPerSecond.toFixed(1),
        n(step.deliveriesPerSecond),
        step.actionsPerSecond.toFixed(1),
        step.serverCpuShare.toFixed(2),
        n(step.people / Math.max(step.serverCpuShare, 0.001)),
        step.generatorCpuShare.toFixed(2),
        step.rssMb.toFixed(0),
        `${ms(step.deliveryMs.p50)} / ${ms(step.deliveryMs.p99)}`,
        ms(step.ackMs.p99),
        `${step.lost} / ${step.duplicated} / ${step.refused}`,
        step.held ? "held" : `missed: ${step.why ?? ""}`,
      ]),
    );
  if (users.error) lines.push("", `stopped: ${users.error.slice(0, 200)}`);
  return lines;
}

/** The target row: the largest N held, and whether the search reached the target at all. */
export function usersTarget(users: Results["users"]): { name: string; measured: string; met?: boolean } | undefined {
  if (!ok(users)) return undefined;
  const last = users.steps.at(-1);
  const stoppedBy = last && !last.held ? `; ${n(last.people)} missed: ${last.why ?? ""}` : "; the search stopped at its last step";
  return {
    name: "users per core ≥ 20,000 (p99 delivery ≤ 200 ms, nothing lost)",
    measured: `${n(users.largestHeld)} held${stoppedBy}`,
    met: users.largestHeld >= 20_000,
  };
}
