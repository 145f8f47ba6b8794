import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataExport } from "@natter/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { ZipReader } from "../../src/archive/zipReader.js";
import { ok, PASSWORD, populate, registered } from "../archive/support.js";
import { http, rawSocket } from "../support/http.js";
import { eventually } from "../support/wait.js";
import { movableClock, onBothStores } from "./support.js";

const folder = mkdtempSync(join(tmpdir(), "natter-own-data-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const HOUR = 3_600_000;

onBothStores((storeName, start) => {
  describe(`a person's own data on ${storeName}`, { timeout: 120_000 }, () => {
    it("download my data: prepared in the background, announced to its owner, downloadable by them alone until it expires", async () => {
      const clock = movableClock();
      const { server, done } = await start({ clock: clock.now, dataExportHours: 72 });
      try {
        const operator = await registered(server.url, "operator");
        const { alice, bob } = await populate(server.url);
        const socket = await rawSocket(server.url, alice);
        const announced: DataExport[] = [];
        socket.on("data_export_ready", (event: DataExport) => announced.push(event));

        const asked = await ok<{ export: DataExport }>(server.url, "POST", "/api/me/data-exports", alice);
        expect(asked.export).toMatchObject({ status: "preparing", url: null });
        const ready = await eventually(
          () => {
            const event = announced.find((e) => e.id === asked.export.id);
            if (!event) throw new Error("not announced yet");
            return event;
          },
          { timeoutMs: 30_000 },
        );
        socket.close();
        expect(ready).toMatchObject({ status: "ready", url: `/api/me/data-exports/${asked.export.id}/download` });
        expect(await ok(server.url, "GET", `/api/me/data-exports/${asked.export.id}`, alice)).toEqual({ export: ready });

        const response = await fetch(`${server.url}${ready.url}`, { headers: { authorization: `Bearer ${alice}` } });
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/zip");
        const file = join(folder, `${storeName}-alice.zip`);
        writeFileSync(file, Buffer.from(await response.arrayBuffer()));
        const zip = await ZipReader.open(file);
        try {
          const profile = JSON.parse((await zip.buffer("profile.json")).toString()) as { username: string };
          expect(profile.username).toBe("alice");
          const texts: string[] = [];
          for await (const { value } of zip.lines("messages.jsonl")) texts.push((value as { text: string }).text);
          expect(texts).toEqual(["what colour should the logo be?", "second draft", "the files", "中文也可以 ✓"]);
          expect([...zip.entries.keys()].filter((name) => name.startsWith("files/"))).toHaveLength(2);
        } finally {
          zip.close();
        }

        for (const stranger of [bob, operator]) {
          for (const path of [`/api/me/data-exports/${asked.export.id}`, `/api/me/data-exports/${asked.export.id}/download`]) {
            const answer = await http(server.url, "GET", path, { token: stranger });
            expect(answer.status).toBe(404);
            expect(answer.body).toMatchObject({ error: { code: "NOT_FOUND" } });
          }
        }

        clock.advance(73 * HOUR);
        const expired = await http(server.url, "GET", ready.url ?? "", { token: alice });
        expect(expired.status).toBe(404);
        expect(await server.natter.lifecycle.runOnce()).toBe(true);
        expect(await server.natter.domain.store.dataExportById(asked.export.id)).toBeUndefined();
        expect(await server.natter.domain.blobs.get(`export-${asked.export.id}`)).toBeUndefined();
      } finally {
        await done();
      }
    });

    it("delete my account: the password confirms it, sessions end, files go, messages stay as a deleted user's and the name is freed", async () => {
      const { server, done } = await start();
      try {
        await registered(server.url, "operator");
        const { alice, bob } = await populate(server.url);
        const history = await ok<{ messages: { author: { username: string }; text: string; attachments: { url: string }[] }[] }>(
          server.url,
          "GET",
          "/api/messages?room=design",
          bob,
        );
        const fileUrl = history.messages.flatMap((m) => m.attachments)[0]?.url ?? "";
        expect((await http(server.url, "GET", fileUrl, { token: bob })).status).toBe(200);

        const wrong = await http(server.url, "DELETE", "/api/me", { token: alice, body: { password: "not the password" } });
        expect(wrong.status).toBe(401);
        expect(wrong.body).toMatchObject({ error: { code: "INVALID_CREDENTIALS" } });
        const empty = await http(server.url, "DELETE", "/api/me", { token: alice, body: {} });
        expect(empty.status).toBe(400);
        expect(empty.body).toMatchObject({ error: { code: "BAD_REQUEST" } });

        expect(await ok(server.url, "DELETE", "/api/me", alice, { password: PASSWORD })).toEqual({ ok: true });
        expect((await http(server.url, "GET", "/api/me", { token: alice })).status).toBe(401);
        const login = await http(server.url, "POST", "/api/auth/login", { body: { username: "alice", password: PASSWORD } });
        expect(login.status).toBe(401);
        expect((await http(server.url, "GET", fileUrl, { token: bob })).status).toBe(404);

        const after = await ok<typeof history>(server.url, "GET", "/api/messages?room=design", bob);
        const hers = after.messages.filter((m) => m.author.username.startsWith("deleted-user-"));
        expect(hers.map((m) => m.text)).toEqual(["what colour should the logo be?", "second draft", "the files", "中文也可以 ✓"]);
        expect(after.messages.flatMap((m) => m.attachments)).toEqual([]);
        const members = await ok<{ members: { user: { username: string } }[] }>(server.url, "GET", "/api/rooms/design/members", bob);
        expect(members.members.map((m) => m.user.username)).toEqual(["bob"]);
        // The name is free again.
        await registered(server.url, "alice");
      } finally {
        await done();
      }
    });

    it("with DELETED_ACCOUNT_MESSAGES=remove a deleted account's messages are emptied like deleted messages", async () => {
      const { server, done } = await start({ deletedAccountMessages: "remove" });
      try {
        await registered(server.url, "operator");
        const { alice, bob } = await populate(server.url);
        await ok(server.url, "DELETE", "/api/me", alice, { password: PASSWORD });
        const after = await ok<{ messages: { author: { username: string }; text: string; deleted: boolean }[] }>(
          server.url,
          "GET",
          "/api/messages?room=design",
          bob,
        );
        const hers = after.messages.filter((m) => m.author.username.startsWith("deleted-user-"));
        expect(hers).toHaveLength(4);
        for (const message of hers) expect(message).toMatchObject({ text: "", deleted: true });
        expect(after.messages.filter((m) => m.author.username === "bob" && !m.deleted)).toHaveLength(2);
      } finally {
        await done();
      }
    });

    it("the last server admin and guests cannot delete their accounts, and say why", async () => {
      const { server, done } = await start();
      try {
        const operator = await registered(server.url, "operator");
        const { store } = server.natter.domain;
        const row = await store.userByKey("operator");
        await store.updateUser(row?.id ?? 0, { role: "admin" });
        const last = await http(server.url, "DELETE", "/api/me", { token: operator, body: { password: PASSWORD } });
        expect(last.status).toBe(403);
        expect(last.body).toMatchObject({ error: { code: "FORBIDDEN", message: expect.stringMatching(/last server admin/) } });
        expect((await http(server.url, "GET", "/api/me", { token: operator })).status).toBe(200);
        const guest = (await http(server.url, "POST", "/api/auth/guest", { body: { username: "visitor" } })).body as { token: string };
        const refused = await http(server.url, "DELETE", "/api/me", { token: guest.token, body: { password: "anything" } });
        expect(refused.status).toBe(403);
      } finally {
        await done();
      }
    });
  });
});
