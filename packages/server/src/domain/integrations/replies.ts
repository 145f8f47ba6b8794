import type { Card } from "@natter/protocol";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { sendMessage } from "../messages.js";
import { toUser } from "../wire.js";

/**
 * Posts an integration's text as its author (a hook's bot, or whoever set the hook or command up), marked with a
 * card so that it sets off no outgoing webhook in turn. The clientMsgId makes a retried post one message.
 */
export async function postReply(
  domain: Domain,
  input: { authorId: number; room: string; text: string; threadId?: number | undefined; clientMsgId: string; card?: Card },
): Promise<void> {
  const author = await domain.store.userById(input.authorId);
  if (!author) throw new Refusal("NOT_FOUND", "The integration's author is gone");
  await sendMessage(domain, toUser(author), {
    room: input.room,
    text: input.text,
    clientMsgId: input.clientMsgId,
    replyTo: input.threadId,
    card: input.card ?? { via: "bot", attachments: [], blocks: [] },
  });
}
