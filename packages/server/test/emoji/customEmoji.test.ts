import type { CustomEmoji, CustomEmojiList, Message } from "@natter/protocol";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken } from "../integrations/cast.js";
import { guestToken, http, rawSocket } from "../support/http.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { eventually } from "../support/wait.js";
import { animatedGif, hugePng, square } from "./images.js";

const upload = (url: string, token: string, name: string, raw: Uint8Array) =>
  http(url, "POST", `/api/admin/emoji?name=${encodeURIComponent(name)}`, { token, raw, headers: { "content-type": "application/octet-stream" } });
const list = async (url: string, token: string) => ((await http(url, "GET", "/api/emoji", { token })).body as CustomEmojiList).emoji;

async function image(url: string, token: string, emoji: CustomEmoji | undefined) {
  const response = await fetch(`${url}${emoji?.url ?? "/missing"}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("image/webp");
  return sharp(Buffer.from(await response.arrayBuffer()), { animated: true }).metadata();
}

onEveryStore((store, start) => {
  describe(`custom emoji on ${store}`, { timeout: 60_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let admin = "";
    let bob = "";

    beforeAll(async () => {
      ({ server, done } = await start());
      admin = await adminToken(server, "operator");
      bob = await guestToken(server.url, "bob");
    });
    afterAll(() => done());

    it("an admin adds a PNG, stored resized as WebP, and every tab is told the new list", async () => {
      const socket = await rawSocket(server.url, bob);
      const heard: CustomEmojiList[] = [];
      socket.on("custom_emoji", (event: CustomEmojiList) => heard.push(event));
      const added = await upload(server.url, admin, "party_parrot", await square(300, 200, "png"));
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      await eventually(() => expect(heard.at(-1)?.emoji.map((emoji) => emoji.name)).toEqual(["party_parrot"]));
      const [listed] = await list(server.url, bob);
      expect(listed).toMatchObject({ name: "party_parrot", createdBy: "operator" });
      expect(await image(server.url, bob, listed)).toMatchObject({ format: "webp", width: 128, height: 85 });
      socket.close();
    });

    it("keeps a GIF's animation and takes a WebP as it comes", async () => {
      expect((await upload(server.url, admin, "blink", await animatedGif())).status).toBe(201);
      expect((await upload(server.url, admin, "tiny-dot", await square(16, 16, "webp"))).status).toBe(201);
      const emoji = await list(server.url, bob);
      expect(
        await image(
          server.url,
          bob,
          emoji.find((one) => one.name === "blink"),
        ),
      ).toMatchObject({ pages: 2, width: 64, pageHeight: 64 });
      expect(
        await image(
          server.url,
          bob,
          emoji.find((one) => one.name === "tiny-dot"),
        ),
      ).toMatchObject({ width: 16, height: 16 });
    });

    it("refuses a file past 256 KB, what is not a PNG, GIF or WebP, a bad name, one taken (by a custom or a built-in emoji), and anyone but an admin", async () => {
      const png = await square(32, 32, "png");
      const refusals = [
        [await upload(server.url, admin, "huge", await hugePng()), 413, "PAYLOAD_TOO_LARGE"],
        [
          await upload(server.url, admin, "svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
          415,
          "UNSUPPORTED_FILE",
        ],
        [await upload(server.url, admin, "jpeg", await sharp(png).jpeg().toBuffer()), 415, "UNSUPPORTED_FILE"],
        [await upload(server.url, admin, "Has Spaces", png), 400, "BAD_REQUEST"],
        [await upload(server.url, admin, "party_parrot", png), 409, "EMOJI_EXISTS"],
        [await upload(server.url, admin, "thumbsup", png), 409, "EMOJI_EXISTS"],
        [await upload(server.url, bob, "sneaky", png), 404, "NOT_FOUND"],
        [await http(server.url, "DELETE", "/api/admin/emoji/blink", { token: bob }), 404, "NOT_FOUND"],
      ] as const;
      for (const [answer, status, code] of refusals) {
        expect(answer.status, JSON.stringify(answer.body)).toBe(status);
        expect((answer.body as { error: { code: string } }).error.code).toBe(code);
      }
      expect((await list(server.url, bob)).map((emoji) => emoji.name).sort()).toEqual(["blink", "party_parrot", "tiny-dot"]);
    });

    it("everyone reacts with one by :name:, and a name that is no custom emoji is refused", async () => {
      const sent = await http(server.url, "POST", "/api/rooms/general/messages", {
        token: bob,
        body: { text: "hello :party_parrot:", clientMsgId: "emoji-1" },
      });
      const message = (sent.body as { message: Message }).message;
      expect(message.text).toBe("hello :party_parrot:");
      const reacted = await http(server.url, "PUT", `/api/rooms/general/messages/${message.id}/reactions/${encodeURIComponent(":party_parrot:")}`, {
        token: admin,
      });
      expect((reacted.body as { message: Message }).message.reactions).toEqual([expect.objectContaining({ emoji: ":party_parrot:", count: 1 })]);
      const unknown = await http(server.url, "PUT", `/api/rooms/general/messages/${message.id}/reactions/${encodeURIComponent(":nope:")}`, { token: bob });
      expect(unknown.status).toBe(404);
      const bad = await http(server.url, "PUT", `/api/rooms/general/messages/${message.id}/reactions/${encodeURIComponent(":Bad Name:")}`, { token: bob });
      expect(bad.status).toBe(400);
    });

    it("an admin deletes one: its image is gone, and every tab is told", async () => {
      const socket = await rawSocket(server.url, bob);
      const heard: CustomEmojiList[] = [];
      socket.on("custom_emoji", (event: CustomEmojiList) => heard.push(event));
      const before = (await list(server.url, bob)).find((emoji) => emoji.name === "blink");
      const deleted = await http(server.url, "DELETE", "/api/admin/emoji/blink", { token: admin });
      expect(deleted.status).toBe(200);
      await eventually(() => expect(heard.at(-1)?.emoji.map((emoji) => emoji.name)).toEqual(["party_parrot", "tiny-dot"]));
      expect((await fetch(`${server.url}${before?.url ?? ""}`, { headers: { authorization: `Bearer ${bob}` } })).status).toBe(404);
      expect((await http(server.url, "DELETE", "/api/admin/emoji/blink", { token: admin })).status).toBe(404);
      socket.close();
    });
  });
});
