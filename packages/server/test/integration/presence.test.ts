import { ONLINE_PAGE, onlineUsersResponseSchema, type PresenceEvent, type TypingEvent } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http } from "../support/http.js";
import { anotherTab, closeAll, guest, member } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

describe("who is online and who is typing", { timeout: 60_000 }, () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()), 60_000);
  afterEach(closeAll);
  afterAll(() => server.cleanup(), 60_000);

  const onlineNames = async (token: string) => {
    const answer = await http(server.url, "GET", "/api/users/online", { token });
    return onlineUsersResponseSchema.parse(answer.body).users.map((u) => u.username);
  };

  it("two tabs of one person count once, and the person goes offline only when the last tab closes", async () => {
    const watcher = await guest(server.url, "watcher");
    await watcher.join("general");
    const events: PresenceEvent[] = [];
    watcher.on("presence", (event) => event.user.username === "alice" && events.push(event));
    const token = watcher.token ?? "";

    const aliceTab1 = await guest(server.url, "alice");
    await eventually(() => expect(events.map((e) => e.online)).toEqual([true]));
    const aliceTab2 = await anotherTab(server.url, aliceTab1);
    await aliceTab2.join("general");
    expect((await onlineNames(token)).filter((name) => name === "alice")).toEqual(["alice"]);
    expect((await watcher.roomInfo("general")).online.filter((u) => u.username === "alice")).toHaveLength(1);

    aliceTab1.close();
    await eventually(async () => expect(await onlineNames(token)).toContain("alice"));
    expect(events.map((e) => e.online)).toEqual([true]);

    aliceTab2.close();
    await eventually(() => expect(events.map((e) => e.online)).toEqual([true, false]));
    expect(await onlineNames(token)).not.toContain("alice");
    expect((await watcher.roomInfo("general")).online.map((u) => u.username)).not.toContain("alice");
  });

  it("when a crowd connects at once, a member already there sees each of them come online", async () => {
    const watcher = await guest(server.url, "crowdwatcher");
    await watcher.join("general");
    const cameOnline: string[] = [];
    watcher.on("presence", (event) => event.online && event.user.username.startsWith("crowd-") && cameOnline.push(event.user.username));
    const names = Array.from({ length: 12 }, (_, i) => `crowd-${i}`);
    await Promise.all(names.map((name) => guest(server.url, name)));
    await eventually(() => expect([...cameOnline].sort()).toEqual([...names].sort()));
  });

  it("the join answer lists who is online in the room", async () => {
    const bob = await guest(server.url, "bob");
    await bob.join("general");
    const carol = await guest(server.url, "carol");
    const joined = await carol.join("general");
    expect(joined.online.map((u) => u.username)).toEqual(expect.arrayContaining(["bob", "carol"]));
  });

  it("in a crowded room the join answer lists 50 of those online and counts them all, and arrivals are counted, not named", async () => {
    const watcher = await guest(server.url, "throng-watcher");
    await watcher.join("general");
    const named: string[] = [];
    const counts: number[] = [];
    watcher.on("presence", (event) => {
      if (event.room !== "general") return;
      named.push(event.user.username);
      counts.push(event.onlineCount);
    });
    watcher.on("online_count", (event) => event.room === "general" && counts.push(event.onlineCount));

    const crowd = await Promise.all(Array.from({ length: ONLINE_PAGE + 5 }, (_, i) => guest(server.url, `throng-${i}`)));
    const everyone = (await onlineNames(watcher.token ?? "")).length;
    await eventually(() => expect(counts.at(-1)).toBe(everyone));
    const namedWhileCrowded = named.length;
    expect(named.filter((name) => name.startsWith("throng-")).length).toBeLessThan(crowd.length);

    const joined = await (crowd[0] ?? watcher).join("general");
    expect(joined.online).toHaveLength(ONLINE_PAGE);
    expect(joined.room.onlineCount).toBe(everyone);
    // Back under a page of people, the room is told names again.
    const leaving = crowd.slice(0, 10);
    for (const person of leaving) person.close();
    await eventually(() => expect(counts.at(-1)).toBe(everyone - 10));
    expect(named.length).toBeGreaterThan(namedWhileCrowded);
  });

  it("a private room counts only its members online: invited ones appear, removed ones go", async () => {
    const owner = await member(server.url, "quorum-owner");
    await owner.createRoom("quorum", "", { private: true });
    const outsider = await guest(server.url, "quorum-outsider");
    const invitee = await guest(server.url, "quorum-invitee");
    const seen = async () => (await owner.roomInfo("quorum")).online.map((u) => u.username).sort();
    expect(await onlineNames(outsider.token ?? "")).toContain("quorum-outsider");
    expect(await seen()).toEqual(["quorum-owner"]);
    expect((await owner.invite("quorum", "quorum-invitee")).online).toBe(true);
    expect(await seen()).toEqual(["quorum-invitee", "quorum-owner"]);
    expect((await owner.roomInfo("quorum")).onlineCount).toBe(2);
    invitee.close();
    await eventually(async () => expect(await seen()).toEqual(["quorum-owner"]));
    const back = await anotherTab(server.url, invitee);
    await eventually(async () => expect(await seen()).toEqual(["quorum-invitee", "quorum-owner"]));
    await owner.removeMember("quorum", "quorum-invitee");
    expect(await seen()).toEqual(["quorum-owner"]);
    back.close();
  });

  describe("typing", () => {
    async function pair(names: [string, string]) {
      const typist = await guest(server.url, names[0]);
      const reader = await guest(server.url, names[1]);
      await typist.join("general");
      await reader.join("general");
      const seen: TypingEvent[] = [];
      reader.on("typing", (event) => event.user.username === names[0] && seen.push(event));
      return { typist, reader, seen };
    }

    // How long "typing" lasts without a refresh is TypingTracker's rule, proven under fake timers in domain/typing.test.ts.
    it("the others see 'X is typing…' and its end, and the typist's own tabs hear neither", async () => {
      const { typist, reader, seen } = await pair(["dave", "erin"]);
      const typistHeard: string[] = [];
      typist.on("typing", (event) => typistHeard.push(`${event.user.username} ${event.typing}`));
      typist.typing("general", true);
      await eventually(() => expect(seen.map((e) => e.typing)).toEqual([true]));
      typist.typing("general", false);
      await eventually(() => expect(seen.map((e) => e.typing)).toEqual([true, false]));
      // The sentinel: erin typing reaches dave's tab behind any echo of his own that was sent to it.
      reader.typing("general", true);
      await eventually(() => expect(typistHeard).toContain("erin true"));
      expect(typistHeard).toEqual(["erin true"]);
    });

    it("sending the message clears 'typing' at once", async () => {
      const { typist, seen } = await pair(["heidi", "ivan"]);
      typist.typing("general", true);
      await eventually(() => expect(seen).toHaveLength(1));
      await typist.send("general", "done typing");
      await eventually(() => expect(seen.map((e) => e.typing)).toEqual([true, false]), { timeoutMs: 4_000 });
    });

    it("closing the tab clears 'typing' at once", async () => {
      const { typist, seen } = await pair(["judy", "kim"]);
      typist.typing("general", true);
      await eventually(() => expect(seen).toHaveLength(1));
      typist.close();
      await eventually(() => expect(seen.map((e) => e.typing)).toEqual([true, false]), { timeoutMs: 4_000 });
    });
  });
});
