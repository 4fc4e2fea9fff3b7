/**
 * Tables and computed prose in notebook cells.
 *
 * {@link showTable} renders an array of records as an HTML table (with an
 * aligned plain-text fallback for consoles and `text/plain` frontends), by
 * the report renderers (lib/report/render.ts) and the one number format
 * (lib/report/format.ts);
 * {@link showMarkdown} renders Markdown built from computed values, so that
 * every number a notebook states in words comes from a cell.
 */
import { displayBundle } from "../display";
import { fmt } from "../report/format";
import { renderTable, renderText, type PlainTable } from "../report/render";

/** The project's one number format (lib/report/format.ts), here for the notebooks' one import of table helpers. */
export { fmt };

export type Row = Record<string, unknown>;

/** A cell: integers (counts, years) as they are, other numbers with `digits` decimals, missing as "—". */
const cellText = (x: unknown, digits: number): string =>
  typeof x === "number" && Number.isInteger(x) ? String(x) : fmt(x, digits);

/** Column names: those given, or the keys of the rows in first-seen order. */
function columnsOf(rows: readonly Row[], columns?: readonly string[]): string[] {
  if (columns) return [...columns];
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

export interface TableOptions {
  columns?: readonly string[];
  /** Decimals for numbers (default 3). */
  digits?: number;
  caption?: string;
}

/** The records as a plain table (lib/report/render.ts): numeric columns right-aligned, the others left. */
function recordTable(rows: readonly Row[], opts: TableOptions = {}): PlainTable {
  const cols = columnsOf(rows, opts.columns);
  const d = opts.digits ?? 3;
  const numeric = (c: string): boolean =>
    rows.some((r) => typeof r[c] === "number") &&
    rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "number");
  return {
    caption: opts.caption,
    header: cols,
    rows: rows.map((r) => cols.map((c) => cellText(r[c], d))),
    align: cols.map((c) => (numeric(c) ? "right" : "left")),
  };
}

/** The table as HTML (numeric columns right-aligned), by the report renderer. */
export function htmlTable(rows: readonly Row[], opts: TableOptions = {}): string {
  return renderTable(recordTable(rows, opts), "html");
}

/** The table as aligned plain text, by the report renderer. */
export function textTable(rows: readonly Row[], opts: TableOptions = {}): string {
  return renderText(recordTable(rows, opts));
}

/** Show records as a table in the cell's output. */
export function showTable(rows: readonly Row[], opts: TableOptions = {}): void {
  displayBundle({ "text/html": htmlTable(rows, opts), "text/plain": textTable(rows, opts) });
}

/** Show Markdown (typically a template string with computed numbers). */
export function showMarkdown(md: string): void {
  displayBundle({ "text/markdown": md, "text/plain": md });
}
