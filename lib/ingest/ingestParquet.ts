/**
 * Parquet ingest through DuckDB (`@duckdb/node-api`, multi-threaded
 * `read_parquet`), into the same typed-array table as the CSV reader
 * (lib/ingest/ingestCsv.ts), with the same checks where they apply:
 *
 * - column names are taken from the file's schema (`parquet_schema`), so a
 *   duplicate name is an error instead of DuckDB's silent renaming;
 * - a numeric column must have a numeric Parquet type (integers, floats,
 *   decimals); text is refused rather than cast (DuckDB's cast would accept
 *   `inf`, `nan` and `0x10`-style literals); NULL is a missing value;
 *   NaN and ±Infinity are errors naming the row;
 * - column names and types come from the schema's top level, paired by name:
 *   a STRUCT or LIST column anywhere is skipped with its children;
 * - a categorical column may be text, integers or decimals, read as text so
 *   that 64-bit ids stay exact (ids above 2^53 as doubles would merge);
 *   numbers spelled two ways are one level (lib/io/keys.ts canonicalKey,
 *   applied by readColumns); NULL is missing;
 * - strings are UTF-8 by the Parquet spec and DuckDB refuses invalid UTF-8.
 *
 * Rows in messages are 1-based data rows (a Parquet file has no lines).
 *
 * What Parquet can detect about a damaged file: the footer (schema, row
 * groups, offsets) is framed by the magic bytes "PAR1" and its length, and
 * the pages are compressed and encoded, so most flipped bytes in the footer,
 * in page headers or in compressed data make the file unreadable (an error
 * here). Page CRC-32 checksums are optional in the format and most writers
 * (DuckDB's among them) do not write them: a flipped byte inside the
 * uncompressed values of a plain-encoded page can give a valid file with a
 * different value and no error. The data layer's SHA-256 manifest
 * (lib/io/manifest.ts) is what detects such a change in a raw file; a Parquet
 * file given to the CLI is read as it is.
 * Results are streamed chunk by chunk (2048 rows), so memory is the output
 * columns plus DuckDB's buffers.
 */
import { statSync } from "node:fs";
import { DataError } from "../io/dataError";
import type { CategoricalColumn, IngestSpec, IngestTable } from "./ingestCsv";

const NUMERIC_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;
const TEXT_TYPES = /^(VARCHAR|BOOLEAN|DATE)$/;

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const sqlIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * The top-level column names of a Parquet schema given in preorder (the
 * root first, then each node followed by its num_children children).
 */
export function topLevelNames(nodes: readonly { name: string; children: number }[]): string[] {
  if (nodes.length === 0) return [];
  const out: string[] = [];
  let i = 1;
  const skip = (): void => {
    const c = nodes[i++]?.children ?? 0;
    for (let k = 0; k < c; k++) skip();
  };
  for (let k = 0; k < nodes[0].children && i < nodes.length; k++) {
    out.push(nodes[i].name);
    skip();
  }
  return out;
}

/** Read the `numeric` and `categorical` columns of a Parquet file. */
export async function ingestParquet(path: string, spec: IngestSpec, name = path): Promise<IngestTable> {
  // Loaded here, not at the top: the native module costs start-up time a CSV run does not need.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const bytes = statSync(path).size;
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  const err = (m: string, w: { row?: number; column?: string } = {}) => new DataError(name, m, w);
  try {
    const src = `read_parquet(${sqlString(path)})`;
    let schema: { name: string; type: string }[];
    try {
      // The file's own top-level names: parquet_schema lists every node of the
      // schema tree in preorder (row 0 the root), so a STRUCT or LIST column's
      // children are skipped by their num_children, not taken as columns.
      const sch = await con.runAndReadAll(`SELECT name, num_children FROM parquet_schema(${sqlString(path)})`);
      const names = topLevelNames(sch.getRowObjects().map((r) => ({ name: String(r.name), children: Number(r.num_children ?? 0) })));
      // DuckDB's types of the top-level columns, paired by name (DuckDB renames
      // only duplicates, which are refused below).
      const desc = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`);
      const types = new Map(desc.getRowObjects().map((r) => [String(r.column_name), String(r.column_type)]));
      schema = names.map((n) => ({ name: n, type: types.get(n) ?? "?" }));
    } catch (e) {
      throw err(`not a readable Parquet file: ${(e as Error).message.split("\n")[0]}`);
    }
    const header = schema.map((c) => c.name);
    const seen = new Map<string, number>();
    header.forEach((h, j) => {
      const k = seen.get(h);
      if (k !== undefined) throw err(`duplicate column name "${h}" (columns ${k + 1} and ${j + 1}); rename one of them`, { column: h });
      seen.set(h, j);
    });
    const numNames = spec.numeric ?? [];
    const catNames = spec.categorical ?? [];
    for (const req of [...numNames, ...catNames]) {
      if (!seen.has(req)) throw err(`missing required column "${req}" (header has: ${header.join(", ")})`, { column: req });
    }
    for (const c of numNames) {
      const t = schema[seen.get(c) as number].type;
      if (!NUMERIC_TYPES.test(t)) throw err(`column "${c}" has type ${t}; a numeric column is needed`, { column: c });
    }
    for (const c of catNames) {
      const t = schema[seen.get(c) as number].type;
      if (!NUMERIC_TYPES.test(t) && !TEXT_TYPES.test(t)) throw err(`column "${c}" has type ${t}; categories must be text or integers`, { column: c });
    }
    const countRes = await con.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${src}`);
    const n = Number(countRes.getRowObjects()[0].n);
    const numeric: Record<string, Float64Array> = {};
    const missing: Record<string, number> = {};
    const numOut = numNames.map((c) => (numeric[c] = new Float64Array(n)));
    const numMiss = new Float64Array(numNames.length);
    const catCodes = catNames.map(() => new Int32Array(n));
    const catMaps = catNames.map(() => new Map<string, number>());
    const catLevels: string[][] = catNames.map(() => []);
    const catMiss = new Float64Array(catNames.length);
    const cols = [
      ...numNames.map((c) => `${sqlIdent(c)}::DOUBLE`),
      // Categories as text: a BIGINT id above 2^53 stays exact (as a DOUBLE, 9007199254740993 would merge with …992).
      ...catNames.map((c) => `${sqlIdent(c)}::VARCHAR`),
    ];
    let result;
    try {
      result = await con.stream(`SELECT ${cols.join(", ")} FROM ${src}`);
    } catch (e) {
      throw err(`cannot read: ${(e as Error).message.split("\n")[0]}`);
    }
    let off = 0;
    for (;;) {
      let chunk;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        throw err(`cannot read (near row ${off + 1}): ${(e as Error).message.split("\n")[0]}`);
      }
      if (!chunk || chunk.rowCount === 0) break;
      const m = chunk.rowCount;
      if (off + m > n) throw err(`more rows than the file's metadata says (${n})`);
      for (let k = 0; k < numNames.length; k++) {
        const v = chunk.getColumnVector(k);
        const out = numOut[k];
        for (let i = 0; i < m; i++) {
          const x = v.getItem(i);
          if (x === null) {
            out[off + i] = NaN;
            numMiss[k]++;
          } else {
            const d = Number(x);
            if (!Number.isFinite(d)) throw err(`not a finite number: ${d}`, { row: off + i + 1, column: numNames[k] });
            out[off + i] = d;
          }
        }
      }
      for (let k = 0; k < catNames.length; k++) {
        const v = chunk.getColumnVector(numNames.length + k);
        const codes = catCodes[k], map = catMaps[k], levels = catLevels[k];
        for (let i = 0; i < m; i++) {
          const x = v.getItem(i);
          if (x === null) {
            codes[off + i] = -1;
            catMiss[k]++;
            continue;
          }
          const key = String(x);
          let c = map.get(key);
          if (c === undefined) {
            c = levels.length;
            map.set(key, c);
            levels.push(key);
          }
          codes[off + i] = c;
        }
      }
      off += m;
    }
    if (off !== n) throw err(`read ${off} rows, the file's metadata says ${n}`);
    numNames.forEach((c, k) => (missing[c] = numMiss[k]));
    const categorical: Record<string, CategoricalColumn> = {};
    catNames.forEach((c, k) => {
      categorical[c] = { codes: catCodes[k], levels: catLevels[k].map(String) };
      missing[c] = Math.max(missing[c] ?? 0, catMiss[k]);
    });
    return { file: name, format: "parquet", header, nrows: n, numeric, categorical, missing, line: (i) => i + 1, bytes };
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}
