/**
 * Duplicate-key checks. A panel estimated with a (unit, time) key that occurs
 * twice (a file appended to itself, a merge gone wrong) gives standard errors
 * about a third too small and no warning, so every reader of keyed data
 * refuses duplicates, naming the first ones, unless the caller explicitly
 * accepts them (then it gets their count to report).
 *
 * - {@link checkUniqueKeys}: column-oriented data (the CLI's `--data` file,
 *   a data frame's columns), keys given by column names.
 * - {@link checkTableKeys}: a {@link CsvTable} from lib/io/csv.ts, rows named
 *   by their line in the file.
 * - {@link assertUniqueKeys}: the loaders' form, a key function per row.
 */
import { DataError } from "./dataError";
import type { CsvTable } from "./csv";

export interface KeyCheckOptions {
  /** The file (or data set) named in the message; default "data". */
  file?: string;
  /** Accept duplicates: return them instead of throwing. Default false. */
  allowDuplicates?: boolean;
  /** Row number of element i as the user sees it; default i + 2 (a CSV line: header on line 1). */
  lineOf?: (i: number) => number;
  /** How many duplicates the message names; default 5. */
  maxListed?: number;
  /** The option that accepts duplicates, named in the message (e.g. "--allow-duplicate-keys"). */
  flag?: string;
}

export interface DuplicateKey {
  /** The key's values, as text ("NA" for a missing value). */
  key: string[];
  /** Row of the key's first occurrence, then the row that repeats it. */
  rows: [number, number];
}

export interface KeyCheckResult {
  /** Number of rows whose key already occurred on an earlier row (0 when the keys are unique). */
  duplicates: number;
  /** The first `maxListed` of them, in row order. */
  first: DuplicateKey[];
}

const keyText = (v: unknown): string => (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) ? "NA" : String(v));

/**
 * Find rows whose key repeats an earlier row's key; throw a DataError naming
 * the first of them (row numbers and key values) unless `allowDuplicates`.
 * `keyOf(i)` gives the key values of element i.
 */
export function findDuplicateKeys(n: number, keyOf: (i: number) => readonly unknown[], keyNames: readonly string[], opts: KeyCheckOptions = {}): KeyCheckResult {
  const lineOf = opts.lineOf ?? ((i: number) => i + 2);
  const max = opts.maxListed ?? 5;
  const seen = new Map<string, number>();
  const first: DuplicateKey[] = [];
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    const key = keyOf(i).map(keyText);
    const k = JSON.stringify(key);
    const prev = seen.get(k);
    if (prev === undefined) {
      seen.set(k, i);
      continue;
    }
    duplicates++;
    if (first.length < max) first.push({ key, rows: [lineOf(prev), lineOf(i)] });
  }
  if (duplicates > 0 && !opts.allowDuplicates) {
    const names = keyNames.length === 1 ? keyNames[0] : `(${keyNames.join(", ")})`;
    const list = first.map((d) => `${d.key.length === 1 ? d.key[0] : `(${d.key.join(", ")})`} on rows ${d.rows[0]} and ${d.rows[1]}`).join("; ");
    throw new DataError(
      opts.file ?? "data",
      `${duplicates} row(s) repeat an earlier ${names} key; first: ${list}${duplicates > first.length ? `; and ${duplicates - first.length} more` : ""}. ` +
        `Duplicate keys make standard errors too small: remove them${opts.flag ? ` or pass ${opts.flag} to accept them` : ""}`,
      { row: first[0].rows[1] },
    );
  }
  return { duplicates, first };
}

/**
 * Check that the key columns `keyNames` of column-oriented data identify each
 * row once. Every key column must exist and have the same length.
 */
export function checkUniqueKeys(columns: Readonly<Record<string, ArrayLike<unknown>>>, keyNames: readonly string[], opts: KeyCheckOptions = {}): KeyCheckResult {
  const file = opts.file ?? "data";
  if (keyNames.length === 0) throw new Error("checkUniqueKeys: no key columns");
  const cols = keyNames.map((k) => {
    const c = Object.prototype.hasOwnProperty.call(columns, k) ? columns[k] : undefined;
    if (!c) throw new DataError(file, `key column "${k}" not found (columns: ${Object.keys(columns).join(", ")})`, { column: k });
    return c;
  });
  const n = cols[0].length;
  cols.forEach((c, j) => {
    if (c.length !== n) throw new Error(`checkUniqueKeys: key column "${keyNames[j]}" has ${c.length} values, "${keyNames[0]}" has ${n}`);
  });
  return findDuplicateKeys(n, (i) => cols.map((c) => c[i]), keyNames, opts);
}

/** {@link checkUniqueKeys} on a CSV table: key cells trimmed, rows named by their line in the file. */
export function checkTableKeys(t: CsvTable, keyNames: readonly string[], opts: Omit<KeyCheckOptions, "lineOf"> = {}): KeyCheckResult {
  const idx = keyNames.map((k) => t.col(k));
  return findDuplicateKeys(t.rows.length, (i) => idx.map((j) => t.rows[i][j].trim()), keyNames, { file: t.file, ...opts, lineOf: t.line });
}

/** Throw if two rows share a key; `keyOf` returns the key text of row i (the loaders' form). */
export function assertUniqueKeys(file: string, n: number, keyOf: (i: number) => string, lineOf: (i: number) => number = (i) => i + 1): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    const prev = seen.get(k);
    if (prev !== undefined) {
      throw new DataError(file, `duplicate key (${k}) also on row ${lineOf(prev)}`, { row: lineOf(i) });
    }
    seen.set(k, i);
  }
}
