/**
 * What a loader read, kept and dropped, and why. Every loader returns one next
 * to its table, so that no row disappears without a count.
 */
import { DataError } from "./dataError";

export interface LoadReport {
  /** Raw file(s) read, relative to the data root. */
  files: string[];
  /** SHA-256 of each file, same order. */
  sha256: string[];
  rowsRead: number;
  rowsKept: number;
  /** Rows dropped, by reason (e.g. "not a study country": 165). */
  dropped: Record<string, number>;
  /** Remarks a reader should see (quirks handled, substitutions). */
  notes: string[];
}

export function newReport(files: string[] = [], sha256: string[] = []): LoadReport {
  return { files, sha256, rowsRead: 0, rowsKept: 0, dropped: {}, notes: [] };
}

/** Count one dropped row under a reason. */
export function drop(r: LoadReport, reason: string, n = 1): void {
  r.dropped[reason] = (r.dropped[reason] ?? 0) + n;
}

/** One line per file plus the drop counts, for logs and notebooks. */
export function formatReport(r: LoadReport): string {
  const drops = Object.entries(r.dropped)
    .map(([k, v]) => `${v} ${k}`)
    .join("; ");
  return (
    `${r.files.join(", ")}: read ${r.rowsRead} rows, kept ${r.rowsKept}` +
    (drops ? `; dropped ${drops}` : "") +
    (r.notes.length ? `\n  note: ${r.notes.join("\n  note: ")}` : "")
  );
}

/** The loaders' duplicate-key check lives with the other key checks in lib/io/keys.ts. */
export { assertUniqueKeys } from "./keys";

/**
 * Throw unless every (iso3, year) of the grid is present among `have`
 * (strings "ISO3:year"). Names every missing cell.
 */
export function assertCoverage(
  file: string,
  have: Iterable<string>,
  iso3s: readonly string[],
  years: readonly number[],
  what = "value",
): void {
  const set = new Set(have);
  const missing: string[] = [];
  for (const c of iso3s)
    for (const y of years) if (!set.has(`${c}:${y}`)) missing.push(`${c} ${y}`);
  if (missing.length) {
    throw new DataError(
      file,
      `no ${what} for ${missing.length} required country-year(s): ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? ", ..." : ""}`,
    );
  }
}
