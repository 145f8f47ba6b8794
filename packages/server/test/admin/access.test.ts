import { NatterClient, NatterError } from "@natter/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireAllowedDomain } from "../../src/domain/emailDomains.js";
import { Refusal } from "../../src/domain/errors.js";
import { createInvite } from "../../src/domain/invites.js";
import { http } from "../support/http.js";
import { closeAll, firstAdmin, guest, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { eventually } from "../support/wait.js";

const PASSWORD = "correct horse battery";
const refusedWith = (code: string) => (error: unknown) => (error instanceof NatterError || error instanceof Refusal) && error.code === code;

async function registers(url: string, username: string, invite?: string): Promise<NatterClient> {
  const client = new NatterClient({ url, transports: ["websocket"] });
  await client.register(username, PASSWORD, invite);
  return client;
}

onEveryStore((store, start) => {
  describe(`who gets in, on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let admin: NatterClient;

    beforeAll(async () => {
      ({ server, done } = await start());
      admin = await firstAdmin(server, "ann");
    });
    afterAll(async () => {
      closeAll();
      await done();
    });

    it("settings start from the environment, change only what a patch names, and are logged with what changed", async () => {
      const first = await admin.admin.settings();
      expect(first).toMatchObject({ registration: "open", guests: true, allowedEmailDomains: [], personalTokens: true });
      const changed = await admin.admin.updateSettings({ allowedEmailDomains: ["Example.com"], guestPowers: { createRooms: false } });
      expect(changed).toEqual({ ...first, allowedEmailDomains: ["example.com"], guestPowers: { ...first.guestPowers, createRooms: false } });
      expect(await admin.admin.settings()).toEqual(changed);
      await expect(admin.admin.updateSettings({ registration: "sometimes" as "open" })).rejects.toSatisfy(refusedWith("BAD_REQUEST"));
      const { entries } = await admin.admin.audit({ action: "settings.change" });
      expect(entries[0]).toMatchObject({ actor: "ann", address: "127.0.0.1", details: { allowedEmailDomains: ["example.com"] } });
      expect(await new NatterClient({ url: server.url }).signInMethods()).toMatchObject({ registration: "open", guests: true });
    });

    it("closed registration and guests turned off refuse sign-ups with their codes", async () => {
      await admin.admin.updateSettings({ registration: "closed", guests: false });
      // The log-in page, asked anew, offers neither.
      expect(await new NatterClient({ url: server.url }).signInMethods()).toMatchObject({ registration: "closed", guests: false, password: true });
      await expect(registers(server.url, "closedout")).rejects.toSatisfy(refusedWith("REGISTRATION_CLOSED"));
      await expect(guest(server.url, "visitor")).rejects.toSatisfy(refusedWith("GUESTS_DISABLED"));
      await admin.admin.updateSettings({ registration: "open", guests: true });
      await guest(server.url, "visitor");
    });

    it("by invite: registering needs one, uses it once per sign-up, and refuses used-up, expired and revoked ones", async () => {
      await admin.admin.updateSettings({ registration: "invite" });
      await expect(registers(server.url, "noinvite")).rejects.toSatisfy(refusedWith("INVITE_REQUIRED"));
      const made = await admin.admin.createInvite({ maxUses: 2, expiresInHours: 24 });
      expect(made.url).toBe(`${server.url}/invite/${made.code}`);
      expect(made.invite).toMatchObject({ createdBy: "ann", maxUses: 2, uses: 0, revoked: false });
      // A taken name gives the use back.
      await expect(registers(server.url, "ann", made.code)).rejects.toSatisfy(refusedWith("USERNAME_TAKEN"));
      // Two at once for the last use: exactly one gets in.
      await registers(server.url, "invitee1", made.code);
      const race = await Promise.allSettled([registers(server.url, "racer1", made.code), registers(server.url, "racer2", made.code)]);
      expect(race.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      await expect(registers(server.url, "late", made.code)).rejects.toSatisfy(refusedWith("INVITE_USED_UP"));
      expect((await admin.admin.invites()).find((invite) => invite.id === made.invite.id)?.uses).toBe(2);

      const { domain } = server.natter;
      const ann = admin.user;
      if (!ann) throw new Error("ann is signed in");
      // Made three hours ago for one hour: expired now.
      const stale = await createInvite({ ...domain, now: () => Date.now() - 3 * 3_600_000 }, ann, { maxUses: 5, expiresInHours: 1 }, "");
      await expect(registers(server.url, "tooLate", stale.code)).rejects.toSatisfy(refusedWith("INVITE_EXPIRED"));
      await expect(registers(server.url, "forger", "not-a-real-code")).rejects.toSatisfy(refusedWith("INVITE_INVALID"));
      const revoked = await admin.admin.createInvite({ maxUses: 5, expiresInHours: 1 });
      await admin.admin.revokeInvite(revoked.invite.id);
      await expect(admin.admin.revokeInvite(revoked.invite.id)).rejects.toSatisfy(refusedWith("NOT_FOUND"));
      await expect(registers(server.url, "revokee", revoked.code)).rejects.toSatisfy(refusedWith("INVITE_INVALID"));
      expect((await admin.admin.audit({ action: "invite.create" })).entries.length).toBeGreaterThanOrEqual(2);
      await admin.admin.updateSettings({ registration: "open" });
    });

    it("the people list searches by part of a name and pages in name order", async () => {
      for (const name of ["pata", "patb", "patc", "patricia"]) await member(server.url, name);
      const first = await admin.admin.users({ query: "PAT", limit: 3 });
      expect(first.users.map((user) => user.username)).toEqual(["pata", "patb", "patc"]);
      const second = await admin.admin.users({ query: "pat", limit: 3, cursor: first.nextCursor ?? undefined });
      expect(second.users.map((user) => user.username)).toEqual(["patricia"]);
      expect(second.nextCursor).toBeNull();
      expect((await admin.admin.users({ query: "%" })).users).toEqual([]);
    });

    it("roles change, a guest cannot hold one, and the last admin can be neither demoted nor deactivated", async () => {
      await member(server.url, "mo");
      expect(await admin.admin.updateUser("mo", { role: "moderator" })).toMatchObject({ username: "mo", role: "moderator" });
      await guest(server.url, "gus");
      await expect(admin.admin.updateUser("gus", { role: "admin" })).rejects.toSatisfy(refusedWith("NOT_FOR_GUESTS"));
      await expect(admin.admin.updateUser("ann", { role: "user" })).rejects.toSatisfy(refusedWith("LAST_ADMIN"));
      await expect(admin.admin.updateUser("ann", { deactivated: true })).rejects.toSatisfy(refusedWith("LAST_ADMIN"));
      expect((await admin.admin.users({ query: "ann" })).users[0]).toMatchObject({ role: "admin", deactivated: false });
      await expect(admin.admin.updateUser("nobody-at-all", { role: "user" })).rejects.toSatisfy(refusedWith("NOT_FOUND"));
      expect((await admin.admin.audit({ action: "user.role" })).entries[0]).toMatchObject({ target: "mo", details: { from: "user", to: "moderator" } });
    });

    it("deactivation closes every socket and session, refuses log-in with ACCOUNT_DISABLED and keeps the messages; reactivation lets them back", async () => {
      const dee = await member(server.url, "dee");
      const otherTab = new NatterClient({ url: server.url, token: dee.token ?? undefined, transports: ["websocket"] });
      await otherTab.connect();
      await dee.join("general");
      const said = await dee.send("general", "still here after I go");
      const ended: string[] = [];
      dee.on("session_ended", ({ code }) => ended.push(code));
      const statuses: string[] = [];
      otherTab.on("status", (status) => statuses.push(status));

      expect(await admin.admin.updateUser("dee", { deactivated: true })).toMatchObject({ deactivated: true });
      await eventually(() => expect(statuses).toContain("disconnected"), { timeoutMs: 1_000 });
      await eventually(() => expect(ended).toEqual(["UNAUTHORIZED"]), { timeoutMs: 5_000 });
      expect((await http(server.url, "GET", "/api/me", { token: dee.token ?? "" })).status).toBe(401);
      await expect(new NatterClient({ url: server.url }).login("dee", PASSWORD)).rejects.toSatisfy(refusedWith("ACCOUNT_DISABLED"));
      const history = await admin.history("general");
      expect(history.messages.find((message) => message.id === said.id)?.text).toBe("still here after I go");
      expect((await admin.admin.users({ query: "dee" })).users[0]?.deactivated).toBe(true);

      await admin.admin.updateUser("dee", { deactivated: false });
      await new NatterClient({ url: server.url }).login("dee", PASSWORD);
      const actions = (await admin.admin.audit({ actor: "ann" })).entries.map((entry) => entry.action);
      expect(actions).toEqual(expect.arrayContaining(["user.deactivate", "user.reactivate"]));
      expect((await admin.admin.audit({ action: "login.refused" })).entries[0]).toMatchObject({ target: "dee", address: "127.0.0.1" });
      otherTab.close();
    });

    it("a reset link sets a new password once, ends the old sessions, and is refused the second time", async () => {
      const rae = await member(server.url, "rae");
      const link = await admin.admin.resetLink("rae");
      const token = new URL(link.url).searchParams.get("token") ?? "";
      expect(new URL(link.url).pathname).toBe("/reset-password");
      expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
      const page = new NatterClient({ url: server.url });
      await page.resetPassword(token, "a brand new password");
      expect((await http(server.url, "GET", "/api/me", { token: rae.token ?? "" })).status).toBe(401);
      await expect(new NatterClient({ url: server.url }).resetPassword(token, "yet another password")).rejects.toSatisfy(refusedWith("BAD_TOKEN"));
      await new NatterClient({ url: server.url }).login("rae", "a brand new password");
      await expect(admin.admin.resetLink("gus")).rejects.toSatisfy(refusedWith("NOT_FOR_GUESTS"));
    });

    it("a guest becomes a member with a password and keeps the name, id and messages", async () => {
      const gil = await guest(server.url, "gil");
      await gil.join("general");
      const said = await gil.send("general", "guest words");
      const id = gil.user?.id;
      const upgraded = await gil.upgrade(PASSWORD);
      expect(upgraded).toMatchObject({ id, username: "gil", kind: "member" });
      const again = new NatterClient({ url: server.url });
      expect((await again.login("gil", PASSWORD)).id).toBe(id);
      expect((await again.history("general")).messages.find((message) => message.id === said.id)?.author.username).toBe("gil");
      await expect(again.upgrade(PASSWORD)).rejects.toSatisfy(refusedWith("BAD_REQUEST"));
    });

    it("logs log-ins and failed log-ins with the address, and exports the log as JSON lines", async () => {
      await expect(new NatterClient({ url: server.url }).login("ann", "wrong password!")).rejects.toSatisfy(refusedWith("INVALID_CREDENTIALS"));
      expect((await admin.admin.audit({ action: "login.failed" })).entries[0]).toMatchObject({ actor: "system", target: "ann", address: "127.0.0.1" });
      await new NatterClient({ url: server.url }).login("ann", PASSWORD);
      expect((await admin.admin.audit({ action: "login" })).entries[0]).toMatchObject({ actor: "ann", target: "ann" });

      const response = await fetch(admin.admin.auditExportUrl({ action: "login" }), { headers: { authorization: `Bearer ${admin.token ?? ""}` } });
      expect(response.headers.get("content-type")).toContain("application/x-ndjson");
      const lines = (await response.text())
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { action: string });
      expect(lines.length).toBeGreaterThan(0);
      expect(new Set(lines.map((line) => line.action))).toEqual(new Set(["login"]));
      expect((await admin.admin.audit({ action: "audit.export" })).entries).toHaveLength(1);
    });

    it("the overview counts people, rooms, messages, who is online and the bytes stored", async () => {
      const numbers = await admin.admin.overview();
      expect(numbers.people).toBeGreaterThan(5);
      expect(numbers.rooms).toBeGreaterThanOrEqual(1);
      expect(numbers.messages).toBeGreaterThanOrEqual(2);
      expect(numbers.onlineNow).toBeGreaterThanOrEqual(1);
      expect(numbers.storageBytes).toBeGreaterThanOrEqual(0);
      expect(numbers.deactivated).toBe(0);
    });

    it("allowed email domains refuse other addresses, and a subdomain is another domain", async () => {
      const { domain } = server.natter;
      await admin.admin.updateSettings({ allowedEmailDomains: ["example.com"] });
      await expect(requireAllowedDomain(domain, "ann@elsewhere.org")).rejects.toSatisfy(refusedWith("EMAIL_DOMAIN_NOT_ALLOWED"));
      await expect(requireAllowedDomain(domain, "ann@mail.example.com")).rejects.toSatisfy(refusedWith("EMAIL_DOMAIN_NOT_ALLOWED"));
      await requireAllowedDomain(domain, "ann@EXAMPLE.com");
      await admin.admin.updateSettings({ allowedEmailDomains: [] });
      await requireAllowedDomain(domain, "ann@elsewhere.org");
    });
  });

  describe(`guests' default powers, on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;

    beforeAll(async () => void ({ server, done } = await start({ guestPowers: ["join"] })));
    afterAll(async () => {
      closeAll();
      await done();
    });

    it("a guest joins public rooms and posts there, but creates no room and writes first to nobody, over REST and sockets", async () => {
      const owner = await member(server.url, "olga");
      await owner.createRoom("lobby");
      const gwen = await guest(server.url, "gwen");
      await gwen.join("lobby");
      await gwen.send("lobby", "hello from a guest");
      await expect(gwen.createRoom("mine")).rejects.toSatisfy(refusedWith("NOT_FOR_GUESTS"));
      await expect(gwen.openDirect(["olga"])).rejects.toSatisfy(refusedWith("NOT_FOR_GUESTS"));
      const rest = await http(server.url, "POST", "/api/rooms", { token: gwen.token ?? "", body: { name: "sneaky" } });
      expect(rest.status).toBe(403);
      // Olga opens a conversation: until she writes in it, the guest may not.
      const dm = await owner.openDirect(["gwen"]);
      await expect(gwen.send(dm.name, "hi first")).rejects.toSatisfy(refusedWith("NOT_FOR_GUESTS"));
      await owner.send(dm.name, "hello gwen");
      await gwen.send(dm.name, "hello olga");
      expect((await gwen.openDirect(["olga"])).name).toBe(dm.name);
    });
  });
});
