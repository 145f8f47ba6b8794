import type { Message } from "@natter/protocol";

/**
 * The address of a message, as a push or an email links to it: `/?seq=N#room` (useOpenFromLink opens it). A reply
 * kept in its thread links to its thread's first message, which is where the room shows it.
 */
export function messageLink(message: Message, origin = window.location.origin): string {
  const seq = message.inRoom || !message.replyTo ? message.seq : message.replyTo.seq;
  return `${origin}/?seq=${seq}#${encodeURIComponent(message.room)}`;
}
