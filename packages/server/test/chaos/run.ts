/**
 * `npm run chaos [-- SEED] [--rounds N] [--people N]`: a longer randomised cluster run than the tests. Three nodes,
 * people behind load balancers sending with retries, and faults chosen by a seeded PRNG: nodes SIGKILLed and
 * restarted, networks cut, PostgreSQL connections terminated, Redis stopped. At the end it checks every send and
 * every client's view against the database, prints the counts, measures cross-node delivery, and exits 1 on any loss.
 */
import { ensureBuilt } from "../cluster/support/build.js";

// The nodes run the built server and this script imports the built SDK: build them first if they are stale.
await ensureBuilt(["server", "client"]);
const { runChaos } = await import("./chaosRun.js");
runChaos().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
