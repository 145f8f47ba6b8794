import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, member } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";

/** s3rver is a real S3-protocol server (requests signed and parsed as S3 would), run in this process. */
describe("files kept in an S3-compatible bucket", () => {
  const bucketDir = mkdtempSync(join(tmpdir(), "natter-s3-"));
  let s3: S3rver;
  let server: RunningNatter;

  beforeAll(async () => {
    s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: bucketDir, configureBuckets: [{ name: "natter-files" }] });
    const { port } = await s3.run();
    server = await startNatter({
      blobStore: "s3",
      s3Bucket: "natter-files",
      s3Endpoint: `http://127.0.0.1:${port}`,
      s3AccessKeyId: "S3RVER",
      s3SecretAccessKey: "S3RVER",
      s3Prefix: "uploads/",
    });
  });
  afterAll(async () => {
    closeAll();
    await server.cleanup();
    await s3.close();
    rmSync(bucketDir, { recursive: true, force: true });
  });

  it("a posted photo is stored in the bucket, not on local disk, and disappears with its message", async () => {
    const alice = await member(server.url, "alice");
    const bob = await member(server.url, "bob");
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "blue" } })
      .png()
      .toBuffer();

    const file = await alice.upload(photo, "sky.png");
    await alice.join("general");
    const message = await alice.send("general", "sky", { attachments: [file.id] });

    const served = await fetch(`${server.url}${file.url}`, { headers: { authorization: `Bearer ${bob.token ?? ""}` } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(40);
    expect(readdirSync(server.dataDir)).not.toContain("files");
    expect(readdirSync(join(bucketDir, "natter-files"), { recursive: true }).some((name) => String(name).startsWith("uploads"))).toBe(true);

    await alice.delete("general", message.id);
    const gone = await fetch(`${server.url}${file.url}`, { headers: { authorization: `Bearer ${bob.token ?? ""}` } });
    expect(gone.status).toBe(404);
  });

  it("choosing S3 without a bucket stops the start with a line naming the setting", async () => {
    await expect(startNatter({ blobStore: "s3" })).rejects.toThrow(/S3_BUCKET/);
  });
});
