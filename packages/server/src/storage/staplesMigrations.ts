import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "./migrations.js";

/** Issue 19's conversation staples: pinned messages per room and saved messages per person. */
export function staplesMigrations(dialect: Dialect): Record<string, Migration> {
  const bigint = sql.raw(dialect === "postgres" ? "bigint" : "integer");
  return {
    "033_pins": {
      async up(db: Kysely<unknown>) {
        // One pin per message; the room is kept beside it so a room's pins are read without touching messages.
        await sql`create table pins (
          message_id ${bigint} primary key references messages(id) on delete cascade,
          room_id ${bigint} not null references rooms(id) on delete cascade,
          pinned_by ${bigint} references users(id) on delete set null,
          pinned_at ${bigint} not null
        )`.execute(db);
        await sql`create index pins_by_room on pins (room_id, pinned_at)`.execute(db);
      },
    },
    "034_saved_messages": {
      async up(db: Kysely<unknown>) {
        await sql`create table saved_messages (
          user_id ${bigint} not null references users(id) on delete cascade,
          message_id ${bigint} not null references messages(id) on delete cascade,
          saved_at ${bigint} not null,
          primary key (user_id, message_id)
        )`.execute(db);
        await sql`create index saved_messages_by_time on saved_messages (user_id, saved_at)`.execute(db);
        // Deleting a message (retention, a room's purge) looks its saved rows up by message: without this, a scan each.
        await sql`create index saved_messages_by_message on saved_messages (message_id)`.execute(db);
      },
    },
  };
}
