/**
 * Fast CSV ingest: a streaming byte-level reader that turns the columns a
 * model needs into typed arrays (numbers → Float64Array, categories →
 * Int32Array codes), for files of any size.
 *
 * Why hand-written rather than DuckDB (`@duckdb/node-api`, a dependency, used
 * for Parquet in ingestParquet.ts): on the 1,000,000-row, 8-column benchmark
 * CSV (116 MB, bench/ingest.bench.ts) DuckDB 1.5.5's `read_csv` with 2
 * threads took 1.37–1.92 s for the query plus 0.24–0.30 s to copy its
 * 2048-row chunks into typed arrays, at 400 MB peak RSS (2026-12-02, this
 * 2-core machine, under the load of other jobs). This reader does the same
 * file in about 0.4 s at about 100 MB above the columns themselves
 * (figures in docs/estimation.md), and it owns every rule below; DuckDB would
 * still need a second pass for them (its DOUBLE cast accepts `inf` and `nan`,
 * it renames duplicate header names, its errors do not name our row/column).
 * A string per cell (what the validated reader lib/io/csv.ts hands out, and
 * what csv-parse did) is what made reading this file slow (11 s with csv-parse).
 *
 * Tokenizing is the project's one tokenizer (lib/io/csvTokenizer.ts: quotes,
 * line ends, empty lines, BOM, strict UTF-8, gzip and CR-only refusals, line
 * numbers, blocks and byte ranges), which this reader extends. What it adds:
 * - a fast path for plain records (no quote, padding or missing token):
 *   numbers are parsed straight from the bytes as the fields are
 *   cut; any other record is handed to the tokenizer's general path
 *   ({@link CsvTokenizer.nextRecord}) and stored by storeRecord.
 * - The header is the first non-empty record; names are trimmed; a duplicate
 *   name is an error; `required` columns must be present.
 * - Every record has exactly as many fields as the header (else an error
 *   naming the line).
 * - Numeric cells are trimmed (space, tab) and must be decimal numerals
 *   (lib/io/decimal.ts grammar: no `0x10`, `Infinity`, `1_000`, overflow);
 *   the missing-value tokens (default "", "NA", ".") give NaN and are counted,
 *   quoted or not, numeric tokens ("-99") included (the fast path defers such
 *   cells to the general one). A character outside printable ASCII in a
 *   number is named by its code point (U+00A0 NO-BREAK SPACE).
 *   Conversion is exact: ≤ 15 significant digits and a power of ten ≤ 22 use
 *   Clinger's (1990) fast path (one correctly rounded multiply or divide of two
 *   exact doubles); anything else goes to JavaScript's `Number()`, which is
 *   correctly rounded, after the grammar check. So every value equals
 *   `Number(text)`, bit for bit.
 * - Categorical cells (fixed effects, clusters) are trimmed byte strings coded
 *   0, 1, … in order of first appearance; missing tokens give code −1.
 * - Errors are DataErrors naming the file, the 1-based physical line and the
 *   column, the first in file order whatever the block size.
 *
 * Streaming: the tokenizer reads 16 MiB blocks; memory is the output columns
 * plus one block. A reader can also parse one byte range of the file (a
 * part): that is how lib/ingest/ingestCsvParallel.ts reads a large file on
 * several threads, with the same result.
 *
 * References: Shafranovich (2005), RFC 4180; W. D. Clinger (1990), "How to
 * read floating point numbers accurately", PLDI '90, 92–101.
 */
import { closeSync, fstatSync, openSync } from "node:fs";
import { DataError } from "../io/dataError";
import { numeralHint } from "../io/decimal";
import { CsvTokenizer, fileSource, STRADDLE, type TokenizerRange } from "../io/csvTokenizer";

export const DEFAULT_NA: readonly string[] = ["", "NA", "."];

export interface IngestSpec {
  /** Columns parsed as numbers (NaN = missing token). */
  numeric?: readonly string[];
  /** Columns coded as categories (code −1 = missing token). */
  categorical?: readonly string[];
  /** Missing-value tokens (after trimming); default "", "NA", ".". */
  na?: readonly string[];
  /** One-byte field delimiter; default ",". */
  delimiter?: string;
  /** Called now and then with bytes read so far and the file size. */
  onProgress?: (done: number, total: number) => void;
  /** Read block in bytes (default 16 MiB; tests use tiny blocks to cross every boundary). */
  blockSize?: number;
  /** Longest record in bytes (default 64 MiB). */
  maxRecord?: number;
  /**
   * Parallel CSV read (lib/ingest/ingestCsvParallel.ts, used by readColumns):
   * threads in all, the main one included (default min(availableParallelism(), 4);
   * 1 = sequential).
   */
  threads?: number;
  /** Files of at least this many bytes are read in parallel (default 32 MiB). */
  parallelMinBytes?: number;
  /** Byte ranges the data are cut into (default max(4 per thread, one per 32 MiB)). */
  parallelParts?: number;
}

/** Level texts of a categorical column as bytes (see Levels.raw). */
export interface RawLevels {
  bytes: Uint8Array;
  offs: Int32Array;
  n: number;
}

/**
 * The parse of one byte range of a CSV file (a part of a parallel read,
 * lib/ingest/ingestCsvParallel.ts). Line numbers are local: line 1 is the part's
 * first line (for the first part, the file's).
 */
export interface CsvPart {
  /** Rows parsed. */
  n: number;
  /** Numeric columns (spec order), at least n long. */
  numeric: Float64Array[];
  /** Categorical codes (spec order) in the part's own level ids, at least n long. */
  codes: Int32Array[];
  levels: RawLevels[];
  numMiss: number[];
  catMiss: number[];
  /** Line of each row, or null when row i is on line firstLine + i. */
  lines: Int32Array | null;
  firstLine: number;
  /** Line feeds in the part (the first line of the next part is lineCount + 1). */
  lineCount: number;
  /** The rows are in the arrays given by setOutput (numeric and codes are those views, or empty once posted). */
  inPlace: boolean;
  /** The part ended inside a quoted field (its end is not a record boundary). */
  straddle: boolean;
  /** The first DataError: message without the location, local line, column. */
  error?: { reason: string; row?: number; column?: string };
}

/** A categorical column: codes 0..levels.length−1 in order of first appearance, −1 = missing. */
export interface CategoricalColumn {
  codes: Int32Array;
  levels: string[];
}

/** Columns read from a file, as typed arrays. */
export interface IngestTable {
  /** The file as named in messages. */
  file: string;
  format: "csv" | "parquet";
  header: string[];
  /** Data rows read (missing values included). */
  nrows: number;
  numeric: Record<string, Float64Array>;
  categorical: Record<string, CategoricalColumn>;
  /** Missing-token cells per column read. */
  missing: Record<string, number>;
  /** Where data row i is, for messages: CSV = physical line; Parquet = 1-based row. */
  line(i: number): number;
  /** Bytes of the input file. */
  bytes: number;
  /** What the reader changed and the user must be told (e.g. levels merged by lib/io/keys.ts canonicalKey). */
  notes?: string[];
}

/**
 * The tokenizer's onRead for a reader: a part reports the bytes it read to its
 * owner (range.onRead); a whole-file reader calls spec.onProgress.
 */
function progress(
  range: { onRead?: (bytes: number) => void },
  spec: IngestSpec,
  size: number,
): TokenizerRange["onRead"] {
  const { onRead } = range;
  if (onRead) return (block) => onRead(block.length);
  const { onProgress } = spec;
  if (!onProgress) return undefined;
  let total = 0;
  return (block) => {
    total += block.length;
    onProgress(total, size);
  };
}

// The bytes of lib/io/csvTokenizer.ts, as local constants: an imported binding
// is a getter call under tsx's CommonJS output, which doubled the hot loop's time.
const QUOTE = 34,
  LF = 10,
  CR = 13,
  SPACE = 32,
  TAB = 9;

/** 10^0 … 10^22: exactly representable doubles (Clinger's fast path). */
const P10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Open-addressing hash table of byte strings → level ids (first appearance). */
class Levels {
  private slots = new Int32Array(1024).fill(-1);
  private hashes = new Int32Array(256);
  private offs = new Int32Array(257);
  private arena = Buffer.allocUnsafe(4096);
  private used = 0;
  n = 0;

  /** Codes of canonical decimal integers (no sign, no leading zero), by value. */
  private ints = new Int32Array(0);

  /**
   * Level id of the byte string b[s, e). A canonical decimal integer below
   * 2^24 ("0", "17", not "017") is looked up by value in a table (the common
   * case of numeric ids, cheaper than hashing); anything else by hash. A
   * given text always takes the same route, so ids stay one per text.
   */
  codeAuto(b: Uint8Array, s: number, e: number): number {
    const len = e - s;
    if (len > 0 && len <= 8) {
      const c0 = b[s];
      if ((c0 >= 49 && c0 <= 57) || (c0 === 48 && len === 1)) {
        let v = 0,
          k = s;
        for (; k < e; k++) {
          const d = b[k] - 48;
          if (d < 0 || d > 9) break;
          v = v * 10 + d;
        }
        if (k === e) {
          if (v < this.ints.length) {
            const id = this.ints[v];
            if (id >= 0) return id;
          } else {
            const t = new Int32Array(Math.max(v + 1, this.ints.length * 2, 1024)).fill(-1);
            t.set(this.ints);
            this.ints = t;
          }
          return (this.ints[v] = this.code(b, s, e));
        }
      }
    }
    return this.code(b, s, e);
  }

  code(b: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let p = s; p < e; p++) h = Math.imul(h ^ b[p], 16777619);
    const mask = this.slots.length - 1;
    let i = h & mask;
    const len = e - s;
    for (;;) {
      const id = this.slots[i];
      if (id < 0) break;
      if (this.hashes[id] === h) {
        const o = this.offs[id];
        if (this.offs[id + 1] - o === len) {
          let eq = true;
          for (let k = 0; k < len; k++) {
            if (this.arena[o + k] !== b[s + k]) {
              eq = false;
              break;
            }
          }
          if (eq) return id;
        }
      }
      i = (i + 1) & mask;
    }
    const id = this.n++;
    if (id + 1 >= this.hashes.length) {
      const h2 = new Int32Array(this.hashes.length * 2);
      h2.set(this.hashes);
      this.hashes = h2;
      const o2 = new Int32Array(this.offs.length * 2);
      o2.set(this.offs);
      this.offs = o2;
    }
    if (this.used + len > this.arena.length) {
      const a2 = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + len));
      this.arena.copy(a2, 0, 0, this.used);
      this.arena = a2;
    }
    for (let k = 0; k < len; k++) this.arena[this.used + k] = b[s + k];
    this.used += len;
    this.hashes[id] = h;
    this.offs[id + 1] = this.used;
    this.slots[i] = id;
    if (this.n * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.n; id++) {
      let i = this.hashes[id] & mask;
      while (slots[i] >= 0) i = (i + 1) & mask;
      slots[i] = id;
    }
    this.slots = slots;
  }

  /** The level texts as UTF-8 bytes: level id's text is bytes[offs[id], offs[id + 1]). */
  raw(): RawLevels {
    return {
      bytes: Uint8Array.prototype.slice.call(this.arena, 0, this.used),
      offs: this.offs.slice(0, this.n + 1),
      n: this.n,
    };
  }

  /**
   * Add the levels of another part in their order (those not yet here get the
   * next ids); returns local id → id here. So the levels of parts merged in
   * file order are in order of first appearance in the file.
   */
  merge(r: RawLevels): Int32Array {
    const map = new Int32Array(r.n);
    for (let id = 0; id < r.n; id++) map[id] = this.codeAuto(r.bytes, r.offs[id], r.offs[id + 1]);
    return map;
  }

  strings(): string[] {
    const out = new Array<string>(this.n);
    for (let id = 0; id < this.n; id++)
      out[id] = this.arena.toString("utf8", this.offs[id], this.offs[id + 1]);
    return out;
  }
}

/**
 * Levels of the parts of one column (file order) as one list in order of
 * first appearance; maps[j] = part j's level id → merged id (null when the
 * same, as for the first part).
 */
export function mergeLevels(raws: readonly RawLevels[]): {
  levels: string[];
  maps: (Int32Array | null)[];
} {
  const all = new Levels();
  const maps = raws.map((r) => {
    const m = all.merge(r);
    let same = true;
    for (let i = 0; i < m.length && same; i++) same = m[i] === i;
    return same ? null : m;
  });
  return { levels: all.strings(), maps };
}

/**
 * Read the `numeric` and `categorical` columns of a CSV file (see the module
 * comment for the rules). `name` is the file as shown in messages.
 */
export function ingestCsv(path: string, spec: IngestSpec, name = path): IngestTable {
  const fd = openSync(path, "r");
  try {
    return new CsvReader(fd, fstatSync(fd).size, name, spec).run();
  } finally {
    closeSync(fd);
  }
}

/**
 * The reader's state. A class rather than closures so that V8 keeps the hot
 * loop ({@link CsvReader.fastRun}) on local variables. Exported for
 * lib/ingest/ingestCsvParallel.ts and lib/ingest/ingestCsvWorker.ts: a reader of the
 * whole file reads the header ({@link CsvReader.header}); a part reader gets
 * a byte range and the header ({@link CsvReader.columns}); both then
 * {@link CsvReader.parsePart}.
 */
export class CsvReader extends CsvTokenizer {
  private width = 0;
  private headerLine = 0;
  private numNames: readonly string[];
  private catNames: readonly string[];
  private numK = new Int32Array(0);
  private catK = new Int32Array(0);
  private numOut: Float64Array[] = [];
  private catOut: Int32Array[] = [];
  private levels: Levels[] = [];
  private numMiss: Float64Array;
  private catMiss: Float64Array;
  private lines: Int32Array | null = null;
  private n = 0;
  private both = false;
  /** Output arrays given by setOutput, not yet outgrown. */
  private external = false;
  private rowCap = 1 << 16;
  private grown = false;
  private readonly naTokens: Buffer[];
  private readonly naMax: number;
  /** Some missing-value token is a number (e.g. "-99"): numeric cells are checked against the tokens. */
  private readonly numericNa: boolean;

  constructor(
    fd: number,
    private readonly size: number,
    name: string,
    private readonly spec: IngestSpec,
    range: { start: number; end: number; buf?: Buffer; onRead?: (bytes: number) => void } = {
      start: 0,
      end: size,
    },
  ) {
    super(
      fileSource(fd, size),
      name,
      {
        delimiter: spec.delimiter,
        blockSize: spec.blockSize,
        maxRecord: spec.maxRecord,
      },
      { start: range.start, end: range.end, buf: range.buf, onRead: progress(range, spec, size) },
    );
    this.numNames = spec.numeric ?? [];
    this.catNames = spec.categorical ?? [];
    this.naTokens = (spec.na ?? DEFAULT_NA).map((t) => Buffer.from(t, "utf8"));
    this.naMax = Math.max(0, ...this.naTokens.map((t) => t.length));
    this.numericNa = (spec.na ?? DEFAULT_NA).some((t) => DECIMAL.test(t.trim()));
    this.numMiss = new Float64Array(this.numNames.length);
    this.catMiss = new Float64Array(this.catNames.length);
  }

  private readHeader(): string[] {
    const header = this.begin() ? this.headerRecord() : null;
    if (header === null) throw this.err("file is empty (no header row)");
    this.headerLine = this.recLine;
    return header;
  }

  run(): IngestTable {
    const header = this.readHeader();
    this.columns(header);
    this.parse();
    const n = this.n;
    const numeric: Record<string, Float64Array> = {};
    const categorical: Record<string, CategoricalColumn> = {};
    const missing: Record<string, number> = {};
    this.numNames.forEach((c, k) => {
      numeric[c] = this.numOut[k].subarray(0, n);
      missing[c] = this.numMiss[k];
    });
    this.catNames.forEach((c, k) => {
      categorical[c] = { codes: this.catOut[k].subarray(0, n), levels: this.levels[k].strings() };
      missing[c] = Math.max(missing[c] ?? 0, this.catMiss[k]);
    });
    const lines = this.lines;
    const base = this.headerLine + 1;
    return {
      file: this.name,
      format: "csv",
      header,
      nrows: n,
      numeric,
      categorical,
      missing,
      line: lines ? (i) => lines[i] : (i) => base + i,
      bytes: this.size,
    };
  }

  /** Read the header (first non-empty record) and check it against the spec. */
  header(): string[] {
    const header = this.readHeader();
    this.columns(header);
    return header;
  }

  /** Map the requested columns to header positions (with the header checks) and allocate the output. */
  columns(header: readonly string[]): void {
    const width = (this.width = header.length);
    const seen = new Map<string, number>();
    header.forEach((h, j) => {
      const k = seen.get(h);
      if (k !== undefined)
        throw this.err(
          `duplicate column name "${h}" (columns ${k + 1} and ${j + 1}); rename one of them`,
          { row: this.headerLine, column: h },
        );
      seen.set(h, j);
    });
    for (const req of [...this.numNames, ...this.catNames]) {
      if (!seen.has(req))
        throw this.err(`missing required column "${req}" (header has: ${header.join(", ")})`, {
          row: this.headerLine,
          column: req,
        });
    }
    this.numK = new Int32Array(width).fill(-1);
    this.catK = new Int32Array(width).fill(-1);
    this.both = false;
    this.numNames.forEach((c, k) => (this.numK[seen.get(c) as number] = k));
    this.catNames.forEach((c, k) => {
      const j = seen.get(c) as number;
      if (this.numK[j] >= 0) this.both = true;
      this.catK[j] = k;
    });
    this.numOut = this.numNames.map(() => new Float64Array(this.rowCap));
    this.catOut = this.catNames.map(() => new Int32Array(this.rowCap));
    this.levels = this.catNames.map(() => new Levels());
  }

  /**
   * Write the rows into these arrays (spec order, all `cap` long; e.g. views
   * on the shared columns of a parallel read) until they are full; then the
   * reader goes on in arrays of its own (growRows).
   */
  setOutput(numeric: Float64Array[], codes: Int32Array[], cap: number): void {
    if (this.n !== 0) throw new Error("setOutput after rows were read");
    this.numOut = numeric;
    this.catOut = codes;
    this.rowCap = cap;
    this.external = true;
  }

  /** Parse the records up to the end of the range. */
  private parse(): void {
    const both = this.both;
    for (;;) {
      if (this.pos >= this.limit && !this.nextRegion()) break;
      if (this.n === this.rowCap) this.growRows();
      if (both || !this.fastRun()) {
        const r = this.nextRecord();
        if (r === null) break;
        if (r) this.storeRecord();
        else this.irregular();
      }
    }
  }

  /**
   * Parse the range as one part of a parallel read (after {@link header} or
   * {@link columns}). A DataError and a quoted field left open at the end of
   * the range (when the range ends before the file) come back as data.
   */
  parsePart(): CsvPart {
    let error: CsvPart["error"];
    let straddle = false;
    try {
      this.parse();
    } catch (e) {
      if (e === STRADDLE) straddle = true;
      else {
        // This reader's own errors come back as data (rebuilt with the file line); anything else is rethrown.
        if (!(e instanceof DataError) || e.file !== this.name) throw e;
        error = { reason: e.reason, row: e.row, column: e.column };
      }
    }
    return {
      n: this.n,
      numeric: this.numOut,
      codes: this.catOut,
      levels: this.levels.map((l) => l.raw()),
      numMiss: Array.from(this.numMiss),
      catMiss: Array.from(this.catMiss),
      lines: this.lines,
      firstLine: this.headerLine + 1,
      lineCount: this.line - 1,
      inPlace: this.external,
      straddle,
      error,
    };
  }

  /** From now on keep one line number per row (empty lines or quoted line breaks seen). */
  private irregular(): void {
    if (this.lines) return;
    const lines = new Int32Array(this.rowCap);
    const base = this.headerLine + 1;
    for (let i = 0; i < this.n; i++) lines[i] = base + i;
    this.lines = lines;
  }

  private growRows(): void {
    // First growth: size from the bytes per row so far (+2%); later ones 1.5x.
    const consumed = this.readTotal - (this.len - this.pos);
    const guess = this.grown
      ? 0
      : Math.ceil(((this.end - this.start) / Math.max(1, consumed)) * this.n * 1.02);
    this.grown = true;
    this.external = false;
    const c2 = Math.max(Math.ceil(this.rowCap * 1.5), guess, 1024);
    this.numOut = this.numOut.map((a) => {
      const b = new Float64Array(c2);
      b.set(a);
      return b;
    });
    this.catOut = this.catOut.map((a) => {
      const b = new Int32Array(c2);
      b.set(a);
      return b;
    });
    if (this.lines) {
      const b = new Int32Array(c2);
      b.set(this.lines);
      this.lines = b;
    }
    this.rowCap = c2;
  }

  private isNa(b: Uint8Array, s: number, e: number): boolean {
    const len = e - s;
    if (len > this.naMax) return false;
    for (const t of this.naTokens) {
      if (t.length !== len) continue;
      let k = 0;
      while (k < len && t[k] === b[s + k]) k++;
      if (k === len) return true;
    }
    return false;
  }

  /** Store the record tokenized by record() (general path; every check with its message). */
  private storeRecord(): void {
    if (this.nf !== this.width)
      throw this.err(
        `expected ${this.width} fields, found ${this.nf} (truncated or malformed line)`,
        { row: this.recLine },
      );
    const n = this.n;
    if (!this.lines && this.recLine !== this.headerLine + 1 + n) this.irregular();
    if (this.lines) this.lines[n] = this.recLine;
    for (let j = 0; j < this.width; j++) {
      const b = this.fq[j] ? this.scratch : this.buf;
      const s0 = this.fs[j],
        e0 = this.fe[j];
      let s = s0,
        e = e0;
      while (s < e && (b[s] === SPACE || b[s] === TAB)) s++;
      while (e > s && (b[e - 1] === SPACE || b[e - 1] === TAB)) e--;
      const k = this.numK[j];
      if (k >= 0) {
        const v = this.isNa(b, s, e) ? NaN : this.number(b, s0, e0, s, e, this.numNames[k]);
        if (v !== v) this.numMiss[k]++;
        this.numOut[k][n] = v;
      }
      const kc = this.catK[j];
      if (kc >= 0) {
        if (this.isNa(b, s, e)) {
          this.catOut[kc][n] = -1;
          this.catMiss[kc]++;
        } else this.catOut[kc][n] = this.levels[kc].codeAuto(b, s, e);
      }
    }
    this.n = n + 1;
  }

  /** A trimmed numeric cell [s, e) (raw [s0, e0)) that is not a missing token. */
  private number(b: Buffer, s0: number, e0: number, s: number, e: number, col: string): number {
    const t = b.toString("latin1", s, e);
    const raw = (): string => b.toString("utf8", s0, e0);
    if (DECIMAL.test(t)) {
      const v = Number(t);
      if (Number.isFinite(v)) return v;
      throw this.err(`not a finite number: "${raw()}" (overflows a double)`, {
        row: this.recLine,
        column: col,
      });
    }
    if (/^[+-]?0[xXoObB]/.test(t)) {
      throw this.err(
        `not a number: "${raw()}" (numbers must be decimal; hexadecimal, octal and binary numerals are refused)`,
        { row: this.recLine, column: col },
      );
    }
    throw this.err(`not a number: "${raw()}"${numeralHint(raw())}`, {
      row: this.recLine,
      column: col,
    });
  }

  /**
   * The hot loop: records without quotes, empty lines, padding spaces or
   * missing tokens, parsed straight from the bytes. Returns true when it
   * stopped at the region's end or the output's capacity, false when the
   * record at pos needs the general path (pos is left at its start).
   */
  private fastRun(): boolean {
    const b = this.buf,
      lim = this.limit,
      lines = this.lines,
      cap = this.rowCap;
    let p = this.pos,
      n = this.n,
      line = this.line;
    let ok = true;
    while (p < lim) {
      if (n === cap) break;
      const next = b[p] === LF || b[p] === CR ? -1 : this.fastRecord(p, n);
      if (next < 0) {
        ok = false;
        break;
      }
      p = next;
      if (lines) lines[n] = line;
      n++;
      line++;
    }
    this.pos = p;
    this.n = n;
    this.line = line;
    return ok;
  }

  /**
   * One record of the fast path starting at byte p, stored as output row n.
   * Returns the start of the next record, or −1 when this one needs the
   * general path (row n may then hold part of it; the general path rewrites it).
   * Every region ends with a line feed (nextRegion), and a line feed stops
   * every scan below, so bytes are read without bounds checks.
   */
  private fastRecord(p: number, n: number): number {
    const { buf: b, delim: D, width, numK, catK, levels, naMax } = this;
    const last = width - 1;
    for (let j = 0; j < width; j++) {
      const k = numK[j];
      let q = p;
      if (k >= 0) {
        let neg = false;
        let c = b[q];
        if (c === 45) {
          neg = true;
          c = b[++q];
        } else if (c === 43) c = b[++q];
        // m accumulates every digit; it is exact while below 2^53 (then all
        // partial values were too), which is the condition of the fast path.
        let m = 0,
          ex = 0,
          nd = 0;
        let d = c - 48;
        while (d >= 0 && d <= 9) {
          m = m * 10 + d;
          nd++;
          d = b[++q] - 48;
        }
        if (b[q] === 46) {
          d = b[++q] - 48;
          while (d >= 0 && d <= 9) {
            m = m * 10 + d;
            ex--;
            nd++;
            d = b[++q] - 48;
          }
        }
        if (nd === 0) return -1;
        c = b[q];
        if (c === 101 || c === 69) {
          q = this.exponent(b, q + 1);
          if (q < 0) return -1;
          ex += this.expValue;
        }
        let v: number;
        if (m < 9007199254740992 && ex >= -22 && ex <= 22) {
          v = ex >= 0 ? m * P10[ex] : m / P10[-ex];
          if (neg) v = -v;
        } else {
          v = Number(b.toString("latin1", p, q));
          if (v - v !== 0) return -1;
        }
        // A numeric missing-value token ("-99") is missing, not a value: the general path counts it.
        if (this.numericNa && q - p <= naMax && this.isNa(b, p, q)) return -1;
        this.numOut[k][n] = v;
      } else {
        for (;;) {
          const c = b[q];
          if (c === D || c === LF || c === QUOTE || c === CR) break;
          q++;
        }
        const kc = catK[j];
        if (kc >= 0) {
          if (
            q === p ||
            b[p] === SPACE ||
            b[p] === TAB ||
            b[q - 1] === SPACE ||
            b[q - 1] === TAB ||
            (q - p <= naMax && this.isNa(b, p, q))
          )
            return -1;
          this.catOut[kc][n] = levels[kc].codeAuto(b, p, q);
        }
      }
      // The field must end with the delimiter (or the line end for the last one).
      if (j === last && b[q] === CR && b[q + 1] === LF) q++;
      if (b[q] !== (j < last ? D : LF)) return -1;
      p = q + 1;
    }
    return p;
  }

  /** The exponent's value of the last call to exponent(). */
  private expValue = 0;

  /**
   * The exponent of a number, after its "e" at byte q: its value goes to
   * expValue; returns the byte after it, or −1 when it has no digit.
   */
  private exponent(b: Buffer, q: number): number {
    let c = b[q];
    let eneg = false;
    if (c === 45 || c === 43) {
      eneg = c === 45;
      c = b[++q];
    }
    let ev = 0,
      ed = 0;
    let d = c - 48;
    while (d >= 0 && d <= 9) {
      if (ev < 100000) ev = ev * 10 + d;
      ed++;
      d = b[++q] - 48;
    }
    if (ed === 0) return -1;
    this.expValue = eneg ? -ev : ev;
    return q;
  }
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
