import { NatterClient } from "@natter/client";
import type { CommandReplyEvent, Message } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { onBothStores } from "../notifications/bothStores.js";
import { guestToken, http } from "../support/http.js";
import type { RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { adminToken } from "./cast.js";
import { Receiver } from "./receiver.js";

onBothStores((store, start) => {
  describe(`slash commands on ${store}`, { timeout: 30_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    const receiver = new Receiver();
    let receiverUrl = "";
    let operator = "";
    let alice = "";
    let bob = "";
    let aliceClient: NatterClient;
    const replies: CommandReplyEvent[] = [];

    beforeAll(async () => {
      receiverUrl = await receiver.start();
      ({ server, done } = await start({ webhookAllowPrivate: true }));
      operator = await adminToken(server, "operator");
      alice = await guestToken(server.url, "alice");
      bob = await guestToken(server.url, "bob");
      await http(server.url, "POST", "/api/rooms", { token: alice, body: { name: "ops" } });
      aliceClient = new NatterClient({ url: server.url, token: alice, transports: ["websocket"] });
      await aliceClient.connect();
      aliceClient.on("command_reply", (event) => replies.push(event));
    });
    afterEach(() => {
      receiver.received.length = 0;
      replies.length = 0;
    });
    afterAll(async () => {
      aliceClient.close();
      await done();
      await receiver.stop();
    });

    const run = (token: string, command: string, text = "", room = "ops", extra: object = {}) =>
      http(server.url, "POST", `/api/rooms/${room}/commands`, { token, body: { command, text, ...extra } });
    const latest = async (room = "ops") =>
      ((await http(server.url, "GET", `/api/messages?room=${room}`, { token: alice })).body as { messages: Message[] }).messages.at(-1);

    it("the built-ins post, change the room and the caller, and answer the caller alone", async () => {
      expect((await run(alice, "/me", "waves")).body).toEqual({ responseType: "none", text: "" });
      expect((await latest())?.text).toBe("_waves_");
      await run(alice, "/shrug", "dunno");
      expect((await latest())?.text).toBe("dunno ¯\\\\\\_(ツ)\\_/¯");
      await run(alice, "/topic", "incidents only");
      expect(((await http(server.url, "GET", "/api/rooms/ops", { token: alice })).body as { room: { topic: string } }).room.topic).toBe("incidents only");
      expect((await run(alice, "/invite", "@bob")).body).toMatchObject({ responseType: "ephemeral", text: "bob was added to ops" });
      expect((await run(bob, "/topic", "mine now")).status).toBe(403);
      expect((await run(bob, "/mute")).body).toMatchObject({ responseType: "ephemeral" });
      expect((await run(bob, "/away")).body).toMatchObject({ text: "You appear away" });
      expect((await run(bob, "/dnd", "1h")).body).toMatchObject({ responseType: "ephemeral" });
      expect((await run(bob, "/dnd", "forever")).status).toBe(400);
      expect((await run(bob, "/status", "🍜 lunch")).body).toMatchObject({ text: "Your status: 🍜 lunch" });
      const profile = (await http(server.url, "GET", "/api/users/bob", { token: alice })).body as {
        user: { availability: { dnd: boolean; awayChosen: boolean; statusEmoji: string } };
      };
      expect(profile.user.availability).toMatchObject({ dnd: true, awayChosen: true, statusEmoji: "🍜" });
      const help = await run(alice, "/help");
      expect((help.body as { text: string }).text).toContain("/dnd 1h | off");
      await eventually(() => expect(replies.map((reply) => reply.command)).toContain("/help"));
      expect(replies.every((reply) => reply.room === "ops")).toBe(true);
      expect((await run(bob, "/leave")).status).toBe(200);
      expect((await http(server.url, "GET", "/api/messages?room=ops", { token: bob })).status).toBe(404);
    });

    it("non-members cannot run commands in a room, and unknown commands are named", async () => {
      expect((await run(bob, "/me", "sneaks", "ops")).status).toBe(404);
      expect((await run(alice, "/nope")).body).toMatchObject({ error: { code: "NOT_FOUND" } });
    });

    it("an admin's custom command gets Slack's signed form fields; ephemeral answers reach the caller's tabs, in_channel ones are posted", async () => {
      expect((await http(server.url, "POST", "/api/commands", { token: alice, body: { command: "/deploy", url: receiverUrl, description: "x" } })).status).toBe(
        403,
      );
      const created = await http(server.url, "POST", "/api/commands", {
        token: operator,
        body: { command: "/deploy", url: `${receiverUrl}/deploy`, description: "Deploy a service", usage: "/deploy service" },
      });
      expect(created.status).toBe(201);
      const { secret, command } = created.body as { secret: string; command: { id: number } };
      receiver.secret = secret;
      expect(
        (await http(server.url, "POST", "/api/commands", { token: operator, body: { command: "/deploy", url: receiverUrl, description: "again" } })).status,
      ).toBe(409);
      const listed = (await http(server.url, "GET", "/api/commands", { token: alice })).body as { commands: { command: string; url: string | null }[] };
      expect(listed.commands.find((c) => c.command === "/deploy")).toMatchObject({ url: null });

      receiver.behaviour = () => ({ status: 200, body: "Deploying api…", contentType: "text/plain" });
      expect((await run(alice, "/deploy", "api")).body).toEqual({ responseType: "ephemeral", text: "Deploying api…" });
      const [request] = receiver.received;
      expect(request?.signed).toBe(true);
      expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      const form = Object.fromEntries(new URLSearchParams(request?.body ?? ""));
      expect(form).toMatchObject({ command: "/deploy", text: "api", user_name: "alice", channel_name: "ops" });
      expect(Object.keys(form).sort()).toEqual(["channel_id", "channel_name", "command", "response_url", "text", "trigger_id", "user_id", "user_name"]);
      await eventually(() => expect(replies).toEqual([{ room: "ops", command: "/deploy", text: "Deploying api…" }]));

      receiver.behaviour = () => ({
        status: 200,
        body: JSON.stringify({ response_type: "in_channel", text: "api is *live*", attachments: [{ color: "good", text: "v42" }] }),
      });
      expect((await run(alice, "/deploy", "api")).body).toEqual({ responseType: "in_channel", text: "api is *live*" });
      expect(await latest()).toMatchObject({
        text: "api is *live*",
        author: { username: "alice" },
        card: { via: "command", username: "/deploy", attachments: [{ color: "good", text: "v42" }] },
      });

      // The response_url takes late answers, once for each kind.
      const responseUrl = new URL(form.response_url ?? "");
      expect((await http(server.url, "POST", responseUrl.pathname, { body: { text: "done, 3 pods" } })).body).toEqual({ ok: true });
      await eventually(() => expect(replies.at(-1)).toEqual({ room: "ops", command: "/deploy", text: "done, 3 pods" }));
      expect((await http(server.url, "POST", responseUrl.pathname, { body: { response_type: "in_channel", text: "all green" } })).status).toBe(200);
      expect((await latest())?.text).toBe("all green");
      const forged = responseUrl.pathname.replace(/[^/]+$/, "forged");
      expect((await http(server.url, "POST", forged, { body: { text: "x" } })).status).toBe(404);

      receiver.behaviour = () => ({ status: 500 });
      expect((await run(alice, "/deploy", "api")).body).toMatchObject({ error: { code: "COMMAND_FAILED" } });
      expect((await http(server.url, "DELETE", `/api/commands/${command.id}`, { token: operator })).status).toBe(200);
      expect((await run(alice, "/deploy", "api")).status).toBe(404);
    });

    it("a response_url stops taking answers after 30 minutes", async () => {
      const created = await http(server.url, "POST", "/api/commands", {
        token: operator,
        body: { command: "/later", url: `${receiverUrl}/later`, description: "Later" },
      });
      receiver.secret = (created.body as { secret: string }).secret;
      receiver.behaviour = () => ({ status: 200, body: "" });
      expect((await run(alice, "/later")).body).toEqual({ responseType: "none", text: "" });
      const form = Object.fromEntries(new URLSearchParams(receiver.received[0]?.body ?? ""));
      const path = new URL(form.response_url ?? "").pathname;
      const id = Number(path.split("/").at(-2));
      const { domain } = server.natter;
      const row = await domain.store.commandResponseById(id);
      expect(row).toBeDefined();
      const realNow = domain.now;
      domain.now = () => realNow() + 31 * 60_000;
      try {
        expect((await http(server.url, "POST", path, { body: { text: "too late" } })).status).toBe(404);
      } finally {
        domain.now = realNow;
      }
      expect((await http(server.url, "POST", path, { body: { text: "in time" } })).status).toBe(200);
    });
  });
});
