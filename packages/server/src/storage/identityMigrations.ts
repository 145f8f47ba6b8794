import { sql, type Kysely, type Migration } from "kysely";

/**
 * The migrations of identity and people (issue 19, numbers 031 and 032). migrations.ts spreads them after the
 * team's; Kysely runs every migration in the order of its name.
 */
export function identityMigrations(): Record<string, Migration> {
  return {
    "031_avatars": {
      async up(db: Kysely<unknown>) {
        // The version of the person's picture (its blob is avatar-<id>-<version>); null draws initials.
        await sql`alter table users add column avatar text`.execute(db);
      },
    },
  };
}
