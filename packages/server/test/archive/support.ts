import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportRooms } from "../../src/archive/exportRooms.js";
import { ZipReader } from "../../src/archive/zipReader.js";
import type { RunningNatter } from "../support/server.js";
import { http } from "../support/http.js";

export const PASSWORD = "correct horse battery";

/** A folder for archives, one per test file. */
export function archiveFolder(): string {
  return mkdtempSync(join(tmpdir(), "natter-archive-"));
}

/** Runs the export the CLI runs, against the server's own store and files. */
export async function exportFrom(server: RunningNatter, to: string, scope: { kind: "all" } | { kind: "room"; room: string }) {
  const { store, blobs } = server.natter.domain;
  return exportRooms({ store, blobs, scope, out: createWriteStream(to) });
}

/** Every line of a JSON-lines entry of an archive. */
export async function linesOf(file: string, entry: string): Promise<Record<string, unknown>[]> {
  const zip = await ZipReader.open(file);
  try {
    const lines: Record<string, unknown>[] = [];
    for await (const { value } of zip.lines(entry)) lines.push(value as Record<string, unknown>);
    return lines;
  } finally {
    zip.close();
  }
}

export async function bytesOf(file: string, entry: string): Promise<Buffer> {
  const zip = await ZipReader.open(file);
  try {
    return await zip.buffer(entry);
  } finally {
    zip.close();
  }
}

/** A registered account's token. */
export async function registered(url: string, username: string): Promise<string> {
  const answer = await http(url, "POST", "/api/auth/register", { body: { username, password: PASSWORD } });
  const token = (answer.body as { token?: unknown }).token;
  if (typeof token !== "string") throw new Error(`register ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return token;
}

/** A REST call that must succeed; answers the body. */
export async function ok<T = Record<string, unknown>>(url: string, method: string, path: string, token: string, body?: unknown, raw?: Uint8Array): Promise<T> {
  const answer = await http(url, method, path, { token, body, ...(raw ? { raw, headers: { "content-type": "application/octet-stream" } } : {}) });
  if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as T;
}

/** alice and bob talk in design: a thread, reactions, an edit, a deletion, a mention and two files. */
export async function populate(url: string): Promise<{ alice: string; bob: string }> {
  const alice = await registered(url, "alice");
  const bob = await registered(url, "bob");
  await ok(url, "POST", "/api/rooms", alice, { name: "design", topic: "shapes and colours" });
  await ok(url, "POST", "/api/rooms/design/members", alice, { username: "bob" });
  const send = async (token: string, text: string, id: string, extra: Record<string, unknown> = {}) =>
    (await ok<{ message: { id: number } }>(url, "POST", "/api/rooms/design/messages", token, { text, clientMsgId: id, ...extra })).message.id;
  const root = await send(alice, "what colour should the logo be?", "a1");
  await send(bob, "@alice blue, surely", "b1", { replyTo: root });
  await send(bob, "a reply in the thread only", "b2", { replyTo: root, inRoom: false });
  const edited = await send(alice, "first draft", "a2");
  await ok(url, "PATCH", `/api/rooms/design/messages/${edited}`, alice, { text: "second draft" });
  const gone = await send(bob, "oops", "b3");
  await ok(url, "DELETE", `/api/rooms/design/messages/${gone}`, bob);
  await ok(url, "PUT", `/api/rooms/design/messages/${root}/reactions/${encodeURIComponent("👍")}`, bob);
  await ok(url, "PUT", `/api/rooms/design/messages/${root}/reactions/${encodeURIComponent("🎉")}`, alice);
  const text = await ok<{ file: { id: string } }>(url, "POST", "/api/uploads?name=notes.txt", alice, undefined, Buffer.from("the notes, in plain text\n"));
  const png = await ok<{ file: { id: string } }>(url, "POST", "/api/uploads?name=dot.png", alice, undefined, TINY_PNG);
  await send(alice, "the files", "a3", { attachments: [text.file.id, png.file.id] });
  await send(alice, "中文也可以 ✓", "a4");
  return { alice, bob };
}

export const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** A message line without what differs between installations by design: ids. */
export function comparable(line: Record<string, unknown>) {
  const { id: _id, replyTo, files, ...rest } = line as { id: number; replyTo: { author: string } | null; files: { id: string }[] };
  return { ...rest, replyTo: replyTo ? replyTo.author : null, files: files.map(({ id: _fileId, ...file }) => file) };
}
