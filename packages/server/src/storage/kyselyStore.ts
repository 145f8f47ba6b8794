import { Migrator, sql, type Kysely } from "kysely";
import { isTimeout } from "./failures.js";
import { GroupCommit, type CommitObserver, type MessageWriter } from "./messageWriter.js";
import { migrationProvider, type Dialect } from "./migrations.js";
import { accessQueries } from "./queries/access.js";
import { auditQueries } from "./queries/audit.js";
import { catchUpQueries } from "./queries/catchUp.js";
import { fileQueries } from "./queries/files.js";
import { oidcQueries } from "./queries/oidc.js";
import { importQueries } from "./queries/imports.js";
import { integrationQueries } from "./queries/integrations.js";
import { lifecycleQueries } from "./queries/lifecycle.js";
import { linkPreviewQueries } from "./queries/linkPreviews.js";
import { customEmojiQueries } from "./queries/customEmoji.js";
import { notificationQueries } from "./queries/notifications.js";
import { peopleQueries } from "./queries/people.js";
import { directoryQueries } from "./queries/directory.js";
import { roomDirectoryQueries } from "./queries/roomDirectory.js";
import { pinQueries } from "./queries/pins.js";
import { membershipQueries } from "./queries/memberships.js";
import { messageQueries } from "./queries/messages.js";
import { moderationQueries } from "./queries/moderation.js";
import { roomDeletionQueries } from "./queries/roomDeletion.js";
import { roomQueries } from "./queries/rooms.js";
import { searchQueries } from "./queries/search.js";
import { securityQueries } from "./queries/security.js";
import { userQueries } from "./queries/users.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";

/**
 * The Store over Kysely: the same queries serve SQLite and PostgreSQL, one file per family of tables;
 * messages are stored by the dialect's writer, in group commits.
 */
export function kyselyStore(db: Kysely<Database>, dialect: Dialect, writer: MessageWriter, observeCommits?: CommitObserver): Store {
  const writes = new GroupCommit(writer, undefined, observeCommits);
  return {
    dialect,
    migrate: () => migrate(db, dialect),
    ping: async () => void (await sql`select 1`.execute(db)),
    close: () => db.destroy(),
    insertMessage: (message) => writes.insert(message),
    importMessages: (batch) => writer.importBatch(batch),
    ...userQueries(db),
    ...roomQueries(db),
    ...membershipQueries(db),
    ...messageQueries(db),
    ...searchQueries(db, dialect),
    ...fileQueries(db),
    ...catchUpQueries(db),
    ...notificationQueries(db, dialect),
    ...integrationQueries(db, dialect),
    ...auditQueries(db),
    ...moderationQueries(db),
    ...roomDeletionQueries(db),
    ...accessQueries(db),
    ...peopleQueries(db),
    ...directoryQueries(db),
    ...oidcQueries(db),
    ...securityQueries(db),
    ...importQueries(db),
    ...lifecycleQueries(db),
    ...roomDirectoryQueries(db),
    ...pinQueries(db),
    ...linkPreviewQueries(db),
    ...customEmojiQueries(db),
  };
}

async function migrate(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  // Kysely's migrator takes a lock (an advisory lock on PostgreSQL), so nodes starting together are safe.
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  for (let attempt = 1; ; attempt++) {
    const { error } = await migrator.migrateToLatest();
    if (!error) return;
    // Another node holding the migration lock longer than a statement may wait: wait again.
    if (!isTimeout(error) || attempt === 20) throw error;
  }
}
