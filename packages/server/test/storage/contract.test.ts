import { nameKey } from "@natter/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import { DND_FOREVER } from "../../src/domain/availability.js";
import type { RoomRow, Store, UserRow } from "../../src/storage/index.js";
import { storeCast, T0 } from "./support/cast.js";
import { onEveryStoreDirectly, openForAll, type StoreFixture } from "./support/openStores.js";

onEveryStoreDirectly((storeName, open) => {
  describe(`the storage contract on ${storeName}`, { timeout: 120_000 }, () => {
    let fixture: StoreFixture;
    let store: Store;
    openForAll(open, (opened) => {
      fixture = opened;
      store = opened.store;
    });

    const { unique, person, room, message, post } = storeCast(() => store);

    describe("users", () => {
      it("registering makes no admin; a setup token works once and voids the others", async () => {
        const guest = await person("early-guest", "guest");
        const first = await person("alice");
        expect([guest.role, first.role]).toEqual(["user", "user"]);
        expect(await store.hasAdmin()).toBe(false);
        await store.addSetupToken("setup-a", T0);
        await store.addSetupToken("setup-b", T0);
        expect(await store.useSetupToken("setup-wrong")).toBe(false);
        expect(await store.useSetupToken("setup-a")).toBe(true);
        expect(await store.useSetupToken("setup-a")).toBe(false);
        expect(await store.useSetupToken("setup-b")).toBe(false);
        await store.updateUser(first.id, { role: "admin" });
        expect(await store.hasAdmin()).toBe(true);
        await store.updateUser(first.id, { role: "user" });
      });

      it("a name is taken whatever its case or width, and the first owner keeps it", async () => {
        const original = await person("Dave");
        for (const variant of ["dave", "DAVE", "ｄａｖｅ"]) {
          expect(
            await store.createUser({ username: variant, username_key: nameKey(variant), password_hash: null, kind: "guest", created_at: T0 }),
          ).toBeUndefined();
        }
        expect(await store.userByKey("dave")).toMatchObject({ id: original.id, username: "Dave" });
      });

      it("users are found by id, and by key one or many, and unknown ones are simply absent", async () => {
        const erin = await person("erin");
        const frank = await person("frank");
        expect(await store.userById(erin.id)).toEqual(erin);
        expect(await store.userById(987_654)).toBeUndefined();
        expect(await store.userByKey("nobody-here")).toBeUndefined();
        expect((await store.usersByKeys(["frank", "erin", "ghost"])).map((u) => u.id)).toEqual([erin.id, frank.id]);
        expect(await store.usersByKeys([])).toEqual([]);
        expect((await store.usersByIds([frank.id, 987_654, erin.id])).map((u) => u.id)).toEqual([erin.id, frank.id]);
        expect(await store.usersByIds([])).toEqual([]);
      });

      it("availabilities are read only for those who chose away, do-not-disturb or a status", async () => {
        const [plain, away, busy, status] = [await person(), await person(), await person(), await person()];
        await store.updateUser(away.id, { away_chosen: 1 });
        await store.updateUser(busy.id, { dnd_until: DND_FOREVER });
        await store.updateUser(status.id, { status_emoji: "🌴" });
        const rows = await store.availabilitiesSet([status.id, plain.id, busy.id, away.id, 987_654]);
        expect(rows.map((row) => row.id)).toEqual([away.id, busy.id, status.id]);
        expect(rows[1]).toEqual({ id: busy.id, away_chosen: 0, dnd_until: DND_FOREVER, status: "", status_emoji: "", status_expires_at: null });
        expect(await store.availabilitiesSet([])).toEqual([]);
      });

      it("a profile change is kept and answered", async () => {
        const grace = await person("grace");
        const changed = await store.updateUser(grace.id, { display_name: "Grace H.", status: "在开会 🗓️" });
        expect(changed).toMatchObject({ display_name: "Grace H.", status: "在开会 🗓️" });
        expect(await store.userById(grace.id)).toMatchObject({ display_name: "Grace H.", status: "在开会 🗓️" });
      });

      it("a custom status, do-not-disturb and a chosen away are kept, even until the end of time", async () => {
        const ivan = await person("ivan");
        expect(ivan).toMatchObject({ status_emoji: "", status_expires_at: null, dnd_until: null, away_chosen: 0 });
        const change = { status: "午饭", status_emoji: "🍜", status_expires_at: T0 + 3_600_000, dnd_until: DND_FOREVER, away_chosen: 1 };
        expect(await store.updateUser(ivan.id, change)).toMatchObject(change);
        expect(await store.userById(ivan.id)).toMatchObject(change);
        expect(await store.updateUser(ivan.id, { dnd_until: null, status_expires_at: null })).toMatchObject({
          dnd_until: null,
          status_expires_at: null,
          status_emoji: "🍜",
        });
      });
    });

    describe("sessions", () => {
      it("a session is found by its hash until it is ended", async () => {
        const heidi = await person();
        const session = { token_hash: unique("hash-"), user_id: heidi.id, created_at: T0, expires_at: T0 + 1000 };
        await store.createSession(session);
        // The sessions page's columns (issue 17) default to "unknown" and "never seen".
        expect(await store.sessionByHash(session.token_hash)).toEqual({ ...session, user_agent: "", address: "", last_seen_at: 0 });
        expect(await store.sessionUser(session.token_hash)).toEqual({ user: heidi, expiresAt: T0 + 1000, lastSeenAt: 0 });
        await store.deleteSession(session.token_hash);
        expect(await store.sessionByHash(session.token_hash)).toBeUndefined();
        expect(await store.sessionUser(session.token_hash)).toBeUndefined();
      });

      it("ending every session of a user answers which ones ended and leaves other users' sessions alone", async () => {
        const ivan = await person();
        const judy = await person();
        const ivanHashes = [unique("ivan-"), unique("ivan-")];
        for (const token_hash of ivanHashes) await store.createSession({ token_hash, user_id: ivan.id, created_at: T0, expires_at: T0 + 1000 });
        const judyHash = unique("judy-");
        await store.createSession({ token_hash: judyHash, user_id: judy.id, created_at: T0, expires_at: T0 + 1000 });

        expect((await store.deleteSessionsOf(ivan.id)).sort()).toEqual([...ivanHashes].sort());
        for (const hash of ivanHashes) expect(await store.sessionByHash(hash)).toBeUndefined();
        expect(await store.sessionByHash(judyHash)).toBeDefined();
      });

      it("signing up stores the account, its first session and its place in the room, counted, or nothing when the name is taken", async () => {
        const lobby = await room();
        const session = { token_hash: unique("signup-"), created_at: T0, expires_at: T0 + 1000, last_seen_at: T0, user_agent: "", address: "" };
        const name = unique("olivia");
        const olivia = await store.signUp(
          { username: name, username_key: nameKey(name), password_hash: null, kind: "guest", created_at: T0 },
          session,
          lobby.name_key,
        );
        expect(olivia).toMatchObject({ username: name, kind: "guest" });
        expect(await store.sessionUser(session.token_hash)).toMatchObject({ user: { id: olivia?.id } });
        expect(await store.isMember(lobby.id, olivia?.id ?? 0)).toBe(true);
        expect((await store.roomById(lobby.id))?.member_count).toBe(1);

        const again = { ...session, token_hash: unique("signup-") };
        expect(
          await store.signUp(
            { username: name.toUpperCase(), username_key: nameKey(name), password_hash: null, kind: "guest", created_at: T0 },
            again,
            lobby.name_key,
          ),
        ).toBeUndefined();
        expect(await store.sessionByHash(again.token_hash)).toBeUndefined();
        expect((await store.roomById(lobby.id))?.member_count).toBe(1);

        const nowhere = unique("peggy");
        const peggy = await store.signUp(
          { username: nowhere, username_key: nameKey(nowhere), password_hash: null, kind: "guest", created_at: T0 },
          { ...session, token_hash: unique("signup-") },
          "no-such-room",
        );
        expect(await store.roomsOfUser(peggy?.id ?? 0)).toEqual([]);
      });

      it("a new password hash replaces the old one", async () => {
        const mallory = await person();
        await store.setPasswordHash(mallory.id, "$argon2id$new");
        expect((await store.userById(mallory.id))?.password_hash).toBe("$argon2id$new");
      });
    });

    describe("rooms and memberships", () => {
      it("a room name is taken whatever its case, and renaming onto a taken name is refused", async () => {
        const design = await room("Design-Team");
        expect(await store.createRoom({ name: "design-team", nameKey: nameKey("design-team"), topic: "", createdBy: null, createdAt: T0 })).toBeUndefined();
        const random = await room("Random-Talk");
        expect(await store.updateRoom(random.id, { name: "DESIGN-TEAM", name_key: "design-team" })).toBeUndefined();
        expect(await store.updateRoom(random.id, { topic: "anything goes" })).toMatchObject({ id: random.id, topic: "anything goes" });
        expect(await store.roomByKey("design-team")).toEqual(design);
        expect(await store.roomById(design.id)).toEqual(design);
        expect(await store.roomById(987_654)).toBeUndefined();
      });

      it("a new room starts with no messages, last_seq 0 and last_rev 0", async () => {
        const fresh = await room();
        expect(fresh).toMatchObject({ last_seq: 0, last_rev: 0, kind: "public", archived_at: null, dm_key: null });
        expect(await store.messagesBefore(fresh.id, undefined, 50)).toEqual([]);
      });

      it("the same people get one direct conversation", async () => {
        const dmKey = unique("1,2,");
        const dm = await store.createRoom({ name: unique("dm-"), nameKey: unique("dm-"), topic: "", createdBy: null, createdAt: T0, kind: "dm", dmKey });
        expect(dm).toBeDefined();
        expect(
          await store.createRoom({ name: unique("dm-"), nameKey: unique("dm-"), topic: "", createdBy: null, createdAt: T0, kind: "dm", dmKey }),
        ).toBeUndefined();
        expect((await store.roomByDmKey(dmKey))?.id).toBe(dm?.id);
      });

      it("joining twice adds one membership and leaving twice removes it once", async () => {
        const kim = await person();
        const lobby = await room();
        expect(await store.addMember(lobby.id, kim.id, T0)).toBe(true);
        expect(await store.addMember(lobby.id, kim.id, T0 + 1)).toBe(false);
        expect((await store.roomById(lobby.id))?.member_count).toBe(1);
        expect(await store.isMember(lobby.id, kim.id)).toBe(true);
        expect(await store.membership(lobby.id, kim.id)).toMatchObject({ joined_at: T0, role: "member", last_read_seq: 0, notify: "all" });
        expect(await store.roomWithMembership(lobby.name_key, kim.id)).toEqual({
          room: await store.roomById(lobby.id),
          membership: await store.membership(lobby.id, kim.id),
        });
        expect(await store.removeMember(lobby.id, kim.id)).toBe(true);
        expect(await store.roomWithMembership(lobby.name_key, kim.id)).toEqual({ room: await store.roomById(lobby.id), membership: undefined });
        expect(await store.roomWithMembership(unique("nowhere-"), kim.id)).toBeUndefined();
        expect(await store.removeMember(lobby.id, kim.id)).toBe(false);
        expect(await store.isMember(lobby.id, kim.id)).toBe(false);
        expect((await store.roomById(lobby.id))?.member_count).toBe(0);
      });

      it("members are listed by name with their roles, and only members count among a group", async () => {
        const zed = await person(unique("zed"));
        const amy = await person(unique("amy"));
        const outsider = await person();
        const team = await room();
        await store.addMember(team.id, zed.id, T0, "owner");
        await store.addMember(team.id, amy.id, T0);
        await store.updateMembership(team.id, amy.id, { role: "admin", notify: "mentions" });

        expect(await store.members(team.id)).toEqual([
          { user_id: amy.id, username: amy.username, role: "admin" },
          { user_id: zed.id, username: zed.username, role: "owner" },
        ]);
        expect((await store.membersAmong(team.id, [amy.id, outsider.id, zed.id])).sort((a, b) => a - b)).toEqual([zed.id, amy.id].sort((a, b) => a - b));
        expect(await store.membersAmong(team.id, [])).toEqual([]);
        expect((await store.membership(team.id, amy.id))?.notify).toBe("mentions");
        expect((await store.roomsOfUser(zed.id)).map((r) => r.id)).toEqual([team.id]);
      });

      it("the room list shows public rooms to everyone and private rooms only to their members", async () => {
        const owner = await person();
        const stranger = await person();
        const open = await room(unique("open"));
        const secret = await room(unique("secret"), "private");
        await store.addMember(open.id, owner.id, T0);
        await store.addMember(secret.id, owner.id, T0, "owner");

        const ownersView = await store.listRooms(owner.id);
        expect(ownersView.find((r) => r.id === secret.id)).toMatchObject({ joined: true, role: "owner", member_count: 1 });
        expect(ownersView.find((r) => r.id === open.id)).toMatchObject({ joined: true, role: "member" });
        const strangersView = await store.listRooms(stranger.id);
        expect(strangersView.some((r) => r.id === secret.id)).toBe(false);
        expect(strangersView.find((r) => r.id === open.id)).toMatchObject({ joined: false, role: null, unread: 0, mentions: 0, member_count: 1 });
        const names = ownersView.map((r) => r.name_key);
        expect(names).toEqual([...names].sort());
      });

      it("a read position only moves forward, and unread counts others' messages after it", async () => {
        const reader = await person();
        const writer = await person();
        const news = await room();
        await store.addMember(news.id, reader.id, T0);
        await store.addMember(news.id, writer.id, T0);
        for (const text of ["one", "two", "three"]) await post(news, writer, text);
        await post(news, reader, "my own");
        await post(news, writer, `@${reader.username} look`, { mentionIds: [reader.id] });

        expect((await store.listRooms(reader.id)).find((r) => r.id === news.id)).toMatchObject({ unread: 4, mentions: 1, last_read_seq: 0 });
        expect(await store.markRead(news.id, reader.id, 3)).toBe(3);
        expect(await store.markRead(news.id, reader.id, 1)).toBe(3);
        expect((await store.listRooms(reader.id)).find((r) => r.id === news.id)).toMatchObject({ unread: 1, mentions: 1, last_read_seq: 3 });
        expect(await store.markRead(news.id, reader.id, 5)).toBe(5);
        expect((await store.listRooms(reader.id)).find((r) => r.id === news.id)).toMatchObject({ unread: 0, mentions: 0 });
      });
    });

    describe("messages", () => {
      it("messages in a room get seq 1, 2, 3… in the order they were stored, each room counting on its own", async () => {
        const author = await person();
        const first = await room();
        const second = await room();
        const seqs = [];
        for (let i = 0; i < 5; i++) seqs.push((await post(first, author, `first ${i}`)).seq);
        const other = await post(second, author, "second room");
        expect(seqs).toEqual([1, 2, 3, 4, 5]);
        expect(other.seq).toBe(1);
        expect((await store.roomById(first.id))?.last_seq).toBe(5);
        expect(await store.messagesAfter(first.id, 0, 100)).toHaveLength(5);
      });

      it("twenty writers on two connections sending fifty each get seq 1..1000 with no gap or repeat", async () => {
        const otherNode = await fixture.anotherStore();
        const busy = await room();
        const writers = await Promise.all(Array.from({ length: 20 }, () => person()));
        const seen = await Promise.all(
          writers.map(async (writer, w) => {
            const target = w % 2 === 0 ? store : otherNode;
            const seqs: number[] = [];
            for (let i = 0; i < 50; i++) seqs.push((await target.insertMessage(message(busy, writer, `${w}:${i}`))).message.seq);
            return seqs;
          }),
        );
        for (const seqs of seen) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(seen.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
        const stored = await store.messagesAfter(busy.id, 0, 1000);
        expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
        expect((await store.roomById(busy.id))?.last_seq).toBe(1000);
      });

      it("a send that cannot be stored fails alone: the others sent with it are stored, with no gap", async () => {
        const author = await person();
        const chat = await room();
        const gone = { ...chat, id: 987_654 };
        const sends = ["first", "lost", "second", "third"].map((text) => store.insertMessage(message(text === "lost" ? gone : chat, author, text)));
        const settled = await Promise.allSettled(sends);
        expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
        const stored = await store.messagesAfter(chat.id, 0, 10);
        expect(stored.map((m) => m.seq)).toEqual([1, 2, 3]);
        expect(stored.map((m) => m.text).sort()).toEqual(["first", "second", "third"]);
      });

      it("a retried clientMsgId stores nothing new and answers the original message", async () => {
        const author = await person();
        const chat = await room();
        const original = await store.insertMessage(message(chat, author, "hello", { clientMsgId: "retry-1" }));
        const retry = await store.insertMessage(message(chat, author, "hello, but retried", { clientMsgId: "retry-1" }));
        expect(original.created).toBe(true);
        expect(retry).toEqual({ message: original.message, created: false });
        expect(await store.messagesAfter(chat.id, 0, 100)).toHaveLength(1);
      });

      it("the same clientMsgId from two different people is two messages", async () => {
        const chat = await room();
        const [a, b] = [await person(), await person()];
        const first = await store.insertMessage(message(chat, a, "from a", { clientMsgId: "shared-id" }));
        const second = await store.insertMessage(message(chat, b, "from b", { clientMsgId: "shared-id" }));
        expect([first.created, second.created]).toEqual([true, true]);
        expect(await store.messagesAfter(chat.id, 0, 100)).toHaveLength(2);
      });

      it("retries racing their original on two connections store one row and all answer it", async () => {
        const otherNode = await fixture.anotherStore();
        const author = await person();
        const chat = await room();
        for (let round = 0; round < 10; round++) {
          const clientMsgId = `race-${round}`;
          const attempts = await Promise.all(
            [store, otherNode, store, otherNode].map((target) => target.insertMessage(message(chat, author, `try ${round}`, { clientMsgId }))),
          );
          expect(new Set(attempts.map((a) => a.message.id)).size).toBe(1);
          expect(attempts.filter((a) => a.created)).toHaveLength(1);
        }
        const stored = await store.messagesAfter(chat.id, 0, 100);
        expect(stored.map((m) => m.client_msg_id)).toEqual(Array.from({ length: 10 }, (_, i) => `race-${i}`));
        expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      });

      it("text the boundary accepts comes back exactly as it was sent", async () => {
        const author = await person();
        const chat = await room();
        const texts = ["数据库 🚀👍🏽 e\u0301 ﷺ", "שלום עולם", "a\nb\tc", "x".repeat(4000), "'; drop table messages; --", "100% _under_ \\back"];
        for (const text of texts) {
          const stored = await post(chat, author, text);
          expect((await store.messageById(chat.id, stored.id))?.text).toBe(text);
        }
      });

      it("a message is found only in its own room, with its author's name", async () => {
        const author = await person();
        const [home, elsewhere] = [await room(), await room()];
        const sent = await post(home, author, "where am I");
        expect(await store.messageById(home.id, sent.id)).toMatchObject({ id: sent.id, author_name: author.username, text: "where am I" });
        expect(await store.messageById(elsewhere.id, sent.id)).toBeUndefined();
        expect((await store.messagesByIds([sent.id, 987_654])).map((m) => m.id)).toEqual([sent.id]);
        expect(await store.messagesByIds([])).toEqual([]);
      });
    });

    describe("history", () => {
      let history: RoomRow;
      beforeAll(async () => {
        const author = await person();
        history = await room();
        for (let i = 1; i <= 25; i++) await post(history, author, `m${i}`);
      });

      it("the newest page comes oldest first, and older pages continue before a seq", async () => {
        expect((await store.messagesBefore(history.id, undefined, 10)).map((m) => m.seq)).toEqual(range(16, 25));
        expect((await store.messagesBefore(history.id, 16, 10)).map((m) => m.seq)).toEqual(range(6, 15));
        expect((await store.messagesBefore(history.id, 6, 10)).map((m) => m.seq)).toEqual(range(1, 5));
        expect(await store.messagesBefore(history.id, 1, 10)).toEqual([]);
      });

      it("paging after a seq walks forward and ends empty", async () => {
        expect((await store.messagesAfter(history.id, 0, 10)).map((m) => m.seq)).toEqual(range(1, 10));
        expect((await store.messagesAfter(history.id, 20, 10)).map((m) => m.seq)).toEqual(range(21, 25));
        expect(await store.messagesAfter(history.id, 25, 10)).toEqual([]);
      });

      it("walking back page by page sees every message exactly once", async () => {
        const seen: number[] = [];
        let before: number | undefined;
        for (;;) {
          const page = await store.messagesBefore(history.id, before, 7);
          if (page.length === 0) break;
          seen.unshift(...page.map((m) => m.seq));
          before = page[0]?.seq;
        }
        expect(seen).toEqual(range(1, 25));
      });
    });

    describe("edits, deletions, replies and reactions", () => {
      it("each change gives the message the room's next rev, and changes since a rev come in rev order", async () => {
        const author = await person();
        const chat = await room();
        const [a, b, c] = [await post(chat, author, "a"), await post(chat, author, "b"), await post(chat, author, "c")];
        expect([a.rev, b.rev, c.rev]).toEqual([1, 2, 3]);

        const edited = await store.changeMessage(chat.id, b.id, { kind: "edit", text: "b, edited", editedAt: T0 + 5, mentionIds: [], mentionsRoom: false });
        expect(edited).toMatchObject({ rev: 4, text: "b, edited", edited_at: T0 + 5, seq: 2 });
        const deleted = await store.changeMessage(chat.id, a.id, { kind: "delete", deletedAt: T0 + 6 });
        expect(deleted).toMatchObject({ rev: 5, text: "", deleted_at: T0 + 6 });
        expect((await store.roomById(chat.id))?.last_rev).toBe(5);

        expect((await store.messagesChangedSince(chat.id, 3, 3, 50)).map((m) => [m.id, m.rev])).toEqual([
          [b.id, 4],
          [a.id, 5],
        ]);
        expect((await store.messagesChangedSince(chat.id, 4, 3, 50)).map((m) => m.id)).toEqual([a.id]);
        expect((await store.messagesChangedSince(chat.id, 0, 1, 50)).map((m) => m.id)).toEqual([a.id]);
        expect(await store.messagesChangedSince(chat.id, 5, 3, 50)).toEqual([]);
      });

      it("changing a message through another room changes nothing", async () => {
        const author = await person();
        const [home, elsewhere] = [await room(), await room()];
        const sent = await post(home, author, "mine");
        expect(await store.changeMessage(elsewhere.id, sent.id, { kind: "delete", deletedAt: T0 })).toBeUndefined();
        expect(await store.changeMessage(home.id, 987_654, { kind: "delete", deletedAt: T0 })).toBeUndefined();
        expect((await store.messageById(home.id, sent.id))?.deleted_at).toBeNull();
        expect((await store.roomById(elsewhere.id))?.last_rev).toBe(0);
      });

      it("a reply counts on its thread's first message and is listed with the thread", async () => {
        const author = await person();
        const chat = await room();
        const root = await post(chat, author, "root");
        const reply = await post(chat, author, "reply", { replyToId: root.id, inRoom: false });
        const rootNow = await store.messageById(chat.id, root.id);
        expect(rootNow).toMatchObject({ reply_count: 1, rev: reply.rev });
        expect(reply).toMatchObject({ reply_to_id: root.id, in_room: 0 });
        expect((await store.replies(root.id)).map((m) => m.id)).toEqual([reply.id]);
      });

      it("reacting twice with the same emoji keeps one reaction, and taking it back removes it", async () => {
        const [author, fan] = [await person(), await person()];
        const chat = await room();
        const sent = await post(chat, author, "react to me");
        for (let i = 0; i < 2; i++) await store.changeMessage(chat.id, sent.id, { kind: "react", userId: fan.id, emoji: "👍", on: true, at: T0 + i });
        await store.changeMessage(chat.id, sent.id, { kind: "react", userId: author.id, emoji: "👍", on: true, at: T0 + 5 });
        expect((await store.reactionsFor([sent.id])).map((r) => [r.user_id, r.emoji])).toEqual([
          [fan.id, "👍"],
          [author.id, "👍"],
        ]);
        expect((await store.messageById(chat.id, sent.id))?.reaction_count).toBe(2);

        await store.changeMessage(chat.id, sent.id, { kind: "react", userId: fan.id, emoji: "👍", on: false, at: T0 + 6 });
        expect((await store.reactionsFor([sent.id])).map((r) => r.user_id)).toEqual([author.id]);
        expect((await store.messageById(chat.id, sent.id))?.reaction_count).toBe(1);
        expect(await store.reactionsFor([])).toEqual([]);
      });

      it("deleting a message drops its reactions and mentions", async () => {
        const [author, fan] = [await person(), await person()];
        const chat = await room();
        await store.addMember(chat.id, fan.id, T0);
        const sent = await post(chat, author, `@${fan.username}`, { mentionIds: [fan.id] });
        await store.changeMessage(chat.id, sent.id, { kind: "react", userId: fan.id, emoji: "🎉", on: true, at: T0 });
        expect((await store.listRooms(fan.id)).find((r) => r.id === chat.id)?.mentions).toBe(1);
        await store.changeMessage(chat.id, sent.id, { kind: "delete", deletedAt: T0 });
        expect(await store.reactionsFor([sent.id])).toEqual([]);
        expect((await store.messageById(chat.id, sent.id))?.reaction_count).toBe(0);
        expect((await store.listRooms(fan.id)).find((r) => r.id === chat.id)).toMatchObject({ mentions: 0, unread: 0 });
      });
    });

    describe("search", () => {
      let searcher: UserRow;
      let mine: RoomRow;
      let notMine: RoomRow;
      const ids: Record<string, number> = {};
      beforeAll(async () => {
        searcher = await person();
        const other = await person();
        mine = await room();
        notMine = await room();
        await store.addMember(mine.id, searcher.id, T0);
        await store.addMember(notMine.id, other.id, T0);
        ids.deploy = (await post(mine, other, "The Deploy went fine", { createdAt: T0 + 10 })).id;
        ids.redeploy = (await post(mine, searcher, "redeploy tomorrow 数据库", { createdAt: T0 + 20 })).id;
        ids.secret = (await post(notMine, other, "secret deploy plans")).id;
        const gone = await post(mine, other, "deploy this then delete it");
        await store.changeMessage(mine.id, gone.id, { kind: "delete", deletedAt: T0 });
        ids.percent = (await post(mine, other, "100% done", { createdAt: T0 + 30 })).id;
      });

      const search = (terms: string[], extra: Partial<Parameters<Store["searchMessages"]>[0]> = {}) =>
        store.searchMessages({ userId: searcher.id, terms, limit: 50, ...extra }).then((rows) => rows.map((r) => r.id));

      it("finds substrings ignoring case, newest first, only in the searcher's rooms and never deleted text", async () => {
        expect(await search(["DEPLOY"])).toEqual([ids.redeploy, ids.deploy]);
        const [first] = await store.searchMessages({ userId: searcher.id, terms: ["deploy"], limit: 1 });
        expect(first).toMatchObject({ room_name: mine.name, author_name: searcher.username });
      });

      it("every term must match, short terms, CJK and wildcard characters are taken literally", async () => {
        expect(await search(["deploy", "tomorrow"])).toEqual([ids.redeploy]);
        expect(await search(["数据"])).toEqual([ids.redeploy]);
        expect(await search(["0%"])).toEqual([ids.percent]);
        expect(await search(["_"])).toEqual([]);
      });

      it("filters by room, author, time and continues below an id", async () => {
        expect(await search(["deploy"], { roomId: notMine.id })).toEqual([]);
        expect(await search(["deploy"], { authorId: searcher.id })).toEqual([ids.redeploy]);
        expect(await search(["deploy"], { from: T0 + 15, to: T0 + 25 })).toEqual([ids.redeploy]);
        expect(await search(["deploy"], { beforeId: ids.redeploy })).toEqual([ids.deploy]);
        expect(await search(["deploy"], { hasFile: true })).toEqual([]);
      });
    });

    describe("files", () => {
      it("an upload is kept, attached to the message that sends it, counted in its owner's usage and removed with it", async () => {
        const owner = await person();
        const chat = await room();
        const file = {
          id: unique("file-"),
          owner_id: owner.id,
          room_id: null,
          message_id: null,
          name: "plan.pdf",
          type: "application/pdf",
          size: 1234,
          width: null,
          height: null,
          blob_key: unique("blob-"),
          thumb_key: null,
          created_at: T0,
        };
        const image = { ...file, id: unique("file-"), name: "pic.png", type: "image/png", size: 66, width: 10, height: 20, blob_key: unique("blob-") };
        await store.insertFile(file);
        await store.insertFile(image);
        expect(await store.fileById(file.id)).toEqual(file);
        expect(await store.fileById("no-such-file")).toBeUndefined();
        expect((await store.filesByIds([image.id, file.id, "nope"])).map((f) => f.id).sort()).toEqual([file.id, image.id].sort());
        expect(await store.bytesUsed(owner.id)).toBe(1300);

        const sent = await post(chat, owner, "see attached", { fileIds: [file.id, image.id] });
        expect(sent.file_count).toBe(2);
        expect((await store.messageById(chat.id, sent.id))?.file_count).toBe(2);
        const attached = await store.filesOfMessages([sent.id]);
        expect(attached.map((f) => [f.message_id, f.room_id])).toEqual([
          [sent.id, chat.id],
          [sent.id, chat.id],
        ]);

        const removed = await store.deleteFilesOfMessage(sent.id);
        expect(removed.map((f) => f.blob_key).sort()).toEqual([file.blob_key, image.blob_key].sort());
        expect(await store.filesOfMessages([sent.id])).toEqual([]);
        expect(await store.bytesUsed(owner.id)).toBe(0);
      });

      it("someone else's upload cannot be attached to my message", async () => {
        const [owner, thief] = [await person(), await person()];
        const chat = await room();
        const file = {
          id: unique("file-"),
          owner_id: owner.id,
          room_id: null,
          message_id: null,
          name: "a.txt",
          type: "text/plain",
          size: 1,
          width: null,
          height: null,
          blob_key: unique("blob-"),
          thumb_key: null,
          created_at: T0,
        };
        await store.insertFile(file);
        const sent = await post(chat, thief, "mine now", { fileIds: [file.id] });
        expect(sent.file_count).toBe(0);
        expect(await store.filesOfMessages([sent.id])).toEqual([]);
        expect((await store.fileById(file.id))?.message_id).toBeNull();
      });
    });

    it("the database answers a ping and migrating again changes nothing", async () => {
      await store.ping();
      await store.migrate();
      expect(await store.userByKey("alice")).toBeDefined();
    });
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
