import { call, type Answer } from "./api.js";

/** A 1×1 PNG: small, and a real image, so it gets a thumbnail. */
export const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/** A private room with one message carrying one image; or the same names for things that do not exist. */
export interface Fixture {
  room: string;
  messageId: number;
  fileId: string;
  fileName: string;
  /** An incoming webhook of the room's. */
  hookId: number;
}

/** The owner (alice) creates a private room, invites bob, and posts a message with an image in it. */
export async function privateRoom(url: string, owner: string, name: string): Promise<Fixture> {
  await expectOk(call(url, { method: "POST", path: "/api/rooms", token: owner, body: { name, topic: "secret plans", private: true } }));
  await expectOk(call(url, { method: "POST", path: `/api/rooms/${name}/members`, token: owner, body: { username: "bob" } }));
  const upload = await expectOk(call(url, { method: "POST", path: "/api/uploads?name=plan.png", token: owner, raw: TINY_PNG, contentType: "image/png" }));
  const fileId = (upload.body as { file: { id: string } }).file.id;
  const sent = await expectOk(
    call(url, {
      method: "POST",
      path: `/api/rooms/${name}/messages`,
      token: owner,
      body: { text: `the secret of ${name}`, clientMsgId: `fixture-${name}`, attachments: [fileId] },
    }),
  );
  const hook = await expectOk(call(url, { method: "POST", path: `/api/rooms/${name}/hooks`, token: owner, body: { name: "alerts" } }));
  const hookId = (hook.body as { hook: { id: number } }).hook.id;
  return { room: name, messageId: (sent.body as { message: { id: number } }).message.id, fileId, fileName: "plan.png", hookId };
}

export function ghostOf(fixture: Fixture): Fixture {
  return {
    room: `ghost-${fixture.room}`,
    messageId: fixture.messageId,
    fileId: `ghost${fixture.fileId.slice(5)}`,
    fileName: fixture.fileName,
    hookId: fixture.hookId,
  };
}

async function expectOk(pending: Promise<Answer>): Promise<Answer> {
  const answer = await pending;
  if (answer.status >= 300) throw new Error(`fixture step failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}
