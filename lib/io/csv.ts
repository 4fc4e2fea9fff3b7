/**
 * Validated CSV reading: the records of the project's tokenizer
 * (lib/io/csvTokenizer.ts, shared with the command line's typed reader
 * lib/ingest/ingestCsv.ts) as strings, with what a replication needs.
 *
 * - Every error names the file, the line and the column (lines are physical
 *   lines; a record with a quoted line break is on the line where it ends).
 * - Required columns are checked by name; a header that names a column twice
 *   is an error (naming both positions); a row with the wrong number of
 *   fields (a truncated file) is an error, never a silent short row.
 * - Cells are converted with {@link num} / {@link int}, which accept decimal
 *   numerals only (lib/io/decimal.ts: no `0x10`, `Infinity` or `1_000`)
 *   instead of producing NaN or a hexadecimal value; numeric cells are
 *   trimmed of spaces and tabs only, as in the typed reader.
 * - Bytes are strict UTF-8 (an invalid byte is an error naming its line,
 *   never a U+FFFD that would merge distinct Latin-1 names); a leading BOM is
 *   skipped. Another ASCII-compatible encoding is declared with `encoding`
 *   (the Apr2020 ideal points are latin1).
 * - Refused as in the typed reader, with the same messages: a gzip-compressed
 *   file, CR-only line ends, a quote inside an unquoted field, an unclosed quote.
 * - `skipLines` skips physical lines before the header (World Bank API
 *   downloads carry four); with `comments: true`, lines beginning with `#`
 *   are notes (trailing `# ` lines that older versions of lib/io/csvWrite.ts
 *   wrote; it now writes notes to a CSV on the Web sidecar, lib/io/csvw.ts),
 *   returned in `notes`; only trailing ones are allowed.
 *
 * A file is read in blocks (16 MiB), each hashed as it is read: the SHA-256 is
 * checked against the manifest before any record or parse error is returned,
 * and a file of any size is read without becoming one JavaScript string.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { DataError } from "./dataError";
import { numeralHint, parseDecimal } from "./decimal";
import {
  bytesSource,
  CsvTokenizer,
  fileSource,
  type ByteSource,
  type NoteLine,
  type TokenizerRange,
} from "./csvTokenizer";
import { checkRawHash, locateRaw, type ReadRawOptions } from "./manifest";

export interface CsvOptions extends ReadRawOptions {
  /** One-byte field delimiter; default ",". */
  delimiter?: string;
  /** Physical lines to skip before the header (e.g. 4 for World Bank API downloads). */
  skipLines?: number;
  /** Text encoding, ASCII-compatible: default strict UTF-8; "latin1" or "ascii". */
  encoding?: BufferEncoding;
  /** Columns that must be present in the header. */
  required?: readonly string[];
  /** Allow a trailing empty field on every line (WGI bulk files end lines with a comma). */
  trailingComma?: boolean;
  /** Lines beginning with `#` are notes, not rows (files written before the notes moved to a sidecar); only trailing ones are allowed. */
  comments?: boolean;
  /** Read block in bytes (default 16 MiB; tests use a few bytes to cross every boundary). */
  blockSize?: number;
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

/** Encodings whose delimiter, quote, `#` and line-end bytes are those of ASCII (the tokenizer reads bytes). */
const ASCII_COMPATIBLE: readonly string[] = ["utf8", "utf-8", "latin1", "binary", "ascii"];

/** What the UTF-8 error tells a reader of deposit files to do. */
const UTF8_HINT =
  'Convert it (e.g. iconv -f latin1 -t utf-8) or, if it is Latin-1, read it with encoding "latin1"';

interface Records {
  records: string[][];
  lines: number[];
  notes: string[];
}

/** Tokenize a source into records of strings, their lines and the trailing notes. */
function tokenize(
  source: ByteSource,
  file: string,
  opts: CsvOptions,
  onRead?: TokenizerRange["onRead"],
): Records {
  const enc = opts.encoding ?? "utf8";
  if (!ASCII_COMPATIBLE.includes(enc))
    throw new Error(
      `encoding "${enc}" is not supported by the CSV reader: use one of ${ASCII_COMPATIBLE.join(", ")}`,
    );
  const t = new CsvTokenizer(
    source,
    file,
    {
      delimiter: opts.delimiter,
      utf8: enc === "utf8" || enc === "utf-8",
      utf8Hint: UTF8_HINT,
      comments: opts.comments,
      blockSize: opts.blockSize,
    },
    { start: 0, end: source.size, onRead },
  );
  const records: string[][] = [];
  const lines: number[] = [];
  if (t.begin()) {
    t.skipLines(opts.skipLines ?? 0);
    for (let r = t.nextRecord(); r !== null; r = t.nextRecord()) {
      if (!r) continue;
      records.push(t.fields(enc));
      lines.push(t.recordLine());
    }
  }
  return { records, lines, notes: trailingNotes(t.notes, lines, file, enc) };
}

/** The `#` lines after the last record, as text without `# `; one before it is an error. */
function trailingNotes(
  notes: readonly NoteLine[],
  lines: readonly number[],
  file: string,
  enc: BufferEncoding,
): string[] {
  const last = lines.length ? lines[lines.length - 1] : 0;
  const inside = notes.filter((n) => n.line < last);
  if (inside.length > 0)
    throw new DataError(
      file,
      `${inside.length} "#" comment line(s) before the last data row; only trailing notes are read`,
      { row: inside[0].line },
    );
  return notes.map((n) => n.bytes.toString(enc).replace(/^# ?/, ""));
}

/** The header checks (duplicates, required columns) and the width of every row. */
function buildTable(recs: Records, file: string, opts: CsvOptions, sha: string): CsvTable {
  const { records, lines } = recs;
  if (records.length === 0) throw new DataError(file, "file is empty (no header row)");
  const headLine = lines[0];
  const header = records[0].map((h) => h.trim());
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
  for (const req of opts.required ?? []) {
    if (!pos.has(req)) {
      throw new DataError(
        file,
        `missing required column "${req}" (header has: ${header.join(", ")})`,
        { row: headLine, column: req },
      );
    }
  }
  const rows = checkWidths(recs, header.length, file, opts.trailingComma === true);
  return {
    file,
    sha256: sha,
    header,
    rows,
    notes: recs.notes,
    line: (i) => lines[i + 1],
    col: (name) => {
      const j = pos.get(name);
      if (j === undefined) throw new DataError(file, `missing column "${name}"`, { column: name });
      return j;
    },
  };
}

/** The data records (after the header), each exactly `width` fields (a trailing empty one dropped when allowed). */
function checkWidths(
  recs: Records,
  width: number,
  file: string,
  trailingComma: boolean,
): string[][] {
  const rows: string[][] = [];
  for (let i = 1; i < recs.records.length; i++) {
    let r = recs.records[i];
    if (trailingComma && r.length === width + 1 && r[width] === "") r = r.slice(0, width);
    if (r.length !== width) {
      throw new DataError(
        file,
        `expected ${width} fields, found ${r.length} (truncated or malformed line)`,
        { row: recs.lines[i] },
      );
    }
    rows.push(r);
  }
  return rows;
}

/** Parse CSV text (already in memory) with the same checks as {@link readCsv}. */
export function parseCsvText(
  text: string,
  file: string,
  opts: CsvOptions = {},
  sha = "",
): CsvTable {
  const bytes = Buffer.from(text, "utf8");
  return buildTable(
    tokenize(bytesSource(bytes), file, { ...opts, encoding: "utf8" }),
    file,
    opts,
    sha,
  );
}

/** Parse CSV bytes: strict UTF-8 (or `encoding`) decoding, then the checks of {@link readCsv}. */
export function parseCsvBytes(
  bytes: Uint8Array,
  file: string,
  opts: CsvOptions = {},
  sha = "",
): CsvTable {
  return buildTable(tokenize(bytesSource(bytes), file, opts), file, opts, sha);
}

/**
 * Read and validate a CSV file: `rel` relative to the data root (checked
 * against the manifest's SHA-256), or an absolute path (not checked). The
 * blocks are hashed as the tokenizer reads them; after a parse error the rest
 * of the file is hashed too, so that a changed file is reported as changed.
 */
export function readCsv(rel: string, opts: CsvOptions = {}): CsvTable {
  const loc = locateRaw(rel, opts);
  const fd = fs.openSync(loc.absPath, "r");
  try {
    const size = fs.fstatSync(fd).size;
    const hash = crypto.createHash("sha256");
    let hashed = 0;
    const onRead = (block: Buffer) => {
      hash.update(block);
      hashed += block.length;
    };
    const finish = (): string => {
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, hashed)) > 0; hashed += n)
        hash.update(buf.subarray(0, n));
      const sha = hash.digest("hex");
      checkRawHash(rel, loc, sha);
      return sha;
    };
    let recs: Records;
    try {
      recs = tokenize(fileSource(fd, size), rel, opts, onRead);
    } catch (e) {
      finish();
      throw e;
    }
    return buildTable(recs, rel, opts, finish());
  } finally {
    fs.closeSync(fd);
  }
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
