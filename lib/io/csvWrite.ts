/**
 * The project's one CSV writer and its atomic file write.
 *
 * {@link formatCsv} writes RFC 4180 CSV (Shafranovich 2005, IETF RFC 4180,
 * https://www.rfc-editor.org/rfc/rfc4180): a field is quoted when it holds the
 * delimiter, a double quote (doubled inside), CR or LF. On top of that:
 *
 * - Numbers are formatted deterministically: 12 significant digits by default
 *   (`String(Number(v.toPrecision(12)))`, `-0` written `0`), so a file does
 *   not depend on the last-bit noise of summation order; `digits: "shortest"`
 *   writes the shortest text that reads back to the same double. NaN and
 *   ±Infinity are an error unless `nonFinite: "empty"`.
 * - CSV injection is neutralized as OWASP recommends (OWASP, "CSV Injection",
 *   https://owasp.org/www-community/attacks/CSV_Injection): a text cell that
 *   begins with `=`, `+`, `-`, `@`, TAB or CR gets a leading single quote, so
 *   a spreadsheet shows it as text instead of running it as a formula. A cell
 *   that is a plain decimal numeral (`-1.5`, `+3`, lib/io/decimal.ts) is a
 *   number, not a formula, and is left alone.
 * - The file is plain CSV: one header line, then data lines, nothing else,
 *   so `pandas.read_csv`, R's `read.csv` and spreadsheets read it with their
 *   defaults. Notes, provenance, units and column types go into a sidecar
 *   `FILE.csv-metadata.json` in the W3C "Metadata Vocabulary for Tabular Data"
 *   (CSV on the Web, https://www.w3.org/TR/tabular-metadata/; the file name is
 *   the `{+url}-metadata.json` that "Model for Tabular Data" §5.2 tells a
 *   reader to look for): {@link csvMetadata}, {@link writeCsvWithMetadata}.
 *   The notes are the table's `dc:description`, the writer's rules (and how
 *   many cells the neutralizer changed) its `rdfs:comment`.
 * - Numbers are never neutralized (a number is not text); callers write an
 *   estimate and its significance stars as separate columns, so a CSV cell is
 *   never a formatted "-0.642***". A text cell that begins with `#` is
 *   quoted, so no reader that treats `#` as a comment loses a row.
 *
 * Why hand-written rather than `csv-stringify`: the quoting rule is four
 * lines, and the parts a library does not give (number format, injection
 * rule, notes) would be a wrapper of the same size; it also avoids a new
 * dependency for every stream.
 *
 * {@link writeFileAtomic} writes a temporary file in the target's folder,
 * fsyncs it and renames it over the target (rename is atomic within one file
 * system, POSIX rename(2)); on any failure the temporary file is removed and
 * the old target is left as it was.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { isDecimal } from "./decimal";

/** What a cell may hold; null and undefined are written as an empty field. */
export type CsvValue = string | number | boolean | bigint | null | undefined;

export interface FormatCsvOptions {
  /** Field delimiter (one character); default ",". */
  delimiter?: string;
  /** Line ending; default "\n". */
  eol?: "\n" | "\r\n";
  /** Write the header line (the column names); default true. */
  header?: boolean;
  /** Significant digits of numbers (1-21), or "shortest" round-trip text; default 12. */
  digits?: number | "shortest";
  /** NaN / ±Infinity: "error" (default) throws a RangeError naming the cell; "empty" writes an empty field. */
  nonFinite?: "error" | "empty";
  /** Neutralize formula-leading text cells (OWASP); default true. */
  neutralize?: boolean;
}

const FORMULA_LEAD = new Set(["=", "+", "-", "@", "\t", "\r"]);

/**
 * The cell text a spreadsheet will not run as a formula: `'` + s when s
 * begins with `=`, `+`, `-`, `@`, TAB or CR and is not a decimal numeral.
 */
export function neutralizeCell(s: string): string {
  return s.length > 0 && FORMULA_LEAD.has(s[0]) && !isDecimal(s) ? `'${s}` : s;
}

/**
 * Deterministic text of a finite number: `digits` significant digits with
 * trailing zeros removed (JavaScript's shortest form of the rounded value),
 * `-0` as `0`; `digits: "shortest"` gives the text that reads back exactly.
 */
export function formatCsvNumber(v: number, digits: number | "shortest" = 12): string {
  if (!Number.isFinite(v)) throw new RangeError(`cannot write the non-finite number ${v} to CSV`);
  const s = digits === "shortest" ? String(v) : String(Number(v.toPrecision(digits)));
  return s === "-0" ? "0" : s;
}

/** Quote a field per RFC 4180 when needed (delimiter, quote, CR, LF, or a leading `#`). */
export function quoteCsvField(s: string, delimiter = ","): string {
  const needs =
    s.includes(delimiter) ||
    s.includes('"') ||
    s.includes("\n") ||
    s.includes("\r") ||
    s.startsWith("#");
  return needs ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A counter of the text cells the neutralizer changed. */
interface Counter {
  neutralized: number;
}

function cellText(
  v: unknown,
  o: Required<FormatCsvOptions>,
  where: () => string,
  count: Counter,
): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) {
      if (o.nonFinite === "empty") return "";
      throw new RangeError(
        `cannot write the non-finite number ${v} to CSV (${where()}); pass nonFinite: "empty" to write an empty field`,
      );
    }
    return formatCsvNumber(v, o.digits);
  }
  if (typeof v === "bigint" || typeof v === "boolean") return String(v);
  if (typeof v === "string") {
    const t = o.neutralize ? neutralizeCell(v) : v;
    if (t !== v) count.neutralized++;
    return quoteCsvField(t, o.delimiter);
  }
  throw new TypeError(`cannot write a value of type ${typeof v} to CSV (${where()})`);
}

/**
 * CSV text of `rows` under `columns` (see the module comment for the rules).
 * A row is an object (its fields are looked up by column name; a missing field
 * is an error, so a misspelt column never becomes an empty one) or an array
 * (one value per column). The text ends with `eol`.
 */
export function formatCsv(
  rows: readonly (object | readonly unknown[])[],
  columns: readonly string[],
  opts: FormatCsvOptions = {},
): string {
  return formatCsvCounted(rows, columns, opts).text;
}

/** {@link formatCsv}, with the number of text cells the neutralizer changed. */
export function formatCsvCounted(
  rows: readonly (object | readonly unknown[])[],
  columns: readonly string[],
  opts: FormatCsvOptions = {},
): { text: string; neutralized: number } {
  if (columns.length === 0) throw new Error("formatCsv: no columns");
  const o = {
    delimiter: opts.delimiter ?? ",",
    eol: opts.eol ?? "\n",
    header: opts.header ?? true,
    digits: opts.digits ?? 12,
    nonFinite: opts.nonFinite ?? "error",
    neutralize: opts.neutralize ?? true,
  };
  if (o.delimiter.length !== 1 || /["\r\n#]/.test(o.delimiter))
    throw new Error(`formatCsv: bad delimiter ${JSON.stringify(o.delimiter)}`);
  if (o.digits !== "shortest" && !(Number.isInteger(o.digits) && o.digits >= 1 && o.digits <= 21)) {
    throw new RangeError(`formatCsv: digits must be 1..21 or "shortest", got ${o.digits}`);
  }
  const seen = new Map<string, number>();
  columns.forEach((c, j) => {
    const k = seen.get(c);
    if (k !== undefined)
      throw new Error(`formatCsv: duplicate column "${c}" (positions ${k + 1} and ${j + 1})`);
    seen.set(c, j);
  });
  // A line with a single empty field would be an empty line, which readers skip: quote it.
  const line = (cells: string[]) =>
    cells.length === 1 && cells[0] === "" ? '""' : cells.join(o.delimiter);
  const out: string[] = [];
  const count: Counter = { neutralized: 0 };
  if (o.header) out.push(line(columns.map((c) => cellText(c, o, () => "header", count))));
  rows.forEach((r, i) => {
    const where = (c: string) => () => `row ${i + 1}, column "${c}"`;
    if (Array.isArray(r)) {
      if (r.length !== columns.length)
        throw new Error(
          `formatCsv: row ${i + 1} has ${r.length} values for ${columns.length} columns`,
        );
      out.push(line(columns.map((c, j) => cellText(r[j], o, where(c), count))));
    } else {
      const rec = r as Record<string, unknown>;
      out.push(
        line(
          columns.map((c) => {
            if (!Object.prototype.hasOwnProperty.call(rec, c))
              throw new Error(`formatCsv: row ${i + 1} has no field "${c}"`);
            return cellText(rec[c], o, where(c), count);
          }),
        ),
      );
    }
  });
  return { text: out.join(o.eol) + o.eol, neutralized: count.neutralized };
}

export interface WriteFileAtomicOptions {
  /** Create the parent folder if missing; default true. */
  mkdir?: boolean;
  /** File mode of a new file; default 0o666 (before umask). */
  mode?: number;
}

/**
 * Write `data` to `file` atomically: a temporary file `.<name>.<pid>.<random>.tmp`
 * in the same folder, written, fsynced, closed, then renamed over `file`, and
 * the folder fsynced (best effort). `data` may be an iterable of chunks, so a
 * large output never has to be one string. If anything fails (including the
 * iterable throwing), the temporary file is removed, `file` is untouched, and
 * the error is rethrown.
 */
export function writeFileAtomic(
  file: string,
  data: string | Uint8Array | Iterable<string | Uint8Array>,
  opts: WriteFileAtomicOptions = {},
): void {
  const dir = path.dirname(path.resolve(file));
  if (opts.mkdir ?? true) fs.mkdirSync(dir, { recursive: true });
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (st?.isDirectory()) {
    throw Object.assign(new Error(`${file}: is a directory; cannot write a file there`), {
      code: "EISDIR",
      path: file,
    });
  }
  const tmp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`,
  );
  let fd: number | undefined = fs.openSync(tmp, "wx", opts.mode ?? 0o666);
  try {
    const put = (chunk: string | Uint8Array) => {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      let off = 0;
      while (off < buf.length) off += fs.writeSync(fd as number, buf, off, buf.length - off);
    };
    if (typeof data === "string" || data instanceof Uint8Array) put(data);
    else for (const chunk of data) put(chunk);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e;
  }
  try {
    const dfd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    /* some file systems cannot fsync a folder; the rename is done */
  }
}

/** {@link formatCsv} then {@link writeFileAtomic}. */
export function writeCsvAtomic(
  file: string,
  rows: readonly (object | readonly unknown[])[],
  columns: readonly string[],
  opts: FormatCsvOptions & WriteFileAtomicOptions = {},
): void {
  writeFileAtomic(file, formatCsv(rows, columns, opts), opts);
}
