import type { NatterClient } from "@natter/client";
import { expect, it } from "vitest";
import { describeCluster, useCluster } from "./support/describeCluster.js";
import { History, type SendRecord } from "./support/history.js";
import { sendOnce } from "./support/sendOnce.js";
import type { TcpProxy } from "./support/tcpProxy.js";
import { sleep } from "./support/timing.js";
import { waitFor } from "../support/wait.js";

/** The server promises an answer within about 2 s when the database is in trouble; 2.5 s allows for a busy machine. */
const ANSWER_WITHIN_MS = 2_500;

/** Service must come back within 5 s of the database's return; 2.5 s more allows for a busy machine. */
const HEAL_WITHIN_MS = 7_500;
const UNREACHABLE_MS = 5_000;

describeCluster("PostgreSQL connections cut from under the nodes", (environment) => {
  const cluster = useCluster(environment, { nodes: 2, databaseThroughProxy: true });

  it.each([
    ["refuses connections", (network: TcpProxy) => network.down()],
    ["silently drops every packet", (network: TcpProxy) => network.partition()],
  ] as const)(
    "while the network to PostgreSQL %s for 5 s, sends answer UNAVAILABLE within about 2 s, and both nodes serve again soon after",
    async (_, fail) => {
      const c = cluster();
      const [nodeA, nodeB] = [c.node("A"), c.node("B")];
      const network = c.databaseNetwork;
      if (!network) throw new Error("the cluster has no database proxy");
      const alice = await c.person("alice", nodeA);
      const bob = await c.person("bob", nodeB);
      const pids = [nodeA.pid, nodeB.pid];
      await alice.join("general");
      await bob.join("general");
      expect((await sendOnce(alice, "general", "before")).code).toBe("ok");

      fail(network);
      const wentDown = performance.now();
      await waitFor("both nodes report themselves not ready", async () => expect([await nodeA.readiness(), await nodeB.readiness()]).toEqual([503, 503]), {
        timeoutMs: 5_000,
      });
      const during = [await sendOnce(alice, "general", "anyone?"), await sendOnce(bob, "general", "hello?")];
      for (const { code, ms } of during) {
        expect(code).toBe("UNAVAILABLE");
        expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
      }
      await sleep(Math.max(0, UNREACHABLE_MS - (performance.now() - wentDown)));

      network.up();
      const back = performance.now();
      await waitFor(
        "both nodes accept sends again",
        async () => {
          expect((await sendOnce(alice, "general", "back?", 2_000)).code).toBe("ok");
          expect((await sendOnce(bob, "general", "back!", 2_000)).code).toBe("ok");
        },
        { timeoutMs: HEAL_WITHIN_MS, intervalMs: 250 },
      );
      console.log(
        `PostgreSQL unreachable: answers ${during.map((d) => `${d.code} in ${d.ms.toFixed(0)} ms`).join(", ")}; sends succeeded again ${((performance.now() - back) / 1000).toFixed(1)} s after it returned`,
      );
      expect([await nodeA.readiness(), await nodeB.readiness()]).toEqual([200, 200]);
      expect([nodeA.pid, nodeB.pid]).toEqual(pids);
      expect(c.unexpectedExits()).toEqual([]);
    },
    60_000,
  );

  it("sends answer within about 2 s while the connections are cut, and the next ones succeed without a restart", async () => {
    const c = cluster();
    const [nodeA, nodeB] = [c.node("A"), c.node("B")];
    const alice = await c.person("alice", nodeA);
    const bob = await c.person("bob", nodeB);
    const pids = [nodeA.pid, nodeB.pid];
    await alice.createRoom("design");
    await alice.join("design");
    await bob.join("design");
    expect((await sendOnce(alice, "design", "all good")).code).toBe("ok");
    expect((await sendOnce(bob, "design", "all good here too")).code).toBe("ok");

    for (let cut = 1; cut <= 3; cut++) {
      const burst = Array.from({ length: 10 }, (_, i) => sendOnce(i % 2 ? bob : alice, "design", `cut ${cut}, message ${i}`));
      expect(await c.database.terminateConnections(), "the nodes had no connections to cut").toBeGreaterThan(0);
      const answers = [...(await Promise.all(burst))];
      for (const person of [alice, bob]) {
        let outcome = await sendOnce(person, "design", `after cut ${cut}`);
        answers.push(outcome);
        for (let attempt = 1; outcome.code !== "ok" && attempt < 5; attempt++)
          answers.push((outcome = await sendOnce(person, "design", `after cut ${cut}, again`)));
        expect(outcome.code, `${person.user?.username} could not send again after cut ${cut}`).toBe("ok");
        for (let i = 0; i < 3; i++) expect((await sendOnce(person, "design", `steady after cut ${cut}`)).code).toBe("ok");
      }
      const tally = answers.reduce<Record<string, number>>((counts, { code }) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});
      console.log(`cut ${cut}: answers ${JSON.stringify(tally)}, slowest ${Math.max(...answers.map((a) => a.ms)).toFixed(0)} ms`);
      for (const { code, ms } of answers) {
        expect(code).toMatch(/^(ok|UNAVAILABLE)$/);
        expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
      }
    }

    expect([nodeA.pid, nodeB.pid]).toEqual(pids);
    expect(c.unexpectedExits()).toEqual([]);
    expect([await nodeA.readiness(), await nodeB.readiness()]).toEqual([200, 200]);
  }, 60_000);

  it("people sending through the SDK during repeated cuts lose nothing, and everyone ends with the database's view", async () => {
    const c = cluster();
    const people = new Map<string, NatterClient>([
      ["alice", await c.person("alice", c.node("A"))],
      ["bob", await c.person("bob", c.node("B"))],
      ["carol", await c.person("carol", c.node("A"))],
    ]);
    await people.get("carol")?.createRoom("random");
    const history = new History();
    for (const [name, client] of people) {
      history.watch(name, client);
      await history.join(name, client, "random");
    }

    const sends: Promise<SendRecord>[] = [];
    const talk = [...people].map(async ([name, client]) => {
      for (let i = 0; i < 40; i++) {
        const send = history.send(name, client, "random", { giveUpAfterMs: 20_000 });
        sends.push(send);
        await send;
        await sleep(20);
      }
    });
    for (let cut = 0; cut < 4; cut++) {
      await sleep(400);
      await c.database.terminateConnections();
    }
    await Promise.all(talk);
    const settled = await Promise.all(sends);
    expect(settled.filter((send) => send.state !== "ok").map((send) => `${send.text}: ${send.state} ${send.errorCode ?? ""}`)).toEqual([]);
    await waitFor("everyone shows what the database has", async () => expect((await history.audit(c.database, ["random"])).problems).toEqual([]), {
      timeoutMs: 10_000,
      intervalMs: 200,
    });
  }, 60_000);
});
