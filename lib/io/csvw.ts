/**
 * The notes beside a CSV file: W3C CSV on the Web metadata.
 *
 * Every CSV the project writes is plain (lib/io/csvWrite.ts: one header line,
 * data lines, nothing else). What a reader needs beyond the values, the
 * notes, provenance, units, the column types, goes into a sidecar
 * `FILE.csv-metadata.json` in the "Metadata Vocabulary for Tabular Data"
 * (W3C Recommendation, 17 December 2015, https://www.w3.org/TR/tabular-metadata/):
 *
 *   {
 *     "@context": "http://www.w3.org/ns/csvw",
 *     "url": "table2.csv",                       // the CSV, relative to the sidecar
 *     "dc:title": "...",                         // optional caption
 *     "dc:description": ["note", ...],           // the table's notes, in order
 *     "dc:source": "...",                        // optional provenance
 *     "rdfs:comment": "...",                     // how the file was written (below)
 *     "tableSchema": { "columns": [
 *       { "name": "estimate", "titles": "estimate", "datatype": "number",
 *         "dc:description": "..." }, ... ] }
 *   }
 *
 * The file name is the one "Model for Tabular Data and Metadata on the Web"
 * §5.2 (https://www.w3.org/TR/tabular-data-model/#default-locations-and-site-wide-location-configuration)
 * lists first for a reader to try: the CSV's URL followed by `-metadata.json`.
 * `dc:` and `rdfs:` are common properties of the CSVW context (Dublin Core,
 * RDF Schema). A column `name` must be usable in a URI template, so a header
 * that is not letters, digits and `_` (not starting with `_`) gets the name
 * `col<j>` and keeps its text in `titles`. `datatype` is one of the CSVW
 * built-ins ("integer", "number", "boolean", "string"), inferred from the
 * values written unless the caller gives it; CSVW's default `null` is the
 * empty string, which is how the writer writes a missing value.
 *
 * The writer's rules travel in `rdfs:comment`: RFC 4180, UTF-8, the number
 * format, and the OWASP formula neutralizer with the count of the cells it
 * changed in this file (so a reader knows whether any text cell starts with an
 * added `'`).
 */
import * as path from "node:path";
import {
  formatCsvCounted,
  writeFileAtomic,
  type CsvValue,
  type FormatCsvOptions,
  type WriteFileAtomicOptions,
} from "./csvWrite";

export const CSVW_CONTEXT = "http://www.w3.org/ns/csvw";

/** The CSVW built-in datatypes this project writes. */
export type CsvwDatatype = "integer" | "number" | "boolean" | "string";

/** What a caller may say of one column. */
export interface CsvColumnMeta {
  /** Human title (default: the header text). */
  titles?: string;
  /** Default: inferred from the values. */
  datatype?: CsvwDatatype;
  /** What the column holds, with its unit. */
  description?: string;
}

export interface CsvMetadataOptions {
  /** Caption of the table (dc:title). */
  title?: string;
  /** The table's notes, in order (dc:description). */
  notes?: readonly string[];
  /** Provenance: what the file was made from and by which command (dc:source). */
  source?: string;
  /** Per-column metadata by column name. */
  columns?: Readonly<Record<string, CsvColumnMeta>>;
}

/** One column of a CSVW tableSchema. */
export interface CsvwColumn {
  name: string;
  titles: string;
  datatype: CsvwDatatype;
  "dc:description"?: string;
}

/** The sidecar document (the subset of the vocabulary this project writes). */
export interface CsvwTable {
  "@context": string;
  url: string;
  "dc:title"?: string;
  "dc:description"?: string[];
  "dc:source"?: string;
  "rdfs:comment": string;
  tableSchema: { columns: CsvwColumn[] };
}

/** The sidecar's file name for a CSV file: `FILE.csv-metadata.json`. */
export function metadataPath(csvFile: string): string {
  return `${csvFile}-metadata.json`;
}

const NAME_OK = /^[A-Za-z0-9][A-Za-z0-9_]*$/;

/** The CSVW datatype of a column's values: integer, number, boolean, else string; all missing: string. */
export function inferDatatype(values: Iterable<unknown>): CsvwDatatype {
  let kind: CsvwDatatype | undefined;
  for (const v of values) {
    if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) continue;
    const k: CsvwDatatype =
      typeof v === "bigint" || (typeof v === "number" && Number.isSafeInteger(v))
        ? "integer"
        : typeof v === "number"
          ? "number"
          : typeof v === "boolean"
            ? "boolean"
            : "string";
    if (kind === undefined) kind = k;
    else if (kind !== k)
      kind =
        (kind === "integer" && k === "number") || (kind === "number" && k === "integer")
          ? "number"
          : "string";
  }
  return kind ?? "string";
}

/** The writer's rules as one sentence for `rdfs:comment`. */
export function writerComment(o: {
  digits?: number | "shortest";
  neutralize?: boolean;
  neutralized: number;
}): string {
  const digits = o.digits ?? 12;
  const numbers =
    digits === "shortest"
      ? "numbers as the shortest text that reads back to the same double"
      : `numbers rounded to ${digits} significant digits`;
  const rule =
    o.neutralize === false
      ? "text cells are written as they are (no formula neutralizing)"
      : "a text cell beginning with =, +, -, @, TAB or CR is written with a leading ' so that a spreadsheet shows it as text instead of running it as a formula (OWASP, CSV Injection); numbers are never changed; " +
        `text cells of this file that carry the added ': ${o.neutralized}`;
  return `Plain CSV (RFC 4180, UTF-8): one header row, then data rows only; an empty field is a missing value; ${numbers}; ${rule}.`;
}

/**
 * The CSVW sidecar of a CSV file with these rows and columns (the document,
 * not yet written). `csvFile` may be a path; `url` is its base name, since
 * the sidecar sits beside it.
 */
export function csvMetadata(
  csvFile: string,
  rows: readonly (object | readonly unknown[])[],
  columns: readonly string[],
  opts: CsvMetadataOptions & {
    digits?: number | "shortest";
    neutralize?: boolean;
    neutralized: number;
  },
): CsvwTable {
  const values = (c: string, j: number): unknown[] =>
    rows.map((r): unknown =>
      Array.isArray(r) ? (r[j] as unknown) : (r as Record<string, unknown>)[c],
    );
  const cols: CsvwColumn[] = columns.map((c, j) => {
    const m = opts.columns?.[c] ?? {};
    return {
      name: NAME_OK.test(c) ? c : `col${j + 1}`,
      titles: m.titles ?? c,
      datatype: m.datatype ?? inferDatatype(values(c, j)),
      ...(m.description ? { "dc:description": m.description } : {}),
    };
  });
  for (const k of Object.keys(opts.columns ?? {}))
    if (!columns.includes(k))
      throw new Error(
        `csvMetadata: metadata for "${k}", which is not a column (${columns.join(", ")})`,
      );
  return {
    "@context": CSVW_CONTEXT,
    url: path.basename(csvFile),
    ...(opts.title ? { "dc:title": opts.title } : {}),
    ...(opts.notes?.length ? { "dc:description": [...opts.notes] } : {}),
    ...(opts.source ? { "dc:source": opts.source } : {}),
    "rdfs:comment": writerComment(opts),
    tableSchema: { columns: cols },
  };
}

/** The sidecar as text: two-space JSON with a final newline (deterministic). */
export function csvMetadataText(meta: CsvwTable): string {
  return JSON.stringify(meta, null, 2) + "\n";
}

/**
 * Write `file` (plain CSV, lib/io/csvWrite.ts) and `file-metadata.json`
 * beside it, each atomically (temporary file + rename); the CSV first, so a
 * sidecar never describes a file that is not there. Returns both paths and
 * the sidecar document.
 */
export function writeCsvWithMetadata(
  file: string,
  rows: readonly (object | readonly CsvValue[])[],
  columns: readonly string[],
  opts: FormatCsvOptions & WriteFileAtomicOptions & CsvMetadataOptions = {},
): { csv: string; metadata: string; meta: CsvwTable } {
  const { text, neutralized } = formatCsvCounted(rows, columns, opts);
  const meta = csvMetadata(file, rows, columns, { ...opts, neutralized });
  writeFileAtomic(file, text, opts);
  const metadata = metadataPath(file);
  writeFileAtomic(metadata, csvMetadataText(meta), opts);
  return { csv: file, metadata, meta };
}
