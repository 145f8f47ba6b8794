import pg from "pg";
import { startNatter, type RunningServer } from "../lib/servers.js";
import { runFanout, type FanoutResult } from "./fanout.js";

export interface StorageCase {
  store: "sqlite" | "postgres";
  rooms: 1 | 100;
  sync?: "normal" | "full";
  durationMs: number;
}

export type StorageResult = Pick<
  FanoutResult,
  "ackedPerSecond" | "ackLatencyMs" | "ackErrors" | "firstError" | "lost" | "duplicated" | "serverCpuSeconds" | "sent"
> & {
  /** Acknowledged sends per second of server CPU: the figure that holds on a machine others are loading. */
  ackedPerCpuSecond: number;
};

export const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * Acknowledged, persisted sends per second: senders in a closed loop (a few sends in flight each), every ack
 * counted only when it says ok. One room: 10 senders; 100 rooms: one sender per room.
 */
export async function runStorage(spec: StorageCase, runId: string): Promise<StorageResult> {
  const database = spec.store === "postgres" ? await freshPostgres(runId) : undefined;
  let server: RunningServer | undefined;
  try {
    server = await startNatter({ databaseUrl: database?.url, env: { SQLITE_SYNCHRONOUS: spec.sync ?? "normal" } });
    const result = await runFanout(
      server,
      spec.rooms === 1
        ? { name: "storage", rooms: 1, members: 10, sendersPerRoom: 10, rate: 0, window: 16, durationMs: spec.durationMs }
        : { name: "storage", rooms: 100, members: 1, sendersPerRoom: 1, rate: 0, window: 8, durationMs: spec.durationMs },
      runId,
    );
    const { ackedPerSecond, ackLatencyMs, ackErrors, firstError, lost, duplicated, serverCpuSeconds, sent } = result;
    const ackedPerCpuSecond = Math.round((ackLatencyMs.count - ackErrors) / Math.max(serverCpuSeconds, 0.01));
    return { ackedPerSecond, ackedPerCpuSecond, ackLatencyMs, ackErrors, firstError, lost, duplicated, serverCpuSeconds, sent };
  } finally {
    await server?.stop();
    await database?.drop();
  }
}

/** A new, empty PostgreSQL database beside the one in POSTGRES_URL, dropped afterwards. */
export async function freshPostgres(runId: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(POSTGRES_URL);
  admin.pathname = "/postgres";
  const name = `natter_bench_${runId}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`drop database if exists ${name}`);
  await run(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
