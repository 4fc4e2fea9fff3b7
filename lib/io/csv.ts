/**
 * Validated CSV reading on top of `csv-parse` (a maintained RFC 4180 parser).
 *
 * What this adds to the parser is what a replication needs: every error names
 * the file, the line and the column; required columns are checked by name;
 * a header that names a column twice is an error (naming both positions);
 * a row with the wrong number of fields (a truncated file) is an error, never
 * a silent short row; cells are converted with {@link num} / {@link int},
 * which accept decimal numerals only (lib/io/decimal.ts: no `0x10`,
 * `Infinity` or `1_000`) instead of producing NaN or a hexadecimal value.
 *
 * Bytes are decoded as strict UTF-8 (WHATWG UTF-8 decode without
 * replacement, as `new TextDecoder("utf-8", { fatal: true })`): an invalid
 * byte is an error naming its line, never a U+FFFD that would merge distinct
 * Latin-1 names; a leading BOM is skipped. Other encodings (the Apr2020 ideal
 * points are latin1) are declared with `encoding`.
 *
 * A file larger than `streamThreshold` (512 MiB, the order of V8's maximum
 * string length) is read in chunks that are hashed, validated and fed to the
 * parser one by one, so it never becomes one JavaScript string.
 *
 * Two tokenizers, one grammar. The CLI's typed reader (lib/ingest/ingestCsv.ts)
 * has its own byte tokenizer: it writes numbers straight into typed arrays
 * without making a string per cell, which is what makes `alliance fe` read a
 * 116 MB file in about 0.4 s (`npm run bench:ingest`); csv-parse hands out
 * records of strings and cannot. This reader keeps csv-parse for everything
 * a deposit file may need that the typed reader does not do: other encodings,
 * `#` comment lines, skipped preamble lines.
 * What the two share is the grammar: numerals and missing values
 * (lib/io/decimal.ts) and the refusal messages; test/adversarial feeds the
 * same hostile inputs to both.
 *
 * The refusals shared with the typed reader (lib/ingest/ingestCsv.ts, messages in
 * lib/io/decimal.ts): a gzip-compressed file, CR-only line ends (csv-parse
 * would take CR as the record delimiter and put every row on line 1), a
 * number holding an invisible code point (named, e.g. U+00A0). Numeric cells
 * are trimmed of spaces and tabs only, as there.
 *
 * With `comments: true`, lines beginning with `#` are notes (the trailing
 * `# ` lines older versions of lib/io/csvWrite.ts wrote; it now writes notes
 * to a CSV on the Web sidecar, lib/io/csvw.ts) and are returned in `notes`.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { isUtf8 } from "node:buffer";
import { Parser } from "csv-parse";
import { DataError } from "./dataError";
import { CR_ONLY_MESSAGE, GZIP_MESSAGE, numeralHint, parseDecimal } from "./decimal";
import { checkRawHash, locateRaw, sha256, type ReadRawOptions } from "./manifest";

/** Files above this many bytes are read as a stream (512 MiB). */
export const STREAM_THRESHOLD_BYTES = 512 * 1024 * 1024;
const DEFAULT_CHUNK_BYTES = 64 * 1024 * 1024;

export interface CsvOptions extends ReadRawOptions {
  delimiter?: string;
  /** Lines to skip before the header (e.g. 4 for World Bank API downloads). */
  skipLines?: number;
  /** Text encoding; default strict UTF-8. The Apr2020 ideal points are latin1. */
  encoding?: BufferEncoding;
  /** Columns that must be present in the header. */
  required?: readonly string[];
  /** Allow a trailing empty field on every line (WGI bulk files end lines with a comma). */
  trailingComma?: boolean;
  /** Lines beginning with `#` are notes, not rows (files written before the notes moved to a sidecar); only trailing ones are allowed. */
  comments?: boolean;
  /** Read files larger than this many bytes in chunks (default {@link STREAM_THRESHOLD_BYTES}). */
  streamThreshold?: number;
  /** Chunk size of a streamed read (default 64 MiB; tests use a few bytes). */
  chunkBytes?: number;
}

export interface CsvTable {
  /** The file as named in messages (path relative to the data root). */
  file: string;
  sha256: string;
  header: string[];
  /** Data rows; every row has header.length fields. */
  rows: string[][];
  /** Trailing `# ` note lines (with `comments: true`), without the `# `. */
  notes: string[];
  /** 1-based line number of data row i in the file (for a record with a quoted line break: the line it ends on). */
  line(i: number): number;
  /** Index of a column by name (throws if absent). */
  col(name: string): number;
}

type Rec = { record: string[]; line: number };

/**
 * Offset of the first byte of `b` that is not part of a valid UTF-8 sequence
 * (WHATWG / Unicode 15 Table 3-7: no overlongs, no surrogates, <= U+10FFFF),
 * or -1 when `b` is valid. A sequence cut off by the end of `b` is invalid.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number,
      lo = 0x80,
      hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i;
      const d = b[i + k];
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Length of the prefix of `b` that does not end inside a (possibly valid) multi-byte sequence. */
function completePrefix(b: Buffer): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return len > k ? b.length - k : b.length;
  }
  return b.length;
}

function countNewlines(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (b[i] === 10) n++;
  return n;
}

function isUtf8Encoding(enc: BufferEncoding | undefined): boolean {
  return enc === undefined || enc === "utf8" || enc === "utf-8";
}

interface ParserApi {
  parse(
    buf: Buffer | undefined,
    end: boolean,
    push: (r: unknown) => void,
    close: () => void,
  ): Error | undefined;
  info: { comment_lines: number };
}

/** csv-parse's incremental parser (the engine behind its sync and stream APIs), driven synchronously. */
function newParser(opts: Record<string, unknown>): ParserApi {
  const parser: object = new Parser(opts);
  if (!hasParserApi(parser))
    throw new Error("csv-parse changed: lib/io/csv.ts drives Parser.api of csv-parse 5.6.0");
  return parser.api;
}

/** csv-parse 5.6.0 keeps its incremental parser in the undocumented field `api`. */
function hasParserApi(p: object): p is { api: ParserApi } {
  if (!("api" in p)) return false;
  const api: unknown = p.api;
  return (
    typeof api === "object" && api !== null && "parse" in api && typeof api.parse === "function"
  );
}

/**
 * One pass over the file's chunks: strict UTF-8 check (with the line of the
 * first bad byte), physical-line scan (lines with content, `#` lines, and
 * with `withInfo` the offset of every LF), and csv-parse. With `withInfo`,
 * each record's line is the physical line (LF-counted, as an editor shows
 * it) of the last byte csv-parse consumed for it (`info.bytes`); csv-parse's
 * own `info.lines` counts a CR inside a quoted field as a line break too.
 */
function parsePass(
  chunks: Iterable<Buffer>,
  file: string,
  opts: CsvOptions,
  withInfo: boolean,
  validate: boolean,
): {
  records: string[][];
  recLines: number[];
  lastEnd: number;
  lines: number[];
  comments: CommentLine[];
  commentLines: number;
} {
  const from = (opts.skipLines ?? 0) + 1;
  const utf8 = isUtf8Encoding(opts.encoding);
  const api = newParser({
    delimiter: opts.delimiter ?? ",",
    from_line: from,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: utf8,
    encoding: utf8 ? "utf8" : opts.encoding,
    info: withInfo,
    ...(opts.comments ? { comment: "#", comment_no_infix: true } : {}),
  });
  const records: string[][] = [];
  const recEnds: number[] = [];
  const push = withInfo
    ? (r: unknown) => {
        const x = r as { record: string[]; info: { bytes: number } };
        records.push(x.record);
        recEnds.push(x.info.bytes);
      }
    : (r: unknown) => {
        records.push(r as string[]);
      };
  const close = () => {};
  const lines = new PhysicalLines(from, opts.comments === true, withInfo);
  const parse = (data: Buffer | undefined, end: boolean) => {
    let err: Error | undefined;
    try {
      err = api.parse(data, end, push, close);
    } catch (e) {
      err = e as Error;
    }
    if (err === undefined) return;
    if (err instanceof DataError) throw err;
    const e2 = err as Error & { lines?: number };
    throw new DataError(file, `not valid CSV: ${e2.message}`, { row: e2.lines });
  };
  const feed = (data: Buffer) => {
    if (validate && utf8) checkUtf8(data, file, lines.line);
    lines.scan(data);
    parse(data, false);
  };
  let carry = Buffer.alloc(0);
  for (const chunk of chunks) {
    const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const cut = validate && utf8 ? completePrefix(data) : data.length;
    carry = Buffer.from(data.subarray(cut));
    feed(data.subarray(0, cut));
  }
  if (carry.length) feed(carry); // a multi-byte sequence cut off by the end of the file: checkUtf8 refuses it
  lines.end();
  parse(undefined, true);
  const recLines = recordLines(recEnds, lines.nls);
  const lastEnd = recEnds.length ? recEnds[recEnds.length - 1] : 0;
  return {
    records,
    recLines,
    lastEnd,
    lines: lines.lines,
    comments: lines.comments,
    commentLines: api.info.comment_lines,
  };
}

interface CommentLine {
  line: number;
  offset: number;
  bytes: Buffer;
}

/**
 * The physical-line scan of parsePass: the lines with content (from line
 * `from` on), the `#` comment lines with their bytes, and (`withNls`) the
 * offset of every LF.
 */
class PhysicalLines {
  readonly lines: number[] = [];
  readonly nls: number[] = [];
  readonly comments: CommentLine[] = [];
  /** The current line (1-based). */
  line = 1;
  private len = 0;
  private first = -1;
  private last = -1;
  private pos = 0;
  private lineStart = 0;
  private cur: Buffer[] = [];

  constructor(
    private readonly from: number,
    private readonly withComments: boolean,
    private readonly withNls: boolean,
  ) {}

  private endLine(next: number): void {
    const empty = this.len === 0 || (this.len === 1 && this.last === 13);
    const isComment = this.withComments && this.first === 35 && this.line >= this.from;
    if (isComment)
      this.comments.push({
        line: this.line,
        offset: this.lineStart,
        bytes: Buffer.concat(this.cur),
      });
    else if (!empty && this.line >= this.from) this.lines.push(this.line);
    this.line++;
    this.len = 0;
    this.first = -1;
    this.last = -1;
    this.cur = [];
    this.lineStart = next;
  }

  scan(buf: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      const end = nl < 0 ? buf.length : nl;
      if (end > start) {
        if (this.len === 0) this.first = buf[start];
        this.len += end - start;
        this.last = buf[end - 1];
        if (this.withComments && this.first === 35)
          this.cur.push(Buffer.from(buf.subarray(start, end)));
      }
      if (nl < 0) break;
      if (this.withNls) this.nls.push(this.pos + nl);
      this.endLine(this.pos + nl + 1);
      start = nl + 1;
    }
    this.pos += buf.length;
  }

  /** The last line when the file does not end with a line break. */
  end(): void {
    if (this.len > 0) this.endLine(this.pos);
  }
}

/** Refuse bytes that are not UTF-8, naming the first bad bytes and their line (`line` is the chunk's first). */
function checkUtf8(data: Buffer, file: string, line: number): void {
  if (isUtf8(data)) return;
  const off = firstInvalidUtf8(data);
  const bad = Array.from(
    data.subarray(off, Math.min(off + 4, data.length)),
    (b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`,
  );
  const row = line + countNewlines(data, off);
  throw new DataError(
    file,
    `invalid UTF-8 (byte${bad.length > 1 ? "s" : ""} ${bad.join(" ")}); the file is not UTF-8. ` +
      `Convert it (e.g. iconv -f latin1 -t utf-8) or, if it is Latin-1, read it with encoding "latin1"`,
    { row },
  );
}

/** Line of each record end: line of byte offset p = 1 + number of LFs before p; record ends are increasing. */
function recordLines(recEnds: readonly number[], nls: readonly number[]): number[] {
  const recLines: number[] = [];
  let k = 0;
  for (const end of recEnds) {
    while (k < nls.length && nls[k] < end - 1) k++;
    recLines.push(k + 1);
  }
  return recLines;
}

/**
 * Parse records and the 1-based line of each (where it ends). Asking
 * csv-parse for `info` costs about 3x the parse itself, so the common case
 * (no field spans a line break, no `#` line) maps records to the non-empty
 * physical lines found by the scan, and only a file where the counts disagree
 * (quoted line breaks) is parsed again with `info`. Both give the same lines.
 */
function parseRecords(
  chunks: () => Iterable<Buffer>,
  file: string,
  opts: CsvOptions,
  validate: boolean,
  afterFirstPass: () => void = () => {},
): { recs: Rec[]; notes: string[] } {
  let p1: ReturnType<typeof parsePass>;
  try {
    p1 = parsePass(chunks(), file, opts, false, validate);
  } catch (e) {
    afterFirstPass();
    throw e;
  }
  afterFirstPass();
  if (p1.lines.length === p1.records.length && p1.comments.length === 0) {
    return { recs: p1.records.map((record, i) => ({ record, line: p1.lines[i] })), notes: [] };
  }
  const p2 = parsePass(chunks(), file, opts, true, false);
  const recs = p2.records.map((record, i) => ({ record, line: p2.recLines[i] }));
  const notes: string[] = [];
  if (opts.comments && p2.commentLines > 0) {
    // notes are the # lines after the last record; a # line inside a quoted field is data
    const trailing = p2.comments.filter((c) => c.offset >= p2.lastEnd);
    if (p2.commentLines > trailing.length) {
      const firstInside = p2.comments.find((c) => c.offset < p2.lastEnd);
      throw new DataError(
        file,
        `${p2.commentLines - trailing.length} "#" comment line(s) before the last data row; only trailing notes are read`,
        { row: firstInside?.line },
      );
    }
    const enc = isUtf8Encoding(opts.encoding) ? "utf8" : opts.encoding;
    for (const c of trailing)
      notes.push(c.bytes.toString(enc).replace(/\r$/, "").replace(/^# ?/, ""));
  }
  return { recs, notes };
}

function buildTable(
  recs: Rec[],
  notes: string[],
  file: string,
  opts: CsvOptions,
  sha: string,
): CsvTable {
  if (recs.length === 0) throw new DataError(file, "file is empty (no header row)");
  const headLine = recs[0].line;
  const header = recs[0].record.map((h) => h.trim());
  if (opts.trailingComma && header[header.length - 1] === "") header.pop();
  const pos = new Map<string, number>();
  header.forEach((h, j) => {
    const k = pos.get(h);
    if (k !== undefined) {
      throw new DataError(
        file,
        `duplicate column name "${h}" at positions ${k + 1} and ${j + 1} of the header`,
        { row: headLine, column: h },
      );
    }
    pos.set(h, j);
  });
  const width = header.length;
  for (const req of opts.required ?? []) {
    if (!pos.has(req)) {
      throw new DataError(
        file,
        `missing required column "${req}" (header has: ${header.join(", ")})`,
        { row: headLine, column: req },
      );
    }
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < recs.length; i++) {
    let r = recs[i].record;
    if (opts.trailingComma && r.length === width + 1 && r[width] === "") r = r.slice(0, width);
    if (r.length !== width) {
      throw new DataError(
        file,
        `expected ${width} fields, found ${r.length} (truncated or malformed line)`,
        { row: recs[i].line },
      );
    }
    rows.push(r);
    lines.push(recs[i].line);
  }
  return {
    file,
    sha256: sha,
    header,
    rows,
    notes,
    line: (i) => lines[i],
    col: (name) => {
      const j = pos.get(name);
      if (j === undefined) throw new DataError(file, `missing column "${name}"`, { column: name });
      return j;
    },
  };
}

/** Parse CSV text (already in memory) with the same checks as {@link readCsv}. */
export function parseCsvText(
  text: string,
  file: string,
  opts: CsvOptions = {},
  sha = "",
): CsvTable {
  const bytes = Buffer.from(text, "utf8");
  const { recs, notes } = parseRecords(() => [bytes], file, { ...opts, encoding: "utf8" }, false);
  return buildTable(recs, notes, file, opts, sha);
}

/**
 * True when the first line (up to the first LF) holds a CR, outside quotes,
 * that does not end it: the lines end with CR alone. csv-parse would take the
 * CR as the record delimiter and put every row on line 1; the typed reader
 * (lib/ingest/ingestCsv.ts) refuses such a file, and so does this one.
 */
export function crOnlyLineEnds(b: Uint8Array): boolean {
  let quoted = false;
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c === 34) quoted = !quoted;
    else if (c === 10) return false;
    else if (c === 13 && !quoted && i + 1 < b.length && b[i + 1] !== 10) return true;
  }
  return false;
}

/** Parse CSV bytes: strict UTF-8 (or `encoding`) decoding, then the checks of {@link readCsv}. */
export function parseCsvBytes(
  bytes: Buffer,
  file: string,
  opts: CsvOptions = {},
  sha = "",
): CsvTable {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)
    throw new DataError(file, GZIP_MESSAGE, { row: 1 });
  if (crOnlyLineEnds(bytes)) throw new DataError(file, CR_ONLY_MESSAGE, { row: 1 });
  const { recs, notes } = parseRecords(() => [bytes], file, opts, true);
  return buildTable(recs, notes, file, opts, sha);
}

function* fileChunks(
  absPath: string,
  chunkBytes: number,
  onChunk?: (b: Buffer) => void,
): Generator<Buffer> {
  const fd = fs.openSync(absPath, "r");
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(chunkBytes);
      const n = fs.readSync(fd, buf, 0, chunkBytes, null);
      if (n <= 0) return;
      const b = buf.subarray(0, n);
      onChunk?.(b);
      yield b;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Read and validate a CSV file: `rel` relative to the data root (checked
 * against the manifest's SHA-256), or an absolute path (not checked).
 */
export function readCsv(rel: string, opts: CsvOptions = {}): CsvTable {
  const loc = locateRaw(rel, opts);
  const threshold = opts.streamThreshold ?? STREAM_THRESHOLD_BYTES;
  if (loc.bytes <= threshold) {
    const bytes = fs.readFileSync(loc.absPath);
    const sha = sha256(bytes);
    checkRawHash(rel, loc, sha);
    return parseCsvBytes(bytes, rel, opts, sha);
  }
  // Streamed: the first pass hashes, validates and parses chunk by chunk; a
  // second pass (quoted line breaks only) re-reads the file for line numbers.
  const chunkBytes = Math.max(1, opts.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const hash = crypto.createHash("sha256");
  let pass = 0,
    hashed = 0,
    sha = "";
  const counting = () => {
    pass++;
    return fileChunks(
      loc.absPath,
      chunkBytes,
      pass === 1
        ? (b) => {
            hash.update(b);
            hashed += b.length;
          }
        : undefined,
    );
  };
  const finishHash = () => {
    // After a parse error the first pass stopped early: hash the rest, so that a changed file is reported as changed.
    if (hashed < loc.bytes) {
      const fd = fs.openSync(loc.absPath, "r");
      try {
        const buf = Buffer.allocUnsafe(chunkBytes);
        for (let n; (n = fs.readSync(fd, buf, 0, chunkBytes, hashed)) > 0; hashed += n)
          hash.update(buf.subarray(0, n));
      } finally {
        fs.closeSync(fd);
      }
    }
    sha = hash.digest("hex");
    checkRawHash(rel, loc, sha);
  };
  const { recs, notes } = parseRecords(counting, rel, opts, true, finishHash);
  return buildTable(recs, notes, rel, opts, sha);
}

export interface CellOptions {
  /** Strings that mean "missing" and yield null (e.g. "NA", "", ".", "N/A"). */
  na?: readonly string[];
}

/**
 * Parse a numeric cell (a decimal numeral, lib/io/decimal.ts; surrounding
 * blanks are ignored). Returns null only for a listed missing-value token
 * (so, without `opts`, always a number: the first signature);
 * anything else (text, `0x10`, `Infinity`, `1_000`, `1e400`) throws a
 * DataError naming the file, line and column.
 */
export function num(t: CsvTable, i: number, column: string): number;
export function num(t: CsvTable, i: number, column: string, opts: CellOptions): number | null;
export function num(t: CsvTable, i: number, column: string, opts: CellOptions = {}): number | null {
  const raw = t.rows[i][t.col(column)];
  // Blanks are spaces and tabs, as in the typed reader (lib/ingest/ingestCsv.ts); a
  // no-break space is not trimmed but named by its code point.
  const s = raw.replace(/^[ \t]+|[ \t]+$/g, "");
  if ((opts.na ?? []).includes(s)) return null;
  const v = parseDecimal(s);
  if (v === undefined) {
    const why =
      s === ""
        ? ""
        : /^[+-]?0[xXoObB]/.test(s)
          ? " (hexadecimal, octal and binary numerals are refused: decimals only)"
          : /^[+-]?(inf|nan)/i.test(s)
            ? " (Infinity and NaN are refused: mark a missing value with an NA token)"
            : /^[+-]?\d/.test(s) && Number.isFinite(Number(s.replace(/_/g, ""))) && s.includes("_")
              ? " (digit separators are refused)"
              : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)
                ? " (out of the range of a double)"
                : numeralHint(raw);
    throw new DataError(t.file, `not a number: "${raw}"${why}`, { row: t.line(i), column });
  }
  return v;
}

/**
 * Like {@link num} with no missing-value token: the value is always present
 * (an empty cell is "not a number").
 */
export function numReq(t: CsvTable, i: number, column: string): number {
  return num(t, i, column);
}

/**
 * Parse an integer cell (throws on fractions or text). Without `opts.na` no
 * token means "missing", so the value is always a number (first signature).
 */
export function int(t: CsvTable, i: number, column: string): number;
export function int(t: CsvTable, i: number, column: string, opts: CellOptions): number | null;
export function int(t: CsvTable, i: number, column: string, opts: CellOptions = {}): number | null {
  const v = num(t, i, column, opts);
  if (v !== null && !Number.isInteger(v)) {
    throw new DataError(t.file, `not an integer: "${t.rows[i][t.col(column)]}"`, {
      row: t.line(i),
      column,
    });
  }
  return v;
}

/** A string cell, trimmed. */
export function str(t: CsvTable, i: number, column: string): string {
  return t.rows[i][t.col(column)].trim();
}
