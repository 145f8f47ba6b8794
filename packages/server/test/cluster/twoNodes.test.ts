import type { Message, PresenceEvent, TypingEvent, UserRef } from "@natter/protocol";
import { Redis } from "ioredis";
import { expect, it } from "vitest";
import { migrationProvider } from "../../src/storage/migrations.js";
import { describeCluster, useCluster } from "./support/describeCluster.js";
import { History } from "./support/history.js";
import { percentile } from "./support/timing.js";
import { waitFor } from "../support/wait.js";

const names = (users: UserRef[]) => users.map((u) => u.username);

describeCluster("two nodes sharing one chat", (environment) => {
  // Both nodes start at the same moment on the empty database: the migration lock must make that safe.
  const cluster = useCluster(environment, { nodes: 2, together: true });

  it("two nodes started at the same moment on an empty database migrate it once and share one general room", async () => {
    const expected = Object.keys(await migrationProvider("postgres").getMigrations()).sort();
    const applied = await cluster().database.query<{ name: string }>("select name from kysely_migration order by name");
    expect(applied.map((row) => row.name)).toEqual(expected);
    expect(await cluster().database.query("select id from rooms where name = 'general'")).toHaveLength(1);
    expect([await cluster().node("A").readiness(), await cluster().node("B").readiness()]).toEqual([200, 200]);
    expect(cluster().unexpectedExits()).toEqual([]);
  });

  it("alice on node A and bob on node B exchange messages", async () => {
    const alice = await cluster().person("alice", cluster().node("A"));
    const bob = await cluster().person("bob", cluster().node("B"));
    await alice.join("general");
    await bob.join("general");
    const seenByAlice: Message[] = [];
    const seenByBob: Message[] = [];
    alice.on("message", (m) => seenByAlice.push(m));
    bob.on("message", (m) => seenByBob.push(m));

    const hello = await alice.send("general", "hi bob, I'm on node A");
    await waitFor("bob sees alice's message", () => expect(seenByBob.map((m) => m.text)).toEqual(["hi bob, I'm on node A"]));
    const reply = await bob.send("general", "hi alice, node B here");
    await waitFor("alice sees bob's reply", () => expect(seenByAlice.map((m) => m.id)).toEqual([hello.id, reply.id]));

    expect(seenByBob.map((m) => m.id)).toEqual([hello.id, reply.id]);
    expect(reply.seq).toBe(hello.seq + 1);
  });

  it("alice and bob see each other online on both nodes, and bob sees alice go offline when she leaves", async () => {
    const bob = await cluster().person("bob", cluster().node("B"));
    const presence: PresenceEvent[] = [];
    bob.on("presence", (event) => presence.push(event));

    const alice = await cluster().person("alice", cluster().node("A"));

    await waitFor("bob is told alice came online", () =>
      expect(presence).toContainEqual({ room: "general", user: { id: alice.user?.id, username: "alice" }, online: true, onlineCount: 2 }),
    );
    expect(names(await bob.onlineUsers())).toEqual(["alice", "bob"]);
    expect(names(await alice.onlineUsers())).toEqual(["alice", "bob"]);

    alice.close();

    await waitFor("bob is told alice went offline", () =>
      expect(presence).toContainEqual({ room: "general", user: { id: alice.user?.id, username: "alice" }, online: false, onlineCount: 1 }),
    );
    // Node B's own list follows within moments: it learns from node A's roster change, not from the event bob got.
    await waitFor("node B lists bob alone", async () => expect(names(await bob.onlineUsers())).toEqual(["bob"]));
  });

  it("bob on node B sees alice typing on node A, and the indicator stops when she sends", async () => {
    const alice = await cluster().person("alice", cluster().node("A"));
    const bob = await cluster().person("bob", cluster().node("B"));
    await alice.join("general");
    await bob.join("general");
    const typingSeenByBob: TypingEvent[] = [];
    const typingSeenByAlice: TypingEvent[] = [];
    bob.on("typing", (event) => typingSeenByBob.push(event));
    alice.on("typing", (event) => typingSeenByAlice.push(event));
    const aliceRef = { id: alice.user?.id, username: "alice" };
    const shown = (events: TypingEvent[]) => events.map(({ room, user, typing }) => ({ room, user: { id: user.id, username: user.username }, typing }));

    alice.typing("general", true);
    await waitFor("bob sees alice typing", () => expect(shown(typingSeenByBob)).toEqual([{ room: "general", user: aliceRef, typing: true }]));
    await alice.send("general", "here is my thought");
    await waitFor("bob sees alice stop typing", () => expect(shown(typingSeenByBob).at(-1)).toEqual({ room: "general", user: aliceRef, typing: false }));

    bob.typing("general", true);
    await waitFor("alice sees bob typing", () =>
      expect(shown(typingSeenByAlice)).toContainEqual({ room: "general", user: { id: bob.user?.id, username: "bob" }, typing: true }),
    );
    expect(typingSeenByAlice.some((event) => event.user.username === "alice")).toBe(false);
  });

  it("a typing event names the typist as { id, username }, as the protocol's TypingEvent says", async () => {
    const alice = await cluster().person("alice", cluster().node("A"));
    const bob = await cluster().person("bob", cluster().node("B"));
    await alice.join("general");
    await bob.join("general");
    const typingSeenByBob: TypingEvent[] = [];
    bob.on("typing", (event) => typingSeenByBob.push(event));

    alice.typing("general", true);

    await waitFor("bob sees alice typing", () => expect(typingSeenByBob).toHaveLength(1));
    expect(typingSeenByBob[0]).toEqual({ room: "general", user: { id: alice.user?.id, username: "alice" }, typing: true });
  });

  it("bob on node B receives alice's 300 messages from node A, each once and in order (delivery time printed)", async () => {
    const alice = await cluster().person("alice", cluster().node("A"));
    const bob = await cluster().person("bob", cluster().node("B"));
    await alice.createRoom("random");
    const history = new History();
    history.watch("alice", alice);
    history.watch("bob", bob);
    await history.join("alice", alice, "random");
    await history.join("bob", bob, "random");

    const sends = [];
    for (let i = 0; i < 300; i++) sends.push(await history.send("alice", alice, "random"));
    await waitFor("bob has all 300", () => expect(history.view("bob", "random")).toHaveLength(300));

    const latencies = sends.map((send) => (history.shownAt("bob", send.message?.id ?? -1) ?? Number.NaN) - send.invokedAt);
    const [p50, p99, max] = [percentile(latencies, 50), percentile(latencies, 99), Math.max(...latencies)];
    console.log(
      `cross-node delivery, send on node A to receipt on node B, ${latencies.length} messages: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
    );
    const audit = await history.audit(cluster().database, ["random"]);
    expect(audit.problems).toEqual([]);
    expect(history.view("bob", "random")).toEqual(sends.map((send) => ({ seq: send.message?.seq, id: send.message?.id })));
  });

  it("a public room alice creates on node A appears at once for carol on node B, and a private one never does", async () => {
    const alice = await cluster().person("alice", cluster().node("A"));
    const carol = await cluster().person("carol", cluster().node("B"));
    const announced: string[] = [];
    carol.on("room_added", (room) => announced.push(`${room.name} ${room.kind} joined=${room.joined}`));
    await alice.createRoom("hideout", "", { private: true });
    await alice.createRoom("plaza");
    await waitFor("carol hears of plaza", () => expect(announced).toEqual(["plaza public joined=false"]));
  });

  it("a node hears a room only while one of its sockets is in it: Redis carries the room to one node, then two, then one", async () => {
    const alice = await cluster().person("alice", cluster().node("A"));
    const dave = await cluster().person("dave", cluster().node("B"));
    await alice.createRoom("quiet-corner");
    const [room] = await cluster().database.query<{ id: number }>("select id from rooms where name = 'quiet-corner'");
    const redis = new Redis(cluster().redis.url);
    // The sharded adapter's channel of the room's Socket.IO room (prefix `natter`, namespace `/`).
    const listeners = async () => {
      const answer = (await redis.call("PUBSUB", "SHARDNUMSUB", `natter#/#room:${room?.id ?? 0}#`)) as [string, number];
      return Number(answer[1]);
    };
    try {
      await waitFor("only node A listens to the room", async () => expect(await listeners()).toBe(1));
      await dave.join("quiet-corner");
      await waitFor("node B listens too once dave is in", async () => expect(await listeners()).toBe(2));
      const seen: string[] = [];
      dave.on("message", (message) => seen.push(message.text));
      await alice.send("quiet-corner", "across the nodes");
      await waitFor("dave on node B gets it", () => expect(seen).toEqual(["across the nodes"]));
      await dave.leave("quiet-corner");
      await waitFor("node B stops listening when dave leaves", async () => expect(await listeners()).toBe(1));
    } finally {
      redis.disconnect();
    }
  });
});
