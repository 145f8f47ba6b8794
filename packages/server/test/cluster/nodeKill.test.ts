import type { NatterClient } from "@natter/client";
import type { UserRef } from "@natter/protocol";
import { expect, it } from "vitest";
import { describeCluster, useCluster } from "./support/describeCluster.js";
import { History, type SendRecord } from "./support/history.js";
import { Prng } from "./support/prng.js";
import { sleep } from "./support/timing.js";
import { waitFor } from "../support/wait.js";

const SEED = 1_234_567;
const ROUNDS = 3;
/** The server's presence claims last 30 s and a sweep runs every 5 s; 45 s leaves room for a busy machine. */
const OFFLINE_WITHIN_MS = 45_000;
const CONVERGE_WITHIN_MS = 10_000;

const MOVERS = ["alice", "carol", "erin"];
const STAYERS = ["bob", "dave", "frank"];
/**
 * One per round, connected to the node about to die and never coming back: grace's node A stays dead (her claim
 * must lapse), heidi's and ivan's node C is restarted (it must drop their claims when it starts).
 */
const GHOSTS = ["grace", "heidi", "ivan"];

const names = (users: UserRef[]) => users.map((u) => u.username);

describeCluster("a node killed while people are sending", (environment) => {
  const cluster = useCluster(environment, { nodes: 2 });

  it(`every acknowledged message is stored once, everyone catches up on the surviving node, and the users of killed nodes show offline, kill after kill (seed ${SEED})`, async () => {
    const prng = new Prng(SEED);
    const c = cluster();
    const survivor = c.node("B");
    let doomed = c.node("A");
    // What alice, carol and erin connect to: a load balancer that sends them to a live node.
    const front = await c.proxyTo(doomed);
    const history = new History();
    const people = new Map<string, NatterClient>();
    for (const name of MOVERS) people.set(name, await c.person(name, front, { sendTimeoutMs: 2_000 }));
    for (const name of STAYERS) people.set(name, await c.person(name, survivor, { sendTimeoutMs: 2_000 }));
    const bob = people.get("bob") as NatterClient;
    await bob.createRoom("random");
    for (const [name, client] of people) {
      history.watch(name, client);
      await history.join(name, client, "random");
    }
    const wentOffline = new Map<string, number>();
    bob.on("presence", (event) => {
      if (!event.online && !wentOffline.has(event.user.username)) wentOffline.set(event.user.username, Date.now());
    });
    const killedAt = new Map<string, number>();

    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) {
        // Round 2 brings a new node C; round 3 restarts C on its port, as an operator would after a crash.
        if (round === 2) doomed = await c.addNode();
        else await doomed.start();
        front.retarget(doomed.port);
        front.cut();
        await waitFor(`round ${round}: alice, carol and erin are connected again`, () => {
          for (const name of MOVERS) expect(people.get(name)?.connected, name).toBe(true);
        });
      }
      const ghostName = GHOSTS[round - 1] ?? "";
      const ghost = await c.person(ghostName, doomed);
      await ghost.join("random");

      const sends: Promise<SendRecord>[] = [];
      const sending = [...people].map(async ([name, client]) => {
        const count = prng.int(10, 25);
        for (let i = 0; i < count; i++) {
          const send = history.send(name, client, "random", { giveUpAfterMs: 20_000 });
          sends.push(send);
          await send;
          await sleep(prng.int(0, 40));
        }
      });
      await sleep(prng.int(200, 900));
      await doomed.kill();
      killedAt.set(ghostName, Date.now());
      front.retarget(survivor.port);
      ghost.close();

      const killedAtPerf = performance.now();
      await Promise.all(sending);
      const settled = await Promise.all(sends);
      const unanswered = settled.filter((send) => send.state !== "ok");
      expect(
        unanswered.map((send) => `${send.text}: ${send.state} ${send.errorCode ?? ""}`),
        `round ${round}: sends without an ack`,
      ).toEqual([]);
      const spanningKill = settled.filter((send) => send.invokedAt < killedAtPerf && (send.settledAt ?? 0) > killedAtPerf).length;
      const sentAt = performance.now();
      await waitFor(
        `round ${round}: everyone shows what the database has`,
        async () => expect((await history.audit(c.database, ["random"])).problems).toEqual([]),
        { timeoutMs: CONVERGE_WITHIN_MS, intervalMs: 200 },
      );
      const took = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
      console.log(
        `round ${round}: ${settled.length} sends, ${spanningKill} under way when node ${doomed.name} was killed; all acked ${took(sentAt - killedAtPerf)} after the kill, everyone caught up ${took(performance.now() - sentAt)} later`,
      );
    }

    // C comes back once more: a restarted node drops what its previous run claimed, so its ghosts go at once.
    await doomed.start();
    await waitFor(
      "bob is told that every user of a killed node went offline",
      () => {
        for (const ghost of GHOSTS) expect(wentOffline.has(ghost), ghost).toBe(true);
      },
      { timeoutMs: OFFLINE_WITHIN_MS, intervalMs: 500 },
    );
    const delays = GHOSTS.map((ghost) => (wentOffline.get(ghost) ?? Infinity) - (killedAt.get(ghost) ?? 0));
    console.log(`users of killed nodes shown offline on node B after ${delays.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}`);
    for (const [i, delay] of delays.entries()) expect(delay, GHOSTS[i]).toBeLessThan(OFFLINE_WITHIN_MS);
    const online = names(await bob.onlineUsers());
    for (const ghost of GHOSTS) expect(online, `${ghost} still shows online on node B`).not.toContain(ghost);
    for (const name of [...MOVERS, ...STAYERS]) expect(online, `${name} is connected but shows offline`).toContain(name);

    const audit = await history.audit(c.database, ["random"]);
    expect(audit.problems).toEqual([]);
    expect(audit.acked).toBe(audit.sends);
    expect(c.unexpectedExits()).toEqual([]);
  }, 150_000);
});
