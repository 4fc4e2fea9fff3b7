/**
 * Escaping of text for each output format of the report tables: the one
 * escaper per format. Every string that reaches an HTML, LaTeX or Markdown
 * table (or a notebook's HTML table) goes through one of these; plain text is
 * printed as it is, and CSV fields are quoted by the project's one CSV writer
 * (lib/io/csvWrite.ts).
 */

/** HTML text and attribute values: & < > " ' become entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ENTITY[c]);
}

/** The entity of each character escapeHtml's pattern matches. */
const HTML_ENTITY: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** LaTeX text mode: the ten special characters, plus < > | (wrong glyphs in OT1) and ². */
export function escapeLatex(s: string): string {
  return s.replace(/[\\&%$#_{}~^<>|²]/g, (c) => LATEX_ESCAPE[c]);
}

/** The replacement of each character escapeLatex's pattern matches. */
const LATEX_ESCAPE: Readonly<Record<string, string>> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
  "²": "\\textsuperscript{2}",
};

/**
 * Markdown table cell: backslashes, pipes and emphasis markers (* _) escaped,
 * HTML-significant characters as entities, newlines to spaces.
 */
export function escapeMarkdown(s: string): string {
  return escapeHtml(s)
    .replace(/[\\|*_]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, " ");
}
