import { IMPORT_SKIPS_KEPT, type ImportCounts, type ImportSkip } from "@natter/protocol";

/** What an import did and left out: counts of everything, the reasons for the first skips, and where it is. */
export class ImportReport {
  readonly counts: ImportCounts = {
    users: 0,
    rooms: 0,
    members: 0,
    messages: 0,
    replies: 0,
    reactions: 0,
    files: 0,
    filesWithoutBytes: 0,
    alreadyImported: 0,
    skipped: 0,
  };
  readonly skipped: ImportSkip[] = [];
  /** Messages of kinds Natter has no counterpart for, counted by kind and listed once each at the end. */
  private readonly kinds = new Map<string, { n: number; reason: string }>();
  step = "starting";
  filesDone = 0;
  filesTotal = 0;

  skip(what: string, reason: string): void {
    this.counts.skipped++;
    if (this.skipped.length < IMPORT_SKIPS_KEPT) this.skipped.push({ what, reason });
  }

  /** A message left out for its kind: one line per kind, however many there were. */
  skipKind(kind: string, reason: string): void {
    this.counts.skipped++;
    const entry = this.kinds.get(kind) ?? { n: 0, reason };
    entry.n++;
    this.kinds.set(kind, entry);
  }

  /** The skipped list with the per-kind lines, as the job and the CLI show it. */
  skips(): ImportSkip[] {
    const perKind = [...this.kinds].map(([kind, { n, reason }]) => ({ what: `${n} "${kind}" message${n === 1 ? "" : "s"}`, reason }));
    return [...perKind, ...this.skipped];
  }
}
