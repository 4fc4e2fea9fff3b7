/**
 * Escaping of text for each output format of the report tables: the one
 * escaper per format. Every string that reaches an HTML, LaTeX or Markdown
 * table (or a notebook's HTML table) goes through one of these; plain text is
 * printed as it is, and CSV fields are quoted by the project's one CSV writer
 * (lib/io/csvWrite.ts).
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
