import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from "vitest";
import { Cluster, type ClusterOptions } from "./cluster.js";
import { readEnvironment, type ClusterEnvironment } from "./environment.js";

/**
 * A describe block that needs PostgreSQL and Redis. Without DATABASE_URL or REDIS_URL it is skipped, with a name
 * saying which is unset; on CI (CI set) it fails instead, and so does every test when a service does not answer.
 */
export function describeCluster(name: string, body: (environment: ClusterEnvironment) => void): void {
  const verdict = readEnvironment();
  if (verdict.environment) return void describe(name, () => body(verdict.environment as ClusterEnvironment));
  const unset = `${verdict.missing.join(" and ")} ${verdict.missing.length > 1 ? "are" : "is"} unset`;
  if (!verdict.ci) return void describe.skip(`${name} (skipped: ${unset})`, () => body({ databaseUrl: "", redisUrl: "" }));
  describe(name, () => {
    it(`cannot run on CI because ${unset}`, () => {
      throw new Error(`${unset}: CI must provide PostgreSQL and Redis for the cluster tests`);
    });
  });
}

/** A cluster started once for the file's describe block; people are closed after each test, output shown on failure. */
export function useCluster(environment: ClusterEnvironment, options: ClusterOptions = {}): () => Cluster {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await Cluster.start(environment, options);
  }, 120_000);
  beforeEach((context) => {
    context.onTestFailed(() => console.error(`--- what the nodes and Redis printed ---\n${cluster?.report() ?? "(no cluster)"}`));
  });
  afterEach(() => cluster?.closeClients());
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);
  return () => {
    if (!cluster) throw new Error("the cluster did not start");
    return cluster;
  };
}
