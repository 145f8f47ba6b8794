import type { Domain } from "../../domain/context.js";
import type { ImportReport } from "./report.js";

/** What an import needs of the server: the store, where file bytes go, and the clock. */
export type ImportDomain = Pick<Domain, "store" | "blobs" | "now">;

export interface ImportContext {
  domain: ImportDomain;
  report: ImportReport;
  /** Read and count everything, write nothing. */
  dryRun: boolean;
}

/** Every key of this importer is kept under this source in import_keys. */
export const SOURCE = "slack";

/** Text both stores keep alike: PostgreSQL refuses NUL and lone surrogates. */
export function storable(text: string): string {
  return text.toWellFormed().replaceAll("\u0000", "");
}
