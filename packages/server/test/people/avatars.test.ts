import type { NatterClient } from "@natter/client";
import { AVATAR_MAX_BYTES, AVATAR_SIZE, type User } from "@natter/protocol";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { eventually } from "../support/wait.js";

/** A 600×400 picture: red on its left half, blue on its right. */
async function twoColours(): Promise<Buffer> {
  const half = { width: 300, height: 400, channels: 3 as const };
  const red = await sharp({ create: { ...half, background: "#ff0000" } })
    .png()
    .toBuffer();
  const blue = await sharp({ create: { ...half, background: "#0000ff" } })
    .png()
    .toBuffer();
  return sharp({ create: { width: 600, height: 400, channels: 3, background: "#000000" } })
    .composite([
      { input: red, left: 0, top: 0 },
      { input: blue, left: 300, top: 0 },
    ])
    .png()
    .toBuffer();
}

async function fetchAvatar(server: RunningNatter, user: User, token: string | null): Promise<Response> {
  return fetch(`${server.url}${user.avatarUrl ?? ""}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function centrePixel(picture: Buffer): Promise<number[]> {
  const { data } = await sharp(picture)
    .extract({ left: AVATAR_SIZE / 2, top: AVATAR_SIZE / 2, width: 1, height: 1 })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return [...data.subarray(0, 3)];
}

onEveryStore((store, start) => {
  describe(`on ${store}, avatars`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let alice: NatterClient;
    let bob: NatterClient;
    beforeAll(async () => {
      ({ server, done } = await start());
      alice = await member(server.url, "alice");
      bob = await member(server.url, "bob");
      await alice.createRoom("studio");
      await bob.join("studio");
    });
    afterAll(async () => {
      closeAll();
      await done();
    });

    it("keeps the chosen square at 256 pixels, tells the room, and serves it cached for good to anyone signed in", async () => {
      const heard: User[] = [];
      bob.on("profile_updated", (user) => heard.push(user));

      const user = await alice.people.setAvatar(await twoColours(), { x: 300, y: 0, size: 400 });

      expect(user.avatarUrl).toMatch(new RegExp(`^/api/avatars/${user.id}/[A-Za-z0-9_-]+$`));
      const served = await fetchAvatar(server, user, bob.token);
      expect(served.status).toBe(200);
      expect(served.headers.get("content-type")).toBe("image/webp");
      expect(served.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      const picture = Buffer.from(await served.arrayBuffer());
      expect(await sharp(picture).metadata()).toMatchObject({ format: "webp", width: AVATAR_SIZE, height: AVATAR_SIZE });
      // The square was taken from the blue half (clamped to the picture's 400 pixels of height).
      const [red = 0, , blue = 0] = await centrePixel(picture);
      expect(blue).toBeGreaterThan(200);
      expect(red).toBeLessThan(40);

      await eventually(() => expect(heard.at(-1)?.avatarUrl).toBe(user.avatarUrl));
      expect((await bob.profile("alice")).avatarUrl).toBe(user.avatarUrl);
      expect((await fetchAvatar(server, user, null)).status).toBe(401);
    });

    it("without a square keeps the centre; a new picture retires the old address; removing it leaves initials", async () => {
      const first = await alice.people.setAvatar(await twoColours());
      const [red = 0, , blue = 0] = await centrePixel(Buffer.from(await (await fetchAvatar(server, first, alice.token)).arrayBuffer()));
      expect(red + blue).toBeGreaterThan(200);

      const second = await alice.people.setAvatar(await twoColours(), { x: 0, y: 0, size: 100 });
      expect(second.avatarUrl).not.toBe(first.avatarUrl);
      expect((await fetchAvatar(server, first, alice.token)).status).toBe(404);

      const removed = await alice.people.removeAvatar();
      expect(removed.avatarUrl).toBeNull();
      expect((await fetchAvatar(server, second, alice.token)).status).toBe(404);
      expect((await alice.me())?.avatarUrl).toBeNull();
    });

    it("refuses what is not a raster picture and what is too big, and keeps the picture it had", async () => {
      const kept = await bob.people.setAvatar(await twoColours());
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      await expect(bob.people.setAvatar(svg)).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
      await expect(bob.people.setAvatar(Buffer.from("just some text"))).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
      // PNG's signature on bytes that are not a PNG: the type looks right, the picture cannot be read.
      const fake = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(64, 1)]);
      await expect(bob.people.setAvatar(fake)).rejects.toMatchObject({ code: "UNSUPPORTED_FILE" });
      await expect(bob.people.setAvatar(Buffer.alloc(AVATAR_MAX_BYTES + 1, 7))).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
      await expect(bob.people.setAvatar(new Uint8Array(0))).rejects.toMatchObject({ code: "BAD_REQUEST" });
      expect((await bob.me())?.avatarUrl).toBe(kept.avatarUrl);
    });

    it("a deleted account's picture is deleted with it", async () => {
      const leaving = await member(server.url, "leaving");
      const pictured = await leaving.people.setAvatar(await twoColours());
      expect((await fetchAvatar(server, pictured, bob.token)).status).toBe(200);
      await leaving.deleteAccount("correct horse battery");
      expect((await fetchAvatar(server, pictured, bob.token)).status).toBe(404);
      const [gone] = await bob.people.byIds([pictured.id]);
      expect(gone?.avatarUrl).toBeNull();
    });
  });
});
