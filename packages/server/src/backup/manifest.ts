import { z } from "zod";

/** The first entry of every archive: what it holds, and the SHA-256 of each other entry. */
export const MANIFEST_NAME = "manifest.json";
export const BACKUP_FORMAT = "natter-backup";

/** Entry names: relative, forward slashes, no `..`, nothing hidden at the root; so extraction stays inside its folder. */
const entryName = z
  .string()
  .max(512)
  .regex(/^(natter\.db|natter\.pgdump|files\/[A-Za-z0-9_-]{1,16}\/[A-Za-z0-9_-]{1,200})$/, "not an entry a Natter backup holds");

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  store: z.enum(["sqlite", "postgres"]),
  /** The last migration applied: a restore migrates from it, and refuses one it does not know (a newer Natter's). */
  schema: z.string().min(1),
  counts: z.object({ users: z.number().int(), rooms: z.number().int(), messages: z.number().int(), files: z.number().int() }),
  entries: z.array(z.object({ name: entryName, size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestEntry = Manifest["entries"][number];

/** A refusal of the backup or restore command: one line for the operator, and nothing was changed. */
export class BackupError extends Error {}
