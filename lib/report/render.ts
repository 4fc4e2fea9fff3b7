/**
 * A plain table (header, body rows, horizontal rules, notes) written as HTML,
 * Markdown, LaTeX (booktabs) (renderTable), or as plain text for a terminal
 * (renderText): the one renderer per format. Regression tables (etable),
 * descriptive tables and the notebooks' record tables (lib/notebook/table.ts)
 * build one of these; all text is escaped for the target format (escape.ts).
 *
 * There is no CSV form of a formatted table: its cells are display text
 * ("-0.642***" above "(0.123)", notes under the rows), which is not data. The
 * data go to CSV as columns, an estimate, its standard error, its p-value and
 * its stars apart, with the notes in a CSV on the Web sidecar (lib/io/csvw.ts;
 * lib/replication/tables.ts writes the results so, `alliance fe --format csv`
 * its coefficients).
 */
import { escapeHtml, escapeLatex, escapeMarkdown } from "./escape";

export type TableFormat = "html" | "markdown" | "latex";
export const TABLE_FORMATS: readonly TableFormat[] = ["html", "markdown", "latex"];

export interface PlainTable {
  caption?: string;
  header: string[];
  /** Body rows; each has header.length cells. */
  rows: string[][];
  /** Indices of rows preceded by a horizontal rule (e.g. start of the FE block). */
  rulesBefore?: number[];
  notes?: string[];
  /** HTML alignment of each column (default: the first left, the others centred). */
  align?: readonly ("left" | "center" | "right")[];
}

export function renderTable(t: PlainTable, format: TableFormat): string {
  const w = t.header.length;
  for (const r of t.rows)
    if (r.length !== w) throw new Error(`table row has ${r.length} cells, header has ${w}`);
  const rules = new Set(t.rulesBefore ?? []);
  switch (format) {
    case "html": {
      const al = (j: number): string =>
        t.align
          ? ` style="text-align:${t.align[j] ?? "left"}"`
          : j
            ? ' style="text-align:center"'
            : "";
      const out: string[] = ["<table>"];
      if (t.caption) out.push(`<caption>${escapeHtml(t.caption)}</caption>`);
      out.push(
        `<thead><tr>${t.header.map((h, j) => `<th${al(j)}>${escapeHtml(h)}</th>`).join("")}</tr></thead>`,
      );
      out.push("<tbody>");
      t.rows.forEach((r, i) => {
        const style = rules.has(i) ? ' style="border-top:1px solid"' : "";
        out.push(
          `<tr${style}>${r.map((c, j) => `<td${al(j)}>${escapeHtml(c)}</td>`).join("")}</tr>`,
        );
      });
      out.push("</tbody>");
      if (t.notes?.length)
        out.push(
          `<tfoot>${t.notes.map((n) => `<tr><td colspan="${w}">${escapeHtml(n)}</td></tr>`).join("")}</tfoot>`,
        );
      out.push("</table>");
      return out.join("\n") + "\n";
    }
    case "markdown": {
      const out: string[] = [];
      if (t.caption) out.push(`**${escapeMarkdown(t.caption)}**`, "");
      out.push(`| ${t.header.map(escapeMarkdown).join(" | ")} |`);
      out.push(`|${t.header.map((_, j) => (j ? ":---:" : ":---")).join("|")}|`);
      for (const r of t.rows) out.push(`| ${r.map(escapeMarkdown).join(" | ")} |`);
      if (t.notes?.length) out.push("", ...t.notes.map(escapeMarkdown));
      return out.join("\n") + "\n";
    }
    case "latex": {
      const out: string[] = [];
      out.push(`\\begin{tabular}{l${"c".repeat(w - 1)}}`, "\\toprule");
      out.push(`${t.header.map(escapeLatex).join(" & ")} \\\\`, "\\midrule");
      t.rows.forEach((r, i) => {
        if (rules.has(i)) out.push("\\midrule");
        out.push(`${r.map(escapeLatex).join(" & ")} \\\\`);
      });
      out.push("\\bottomrule");
      for (const n of t.notes ?? [])
        out.push(`\\multicolumn{${w}}{l}{\\footnotesize ${escapeLatex(n)}} \\\\`);
      out.push("\\end{tabular}");
      const body = out.join("\n");
      return (
        (t.caption
          ? `\\begin{table}\n\\centering\n\\caption{${escapeLatex(t.caption)}}\n${body}\n\\end{table}`
          : body) + "\n"
      );
    }
  }
  throw new Error(`unknown table format "${String(format)}"`);
}

/**
 * The table as plain text for a terminal: columns padded to their widest cell,
 * the first column left-aligned, numbers (with their stars or parentheses)
 * aligned on the decimal point and the block centred under the header, "="
 * rules around the table, "-" rules where `rulesBefore` asks, notes below.
 * Nothing is escaped: the text is printed as it is.
 */
export function renderText(t: PlainTable): string {
  const w = t.header.length;
  for (const r of t.rows)
    if (r.length !== w) throw new Error(`table row has ${r.length} cells, header has ${w}`);
  const len = (s: string): number => Array.from(s).length; // code points
  const NUM = /^\(?[-−]?\d+\./;
  // Per column: the widest part before and from the decimal point among numeric cells.
  const split = (s: string): [number, number] => {
    const d = s.indexOf(".");
    return d < 0
      ? [len(s.replace(/[*)]+$/, "")), len(s) - len(s.replace(/[*)]+$/, ""))]
      : [len(s.slice(0, d)), len(s.slice(d))];
  };
  const dec = t.header.map((_, j) => {
    let a = 0,
      b = 0;
    if (j > 0)
      for (const r of t.rows)
        if (NUM.test(r[j])) {
          const [x, y] = split(r[j]);
          a = Math.max(a, x);
          b = Math.max(b, y);
        }
    return [a, b];
  });
  const widths = t.header.map((h, j) =>
    Math.max(
      len(h),
      dec[j][0] + dec[j][1],
      ...t.rows.map((r) => (j > 0 && NUM.test(r[j]) ? 0 : len(r[j]))),
    ),
  );
  const centre = (s: string, j: number): string => {
    const gap = widths[j] - len(s);
    const left = Math.floor(gap / 2);
    return " ".repeat(left) + s + " ".repeat(gap - left);
  };
  const cell = (s: string, j: number, body: boolean): string => {
    if (j === 0) return s + " ".repeat(widths[0] - len(s));
    if (body && NUM.test(s)) {
      const [x, y] = split(s);
      return centre(" ".repeat(dec[j][0] - x) + s + " ".repeat(dec[j][1] - y), j);
    }
    return centre(s, j);
  };
  const line = (r: readonly string[], body: boolean): string =>
    r
      .map((s, j) => cell(s, j, body))
      .join("  ")
      .trimEnd();
  const total = widths.reduce((a, b) => a + b, 0) + 2 * (w - 1);
  const rules = new Set(t.rulesBefore ?? []);
  const out: string[] = [];
  if (t.caption) out.push(t.caption);
  out.push("=".repeat(total), line(t.header, false), "-".repeat(total));
  t.rows.forEach((r, i) => {
    if (rules.has(i)) out.push("-".repeat(total));
    out.push(line(r, true));
  });
  out.push("=".repeat(total));
  for (const n of t.notes ?? []) out.push(n);
  return out.join("\n") + "\n";
}
