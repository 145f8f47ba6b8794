import { copyFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ZipFile } from "yazl";
import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importNatter } from "../../src/archive/importNatter.js";
import { ZipReader } from "../../src/archive/zipReader.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { archiveFolder, exportFrom, populate } from "./support.js";

const folder = archiveFolder();
let source: RunningNatter;
let target: RunningNatter;
let good: string;

beforeAll(async () => {
  source = await startNatter();
  target = await startNatter();
  await populate(source.url);
  good = join(folder, "good.zip");
  await exportFrom(source, good, { kind: "room", room: "design" });
}, 60_000);

afterAll(async () => {
  await source.cleanup();
  await target.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

/** Imports into the target and answers the refusal's message; the target must be unchanged after it. */
async function refusal(file: string): Promise<string> {
  const { store, blobs } = target.natter.domain;
  const error = await importNatter({ store, blobs, file }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  expect(await store.roomByKey("design")).toBeUndefined();
  expect(await store.userByKey("bob")).toBeUndefined();
  return (error as Error).message;
}

async function zipOf(name: string, entries: Record<string, string>): Promise<string> {
  const path = join(folder, name);
  const zip = new ZipFile();
  for (const [entry, text] of Object.entries(entries)) zip.addBuffer(Buffer.from(text), entry);
  zip.end();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  await finished(out);
  return path;
}

describe("archives that are refused, changing nothing", { timeout: 60_000 }, () => {
  it("a truncated archive is refused as unreadable", async () => {
    const cut = join(folder, "cut.zip");
    copyFileSync(good, cut);
    truncateSync(cut, Math.floor(readFileSync(good).length * 0.6));
    expect(await refusal(cut)).toMatch(/not a readable zip archive/);
  });

  it("an archive whose messages were changed is refused by its checksum", async () => {
    // Stored entries are deflated: change a message's text by rebuilding the zip with one line edited.
    const zip = await ZipReader.open(good);
    const entries: Record<string, string> = {};
    for (const name of zip.entries.keys()) entries[name] = (await zip.buffer(name)).toString("latin1");
    zip.close();
    entries["messages.jsonl"] = (entries["messages.jsonl"] ?? "").replace("second draft", "forged draft");
    const tampered = join(folder, "tampered.zip");
    const rebuilt = new ZipFile();
    for (const [name, text] of Object.entries(entries)) rebuilt.addBuffer(Buffer.from(text, "latin1"), name);
    rebuilt.end();
    const out = createWriteStream(tampered);
    rebuilt.outputStream.pipe(out);
    await finished(out);
    expect(await refusal(tampered)).toMatch(/messages\.jsonl" does not match its checksum/);
  });

  it("a zip that is not a Natter export is refused as foreign", async () => {
    expect(await refusal(await zipOf("foreign.zip", { "channels.json": "[]", "users.json": "[]" }))).toMatch(/not a Natter export: it has no manifest\.json/);
    const slackish = await zipOf("other.zip", { "manifest.json": JSON.stringify({ format: "slack", version: 1 }) });
    expect(await refusal(slackish)).toMatch(/not a Natter export \(its format is "slack"/);
  });

  it("an export of an unknown version is refused by its version", async () => {
    const future = await zipOf("future.zip", { "manifest.json": JSON.stringify({ format: "natter-export", version: 99 }) });
    expect(await refusal(future)).toMatch(/reads export version 1, not 99/);
  });

  it("a file that is not a zip at all is refused", async () => {
    const text = join(folder, "notes.zip");
    writeFileSync(text, "just some text");
    expect(await refusal(text)).toMatch(/not a readable zip archive/);
  });
});
