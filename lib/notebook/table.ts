/**
 * Tables and computed prose in notebook cells.
 *
 * {@link showTable} renders an array of records as an HTML table (with an
 * aligned plain-text fallback for consoles and `text/plain` frontends);
 * {@link showMarkdown} renders Markdown built from computed values, so that
 * every number a notebook states in words comes from a cell.
 */
import { displayBundle } from "./display";

export type Row = Record<string, unknown>;

/** A number with `digits` decimals (default 3); null/undefined/NaN as an em dash. */
export function fmt(x: unknown, digits = 3): string {
  if (x === null || x === undefined) return "—";
  if (typeof x === "number") return !Number.isFinite(x) ? "—" : Number.isInteger(x) ? String(x) : x.toFixed(digits);
  // a cell may hold any value; its own string form is the intended fallback
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- deliberate
  return String(x);
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

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

/** The table as HTML (numbers right-aligned). */
export function htmlTable(rows: readonly Row[], opts: TableOptions = {}): string {
  const cols = columnsOf(rows, opts.columns);
  const d = opts.digits ?? 3;
  const cell = (v: unknown): string =>
    typeof v === "number" ? `<td style="text-align:right">${fmt(v, d)}</td>` : `<td style="text-align:left">${esc(fmt(v, d))}</td>`;
  return (
    `<table class="alliance-table">` +
    (opts.caption ? `<caption style="caption-side:top;text-align:left">${esc(opts.caption)}</caption>` : "") +
    `<thead><tr>${cols.map((c) => `<th style="text-align:left">${esc(c)}</th>`).join("")}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${cols.map((c) => cell(r[c])).join("")}</tr>`).join("")}</tbody></table>`
  );
}

/** The table as aligned plain text. */
export function textTable(rows: readonly Row[], opts: TableOptions = {}): string {
  const cols = columnsOf(rows, opts.columns);
  const d = opts.digits ?? 3;
  const cells = rows.map((r) => cols.map((c) => fmt(r[c], d)));
  const w = cols.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
  const line = (vs: string[]): string => vs.map((v, j) => v.padEnd(w[j])).join("  ").trimEnd();
  return [opts.caption ?? "", line(cols), line(w.map((n) => "-".repeat(n))), ...cells.map(line)].filter((s, i) => i > 0 || s).join("\n");
}

/** Show records as a table in the cell's output. */
export function showTable(rows: readonly Row[], opts: TableOptions = {}): void {
  displayBundle({ "text/html": htmlTable(rows, opts), "text/plain": textTable(rows, opts) });
}

/** Show Markdown (typically a template string with computed numbers). */
export function showMarkdown(md: string): void {
  displayBundle({ "text/markdown": md, "text/plain": md });
}
