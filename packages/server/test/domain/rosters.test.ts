import { ONLINE_PAGE, type UserRef } from "@natter/protocol";
import { describe, expect, it } from "vitest";
import { RoomRosters } from "../../src/domain/rosters.js";

const ROOM = 1;
const person = (id: number): UserRef => ({ id, username: `user-${id}` });

/** A roster source whose loads finish when the test says so, to place changes during a load. */
function slowSource(initial: UserRef[]) {
  let online = initial;
  const waiting: (() => void)[] = [];
  let loads = 0;
  const load = () => {
    loads += 1;
    const snapshot = online;
    return new Promise<UserRef[]>((resolve) => waiting.push(() => resolve(snapshot)));
  };
  return {
    load,
    set: (users: UserRef[]) => (online = users),
    finish: () => waiting.splice(0).forEach((resolve) => resolve()),
    loads: () => loads,
  };
}

const names = async (rosters: RoomRosters) => (await rosters.online(ROOM)).page.map((u) => u.username).sort();

describe("room rosters: who of a room is online, kept current without rescanning everyone", () => {
  it("someone who goes offline while the roster is being read is not shown as online", async () => {
    const source = slowSource([person(1), person(2)]);
    const rosters = new RoomRosters(source.load, Infinity, () => 0);
    const reading = rosters.online(ROOM);
    rosters.changed(ROOM, person(2), false);
    rosters.changed(ROOM, person(3), true);
    source.finish();
    expect((await reading).page.map((u) => u.id).sort()).toEqual([1, 3]);
    expect(await names(rosters)).toEqual(["user-1", "user-3"]);
    expect(source.loads()).toBe(1);
  });

  it("later arrivals and departures are applied without reading the roster again", async () => {
    const source = slowSource([person(1)]);
    const rosters = new RoomRosters(source.load, Infinity, () => 0);
    const first = rosters.online(ROOM);
    source.finish();
    await first;
    rosters.changed(ROOM, person(4), true);
    rosters.changed(ROOM, person(1), false);
    expect(await rosters.online(ROOM)).toEqual({ page: [person(4)], count: 1 });
    expect(await rosters.isOnline(ROOM, 1)).toBe(false);
    expect(source.loads()).toBe(1);
  });

  it("a crowded room lists a page of those online and counts them all", async () => {
    const crowd = Array.from({ length: ONLINE_PAGE * 3 }, (_, i) => person(i + 1));
    const rosters = new RoomRosters(
      async () => crowd,
      Infinity,
      () => 0,
    );
    const online = await rosters.online(ROOM);
    expect(online.count).toBe(crowd.length);
    expect(online.page).toHaveLength(ONLINE_PAGE);
  });

  it("after a membership change the roster is read afresh, and a load that the change overtook is not kept", async () => {
    const source = slowSource([person(1)]);
    const rosters = new RoomRosters(source.load, Infinity, () => 0);
    const overtaken = rosters.online(ROOM);
    source.set([person(1), person(2)]);
    rosters.forget(ROOM);
    const fresh = rosters.online(ROOM);
    source.finish();
    expect((await overtaken).count).toBe(1);
    expect((await fresh).count).toBe(2);
    expect(await names(rosters)).toEqual(["user-1", "user-2"]);
  });

  it("a member who joins or leaves is added or dropped without reading the roster again, online members only", async () => {
    const source = slowSource([person(1)]);
    const rosters = new RoomRosters(source.load, Infinity, () => 0);
    const first = rosters.online(ROOM);
    source.finish();
    await first;
    const onlineNow = new Set([2]);
    const isOnline = async (id: number) => onlineNow.has(id);
    await rosters.memberAdded(ROOM, person(2), isOnline);
    await rosters.memberAdded(ROOM, person(3), isOnline);
    expect(await names(rosters)).toEqual(["user-1", "user-2"]);
    rosters.memberRemoved(ROOM, person(1));
    expect(await rosters.online(ROOM)).toEqual({ page: [person(2)], count: 1 });
    expect(source.loads()).toBe(1);
  });

  it("a member who joins while the roster is being read is counted once the read ends", async () => {
    const source = slowSource([person(1)]);
    const rosters = new RoomRosters(source.load, Infinity, () => 0);
    const reading = rosters.online(ROOM);
    await rosters.memberAdded(ROOM, person(2), async () => true);
    source.finish();
    expect((await reading).count).toBe(2);
    expect(source.loads()).toBe(1);
  });

  it("with presence shared by several nodes, a roster older than its time to live is read again", async () => {
    let now = 0;
    let online = [person(1)];
    const rosters = new RoomRosters(
      async () => online,
      1_000,
      () => now,
    );
    expect((await rosters.online(ROOM)).count).toBe(1);
    online = [person(1), person(2)]; // someone came online on another node
    now = 999;
    expect((await rosters.online(ROOM)).count).toBe(1);
    now = 1_000;
    expect((await rosters.online(ROOM)).count).toBe(2);
  });

  it("a failed read is not remembered: the next one tries again", async () => {
    let fail = true;
    const rosters = new RoomRosters(
      async () => (fail ? Promise.reject(new Error("database away")) : [person(1)]),
      Infinity,
      () => 0,
    );
    await expect(rosters.online(ROOM)).rejects.toThrow("database away");
    fail = false;
    expect((await rosters.online(ROOM)).count).toBe(1);
  });
});
