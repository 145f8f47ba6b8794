import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offerSetup } from "../../src/domain/setup.js";
import { http } from "../support/http.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";

const PASSWORD = "correct horse battery";

/** A server whose log lines are kept, so the test reads the setup link as an operator would. */
async function startLogged(databaseUrl?: string) {
  const lines: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
  const server = await startNatter({ logger, ...(databaseUrl ? { databaseUrl } : {}) });
  return { server, lines };
}

function setupSuite(store: string, databaseUrl: () => Promise<{ url?: string; drop: () => Promise<void> }>) {
  describe(`the first admin on ${store}`, { timeout: 60_000 }, () => {
    let server: RunningNatter;
    let lines: string[];
    let drop: () => Promise<void>;

    beforeAll(async () => {
      const database = await databaseUrl();
      drop = database.drop;
      ({ server, lines } = await startLogged(database.url));
    });
    afterAll(async () => {
      await server.cleanup();
      await drop();
    });

    it("registering first makes a member, and the start logged one setup link to this server", async () => {
      const registered = await http(server.url, "POST", "/api/auth/register", { body: { username: "early", password: PASSWORD } });
      expect(registered.status).toBe(201);
      expect((registered.body as { user: { role: string } }).user.role).toBe("user");
      const links = lines.filter((line) => line.includes("/setup?token="));
      expect(links).toHaveLength(1);
      expect(links[0]).toContain(`${server.url}/setup?token=`);
    });

    it("the setup link makes an admin once; a wrong or used token is refused with BAD_TOKEN", async () => {
      const link = lines.join("\n").match(/(http:\/\/\S+\/setup\?token=[^\s"]+)/)?.[1];
      const token = link && new URL(link).searchParams.get("token");
      expect(token).toBeTruthy();
      const wrong = await http(server.url, "POST", "/api/setup", { body: { token: "not-the-token", username: "mallory", password: PASSWORD } });
      expect([wrong.status, (wrong.body as { error: { code: string } }).error.code]).toEqual([400, "BAD_TOKEN"]);

      // A taken name does not spend the link.
      const taken = await http(server.url, "POST", "/api/setup", { body: { token, username: "early", password: PASSWORD } });
      expect(taken.status).toBe(409);

      const made = await http(server.url, "POST", "/api/setup", { body: { token, username: "boss", password: PASSWORD } });
      expect(made.status).toBe(201);
      const { user, token: session } = made.body as { user: { role: string }; token: string };
      expect(user.role).toBe("admin");
      expect((await http(server.url, "PUT", "/api/users/early/role", { token: session, body: { role: "admin" } })).status).toBe(200);

      const again = await http(server.url, "POST", "/api/setup", { body: { token, username: "boss2", password: PASSWORD } });
      expect([again.status, (again.body as { error: { code: string } }).error.code]).toEqual([400, "BAD_TOKEN"]);
      expect(await offerSetup(server.natter.domain)).toBeUndefined();
    });
  });
}

setupSuite("SQLite", async () => ({ drop: async () => undefined }));
describe.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "PostgreSQL", () => {
  setupSuite("PostgreSQL", () => freshDatabase());
});
