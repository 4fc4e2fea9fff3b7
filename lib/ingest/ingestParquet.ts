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

const NUMERIC_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/;
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

type ErrorAt = (m: string, w?: { row?: number; column?: string }) => DataError;
type Connection = Awaited<ReturnType<Awaited<ReturnType<typeof DuckDB>>["connect"]>>;
type Chunk = NonNullable<
  Awaited<ReturnType<Awaited<ReturnType<Connection["stream"]>>["fetchChunk"]>>
>;

async function DuckDB() {
  // Loaded here, not at the top: the native module costs start-up time a CSV run does not need.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  return DuckDBInstance.create(":memory:");
}

/** Read the `numeric` and `categorical` columns of a Parquet file. */
export async function ingestParquet(
  path: string,
  spec: IngestSpec,
  name = path,
): Promise<IngestTable> {
  const bytes = statSync(path).size;
  const inst = await DuckDB();
  const con = await inst.connect();
  const err: ErrorAt = (m, w = {}) => new DataError(name, m, w);
  try {
    const src = `read_parquet(${sqlString(path)})`;
    const schema = await readSchema(con, path, src, err);
    const header = schema.map((c) => c.name);
    const numNames = spec.numeric ?? [];
    const catNames = spec.categorical ?? [];
    checkColumns(schema, numNames, catNames, err);
    const countRes = await con.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${src}`);
    const n = Number(countRes.getRowObjects()[0].n);
    const sink = new ParquetColumns(numNames, catNames, n, err);
    await readRows(con, src, sink, err);
    if (sink.rows !== n) throw err(`read ${sink.rows} rows, the file's metadata says ${n}`);
    const { numeric, categorical, missing } = sink.result();
    return {
      file: name,
      format: "parquet",
      header,
      nrows: n,
      numeric,
      categorical,
      missing,
      line: (i) => i + 1,
      bytes,
    };
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

/** The file's top-level columns with DuckDB's type of each. */
async function readSchema(
  con: Connection,
  path: string,
  src: string,
  err: ErrorAt,
): Promise<{ name: string; type: string }[]> {
  try {
    // The file's own top-level names: parquet_schema lists every node of the
    // schema tree in preorder (row 0 the root), so a STRUCT or LIST column's
    // children are skipped by their num_children, not taken as columns.
    const sch = await con.runAndReadAll(
      `SELECT name, num_children FROM parquet_schema(${sqlString(path)})`,
    );
    const names = topLevelNames(
      sch
        .getRowObjects()
        .map((r) => ({ name: String(r.name), children: Number(r.num_children ?? 0) })),
    );
    // DuckDB's types of the top-level columns, paired by name (DuckDB renames
    // only duplicates, which are refused below).
    const desc = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${src}`);
    const types = new Map(
      desc.getRowObjects().map((r) => [String(r.column_name), String(r.column_type)]),
    );
    return names.map((n) => ({ name: n, type: types.get(n) ?? "?" }));
  } catch (e) {
    throw err(`not a readable Parquet file: ${(e as Error).message.split("\n")[0]}`);
  }
}

/** Refuse duplicate names, missing required columns and columns of the wrong type. */
function checkColumns(
  schema: readonly { name: string; type: string }[],
  numNames: readonly string[],
  catNames: readonly string[],
  err: ErrorAt,
): void {
  const header = schema.map((c) => c.name);
  const seen = new Map<string, { at: number; type: string }>();
  schema.forEach(({ name: h, type }, j) => {
    const k = seen.get(h);
    if (k !== undefined)
      throw err(
        `duplicate column name "${h}" (columns ${k.at + 1} and ${j + 1}); rename one of them`,
        { column: h },
      );
    seen.set(h, { at: j, type });
  });
  const typeOf = (c: string): string => {
    const col = seen.get(c);
    if (!col)
      throw err(`missing required column "${c}" (header has: ${header.join(", ")})`, { column: c });
    return col.type;
  };
  for (const req of [...numNames, ...catNames]) typeOf(req);
  for (const c of numNames) {
    const t = typeOf(c);
    if (!NUMERIC_TYPES.test(t))
      throw err(`column "${c}" has type ${t}; a numeric column is needed`, { column: c });
  }
  for (const c of catNames) {
    const t = typeOf(c);
    if (!NUMERIC_TYPES.test(t) && !TEXT_TYPES.test(t))
      throw err(`column "${c}" has type ${t}; categories must be text or integers`, { column: c });
  }
}

/** Stream the requested columns chunk by chunk into `sink`. */
async function readRows(
  con: Connection,
  src: string,
  sink: ParquetColumns,
  err: ErrorAt,
): Promise<void> {
  const cols = [
    ...sink.numNames.map((c) => `${sqlIdent(c)}::DOUBLE`),
    // Categories as text: a BIGINT id above 2^53 stays exact (as a DOUBLE, 9007199254740993 would merge with …992).
    ...sink.catNames.map((c) => `${sqlIdent(c)}::VARCHAR`),
  ];
  let result;
  try {
    result = await con.stream(`SELECT ${cols.join(", ")} FROM ${src}`);
  } catch (e) {
    throw err(`cannot read: ${(e as Error).message.split("\n")[0]}`);
  }
  for (;;) {
    let chunk;
    try {
      chunk = await result.fetchChunk();
    } catch (e) {
      throw err(`cannot read (near row ${sink.rows + 1}): ${(e as Error).message.split("\n")[0]}`);
    }
    if (!chunk || chunk.rowCount === 0) break;
    sink.add(chunk);
  }
}

/** The output columns of a Parquet read, filled chunk by chunk. */
class ParquetColumns {
  /** Rows stored so far. */
  rows = 0;
  private readonly numOut: Float64Array[];
  private readonly numMiss: Float64Array;
  private readonly catCodes: Int32Array[];
  private readonly catMaps: Map<string, number>[];
  private readonly catLevels: string[][];
  private readonly catMiss: Float64Array;

  constructor(
    readonly numNames: readonly string[],
    readonly catNames: readonly string[],
    private readonly n: number,
    private readonly err: ErrorAt,
  ) {
    this.numOut = numNames.map(() => new Float64Array(n));
    this.numMiss = new Float64Array(numNames.length);
    this.catCodes = catNames.map(() => new Int32Array(n));
    this.catMaps = catNames.map(() => new Map<string, number>());
    this.catLevels = catNames.map(() => []);
    this.catMiss = new Float64Array(catNames.length);
  }

  add(chunk: Chunk): void {
    const m = chunk.rowCount;
    if (this.rows + m > this.n)
      throw this.err(`more rows than the file's metadata says (${this.n})`);
    for (let k = 0; k < this.numNames.length; k++) this.addNumeric(chunk, k, m);
    for (let k = 0; k < this.catNames.length; k++) this.addCategorical(chunk, k, m);
    this.rows += m;
  }

  private addNumeric(chunk: Chunk, k: number, m: number): void {
    const v = chunk.getColumnVector(k);
    const out = this.numOut[k];
    const off = this.rows;
    for (let i = 0; i < m; i++) {
      const x = v.getItem(i);
      if (x === null) {
        out[off + i] = NaN;
        this.numMiss[k]++;
      } else {
        const d = Number(x);
        if (!Number.isFinite(d))
          throw this.err(`not a finite number: ${d}`, {
            row: off + i + 1,
            column: this.numNames[k],
          });
        out[off + i] = d;
      }
    }
  }

  private addCategorical(chunk: Chunk, k: number, m: number): void {
    const v = chunk.getColumnVector(this.numNames.length + k);
    const codes = this.catCodes[k],
      map = this.catMaps[k],
      levels = this.catLevels[k];
    const off = this.rows;
    for (let i = 0; i < m; i++) {
      const x = v.getItem(i);
      if (x === null) {
        codes[off + i] = -1;
        this.catMiss[k]++;
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

  result(): Pick<IngestTable, "numeric" | "categorical" | "missing"> {
    const numeric: Record<string, Float64Array> = {};
    const missing: Record<string, number> = {};
    this.numNames.forEach((c, k) => {
      numeric[c] = this.numOut[k];
      missing[c] = this.numMiss[k];
    });
    const categorical: Record<string, CategoricalColumn> = {};
    this.catNames.forEach((c, k) => {
      categorical[c] = { codes: this.catCodes[k], levels: this.catLevels[k].map(String) };
      missing[c] = Math.max(missing[c] ?? 0, this.catMiss[k]);
    });
    return { numeric, categorical, missing };
  }
}
