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

const keyText = (v: unknown): string =>
  v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))
    ? "NA"
    : // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a key cell of any type, as text by String() like every cell
      canonicalKey(typeof v === "bigint" ? v.toString() : String(v));

const NUMERAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The one rule for numbers used as keys (fixed-effect levels, clusters,
 * (unit, time) keys): a key that is a decimal numeral is replaced by the
 * canonical spelling of its exact value, so `1`, `1.0`, `01`, `+1` and `1e0`
 * are one key and `2003.0` is `2003`. The digits are rewritten as text, never
 * through a double, so integers above 2^53 stay distinct. Anything else is
 * returned as it is (text keys are not changed; "NA" is text here).
 */
export function canonicalKey(s: string): string {
  // optional groups that did not match are undefined (the exec type does not say so)
  const m: (string | undefined)[] | null = NUMERAL.exec(s);
  if (!m) return s;
  const whole = m[2] ?? "",
    frac = m[3] ?? ""; // group 2 always matches (maybe ""), group 3 only after a point
  if (whole === "" && frac === "") return s;
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return s;
  let digits = whole + frac;
  let point = whole.length + exp; // the decimal point sits after `point` digits
  const lead = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(lead);
  point -= lead;
  digits = digits.replace(/0+$/, "");
  if (digits === "") return "0";
  let out: string;
  if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else out = digits.slice(0, point) + "." + digits.slice(point);
  return (m[1] === "-" ? "-" : "") + out;
}

/**
 * Merge the levels of a categorical column that are the same number
 * ({@link canonicalKey}): codes are rewritten to the first spelling's code
 * and the levels renumbered in order of first appearance. Returns the column
 * unchanged (same object) when nothing merges, else the new column and the
 * spellings merged (for a note).
 */
export function mergeNumericLevels(col: { codes: Int32Array; levels: string[] }): {
  codes: Int32Array;
  levels: string[];
  merged: string[][];
} {
  const byKey = new Map<string, number>();
  const target = new Int32Array(col.levels.length);
  const levels: string[] = [];
  const groups: string[][] = [];
  col.levels.forEach((l, j) => {
    const k = canonicalKey(l);
    const t = byKey.get(k);
    if (t === undefined) {
      byKey.set(k, levels.length);
      target[j] = levels.length;
      levels.push(l);
      groups.push([l]);
    } else {
      target[j] = t;
      groups[t].push(l);
    }
  });
  if (levels.length === col.levels.length) return { ...col, merged: [] };
  const codes = new Int32Array(col.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = col.codes[i] < 0 ? -1 : target[col.codes[i]];
  return { codes, levels, merged: groups.filter((g) => g.length > 1) };
}

/**
 * Find rows whose key repeats an earlier row's key; throw a DataError naming
 * the first of them (row numbers and key values) unless `allowDuplicates`.
 * `keyOf(i)` gives the key values of element i.
 */
export function findDuplicateKeys(
  n: number,
  keyOf: (i: number) => readonly unknown[],
  keyNames: readonly string[],
  opts: KeyCheckOptions = {},
): KeyCheckResult {
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
    const list = first
      .map(
        (d) =>
          `${d.key.length === 1 ? d.key[0] : `(${d.key.join(", ")})`} on rows ${d.rows[0]} and ${d.rows[1]}`,
      )
      .join("; ");
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
export function checkUniqueKeys(
  columns: Readonly<Record<string, ArrayLike<unknown>>>,
  keyNames: readonly string[],
  opts: KeyCheckOptions = {},
): KeyCheckResult {
  const file = opts.file ?? "data";
  if (keyNames.length === 0) throw new Error("checkUniqueKeys: no key columns");
  const cols = keyNames.map((k) => {
    const c = Object.prototype.hasOwnProperty.call(columns, k) ? columns[k] : undefined;
    if (!c)
      throw new DataError(
        file,
        `key column "${k}" not found (columns: ${Object.keys(columns).join(", ")})`,
        { column: k },
      );
    return c;
  });
  const n = cols[0].length;
  cols.forEach((c, j) => {
    if (c.length !== n)
      throw new Error(
        `checkUniqueKeys: key column "${keyNames[j]}" has ${c.length} values, "${keyNames[0]}" has ${n}`,
      );
  });
  return findDuplicateKeys(n, (i) => cols.map((c) => c[i]), keyNames, opts);
}

/** {@link checkUniqueKeys} on a CSV table: key cells trimmed, rows named by their line in the file. */
export function checkTableKeys(
  t: CsvTable,
  keyNames: readonly string[],
  opts: Omit<KeyCheckOptions, "lineOf"> = {},
): KeyCheckResult {
  const idx = keyNames.map((k) => t.col(k));
  return findDuplicateKeys(t.rows.length, (i) => idx.map((j) => t.rows[i][j].trim()), keyNames, {
    file: t.file,
    ...opts,
    lineOf: (i) => t.line(i),
  });
}

/** Throw if two rows share a key; `keyOf` returns the key text of row i (the loaders' form). */
export function assertUniqueKeys(
  file: string,
  n: number,
  keyOf: (i: number) => string,
  lineOf: (i: number) => number = (i) => i + 1,
): void {
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    const prev = seen.get(k);
    if (prev !== undefined) {
      throw new DataError(file, `duplicate key (${k}) also on row ${lineOf(prev)}`, {
        row: lineOf(i),
      });
    }
    seen.set(k, i);
  }
}
