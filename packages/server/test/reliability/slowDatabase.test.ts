import { PROTOCOL_VERSION } from "@natter/protocol";
import pg from "pg";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest } from "../support/people.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";

describe.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "when PostgreSQL is slow (a lock held on the room)", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let server: RunningNatter;
  beforeAll(async () => {
    database = await freshDatabase();
    server = await startNatter({ databaseUrl: database.url });
  });
  afterAll(async () => {
    closeAll();
    await server.cleanup();
    await database.drop();
  });

  it("a send answers UNAVAILABLE instead of hanging, and its retry after the lock is released is stored once", async () => {
    const alice = await guest(server.url, "alice");
    await alice.join("general");
    await alice.send("general", "before the lock");
    const socket = io(server.url, { transports: ["websocket"], auth: { token: alice.token ?? "", protocol: PROTOCOL_VERSION } });
    await new Promise((resolve) => socket.once("connect", () => resolve(undefined)));

    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query("begin");
    await locker.query("select * from rooms where name_key = 'general' for update");

    const started = Date.now();
    const answer = await socket.timeout(10_000).emitWithAck("send_message", { room: "general", text: "during the lock", clientMsgId: "held-1" });
    const waitedMs = Date.now() - started;
    expect(answer).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
    expect(waitedMs).toBeLessThan(5_000); // the promise is 2 s; the margin is for a loaded machine

    await locker.query("rollback");
    await locker.end();
    const retried = await socket.timeout(10_000).emitWithAck("send_message", { room: "general", text: "during the lock", clientMsgId: "held-1" });
    expect(retried).toMatchObject({ ok: true, message: { seq: 2 } });
    const history = await alice.history("general", { limit: 10 });
    expect(history.messages.filter((message) => message.clientMsgId === "held-1")).toHaveLength(1);
    socket.close();
  });
});
