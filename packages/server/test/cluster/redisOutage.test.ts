import type { NatterClient } from "@natter/client";
import type { UserRef } from "@natter/protocol";
import { expect, it } from "vitest";
import { describeCluster, useCluster } from "./support/describeCluster.js";
import { History, type SendRecord } from "./support/history.js";
import { sendOnce } from "./support/sendOnce.js";
import { sleep } from "./support/timing.js";
import { waitFor } from "../support/wait.js";

const OUTAGE_MS = 5_000;
const HEAL_WITHIN_MS = 10_000;

const names = (users: UserRef[]) => users.map((u) => u.username);

describeCluster("Redis stopped for a few seconds", (environment) => {
  const cluster = useCluster(environment, { nodes: 2 });

  it("both nodes stay up, sends are refused or delayed while Redis is away, and everyone converges once it is back", async () => {
    const c = cluster();
    const [nodeA, nodeB] = [c.node("A"), c.node("B")];
    const people = new Map<string, NatterClient>([
      ["alice", await c.person("alice", nodeA)],
      ["carol", await c.person("carol", nodeA)],
      ["bob", await c.person("bob", nodeB)],
      ["dave", await c.person("dave", nodeB)],
    ]);
    const pids = [nodeA.pid, nodeB.pid];
    await people.get("alice")?.createRoom("general-chat");
    const history = new History();
    for (const [name, client] of people) {
      history.watch(name, client);
      await history.join(name, client, "general-chat");
    }

    // Everyone keeps talking, through the SDK's retries, from before the outage until after it.
    let talking = true;
    const sends: Promise<SendRecord>[] = [];
    const answered = new Map<string, number>();
    const talk = [...people].map(async ([name, client]) => {
      while (talking) {
        const send = history.send(name, client, "general-chat", { giveUpAfterMs: 30_000 });
        sends.push(send);
        await send;
        answered.set(name, (answered.get(name) ?? 0) + 1);
        await sleep(100);
      }
    });
    await waitFor("everyone has been answered a few times before the outage", () => {
      for (const name of people.keys()) expect(answered.get(name) ?? 0).toBeGreaterThanOrEqual(3);
    });

    await c.redis.stop();
    await waitFor("node A reports itself not ready", async () => expect(await nodeA.readiness()).toBe(503), { timeoutMs: 3_000 });
    await waitFor("node B reports itself not ready", async () => expect(await nodeB.readiness()).toBe(503), { timeoutMs: 3_000 });
    const duringOutage = [
      await sendOnce(people.get("alice") as NatterClient, "general-chat", "is anyone there?", 5_000),
      await sendOnce(people.get("bob") as NatterClient, "general-chat", "hello?", 5_000),
    ];
    for (const { code, ms } of duringOutage) {
      expect(code).toMatch(/^(UNAVAILABLE|ok)$/);
      expect(ms).toBeLessThan(2_500);
    }
    await sleep(OUTAGE_MS - 1_000);

    await c.redis.start();
    const back = performance.now();
    // Nobody starts a new message now: the last ones are the sends the SDK is still retrying.
    talking = false;
    await waitFor("both nodes report ready again", async () => expect([await nodeA.readiness(), await nodeB.readiness()]).toEqual([200, 200]), {
      timeoutMs: HEAL_WITHIN_MS,
    });
    await Promise.all(talk);
    const settled = await Promise.all(sends);
    expect(settled.filter((send) => send.state !== "ok").map((send) => `${send.text}: ${send.state} ${send.errorCode ?? ""}`)).toEqual([]);
    expect(performance.now() - back, "the last send was answered this long after Redis came back").toBeLessThan(HEAL_WITHIN_MS);
    await waitFor("everyone shows what the database has", async () => expect((await history.audit(c.database, ["general-chat"])).problems).toEqual([]), {
      timeoutMs: Math.max(1_000, HEAL_WITHIN_MS - (performance.now() - back)),
      intervalMs: 200,
    });
    console.log(
      `Redis outage: ${settled.length} sends through the SDK, every one acked; everyone converged ${((performance.now() - back) / 1000).toFixed(1)} s after Redis returned`,
    );

    expect([nodeA.alive, nodeB.alive]).toEqual([true, true]);
    expect([nodeA.pid, nodeB.pid]).toEqual(pids);
    expect(c.unexpectedExits()).toEqual([]);
  }, 60_000);

  it("after Redis returns empty, alice and bob show online again on both nodes", async () => {
    const c = cluster();
    const alice = await c.person("alice", c.node("A"));
    const bob = await c.person("bob", c.node("B"));
    await waitFor("both online before the outage", async () => expect(names(await bob.onlineUsers())).toEqual(["alice", "bob"]));

    await c.redis.stop();
    await sleep(OUTAGE_MS);
    await c.redis.start();
    const back = performance.now();

    await waitFor(
      "both online on both nodes",
      async () => {
        expect(names(await alice.onlineUsers())).toEqual(["alice", "bob"]);
        expect(names(await bob.onlineUsers())).toEqual(["alice", "bob"]);
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    console.log(`presence restored ${((performance.now() - back) / 1000).toFixed(1)} s after Redis returned`);
  }, 40_000);
});
