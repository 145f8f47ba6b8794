import { NatterError, type NatterClient } from "@natter/client";
import type { RoomGoneEvent, RoomDeletedEvent, Message } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../support/http.js";
import { closeAll, firstAdmin, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { eventually } from "../support/wait.js";

const refusedWith = (code: string) => (error: unknown) => error instanceof NatterError && error.code === code;

onEveryStore((store, start) => {
  describe(`moderators, bans and reports on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let admin: NatterClient;
    let mod: NatterClient;
    let alice: NatterClient;
    let bob: NatterClient;
    let carol: NatterClient;
    let counter = 0;
    const room = (stem: string) => `${stem}-${++counter}`;

    beforeAll(async () => {
      ({ server, done } = await start());
      admin = await firstAdmin(server, "ann");
      mod = await member(server.url, "mona");
      await admin.setServerRole("mona", "moderator");
      // Members, not guests: guests create no rooms by default.
      alice = await member(server.url, "alice");
      bob = await member(server.url, "bob");
      carol = await member(server.url, "carol");
    });
    afterAll(async () => {
      closeAll();
      await done();
    });

    it("a moderator deletes anyone's message in a public room they are not in, over REST and the socket, and it is audited", async () => {
      const name = room("design");
      await alice.createRoom(name);
      await bob.join(name);
      const first = await bob.send(name, "spam one");
      const second = await bob.send(name, "spam two");
      await expect(carol.join(name).then(() => carol.delete(name, first.id))).rejects.toSatisfy(refusedWith("FORBIDDEN"));

      const answer = await http(server.url, "DELETE", `/api/rooms/${name}/messages/${first.id}`, { token: mod.token ?? "" });
      expect(answer.status).toBe(200);
      expect((await mod.delete(name, second.id)).deleted).toBe(true);
      const { entries } = await admin.admin.audit({ action: "message.delete" });
      expect(entries.map((e) => e.target)).toEqual([`message:${second.id}`, `message:${first.id}`]);
      expect(entries[0]).toMatchObject({ actor: "mona", details: { room: name, author: "bob" } });
    });

    it("a moderator cannot see a private room they are not in: its messages answer as missing", async () => {
      const name = room("vault");
      await alice.createRoom(name, "", { private: true });
      const secret = await alice.send(name, "private words");
      const asked = await http(server.url, "DELETE", `/api/rooms/${name}/messages/${secret.id}`, { token: mod.token ?? "" });
      const missing = await http(server.url, "DELETE", `/api/rooms/no-${name}/messages/${secret.id}`, { token: mod.token ?? "" });
      expect(asked.status).toBe(404);
      expect(JSON.stringify(asked.body).replace(name, "<room>")).toBe(JSON.stringify(missing.body).replace(`no-${name}`, "<room>"));
      await expect(mod.moderation.ban(name, "alice")).rejects.toSatisfy(refusedWith("NOT_FOUND"));
      // The server admin sees every room.
      expect((await admin.delete(name, secret.id)).deleted).toBe(true);
    });

    it("a ban removes the person at once and keeps them out of a public room until unbanned", async () => {
      const name = room("lobby");
      await alice.createRoom(name);
      await bob.join(name);
      const gone: RoomGoneEvent[] = [];
      const heard: Message[] = [];
      bob.on("room_removed", (event) => gone.push(event));
      bob.on("message", (message) => message.room === name && heard.push(message));

      await expect(carol.join(name).then(() => carol.moderation.ban(name, "bob"))).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      const ban = await mod.moderation.ban(name, "bob");
      expect(ban).toMatchObject({ user: { username: "bob" }, bannedBy: "mona" });
      await eventually(() => expect(gone).toContainEqual({ room: name, reason: "banned" }));
      await alice.send(name, "after the ban");
      await eventually(async () => expect((await alice.history(name)).messages.map((m) => m.text)).toContain("after the ban"));
      expect(heard).toEqual([]);

      await expect(bob.join(name)).rejects.toSatisfy(refusedWith("BANNED"));
      const rest = await http(server.url, "POST", `/api/rooms/${name}/join`, { token: bob.token ?? "" });
      expect(rest.status).toBe(403);
      expect(rest.body).toMatchObject({ error: { code: "BANNED" } });
      await expect(alice.invite(name, "bob")).rejects.toSatisfy(refusedWith("BANNED"));
      expect((await alice.members(name)).map((m) => m.user.username)).toEqual(["alice", "carol"]);
      expect((await mod.moderation.bans(name)).map((b) => b.user.username)).toEqual(["bob"]);
      await expect(bob.moderation.bans(name)).rejects.toSatisfy(refusedWith("FORBIDDEN"));

      await alice.moderation.unban(name, "bob");
      await alice.moderation.unban(name, "bob");
      expect(await alice.moderation.bans(name)).toEqual([]);
      await bob.join(name);
      const actions = (await admin.admin.audit({ actor: "mona", action: "room.ban" })).entries;
      expect(actions).toHaveLength(1);
      expect((await admin.admin.audit({ actor: "alice", action: "room.unban" })).entries).toHaveLength(1);
    });

    it("nobody bans a server admin, and only a server admin bans a room's owner", async () => {
      const name = room("owners");
      await alice.createRoom(name);
      await admin.join(name);
      await expect(mod.moderation.ban(name, "ann")).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      await expect(mod.moderation.ban(name, "alice")).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      await admin.moderation.ban(name, "alice");
      await expect(alice.join(name)).rejects.toSatisfy(refusedWith("BANNED"));
    });

    it("a moderator removes a member from a public room they can see", async () => {
      const name = room("crowd");
      await alice.createRoom(name);
      await carol.join(name);
      await mod.removeMember(name, "carol");
      expect((await alice.members(name)).map((m) => m.user.username)).toEqual(["alice"]);
      expect((await admin.admin.audit({ action: "room.remove_member", actor: "mona" })).entries[0]?.target).toBe("carol");
    });

    it("members report a message once; staff see the open reports of rooms they can see and act on them", async () => {
      const open = room("reports");
      const hidden = room("hidden");
      await alice.createRoom(open);
      await bob.join(open);
      await carol.join(open);
      await alice.createRoom(hidden, "", { private: true });
      await alice.invite(hidden, "bob");
      const rude = await bob.send(open, "something rude");
      const other = await bob.send(open, "something else rude");
      const secret = await bob.send(hidden, "rude in private");

      const report = await alice.moderation.report(rude.id, "insults");
      expect(report).toMatchObject({ room: open, messageId: rude.id, author: { username: "bob" }, reporter: { username: "alice" }, status: "open" });
      await expect(alice.moderation.report(rude.id, "again")).rejects.toSatisfy(refusedWith("ALREADY_REPORTED"));
      await carol.moderation.report(rude.id, "me too");
      const outsider = await http(server.url, "POST", `/api/messages/${secret.id}/reports`, { token: carol.token ?? "", body: { reason: "x" } });
      const missing = await http(server.url, "POST", `/api/messages/999999/reports`, { token: carol.token ?? "", body: { reason: "x" } });
      expect(outsider.status).toBe(404);
      expect(JSON.stringify(outsider.body).replace(String(secret.id), "<id>")).toBe(JSON.stringify(missing.body).replace("999999", "<id>"));
      const empty = await http(server.url, "POST", `/api/messages/${rude.id}/reports`, { token: carol.token ?? "", body: { reason: "   " } });
      expect(empty.status).toBe(400);
      await alice.moderation.report(secret.id, "private rudeness");
      const dismissMe = await carol.moderation.report(other.id, "not sure");

      const seenByMod = (await mod.admin.reports()).reports;
      expect(seenByMod.map((r) => r.messageId).sort()).toEqual([rude.id, rude.id, other.id].sort());
      expect((await admin.admin.reports()).reports.map((r) => r.messageId)).toContain(secret.id);
      await expect(bob.admin.reports()).rejects.toSatisfy(refusedWith("NOT_FOUND"));
      const hiddenReport = (await admin.admin.reports()).reports.find((r) => r.messageId === secret.id);
      await expect(mod.admin.resolveReport(hiddenReport?.id ?? 0, "dismiss")).rejects.toSatisfy(refusedWith("NOT_FOUND"));

      expect((await mod.admin.resolveReport(dismissMe.id, "dismiss")).status).toBe("dismissed");
      const deleted = await mod.admin.resolveReport(report.id, "delete");
      expect(deleted).toMatchObject({ status: "deleted", resolvedBy: "mona", messageDeleted: true, excerpt: "" });
      // Deleting the message answered carol's report of it too.
      expect((await mod.admin.reports()).reports).toEqual([]);
      await expect(mod.admin.resolveReport(report.id, "dismiss")).rejects.toSatisfy(refusedWith("BAD_REQUEST"));

      const banReport = await alice.moderation.report(other.id, "repeat offender");
      expect((await admin.admin.resolveReport(banReport.id, "ban")).status).toBe("banned");
      await expect(bob.join(open)).rejects.toSatisfy(refusedWith("BANNED"));
      const audited = (await admin.admin.audit({ action: "report.ban" })).entries;
      expect(audited[0]).toMatchObject({ actor: "ann", target: `message:${other.id}` });
    });

    it("an archived room is read-only and leaves the directory; unarchiving brings it back", async () => {
      const name = room("old");
      await alice.createRoom(name);
      await bob.join(name);
      await alice.updateRoom(name, { archived: true });
      expect((await carol.rooms()).map((r) => r.name)).not.toContain(name);
      expect((await bob.rooms()).find((r) => r.name === name)?.archived).toBe(true);
      await expect(bob.send(name, "hello?", { giveUpAfterMs: 2_000 })).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      await expect(carol.join(name)).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      await alice.updateRoom(name, { archived: false });
      expect((await carol.rooms()).map((r) => r.name)).toContain(name);
      expect((await admin.admin.audit({ action: "room.archive", actor: "alice" })).entries[0]?.target).toBe(`#${name}`);
      expect((await admin.admin.audit({ action: "room.unarchive", actor: "alice" })).entries[0]?.target).toBe(`#${name}`);
    });

    it("deleting a room tells everyone at once and purges its messages, reactions, reports and files", async () => {
      const name = room("doomed");
      await alice.createRoom(name);
      await bob.join(name);
      const file = await alice.upload(new TextEncoder().encode("plain words in a file"), "notes.txt");
      const withFile = await alice.send(name, "see the file", { attachments: [file.id] });
      const reacted = await bob.send(name, "unique-needle-words");
      await alice.react(name, reacted.id, "👍", true);
      await bob.send(name, "a reply", { replyTo: withFile.id });
      await carol.moderation.report(reacted.id, "needle").catch(() => undefined);
      const deletions: RoomDeletedEvent[] = [];
      carol.on("room_deleted", (event) => deletions.push(event));
      bob.on("room_deleted", (event) => deletions.push(event));

      await expect(bob.moderation.deleteRoom(name)).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      await expect(mod.moderation.deleteRoom(name)).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      await expect(alice.moderation.deleteRoom("general")).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      await expect(admin.moderation.deleteRoom("general")).rejects.toSatisfy(refusedWith("FORBIDDEN"));
      await alice.moderation.deleteRoom(name);

      await eventually(() => expect(deletions).toEqual([{ room: name }, { room: name }]));
      expect((await bob.rooms()).map((r) => r.name)).not.toContain(name);
      await expect(bob.send(name, "anyone?", { giveUpAfterMs: 2_000 })).rejects.toSatisfy(refusedWith("NOT_FOUND"));
      await server.natter.domain.purges.settled();
      const { store: db } = server.natter.domain;
      expect(await db.messagesByIds([withFile.id, reacted.id])).toEqual([]);
      expect(await db.reactionsFor([reacted.id])).toEqual([]);
      expect(await db.fileById(file.id)).toBeUndefined();
      expect(await db.retiredRooms()).toEqual([]);
      expect((await bob.search({ q: "unique-needle" })).results).toEqual([]);
      const blob = await http(server.url, "GET", file.url, { token: alice.token ?? "" });
      expect(blob.status).toBe(404);
      // The name is free again.
      await alice.createRoom(name);
      expect((await alice.history(name)).messages).toEqual([]);
      expect((await admin.admin.audit({ action: "room.delete" })).entries[0]).toMatchObject({ actor: "alice", target: `#${name}` });
    });

    it("the console lists every room but DMs, private ones too, with member counts and activity, to admins only", async () => {
      const name = room("zz-console");
      await alice.createRoom(name, "", { private: true });
      await alice.send(name, "activity");
      await alice.openDirect(["bob"]);
      const { rooms } = await admin.admin.rooms({ query: "ZZ-CONSOLE" });
      expect(rooms).toEqual([expect.objectContaining({ name, kind: "private", memberCount: 1, messageCount: 1, archived: false })]);
      expect(rooms[0]?.lastActivityAt).not.toBeNull();
      expect((await admin.admin.rooms({ limit: 100 })).rooms.some((r) => r.kind === "dm")).toBe(false);
      const page = await admin.admin.rooms({ limit: 2 });
      const next = await admin.admin.rooms({ limit: 2, after: page.nextAfter ?? undefined });
      expect(next.rooms[0]?.name).not.toBe(page.rooms[1]?.name);
      await expect(mod.admin.rooms()).rejects.toSatisfy(refusedWith("NOT_FOUND"));
      expect((await admin.admin.rooms({ query: "100%_" })).rooms).toEqual([]);
    });
  });
});
