import type { Person, PeopleResponse, User } from "@natter/protocol";
import type { UserRow } from "../storage/index.js";
import type { Domain } from "./context.js";
import { spend } from "./limits.js";
import { avatarUrl } from "./wire.js";

/** The most ids one lookup takes (the protocol's schema says the same). */
const LOOKUP_MAX = 100;

/**
 * The people directory: active accounts and bots, in name order, a page at a time. Deactivated and deleted
 * accounts are left out (Slack and Mattermost hide them too); a guest sees only the people who share a room with them.
 */
export async function listDirectory(domain: Domain, user: User, query: { query: string; cursor?: string | undefined; limit: number }): Promise<PeopleResponse> {
  await spend(domain.limits, "people", user.id);
  const rows = await domain.store.directory({
    text: query.query.trim(),
    afterKey: query.cursor,
    limit: query.limit,
    sharingWith: user.kind === "guest" ? user.id : undefined,
  });
  const last = rows.at(-1);
  return { people: await toPeople(domain, rows), nextCursor: rows.length === query.limit && last ? last.username_key : null };
}

/**
 * The people behind ids the app already holds (authors of messages, members of rooms): anyone, deactivated and
 * deleted accounts included, since their messages stay and are drawn with their names.
 */
export async function peopleById(domain: Domain, user: User, ids: string): Promise<Person[]> {
  await spend(domain.limits, "people", user.id);
  const wanted = [...new Set(ids.split(",").map(Number))].slice(0, LOOKUP_MAX);
  return toPeople(domain, await domain.store.usersByIds(wanted));
}

async function toPeople(domain: Domain, rows: UserRow[]): Promise<Person[]> {
  const online = new Set((await domain.presence.online()).map((user) => user.id));
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name || row.username,
    avatarUrl: avatarUrl(row),
    kind: row.kind,
    bot: row.bot === 1,
    deactivated: row.deactivated_at !== null,
    online: online.has(row.id),
  }));
}
