import { spawnSync } from "node:child_process";
import { connect } from "node:net";
import { checkPostgres } from "./testDatabase.js";

/** What the cluster tests need from outside: a PostgreSQL server and a Redis (the latter only as a sign Redis is there). */
export interface ClusterEnvironment {
  databaseUrl: string;
  redisUrl: string;
}

export interface EnvironmentVerdict {
  environment: ClusterEnvironment | undefined;
  /** The variables that are unset. */
  missing: string[];
  /** Under CI a missing service is a failure, never a skip. */
  ci: boolean;
}

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentVerdict {
  const databaseUrl = env.DATABASE_URL ?? "";
  const redisUrl = env.REDIS_URL ?? "";
  const missing = [databaseUrl ? undefined : "DATABASE_URL", redisUrl ? undefined : "REDIS_URL"].filter((name): name is string => name !== undefined);
  return { environment: missing.length === 0 ? { databaseUrl, redisUrl } : undefined, missing, ci: Boolean(env.CI) };
}

/** Throws one clear message for each thing that is not there: PostgreSQL, Redis, or the redis-server program. */
export async function checkEnvironment(environment: ClusterEnvironment): Promise<void> {
  const problems: string[] = [];
  await checkPostgres(environment.databaseUrl).catch((error: Error) => problems.push(error.message));
  if (!(await answersPing(environment.redisUrl))) problems.push(`REDIS_URL ${environment.redisUrl} is unreachable`);
  const redisServer = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (redisServer.status !== 0) problems.push("redis-server is not installed: each cluster test file runs its own Redis");
  if (problems.length > 0) throw new Error(`The cluster tests cannot run:\n- ${problems.join("\n- ")}`);
}

function answersPing(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname || "127.0.0.1");
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    // +PONG, or -NOAUTH from a Redis that wants a password: either way it is there.
    socket.on("data", (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}
