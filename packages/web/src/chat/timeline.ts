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
