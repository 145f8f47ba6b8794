import type { Kysely } from "kysely";
import type { Database } from "../schema.js";

/** The cache of what each URL's page gave: one row per URL, written by the preview job only. */
export interface LinkPreviewStore {
  /** The cached preview JSON (null: the page gave none); undefined when nothing unexpired is kept. */
  cachedPreview(url: string, now: number): Promise<{ preview: string | null } | undefined>;
  /** Keeps a URL's result until expiresAt, and drops every entry expired by `now`. */
  cachePreview(url: string, preview: string | null, expiresAt: number, now: number): Promise<void>;
}

export function linkPreviewQueries(db: Kysely<Database>): LinkPreviewStore {
  return {
    cachedPreview: (url, now) => db.selectFrom("link_previews").select("preview").where("url", "=", url).where("expires_at", ">", now).executeTakeFirst(),

    async cachePreview(url, preview, expiresAt, now) {
      await db.deleteFrom("link_previews").where("expires_at", "<=", now).execute();
      await db
        .insertInto("link_previews")
        .values({ url, preview, expires_at: expiresAt })
        .onConflict((oc) => oc.column("url").doUpdateSet({ preview, expires_at: expiresAt }))
        .execute();
    },
  };
}
