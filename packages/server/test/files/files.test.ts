import { NatterClient } from "@natter/client";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, member } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";

describe("files and images", () => {
  let server: RunningNatter;
  let alice: Awaited<ReturnType<typeof member>>;
  let bob: Awaited<ReturnType<typeof member>>;
  const upload = (body: Uint8Array | string, name: string, headers: Record<string, string> = {}, token = alice.token) =>
    fetch(`${server.url}/api/uploads?name=${encodeURIComponent(name)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token ?? ""}`, "content-type": "image/png", ...headers },
      body: typeof body === "string" ? body : Buffer.from(body),
    });
  const get = (path: string, token = alice.token) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token ?? ""}` } });

  beforeAll(async () => {
    server = await startNatter({ maxUploadMb: 1 });
    alice = await member(server.url, "alice");
    bob = await member(server.url, "bob");
  });
  afterAll(async () => {
    closeAll();
    await server.cleanup();
  });

  it("a photo loses its EXIF location, shows inline with a thumbnail, and only room members can fetch it", async () => {
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "red" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "alice" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 0/1" } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();

    const file = await alice.upload(photo, "holiday.jpg");
    expect(file).toMatchObject({ type: "image/jpeg", width: 64, height: 48 });
    expect(file.thumbnailUrl).not.toBeNull();

    const beforePosting = await get(file.url, bob.token);
    expect(beforePosting.status).toBe(404);

    await alice.join("general");
    const message = await alice.send("general", "look", { attachments: [file.id] });
    expect(message.attachments.map((a) => a.id)).toEqual([file.id]);

    const served = await get(file.url, bob.token);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-disposition")).toMatch(/^inline/);
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif).toBeUndefined();
    expect((await get(file.thumbnailUrl ?? "", bob.token)).headers.get("content-type")).toBe("image/webp");

    await alice.createRoom("vault", "", { private: true });
    const secret = await alice.upload(photo, "secret.jpg");
    await alice.join("vault");
    await alice.send("vault", "", { attachments: [secret.id] });
    expect((await get(secret.url, bob.token)).status).toBe(404);
  });

  it("an HTML page named .png with a spoofed type is stored as text and only ever downloads", async () => {
    const response = await upload("<html><script>alert(1)</script></html>", "innocent.png", { "content-type": "image/png" });
    expect(response.status).toBe(201);
    const { file } = (await response.json()) as { file: { type: string; url: string } };
    expect(file.type).toBe("text/plain");
    const served = await get(file.url);
    expect(served.headers.get("content-disposition")).toMatch(/^attachment/);
    expect(served.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(served.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("an SVG with a script downloads instead of rendering", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const { file } = (await (await upload(svg, "logo.svg", { "content-type": "image/svg+xml" })).json()) as { file: { type: string; url: string } };
    expect(file.type).not.toMatch(/svg/);
    expect((await get(file.url)).headers.get("content-disposition")).toMatch(/^attachment/);
  });

  it("a zero-byte file, a file one byte over the limit, and an anonymous upload are refused", async () => {
    const empty = await upload(new Uint8Array(0), "empty.txt");
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });

    const tooBig = await upload(new Uint8Array(1024 * 1024 + 1), "big.bin");
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });

    const anonymous = await fetch(`${server.url}/api/uploads?name=x.txt`, { method: "POST", body: "hello" });
    expect(anonymous.status).toBe(401);
  });

  it("anyone may ask the limits, and they are the ones enforced: a file of exactly the told size is taken", async () => {
    const limits = await new NatterClient({ url: server.url }).limits();
    expect(limits).toEqual({ maxMessageLength: 4_000, maxAttachments: 10, maxUploadBytes: 1024 * 1024 });
    const atLimit = await upload(new Uint8Array(limits.maxUploadBytes), "exact.bin");
    expect(atLimit.status).toBe(201);
    const over = await upload(new Uint8Array(limits.maxUploadBytes + 1), "over.bin");
    expect(over.status).toBe(413);
  });

  it("a path in the file name is reduced to the name itself", async () => {
    const { file } = (await (await upload("hello", "../../etc/passwd")).json()) as { file: { name: string } };
    expect(file.name).toBe("passwd");
  });

  it("deleting the message deletes its file", async () => {
    const file = await alice.upload(new TextEncoder().encode("notes"), "notes.txt");
    await alice.join("general");
    const message = await alice.send("general", "notes attached", { attachments: [file.id] });
    expect((await get(file.url)).status).toBe(200);
    await alice.delete("general", message.id);
    expect((await get(file.url)).status).toBe(404);
  });
});
