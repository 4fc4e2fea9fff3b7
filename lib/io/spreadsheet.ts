/**
 * Spreadsheet reading (legacy .xls and .xlsx) on top of the `xlsx` package
 * (SheetJS), with the same guarantees as lib/io/csv.ts: the bytes are read
 * through {@link readRaw} (SHA-256 checked against data/sources.json), a
 * missing sheet is an error naming the file, and cells are converted with
 * {@link cellNum}, which refuses text that is not a number.
 *
 * Rows come back as arrays of raw cell values (numbers, strings, null for an
 * empty cell); row i of the array is spreadsheet row i + 1, so messages can
 * name the row a user sees in Excel.
 *
 * An .xlsx is read by the values-only OOXML reader lib/io/xlsxValues.ts
 * (SheetJS's zip reader, then one pass over the worksheet XML: the same rows
 * as SheetJS's, several times faster), which hands anything it does not read
 * exactly as SheetJS does to SheetJS; a legacy .xls by SheetJS.
 *
 * Only verified bytes reach either parser. SheetJS has had advisories for
 * crafted files (GHSA-4r6h-8v6p-xvw6 prototype pollution, fixed in 0.19.3;
 * GHSA-5pgg-2g8v-p4x9 ReDoS, fixed in 0.20.2). npm's `xlsx` stops at 0.18.5,
 * the version installed; both advisories need a crafted file, so
 * {@link readWorkbook} parses a file only after its SHA-256 matched
 * data/sources.json: no absolute path, no `verify: false`, no file outside
 * the manifest. {@link parseWorkbook} takes bytes already in memory (tests
 * build their workbooks with XLSX.write).
 */
import * as path from "node:path";
import type * as XLSX from "xlsx";
import { DataError } from "./dataError";
import { readRaw } from "./manifest";
import type { DataRootOptions } from "./dataRoot";
import { entry } from "../lookup";
import { readXlsxValues, type ZipReader } from "./xlsxValues";

export type Cell = string | number | boolean | null;

export interface Workbook {
  /** The file as named in messages (path relative to the data root). */
  file: string;
  sha256: string;
  /** Which parser read the file: the values-only OOXML reader (lib/io/xlsxValues.ts) or SheetJS. */
  reader: "xlsx-values" | "sheetjs";
  /** Sheet names in workbook order. */
  sheetNames: string[];
  /** The rows of one sheet as {@link sheetRows} returns them; undefined for a name not in sheetNames. */
  rows: (sheet: string) => Cell[][] | undefined;
}

let sheetjsModule: typeof XLSX | undefined;

/**
 * SheetJS, loaded on first use: with its code-page tables it takes about
 * 0.25 s to load, which a notebook that never opens a spreadsheet should not
 * pay in its import cell. The module object is the one `require("xlsx")`
 * returns everywhere, so a test's spy on `read` sees every parse.
 */
function sheetjs(): typeof XLSX {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
  sheetjsModule ??= require("xlsx") as typeof XLSX;
  return sheetjsModule;
}

/**
 * Parse workbook bytes already in memory (tests build workbooks with XLSX.write).
 * An .xlsx goes through the values-only OOXML reader (lib/io/xlsxValues.ts:
 * the same rows as SheetJS's, several times faster) unless it uses something
 * that reader leaves to SheetJS; a legacy .xls, and such an .xlsx, through
 * SheetJS. `opts.reader: "sheetjs"` skips the values-only reader (tests
 * compare the two).
 */
export function parseWorkbook(
  bytes: Buffer | Uint8Array,
  file: string,
  sha = "",
  opts: { reader?: "sheetjs" } = {},
): Workbook {
  const values =
    opts.reader === "sheetjs" ? undefined : readXlsxValues(bytes, sheetjs().CFB as ZipReader);
  const parsed: Omit<Workbook, "file" | "sha256"> = values
    ? { reader: "xlsx-values", sheetNames: values.sheetNames, rows: values.rows }
    : sheetjsWorkbook(bytes, file);
  if (parsed.sheetNames.length === 0) throw new DataError(file, "workbook has no sheets");
  return { file, sha256: sha, ...parsed };
}

/** A workbook parsed by SheetJS, values only. */
function sheetjsWorkbook(
  bytes: Buffer | Uint8Array,
  file: string,
): Omit<Workbook, "file" | "sha256"> {
  let wb: XLSX.WorkBook;
  try {
    // Values only: no formatted text, HTML, formulas or styles (several times faster on the EFI .xls files).
    wb = sheetjs().read(bytes, {
      type: "buffer",
      cellText: false,
      cellHTML: false,
      cellFormula: false,
      cellStyles: false,
      cellDates: false,
    });
  } catch (e) {
    throw new DataError(file, `not a readable spreadsheet: ${(e as Error).message}`);
  }
  return {
    reader: "sheetjs",
    sheetNames: wb.SheetNames,
    rows: (name) => {
      const ws = entry(wb.Sheets, name);
      return ws ? sheetjsRows(ws) : undefined;
    },
  };
}

/**
 * A SheetJS worksheet's rows from A1 (even when the used range starts later,
 * so that index i is row i + 1 and index j is column j), empty cells null.
 */
function sheetjsRows(ws: XLSX.WorkSheet): Cell[][] {
  if (!ws["!ref"]) return [];
  const { utils } = sheetjs();
  const range = utils.encode_range({ s: { r: 0, c: 0 }, e: utils.decode_range(ws["!ref"]).e });
  return utils.sheet_to_json<Cell[]>(ws, {
    header: 1,
    raw: true,
    defval: null,
    blankrows: true,
    range,
  });
}

/**
 * Read and parse a raw spreadsheet (path relative to the data root), only
 * after its SHA-256 matched data/sources.json (readRaw): a missing, unlisted
 * or changed file is a DataError raised before any byte reaches the parser.
 * `opts.reader` as in {@link parseWorkbook}.
 */
export function readWorkbook(
  rel: string,
  opts: DataRootOptions & { reader?: "sheetjs" } = {},
): Workbook {
  if (path.isAbsolute(rel))
    throw new DataError(
      rel,
      "spreadsheets are read only from the data root by their data/sources.json path (an absolute path is not verified)",
    );
  const { bytes, sha256 } = readRaw(rel, { dataDir: opts.dataDir, env: opts.env, verify: true });
  return parseWorkbook(bytes, rel, sha256, { reader: opts.reader });
}

/**
 * All rows of one sheet (by name, or the first sheet when `sheet` is omitted)
 * as arrays of raw cell values; empty cells are null.
 */
export function sheetRows(book: Workbook, sheet?: string): Cell[][] {
  const name = sheet ?? book.sheetNames[0];
  const rows = book.rows(name);
  if (!rows)
    throw new DataError(book.file, `no sheet "${name}" (sheets: ${book.sheetNames.join(", ")})`);
  return rows;
}

/** Spreadsheet column letter of a 0-based index (0 -> A, 27 -> AB), for messages. */
export function colLetter(j: number): string {
  let s = "";
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A numeric cell: numbers pass; numeric text passes after removing thousands
 * commas and an optional trailing flag of letters given in `flags` (IMF
 * revision marks, e.g. "3,384.77 r"); `na` tokens and empty cells give null;
 * anything else throws a DataError naming file, row and column.
 */
export function cellNum(
  v: Cell,
  where: { file: string; row: number; column: string },
  opts: { na?: readonly string[]; flags?: string } = {},
): number | null {
  if (v === null) return null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new DataError(where.file, `not a finite number: ${v}`, where);
    return v;
  }
  const s = String(v).trim();
  if (s === "" || (opts.na ?? []).includes(s)) return null;
  let body = s;
  if (opts.flags) {
    const m = new RegExp(`^(.*?)\\s*[${opts.flags}]$`).exec(s);
    if (m) body = m[1];
  }
  const x = /^-?[\d,]*\.?\d+(e[-+]?\d+)?$/i.test(body) ? Number(body.replace(/,/g, "")) : NaN;
  if (!Number.isFinite(x)) throw new DataError(where.file, `not a number: "${s}"`, where);
  return x;
}
