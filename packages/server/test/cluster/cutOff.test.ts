import type { ConnectionStatus } from "@natter/client";
import { expect, it } from "vitest";
import { describeCluster, useCluster } from "./support/describeCluster.js";
import { History } from "./support/history.js";
import { sleep } from "./support/timing.js";
import { waitFor } from "../support/wait.js";

const OUTAGE_MS = 10_000;
const MISSED = 200;

describeCluster("a person whose network drops for a while", (environment) => {
  const cluster = useCluster(environment, { nodes: 2 });

  it("bob, cut off for at least 10 s while alice sends 200 messages, gets all 200 in order once he is back", async () => {
    const c = cluster();
    const alice = await c.person("alice", c.node("A"));
    // bob's network: a proxy in front of node B that can stop carrying anything.
    const bobsNetwork = await c.proxyTo(c.node("B"));
    const bob = await c.person("bob", bobsNetwork);
    await alice.createRoom("design");
    const history = new History();
    history.watch("alice", alice);
    history.watch("bob", bob);
    await history.join("alice", alice, "design");
    await history.join("bob", bob, "design");
    const before = await history.send("alice", alice, "design", { text: "before the outage" });
    await waitFor("bob sees the first message", () => expect(history.view("bob", "design")).toHaveLength(1));
    const statuses: ConnectionStatus[] = [];
    bob.on("status", (status) => statuses.push(status));

    bobsNetwork.down();
    const outageStarted = Date.now();
    await waitFor("bob's client notices it is offline", () => expect(statuses).toContain("disconnected"));
    const missed = [];
    for (let i = 1; i <= MISSED; i++) missed.push(await history.send("alice", alice, "design", { text: `while bob is away ${i}` }));
    expect(history.view("bob", "design")).toHaveLength(1);
    // On a slow machine the 200 sends may take longer than the outage: then bob is away until they are done.
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageStarted)));
    bobsNetwork.up();

    await waitFor("bob has caught up on all 200", () => expect(history.view("bob", "design")).toHaveLength(1 + MISSED), { timeoutMs: 15_000, intervalMs: 100 });
    expect(history.view("bob", "design")).toEqual([before, ...missed].map((send) => ({ seq: send.message?.seq, id: send.message?.id })));
    expect(statuses.at(-1)).toBe("connected");
    expect((await history.audit(c.database, ["design"])).problems).toEqual([]);
  }, 60_000);
});
