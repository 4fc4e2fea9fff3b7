/**
 * Validated CSV reading on top of `csv-parse` (a maintained RFC 4180 parser).
 *
 * What this adds to the parser is what a replication needs: every error names
 * the file, the line and the column; required columns are checked by name;
 * a row with the wrong number of fields (a truncated file) is an error, never
 * a silent short row; and cells are converted with {@link num} / {@link int},
 * which refuse non-numeric text instead of producing NaN.
 */
import { parse } from "csv-parse/sync";
import { DataError } from "./dataError";
import { readRaw, type ReadRawOptions } from "../manifest";

export interface CsvOptions extends ReadRawOptions {
  delimiter?: string;
  /** Lines to skip before the header (e.g. 4 for World Bank API downloads). */
  skipLines?: number;
  /** Text encoding; the Apr2020 ideal points are latin1. */
  encoding?: BufferEncoding;
  /** Columns that must be present in the header. */
  required?: readonly string[];
  /** Allow a trailing empty field on every line (WGI bulk files end lines with a comma). */
  trailingComma?: boolean;
}

export interface CsvTable {
  /** The file as named in messages (path relative to the data root). */
  file: string;
  sha256: string;
  header: string[];
  /** Data rows; every row has header.length fields. */
  rows: string[][];
  /** 1-based line number of data row i in the file (for a record with a quoted line break: the line it ends on). */
  line(i: number): number;
  /** Index of a column by name (throws if absent). */
  col(name: string): number;
}

type Rec = { record: string[]; info: { lines: number } };

/**
 * Parse records and the 1-based line of each (where it ends). csv-parse's `info`
 * option gives the line but costs about 3x the parse itself, so the common
 * case (no field spans a line break) maps records to the non-empty physical
 * lines by a newline scan, and only a file where the counts disagree (quoted
 * line breaks) is parsed again with `info`. Both paths give the same lines.
 */
function parseRecords(text: string, file: string, opts: CsvOptions): Rec[] {
  const from = (opts.skipLines ?? 0) + 1;
  const common = { delimiter: opts.delimiter ?? ",", from_line: from, relax_column_count: true, skip_empty_lines: true };
  try {
    const plain = parse(text, common) as string[][];
    const lines: number[] = [];
    let line = 1, start = 0;
    while (start <= text.length) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const body = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      if (line >= from && body !== "") lines.push(line);
      line++;
      start = end + 1;
    }
    if (lines.length === plain.length) return plain.map((record, i) => ({ record, info: { lines: lines[i] } }));
    return (parse(text, { ...common, info: true }) as Rec[]).map((r) => ({ record: r.record, info: { lines: r.info.lines } }));
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new DataError(file, `not valid CSV: ${err.message}`, { row: err.lines });
  }
}

/** Parse CSV text (already in memory) with the same checks as {@link readCsv}. */
export function parseCsvText(text: string, file: string, opts: CsvOptions = {}, sha = ""): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = parseRecords(text, file, opts);
  if (records.length === 0) throw new DataError(file, "file is empty (no header row)");
  const header = records[0].record.map((h) => h.trim());
  if (opts.trailingComma && header[header.length - 1] === "") header.pop();
  const width = header.length;
  for (const req of opts.required ?? []) {
    if (!header.includes(req)) {
      throw new DataError(file, `missing required column "${req}" (header has: ${header.join(", ")})`, { row: records[0].info.lines, column: req });
    }
  }
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 1; i < records.length; i++) {
    let r = records[i].record;
    if (opts.trailingComma && r.length === width + 1 && r[width] === "") r = r.slice(0, width);
    if (r.length !== width) {
      throw new DataError(
        file,
        `expected ${width} fields, found ${r.length} (truncated or malformed line)`,
        { row: records[i].info.lines },
      );
    }
    rows.push(r);
    lines.push(records[i].info.lines);
  }
  return {
    file,
    sha256: sha,
    header,
    rows,
    line: (i) => lines[i],
    col: (name) => {
      const j = header.indexOf(name);
      if (j < 0) throw new DataError(file, `missing column "${name}"`, { column: name });
      return j;
    },
  };
}

/** Read and validate a raw CSV file (path relative to the data root). */
export function readCsv(rel: string, opts: CsvOptions = {}): CsvTable {
  const { bytes, sha256 } = readRaw(rel, opts);
  return parseCsvText(bytes.toString(opts.encoding ?? "utf8"), rel, opts, sha256);
}

export interface CellOptions {
  /** Strings that mean "missing" and yield null (e.g. "NA", "", ".", "N/A"). */
  na?: readonly string[];
}

/**
 * Parse a numeric cell. Returns null only for a listed missing-value token;
 * anything else that is not a finite number throws a DataError naming the
 * file, line and column.
 */
export function num(t: CsvTable, i: number, column: string, opts: CellOptions = {}): number | null {
  const raw = t.rows[i][t.col(column)];
  const s = raw.trim();
  if ((opts.na ?? []).includes(s)) return null;
  const v = s === "" ? NaN : Number(s);
  if (!Number.isFinite(v)) {
    throw new DataError(t.file, `not a number: "${raw}"`, { row: t.line(i), column });
  }
  return v;
}

/** Like {@link num} but the value must be present. */
export function numReq(t: CsvTable, i: number, column: string): number {
  const v = num(t, i, column);
  if (v === null) throw new DataError(t.file, "missing value", { row: t.line(i), column });
  return v;
}

/** Parse an integer cell (throws on fractions or text). */
export function int(t: CsvTable, i: number, column: string, opts: CellOptions = {}): number | null {
  const v = num(t, i, column, opts);
  if (v !== null && !Number.isInteger(v)) {
    throw new DataError(t.file, `not an integer: "${t.rows[i][t.col(column)]}"`, { row: t.line(i), column });
  }
  return v;
}

/** A string cell, trimmed. */
export function str(t: CsvTable, i: number, column: string): string {
  return t.rows[i][t.col(column)].trim();
}
