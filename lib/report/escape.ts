/**
 * Escaping of text for each output format of the report tables. Every string
 * that reaches an HTML, LaTeX, Markdown or CSV table goes through one of these.
 */

/** HTML text and attribute values: & < > " ' become entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** LaTeX text mode: the ten special characters, plus < > | (wrong glyphs in OT1) and ². */
export function escapeLatex(s: string): string {
  return s.replace(/[\\&%$#_{}~^<>|²]/g, (c) =>
    ({
      "\\": "\\textbackslash{}", "&": "\\&", "%": "\\%", $: "\\$", "#": "\\#", _: "\\_", "{": "\\{", "}": "\\}",
      "~": "\\textasciitilde{}", "^": "\\textasciicircum{}", "<": "\\textless{}", ">": "\\textgreater{}", "|": "\\textbar{}", "²": "\\textsuperscript{2}",
    })[c]!,
  );
}

/**
 * Markdown table cell: backslashes, pipes and emphasis markers (* _) escaped,
 * HTML-significant characters as entities, newlines to spaces.
 */
export function escapeMarkdown(s: string): string {
  return escapeHtml(s).replace(/[\\|*_]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

/** CSV field (RFC 4180): quoted when it holds a comma, quote or newline. */
export function escapeCsv(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
