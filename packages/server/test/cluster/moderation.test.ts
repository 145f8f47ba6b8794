import type { Message, RoomDeletedEvent, RoomGoneEvent } from "@natter/protocol";
import { NatterClient, NatterError } from "@natter/client";
import { afterEach, expect, it } from "vitest";
import { describeCluster, useCluster } from "./support/describeCluster.js";
import { waitFor } from "../support/wait.js";

describeCluster("bans and room deletion across two nodes", (environment) => {
  const cluster = useCluster(environment, { nodes: 2 });
  const owners: NatterClient[] = [];
  afterEach(() => owners.splice(0).forEach((client) => client.close()));

  /** A registered member (guests create no rooms by default), connected through this node. */
  async function owner(username: string, via: { url: string }): Promise<NatterClient> {
    const client = new NatterClient({ url: via.url, transports: ["websocket"] });
    owners.push(client);
    await client.register(username, "correct horse battery");
    await client.connect();
    return client;
  }

  it("a ban on node A takes the banned person's sockets on node B out of the room at once, and keeps them out", async () => {
    const alice = await owner("alice", cluster().node("A"));
    const bob = await cluster().person("bob", cluster().node("B"));
    const bobsOtherTab = await cluster().person("bob", cluster().node("B"));
    await alice.createRoom("porch");
    await bob.join("porch");
    const heard: Message[] = [];
    const gone: RoomGoneEvent[] = [];
    for (const tab of [bob, bobsOtherTab]) {
      tab.on("message", (message) => message.room === "porch" && heard.push(message));
      tab.on("room_removed", (event) => gone.push(event));
    }
    await alice.send("porch", "before the ban");
    await waitFor("both of bob's tabs hear alice", () => expect(heard.map((m) => m.text)).toEqual(["before the ban", "before the ban"]));

    await alice.moderation.ban("porch", "bob");
    await waitFor("both of bob's tabs on node B are told", () =>
      expect(gone).toEqual([
        { room: "porch", reason: "banned" },
        { room: "porch", reason: "banned" },
      ]),
    );
    // carol, on bob's node, hears the next message live: node B got that broadcast, and bob's tabs were not in it.
    const carol = await cluster().person("carol", cluster().node("B"));
    await carol.join("porch");
    const carolHeard: string[] = [];
    carol.on("message", (message) => carolHeard.push(message.text));
    await alice.send("porch", "after the ban");
    await waitFor("carol on node B hears the message sent after the ban", () => expect(carolHeard).toContain("after the ban"));
    expect(heard.map((m) => m.text)).toEqual(["before the ban", "before the ban"]);
    await expect(bob.join("porch")).rejects.toSatisfy((error) => error instanceof NatterError && error.code === "BANNED");
  });

  it("deleting a room on node A tells its members and everyone else on both nodes, and it leaves every list", async () => {
    const alice = await owner("amy", cluster().node("A"));
    const dave = await cluster().person("dave", cluster().node("A"));
    const erin = await cluster().person("erin", cluster().node("B"));
    const frank = await cluster().person("frank", cluster().node("B"));
    await alice.createRoom("attic");
    await dave.join("attic");
    await erin.join("attic");
    await alice.send("attic", "soon gone");
    const told: string[] = [];
    const listen = (who: string) => (event: RoomDeletedEvent) => told.push(`${who}:${event.room}`);
    dave.on("room_deleted", listen("dave"));
    erin.on("room_deleted", listen("erin"));
    frank.on("room_deleted", listen("frank"));

    await alice.moderation.deleteRoom("attic");
    await waitFor("members and non-members on both nodes are told", () => expect(told.sort()).toEqual(["dave:attic", "erin:attic", "frank:attic"]));
    for (const person of [dave, erin, frank]) expect((await person.rooms()).map((r) => r.name)).not.toContain("attic");
    await waitFor("the room's rows are purged", async () =>
      expect(await cluster().database.query("select id from rooms where name = 'attic' or deleted_at is not null")).toEqual([]),
    );
  });
});
