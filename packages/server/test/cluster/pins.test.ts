import type { PinEvent } from "@natter/protocol";
import { expect, it } from "vitest";
import { waitFor } from "../support/wait.js";
import { describeCluster, useCluster } from "./support/describeCluster.js";

describeCluster("pins across two nodes", (environment) => {
  const cluster = useCluster(environment, { nodes: 2 });

  it("a pin made through node A reaches a member on node B, whose pins list shows it", async () => {
    const alice = await cluster().person("alice", cluster().node("A"));
    const bob = await cluster().person("bob", cluster().node("B"));
    await alice.createRoom("pinboard");
    await bob.join("pinboard");
    const heard: PinEvent[] = [];
    bob.on("pin_changed", (event) => void heard.push(event));

    const message = await alice.send("pinboard", "the release is on Thursday");
    await alice.staples.pin("pinboard", message.id);
    await waitFor("bob on node B hears the pin", () =>
      expect(heard).toMatchObject([{ room: "pinboard", messageId: message.id, pinned: true, by: { username: "alice" } }]),
    );
    expect((await bob.staples.pins("pinboard")).map((pin) => pin.message.text)).toEqual(["the release is on Thursday"]);
  });
});
