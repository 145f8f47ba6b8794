import type { NatterClient } from "@natter/client";
import type { Ack, Message } from "@natter/protocol";

/** What the server answered to one send: "ok", an error code, or "no answer" within the wait. */
export interface Outcome {
  code: string;
  ms: number;
}

/**
 * One send_message straight on the client's socket, without the SDK's retries: what does the server answer, and
 * how soon? (The SDK would hide an UNAVAILABLE answer behind its retries.)
 */
export async function sendOnce(client: NatterClient, room: string, text: string, waitMs = 10_000): Promise<Outcome> {
  const started = performance.now();
  // The SDK's own socket, past its retries: NatterClient keeps it in its Connection since the SDK was split.
  const link = client["connection"].link;
  if (!link) throw new Error("not connected");
  const answer: Ack<{ message: Message }> | "no answer" = await link
    .request("send_message", { room, text, clientMsgId: `raw-${crypto.randomUUID()}` }, waitMs)
    .catch(() => "no answer" as const);
  const code = answer === "no answer" ? "no answer" : answer.ok ? "ok" : answer.error.code;
  return { code, ms: performance.now() - started };
}
