import type { Message } from "@natter/protocol";

/** Merges messages into a list ordered by seq; a newer copy of the same message replaces the old one. */
export function mergeMessages(list: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return list as Message[];
  const bySeq = new Map(list.map((message) => [message.seq, message]));
  for (const message of incoming) {
    const known = bySeq.get(message.seq);
    if (!known || known.rev <= message.rev) bySeq.set(message.seq, message);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Replaces a message already shown; messages not loaded yet are left for history to bring. */
export function replaceMessage(list: readonly Message[], changed: Message): Message[] {
  const index = list.findIndex((message) => message.id === changed.id);
  const known = list[index];
  if (!known || known.rev > changed.rev) return list as Message[];
  const next = list.slice();
  next[index] = changed;
  return next;
}

export function mentionsUser(message: Message, userId: number): boolean {
  return message.mentionsRoom || message.mentions.includes(userId);
}

/** One author's messages this close together read as one block: the name and picture are shown once. */
export const GROUP_WITHIN_MS = 5 * 60_000;

export interface TimelineEntry {
  message: Message;
  /** The first message of a calendar day (in the reader's time zone): a day separator goes above it. */
  newDay: boolean;
  /** Follows the same author's message within GROUP_WITHIN_MS on the same day: drawn without name and picture. */
  grouped: boolean;
}

/** Where day separators go and which messages join the block above; the "new messages" line breaks a block. */
export function layoutTimeline(messages: readonly Message[], lineSeq?: number): TimelineEntry[] {
  return messages.map((message, index) => {
    const previous = messages[index - 1];
    const at = new Date(message.createdAt);
    const newDay = !previous || new Date(previous.createdAt).toDateString() !== at.toDateString();
    const grouped =
      !!previous &&
      !newDay &&
      message.seq !== lineSeq &&
      previous.author.id === message.author.id &&
      !previous.deleted &&
      message.replyTo === null &&
      at.getTime() - new Date(previous.createdAt).getTime() < GROUP_WITHIN_MS;
    return { message, newDay, grouped };
  });
}
