import type { User } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/domain/accounts.js";
import { openDirect } from "../../src/domain/directs.js";
import { findMentions } from "../../src/domain/mentions.js";
import { usernameKey } from "../../src/domain/usernames.js";
import { toUser } from "../../src/domain/wire.js";
import type { RoomRow } from "../../src/storage/index.js";
import { startNatter, type RunningNatter } from "../support/server.js";

describe("mentions and direct conversations", () => {
  let server: RunningNatter;
  let general: RoomRow;
  const people: Record<string, User> = {};
  beforeAll(async () => {
    server = await startNatter();
    const { domain } = server.natter;
    for (const name of ["alice", "bob", "Carol", "dave", "erin"]) people[name.toLowerCase()] = toUser(await createUser(domain, name, null, "guest"));
    const found = await domain.store.roomByKey("general");
    if (!found) throw new Error("general is missing");
    general = found;
    // "all" is reserved now; an account could still be called so from before the rule, straight in the store.
    const all = await domain.store.createUser({ username: "all", username_key: usernameKey("all"), password_hash: null, kind: "guest", created_at: 0 });
    if (!all) throw new Error("all could not be created");
    await domain.store.addMember(general.id, all.id, 0);
    people.all = toUser(all);
    const outside = people.erin;
    if (outside) await domain.store.removeMember(general.id, outside.id);
  }, 60_000);
  afterAll(() => server.cleanup());

  const id = (name: string) => people[name]?.id ?? -1;
  const mentions = (text: string, author = "alice") => findMentions(server.natter.domain, general.id, id(author), text);

  it("@name mentions that member, whatever the case, and each person once", async () => {
    expect(await mentions("hi @bob and @CAROL, @bob again")).toEqual({ userIds: [id("bob"), id("carol")].sort((a, b) => a - b), room: false });
  });

  it("an email address, an unknown name, a non-member and the author mention no one", async () => {
    expect(await mentions("mail bob@example.com, ask @nobody, @erin and @alice")).toEqual({ userIds: [], room: false });
  });

  it("@room, @all and @everyone mention the whole room", async () => {
    for (const word of ["@room", "@all", "@Everyone"]) expect((await mentions(`${word} lunch?`)).room).toBe(true);
  });

  it("@all is the whole room even beside names and when someone is called all", async () => {
    expect(await mentions("@bob, @all: lunch?")).toEqual({ userIds: [id("bob")], room: true });
  });

  it("trailing punctuation is not part of the name", async () => {
    expect((await mentions("thanks @dave.")).userIds).toEqual([id("dave")]);
    expect((await mentions("(@dave) and @bob-")).userIds).toEqual([id("bob"), id("dave")].sort((a, b) => a - b));
  });

  it("the same people get the same direct conversation whoever opens it and in any order", async () => {
    const { domain } = server.natter;
    const byAlice = await openDirect(domain, people.alice ?? fail(), ["bob", "Dave"]);
    const byDave = await openDirect(domain, people.dave ?? fail(), ["BOB", "alice"]);
    expect(byDave.name).toBe(byAlice.name);
    expect(byAlice.name).toMatch(/^dm-[0-9a-f]{16}$/);
    const justBob = await openDirect(domain, people.alice ?? fail(), ["bob"]);
    expect(justBob.name).not.toBe(byAlice.name);
  });

  it("a direct conversation needs someone else, at most 8 people and only known names", async () => {
    const { domain } = server.natter;
    const alice = people.alice ?? fail();
    await expect(openDirect(domain, alice, ["alice"])).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(openDirect(domain, alice, ["ghost"])).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openDirect(domain, alice, ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"])).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

function fail(): never {
  throw new Error("missing test person");
}
