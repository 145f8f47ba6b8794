import type { DirectoryResponse, User } from "@natter/protocol";
import type { Domain } from "./context.js";

/**
 * The room directory: the public rooms anyone signed in may join (guests too, as they may join public rooms),
 * searched by part of the name or topic, the most recently active first.
 */
export async function roomDirectory(domain: Domain, user: User, query: { q?: string | undefined; limit: number }): Promise<DirectoryResponse> {
  const contains = query.q?.trim().toLowerCase() || undefined;
  const rows = await domain.store.roomDirectory({ userId: user.id, contains, limit: query.limit });
  return {
    rooms: rows.map((row) => ({
      name: row.name,
      topic: row.topic,
      memberCount: row.member_count,
      lastActivityAt: row.last_activity_at === null ? null : new Date(row.last_activity_at).toISOString(),
      joined: row.joined,
    })),
  };
}
