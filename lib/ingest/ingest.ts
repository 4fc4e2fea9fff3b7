/**
 * Fast ingest of large tables into typed arrays: the front door of
 * lib/ingest/ingestCsv.ts (streaming CSV reader; in parallel for large files,
 * lib/ingest/ingestCsvParallel.ts) and lib/ingest/ingestParquet.ts
 * (DuckDB), plus the two checks a panel model needs on the result:
 *
 * - {@link completeCases}: listwise deletion counted by reason, the first
 *   offending column in the order given (feols' rule, "missing <column>");
 * - {@link findDuplicateKeyCodes}: duplicate (unit, time) keys, the first ones
 *   named by line. Works on the integer codes: a bitmap of L1·L2 cells when
 *   that is at most 2^28, else a sort of the packed keys. (lib/io/keys.ts
 *   `findDuplicateKeys` does the same on key values through a Map of strings:
 *   on the 1,000,000-row benchmark keys it took 1.2–1.3 s of CPU against
 *   9–14 ms here (2026-12-02), so the typed-array path keeps its own.)
 *
 * Used by `alliance fe` (lib/cli/fe.ts); any loader of a large table can call
 * {@link readColumns}.
 */
import { DataError } from "../io/dataError";
import type { CategoricalColumn, IngestSpec, IngestTable } from "./ingestCsv";
import { ingestCsvFile } from "./ingestCsvParallel";
import { ingestParquet } from "./ingestParquet";
import { mergeNumericLevels } from "../io/keys";

export { DEFAULT_NA, type CategoricalColumn, type IngestSpec, type IngestTable } from "./ingestCsv";

/** True for a path read as Parquet (by extension). */
export function isParquet(path: string): boolean {
  return /\.parquet$/i.test(path) || /\.parq$/i.test(path);
}

/**
 * Read the requested columns of a CSV or Parquet file (by extension).
 * `name` is the file as shown in messages. A header-only file is an error
 * ("no data rows in FILE"). A CSV of at least `spec.parallelMinBytes` (32 MiB)
 * is read by several threads (lib/ingest/ingestCsvParallel.ts), with the same
 * result as the sequential reader.
 */
export async function readColumns(
  path: string,
  spec: IngestSpec,
  name = path,
): Promise<IngestTable> {
  let t: IngestTable;
  if (isParquet(path)) {
    t = await ingestParquet(path, spec, name);
  } else t = await ingestCsvFile(path, spec, name);
  if (t.nrows === 0) throw new DataError(name, `no data rows in ${name} (only a header)`);
  // One rule for numbers as keys (lib/io/keys.ts canonicalKey): "1" and "1.0" are one level.
  for (const c of Object.keys(t.categorical)) {
    const m = mergeNumericLevels(t.categorical[c]);
    if (m.merged.length === 0) continue;
    t.categorical[c] = { codes: m.codes, levels: m.levels };
    const ex = m.merged
      .slice(0, 3)
      .map((g) => g.map((l) => `"${l}"`).join(" = "))
      .join("; ");
    (t.notes ??= []).push(
      `Column ${c}: ${m.merged.length} number${m.merged.length === 1 ? "" : "s"} spelled two ways read as one level each (${ex}${m.merged.length > 3 ? "; …" : ""}).`,
    );
  }
  return t;
}

/** A column for {@link completeCases}: numeric (NaN = missing) or categorical (code −1 = missing). */
export type CaseColumn =
  { name: string; values: Float64Array } | { name: string; codes: Int32Array };

export interface CompleteCases {
  /** Rows kept (indices into the input), ascending. */
  rows: Int32Array;
  /** Rows dropped, by reason "missing <column>" (first offending column). */
  dropped: Record<string, number>;
}

/** Rows with no missing value in any column; drops counted by the first offending column. */
export function completeCases(cols: readonly CaseColumn[], n: number): CompleteCases {
  const miss = new Uint8Array(n);
  const dropped: Record<string, number> = {};
  for (const c of cols) {
    let cnt = 0;
    if ("values" in c) {
      const v = c.values;
      for (let i = 0; i < n; i++) {
        if (v[i] !== v[i] && !miss[i]) {
          miss[i] = 1;
          cnt++;
        }
      }
    } else {
      const v = c.codes;
      for (let i = 0; i < n; i++) {
        if (v[i] < 0 && !miss[i]) {
          miss[i] = 1;
          cnt++;
        }
      }
    }
    if (cnt) dropped[`missing ${c.name}`] = (dropped[`missing ${c.name}`] ?? 0) + cnt;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (!miss[i]) m++;
  const rows = new Int32Array(m);
  for (let i = 0, j = 0; i < n; i++) if (!miss[i]) rows[j++] = i;
  return { rows, dropped };
}

export interface DuplicateKeys {
  /** Rows whose key occurred on an earlier row. */
  count: number;
  /** The first few: row (index) and the earlier row with the same key. */
  first: { row: number; earlier: number }[];
}

/**
 * Rows whose (a, b) key repeats an earlier row's; rows with a missing code
 * (−1) in a or b are not keys and are skipped.
 */
export function findDuplicateKeyCodes(
  a: CategoricalColumn,
  b: CategoricalColumn,
  maxList = 3,
  bitmapMax = 1 << 28,
): DuplicateKeys {
  const n = a.codes.length;
  const L1 = a.levels.length,
    L2 = b.levels.length;
  const ca = a.codes,
    cb = b.codes;
  const first: { row: number; earlier: number }[] = [];
  let count = 0;
  const earlierOf = (i: number): number => {
    for (let r = 0; r < i; r++) if (ca[r] === ca[i] && cb[r] === cb[i]) return r;
    return -1;
  };
  if (L1 * L2 <= bitmapMax) {
    const seen = new Uint8Array(L1 * L2);
    for (let i = 0; i < n; i++) {
      const x = ca[i],
        y = cb[i];
      if (x < 0 || y < 0) continue;
      const cell = x * L2 + y;
      if (seen[cell]) {
        count++;
        if (first.length < maxList) first.push({ row: i, earlier: earlierOf(i) });
      } else seen[cell] = 1;
    }
    return { count, first };
  }
  // Large key space: sort packed keys (exact below 2^53), ties by row.
  const idx = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (ca[i] >= 0 && cb[i] >= 0) idx[m++] = i;
  const key = new Float64Array(m);
  for (let j = 0; j < m; j++) key[j] = ca[idx[j]] * L2 + cb[idx[j]];
  const order = Array.from({ length: m }, (_, j) => j).sort(
    (p, q) => key[p] - key[q] || idx[p] - idx[q],
  );
  const dups: number[] = [];
  for (let j = 1; j < m; j++) if (key[order[j]] === key[order[j - 1]]) dups.push(idx[order[j]]);
  dups.sort((p, q) => p - q);
  for (const i of dups.slice(0, maxList)) first.push({ row: i, earlier: earlierOf(i) });
  return { count: dups.length, first };
}

/** The message of a duplicate-key error or note, naming the first duplicates by line. */
export function describeDuplicateKeys(
  t: IngestTable,
  keys: [string, string],
  d: DuplicateKeys,
): string {
  const [ka, kb] = keys;
  const a = t.categorical[ka],
    b = t.categorical[kb];
  const where = t.format === "csv" ? "line" : "row";
  const list = d.first
    .map(
      (f) =>
        `(${a.levels[a.codes[f.row]]}, ${b.levels[b.codes[f.row]]}) on ${where}s ${t.line(f.earlier)} and ${t.line(f.row)}`,
    )
    .join("; ");
  return `${d.count} ${d.count === 1 ? "row repeats" : "rows repeat"} an earlier (${ka}, ${kb}) key: ${list}${d.count > d.first.length ? "; …" : ""}`;
}
