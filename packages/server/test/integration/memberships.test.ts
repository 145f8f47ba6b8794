import { ONLINE_PAGE } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest, member } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

describe("who joins and leaves a room", { timeout: 120_000 }, () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()), 60_000);
  afterEach(closeAll);
  afterAll(() => server.cleanup(), 60_000);

  it("a small room's members see each newcomer by name, also when several join at once, and see them leave", async () => {
    const host = await member(server.url, "porch-host");
    await host.createRoom("porch");
    const joined: string[] = [];
    const left: string[] = [];
    const counts: number[] = [];
    host.on("user_joined", (event) => {
      if (event.room !== "porch") return;
      joined.push(event.user.username);
      if (event.memberCount !== undefined) counts.push(event.memberCount);
    });
    host.on("user_left", (event) => event.room === "porch" && left.push(event.user.username));

    const names = Array.from({ length: 12 }, (_, i) => `porch-${i}`);
    const people = await Promise.all(names.map((name) => guest(server.url, name)));
    await Promise.all(people.map((person) => person.join("porch")));
    await eventually(() => expect([...joined].sort()).toEqual([...names].sort()));
    expect(Math.max(...counts)).toBe(13);

    await people[0]?.leave("porch");
    await eventually(() => expect(left).toEqual(["porch-0"]));
  });

  it("in a crowded room a crowd's joins are counted, not named, and the count ends right", async () => {
    const host = await member(server.url, "hall-host");
    await host.createRoom("hall");
    // More than a page of the room's members connected, so the room is crowded before the crowd arrives.
    const regulars = await Promise.all(Array.from({ length: ONLINE_PAGE + 1 }, (_, i) => guest(server.url, `hall-regular-${i}`)));
    await Promise.all(regulars.map((person) => person.join("hall")));
    const named: string[] = [];
    const counts: number[] = [];
    host.on("user_joined", (event) => event.room === "hall" && named.push(event.user.username));
    host.on("member_count", (event) => event.room === "hall" && counts.push(event.memberCount));

    const crowd = await Promise.all(Array.from({ length: 30 }, (_, i) => guest(server.url, `hall-crowd-${i}`)));
    await Promise.all(crowd.map((person) => person.join("hall")));
    const members = 1 + regulars.length + crowd.length;
    await eventually(() => expect(counts.at(-1)).toBe(members));
    expect(named.filter((name) => name.startsWith("hall-crowd-"))).toEqual([]);
    expect((await host.roomInfo("hall")).memberCount).toBe(members);
  });
});
