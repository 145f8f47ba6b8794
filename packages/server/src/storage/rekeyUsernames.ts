import { sql, type Kysely } from "kysely";
import { usernameKey } from "../domain/usernames.js";

/**
 * Gives every user the username key of today (case, width and confusables folded). Two people whose names
 * now count as one both keep their accounts, names and history: the older (lower id) gets the key, the newer one
 * a key no name can produce (the key, "#" and its id), so the migration never fails on the unique column. The
 * newer one's log-in by name now finds the older account, whose password refuses it (docs/admin.md).
 */
export async function rekeyUsernames(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: number; username: string }>`select id, username from users order by id`.execute(db);
  const taken = new Set<string>();
  const keys = rows.map((row) => {
    const wanted = usernameKey(row.username);
    const key = taken.has(wanted) ? `${wanted}#${row.id}` : wanted;
    taken.add(key);
    return { id: row.id, key };
  });
  // Two passes, so that no row is ever given a key another row still holds (the column is unique).
  for (const { id } of keys) await sql`update users set username_key = ${`#${id}`} where id = ${id}`.execute(db);
  for (const { id, key } of keys) await sql`update users set username_key = ${key} where id = ${id}`.execute(db);
}
