import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NatterError, type NatterClient } from "@natter/client";
import { recordAudit } from "../../src/domain/audit.js";
import { http } from "../support/http.js";
import { closeAll, firstAdmin, guest } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";

onEveryStore((store, start) => {
  describe(`the audit log on ${store}`, () => {
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

    it("records the first admin's setup with where it came from", async () => {
      const { entries } = await admin.admin.audit({ action: "setup.first_admin" });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor: "ann", action: "setup.first_admin", target: "ann", address: "127.0.0.1", details: {} });
    });

    it("pages newest first and filters by actor, action and time", async () => {
      const { domain } = server.natter;
      const before = new Date(Date.now() - 1).toISOString();
      for (let i = 0; i < 5; i++) await recordAudit(domain, { actor: "cli", action: "test.paged", target: `t${i}`, details: { i } });
      await recordAudit(domain, { actor: "system", action: "test.other" });

      const first = await admin.admin.audit({ action: "test.paged", limit: 3 });
      expect(first.entries.map((e) => e.target)).toEqual(["t4", "t3", "t2"]);
      expect(first.nextBefore).not.toBeNull();
      const second = await admin.admin.audit({ action: "test.paged", limit: 3, before: first.nextBefore ?? undefined });
      expect(second.entries.map((e) => e.target)).toEqual(["t1", "t0"]);
      expect(second.nextBefore).toBeNull();
      expect(second.entries[1]?.details).toEqual({ i: 0 });

      expect((await admin.admin.audit({ actor: "system", since: before })).entries.map((e) => e.action)).toEqual(["test.other"]);
      expect((await admin.admin.audit({ actor: "ann" })).entries.map((e) => e.action)).toEqual(["setup.first_admin"]);
      expect((await admin.admin.audit({ actor: "nobody-here" })).entries).toEqual([]);
      expect((await admin.admin.audit({ until: before })).entries.map((e) => e.action)).toEqual(["setup.first_admin"]);
    });

    it("is refused to everyone else exactly as an address with no route, whatever they send", async () => {
      const bob = await guest(server.url, "bob");
      await expect(bob.admin.audit()).rejects.toSatisfy((error) => error instanceof NatterError && error.code === "NOT_FOUND");
      for (const token of [bob.token ?? "", undefined]) {
        const call = token ? { token } : {};
        const asked = await http(server.url, "GET", "/api/admin/audit?limit=oops", call);
        const nowhere = await http(server.url, "GET", "/api/admin/nothing?limit=oops", call);
        expect(asked.status).toBe(404);
        expect(JSON.stringify(asked.body).replace("/api/admin/audit", "<path>")).toBe(JSON.stringify(nowhere.body).replace("/api/admin/nothing", "<path>"));
      }
      // The admin's malformed query is validated like every other query.
      const answer = await http(server.url, "GET", "/api/admin/audit?limit=oops", { token: admin.token ?? "" });
      expect(answer.status).toBe(400);
    });
  });
});
