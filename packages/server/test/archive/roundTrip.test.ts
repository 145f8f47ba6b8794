import { join } from "node:path";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { ENTRY, fileEntry, thumbEntry } from "../../src/archive/format.js";
import { importNatter } from "../../src/archive/importNatter.js";
import { onEveryStore } from "../support/stores.js";
import { archiveFolder, bytesOf, comparable, exportFrom, linesOf, populate } from "./support.js";

const folder = archiveFolder();
afterAll(() => rmSync(folder, { recursive: true, force: true }));

onEveryStore((storeName, start) => {
  describe(`export and import on ${storeName}`, { timeout: 120_000 }, () => {
    it("a room exported from one server and imported into a fresh one reads the same, files included, and a second import adds nothing", async () => {
      const source = await start();
      const target = await start();
      try {
        await populate(source.server.url);
        const first = join(folder, `${storeName}-design.zip`);
        const exported = await exportFrom(source.server, first, { kind: "room", room: "design" });
        expect(exported).toMatchObject({ rooms: 1, messages: 7, files: 2, users: 2 });

        const { store, blobs } = target.server.natter.domain;
        const imported = await importNatter({ store, blobs, file: first });
        expect(imported).toMatchObject({ rooms: 1, messages: 7, skipped: 0 });
        expect(await importNatter({ store, blobs, file: first })).toMatchObject({ messages: 0, skipped: 7 });

        const second = join(folder, `${storeName}-design-again.zip`);
        await exportFrom(target.server, second, { kind: "room", room: "design" });
        const before = await linesOf(first, ENTRY.messages);
        const after = await linesOf(second, ENTRY.messages);
        expect(after.map(comparable)).toEqual(before.map(comparable));
        expect(before.map((line) => line.text)).toContain("second draft");
        expect(await linesOf(second, ENTRY.rooms)).toEqual(await linesOf(first, ENTRY.rooms));
        const people = (lines: Record<string, unknown>[]) => lines.map(({ username, displayName, kind }) => ({ username, displayName, kind }));
        expect(people(await linesOf(second, ENTRY.users))).toEqual(people(await linesOf(first, ENTRY.users)));

        const filesOf = (lines: Record<string, unknown>[]) => lines.flatMap((line) => line.files as { id: string; thumbnail: boolean }[]);
        const pairs = filesOf(before).map((file, i) => [file, filesOf(after)[i]] as const);
        expect(pairs).toHaveLength(2);
        for (const [original, copy] of pairs) {
          if (!copy) throw new Error("a file is missing after the import");
          expect(await bytesOf(second, fileEntry(copy.id))).toEqual(await bytesOf(first, fileEntry(original.id)));
          if (original.thumbnail) expect(await bytesOf(second, thumbEntry(copy.id))).toEqual(await bytesOf(first, thumbEntry(original.id)));
        }
      } finally {
        await source.done();
        await target.done();
      }
    });

    it("an export of everything carries every public and private room and no password or email", async () => {
      const source = await start();
      try {
        await populate(source.server.url);
        const file = join(folder, `${storeName}-all.zip`);
        const exported = await exportFrom(source.server, file, { kind: "all" });
        expect(exported.rooms).toBeGreaterThanOrEqual(2);
        const rooms = (await linesOf(file, ENTRY.rooms)).map((room) => room.name);
        expect(rooms).toEqual(expect.arrayContaining(["general", "design"]));
        const users = await linesOf(file, ENTRY.users);
        expect(users.map((user) => user.username)).toEqual(expect.arrayContaining(["alice", "bob"]));
        for (const user of users) expect(Object.keys(user).sort()).toEqual(["createdAt", "displayName", "kind", "role", "username"]);
      } finally {
        await source.done();
      }
    });
  });
});
