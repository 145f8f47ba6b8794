import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { anotherTab, closeAll, member } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

describe("a session ended while in use", { timeout: 60_000 }, () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()), 60_000);
  afterEach(closeAll);
  afterAll(() => server.cleanup(), 60_000);

  it("a password changed on one device tells the SDK of another that its session ended, once, and it stops reconnecting", async () => {
    const phone = await member(server.url, "alice");
    const laptop = await anotherTab(server.url, phone);
    const ended: string[] = [];
    laptop.on("session_ended", ({ code }) => ended.push(code));
    phone.on("session_ended", () => ended.push("the phone too"));
    await phone.changePassword("correct horse battery", "another good password");
    await eventually(() => expect(ended).toEqual(["UNAUTHORIZED"]));
    expect(laptop.connected).toBe(false);
    // The phone holds the new session: it reconnects with it.
    await eventually(() => expect(phone.connected).toBe(true));
    expect(ended).toEqual(["UNAUTHORIZED"]);
  });

  it("logging out in one tab ends the other tabs of the same session", async () => {
    const first = await member(server.url, "bob");
    const second = await anotherTab(server.url, first);
    const ended: string[] = [];
    second.on("session_ended", ({ code }) => ended.push(code));
    await first.logout();
    await eventually(() => expect(ended).toEqual(["UNAUTHORIZED"]));
  });
});
