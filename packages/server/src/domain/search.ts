import { type SearchHit, type User } from "@natter/protocol";
import { accessRoom } from "./access.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { hydrateAcrossRooms } from "./hydrate.js";
import { usernameKey } from "./usernames.js";

const MAX_TERMS = 8;

export interface SearchInput {
  q: string;
  room?: string | undefined;
  author?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  hasFile?: boolean | undefined;
  limit: number;
  before?: number | undefined;
}

/**
 * Full-text search over every room and DM the user is in, and no other. Each word of the query must
 * appear in the message as a substring, ignoring case, so Chinese text without spaces is found too.
 */
export async function searchMessages(domain: Domain, user: User, input: SearchInput): Promise<{ results: SearchHit[]; hasMore: boolean }> {
  const terms = [...new Set(input.q.split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
  const room = input.room === undefined ? undefined : await accessRoom(domain, user.id, input.room);
  const author = input.author === undefined ? undefined : await domain.store.userByKey(usernameKey(input.author));
  if (input.author !== undefined && !author) throw new Refusal("NOT_FOUND", `No user named "${input.author}"`);
  const rows = await domain.store.searchMessages({
    userId: user.id,
    terms,
    roomId: room?.id,
    authorId: author?.id,
    from: input.from === undefined ? undefined : Date.parse(input.from),
    to: input.to === undefined ? undefined : Date.parse(input.to),
    hasFile: input.hasFile,
    beforeId: input.before,
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const messages = await hydrateAcrossRooms(domain, page);
  return { results: messages.map((message) => ({ message, highlights: highlight(message.text, terms) })), hasMore: rows.length > input.limit };
}

/** Where the terms occur, merged and in order: the client wraps these ranges, never parsing HTML. */
export function highlight(text: string, terms: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const term of terms) {
    const pattern = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "giu");
    for (const match of text.matchAll(pattern)) ranges.push([match.index, match.index + match[0].length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
