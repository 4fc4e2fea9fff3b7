/**
 * The project bibliography (`references.bib` at the repository root) as a
 * Markdown "References" section for the end of every notebook:
 *
 *   showMarkdown(references(["li2022", "bailey2017", "cameron2008"]));
 *
 * Entries are rendered author-year (APA-like): authors "Last, F." joined
 * with commas and "&", (year), title, venue in italics with volume(number),
 * pages, then the DOI as https://doi.org/… or else the URL, then the note.
 * cite(key) gives the in-text form "Li & Gu (2022)".
 *
 * A small BibTeX reader is written here rather than adding a dependency
 * (citation-js, @retorquere/bibtex-parser): references.bib is our own file and
 * uses a small subset of BibTeX (@type{key, field = {…} or "…" or 123}, nested
 * braces, the accents {\"o} {\'e} {\~a} {\ss} {\O}, \&), and every notebook's
 * first cell type-checks what it imports under tslab. Anything else it meets
 * is an error naming the file and line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../io/dataRoot";

export const BIB_FILE = path.join(REPO_ROOT, "references.bib");

export interface BibEntry {
  type: string;
  key: string;
  /** Field name (lower case) -> value; a field the entry lacks is undefined. */
  fields: Partial<Record<string, string>>;
  line: number;
}

/** Parse BibTeX text (see module doc for the subset). */
export function parseBib(text: string, file = "references.bib"): Map<string, BibEntry> {
  const out = new Map<string, BibEntry>();
  let i = 0;
  const lineAt = (pos: number): number => text.slice(0, pos).split("\n").length;
  // annotated so that TypeScript narrows after a call (a never-returning arrow needs it)
  const fail: (msg: string, pos: number) => never = (msg, pos) => {
    throw new Error(`${file}:${lineAt(pos)}: ${msg}`);
  };
  const skipWs = (): void => {
    while (i < text.length) {
      if (/\s/.test(text[i])) i++;
      else if (text[i] === "%") while (i < text.length && text[i] !== "\n") i++;
      else break;
    }
  };
  while (i < text.length) {
    skipWs();
    if (i >= text.length) break;
    if (text[i] !== "@") fail(`expected "@" to start an entry, found "${text[i]}"`, i);
    const start = i;
    const head = /^@(\w+)\s*\{\s*([^,\s]+)\s*,/.exec(text.slice(i));
    if (!head) fail("malformed entry head (want @type{key,)", i);
    const type = head[1].toLowerCase(),
      key = head[2];
    if (out.has(key)) fail(`duplicate key "${key}"`, i);
    i += head[0].length;
    const fields: Record<string, string> = {};
    for (;;) {
      skipWs();
      if (text[i] === "}") {
        i++;
        break;
      }
      const fm = /^(\w+)\s*=\s*/.exec(text.slice(i));
      if (!fm) fail(`entry ${key}: expected a field name or "}"`, i);
      i += fm[0].length;
      let value: string;
      if (text[i] === "{") {
        let depth = 0;
        const s = i;
        for (; i < text.length; i++) {
          if (text[i] === "{") depth++;
          else if (text[i] === "}" && --depth === 0) break;
        }
        if (depth !== 0) fail(`entry ${key}: unbalanced braces in field ${fm[1]}`, s);
        value = text.slice(s + 1, i);
        i++;
      } else if (text[i] === '"') {
        const e = text.indexOf('"', i + 1);
        if (e < 0) fail(`entry ${key}: unterminated quote`, i);
        value = text.slice(i + 1, e);
        i = e + 1;
      } else {
        const m = /^\d+/.exec(text.slice(i));
        if (!m) fail(`entry ${key}: field ${fm[1]} has no value`, i);
        value = m[0];
        i += value.length;
      }
      fields[fm[1].toLowerCase()] = value.replace(/\s+/g, " ").trim();
      skipWs();
      if (text[i] === ",") i++;
    }
    out.set(key, { type, key, fields, line: lineAt(start) });
  }
  return out;
}

/** LaTeX accents and protective braces of our subset → plain Unicode text. */
export function latexToText(s: string): string {
  const acc: Partial<Record<string, Partial<Record<string, string>>>> = {
    '"': { o: "ö", a: "ä", u: "ü", O: "Ö", A: "Ä", U: "Ü" },
    "'": { e: "é", a: "á", o: "ó", i: "í", E: "É" },
    "~": { a: "ã", n: "ñ", o: "õ" },
    "`": { e: "è", a: "à" },
  };
  return s
    .replace(/\{\\(["'~`])\s*\{?(\w)\}?\}/g, (m, a: string, c: string) => acc[a]?.[c] ?? m)
    .replace(/\\(["'~`])\s*\{?(\w)\}?/g, (m, a: string, c: string) => acc[a]?.[c] ?? m)
    .replace(/\{\\ss\}|\\ss\b/g, "ß")
    .replace(/\{\\O\}|\\O\b/g, "Ø")
    .replace(/\\&/g, "&")
    .replace(/``|''/g, '"')
    .replace(/--/g, "–")
    .replace(/[{}]/g, "");
}

/** One author "Last, First Middle" (or "First Last", or {Corporate}) → "Last, F. M.". */
function authorShort(a: string): string {
  const t = a.trim();
  if (/^\{.*\}$/.test(t)) return latexToText(t);
  if (t === "others") return "others";
  const [last, first] = t.includes(",")
    ? t.split(",", 2).map((x) => x.trim())
    : [t.split(/\s+/).slice(-1)[0], t.split(/\s+/).slice(0, -1).join(" ")];
  const initials = latexToText(first)
    .split(/[\s]+/)
    .filter(Boolean)
    .map((p) =>
      p
        .split("-")
        .map((q) => `${q[0]}.`)
        .join("-"),
    )
    .join(" ");
  return initials ? `${latexToText(last)}, ${initials}` : latexToText(last);
}

function splitAuthors(s: string): string[] {
  // split on " and " at brace depth 0
  const out: string[] = [];
  let depth = 0,
    cur = "";
  const parts = s.split(/(\{|\}|\s+and\s+)/);
  for (const p of parts) {
    if (p === "{") depth++;
    if (p === "}") depth--;
    if (/^\s+and\s+$/.test(p) && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += p;
  }
  out.push(cur);
  return out.filter((x) => x.trim());
}

function authorList(e: BibEntry): string[] {
  const a = e.fields.author ?? e.fields.editor;
  if (!a) throw new Error(`references.bib:${e.line}: entry ${e.key} has no author`);
  return splitAuthors(a).map(authorShort);
}

/** Authors as a reference list writes them: "A, B, & C", "A et al." after "others". */
function authorsText(e: BibEntry): string {
  const as = authorList(e);
  const etal = as[as.length - 1] === "others";
  const names = etal ? as.slice(0, -1) : as;
  const joined =
    names.length === 1
      ? names[0]
      : names.length === 2 && !etal
        ? `${names[0]}, & ${names[1]}`
        : names.slice(0, -1).join(", ") +
          (etal ? `, ${names[names.length - 1]}` : `, & ${names[names.length - 1]}`);
  return etal ? `${joined}, et al.` : joined;
}

/** The in-text citation: "Li & Gu (2022)", "Cameron et al. (2008)". */
export function cite(key: string, bib: Map<string, BibEntry> = loadBib()): string {
  const e = entry(bib, key);
  const last = authorList(e).map((a) => a.split(",")[0]);
  const etal = last[last.length - 1] === "others";
  const names = etal ? last.slice(0, -1) : last;
  const who =
    names.length === 1 && !etal
      ? names[0]
      : names.length === 2 && !etal
        ? `${names[0]} & ${names[1]}`
        : `${names[0]} et al.`;
  return `${who} (${e.fields.year ?? "n.d."})`;
}

function entry(bib: Map<string, BibEntry>, key: string): BibEntry {
  const e = bib.get(key);
  if (!e)
    throw new Error(
      `references: no entry "${key}" in references.bib (keys: ${[...bib.keys()].slice(0, 8).join(", ")}, …)`,
    );
  return e;
}

/** One reference, formatted (module doc). */
export function formatEntry(e: BibEntry): string {
  const f = (k: string): string | undefined => {
    const v = e.fields[k];
    return v ? latexToText(v) : undefined;
  };
  const parts: string[] = [`${authorsText(e)} (${f("year") ?? "n.d."}).`];
  const title = f("title") ?? "";
  const italicTitle = ["book", "manual", "techreport", "misc", "dataset"].includes(e.type);
  const ed = f("edition");
  const suffix: Record<string, string> = { "1": "st", "2": "nd", "3": "rd" };
  const ordinal = (n: string): string => n + (suffix[n] ?? "th");
  parts.push(italicTitle ? `*${title}*${ed ? ` (${ordinal(ed)} ed.)` : ""}.` : `${title}.`);
  const venue = f("journal") ?? f("booktitle");
  if (venue) {
    let v = `${e.type === "incollection" || e.type === "inproceedings" ? "In " : ""}*${venue}*`;
    const volume = f("volume"),
      number = f("number"),
      pages = f("pages");
    if (volume) v += `, ${volume}`;
    if (number) v += volume ? `(${number})` : `, no. ${number}`;
    if (pages) v += `, ${pages}`;
    parts.push(`${v}.`);
  }
  const type = f("type"),
    number = f("number");
  const pub = [
    f("institution"),
    type && number && !venue ? `${type} ${number}` : type,
    f("publisher") ?? f("organization"),
    f("address"),
  ].filter(Boolean);
  if (pub.length) parts.push(`${pub.join(", ")}.`);
  if (e.fields.doi) parts.push(`https://doi.org/${e.fields.doi}`);
  else if (e.fields.url) parts.push(`<${e.fields.url}>`);
  const note = f("note");
  if (note) parts.push(`${note}.`);
  return parts.join(" ").replace(/\.\./g, ".");
}

let cached: Map<string, BibEntry> | undefined;

/** Read and parse references.bib (cached per process). */
export function loadBib(file: string = BIB_FILE): Map<string, BibEntry> {
  if (file !== BIB_FILE)
    return parseBib(fs.readFileSync(file, "utf8"), path.relative(REPO_ROOT, file));
  if (!cached) cached = parseBib(fs.readFileSync(file, "utf8"), "references.bib");
  return cached;
}

/**
 * A Markdown References section for the given keys (duplicates removed),
 * sorted by the first author's surname, then year. Unknown keys throw.
 */
export function references(
  keys: readonly string[],
  bib: Map<string, BibEntry> = loadBib(),
): string {
  const entries = [...new Set(keys)].map((k) => entry(bib, k));
  entries.sort((a, b) => {
    const ka = `${authorList(a)[0]} ${a.fields.year ?? ""}`.toLowerCase(),
      kb = `${authorList(b)[0]} ${b.fields.year ?? ""}`.toLowerCase();
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return ["## References", "", ...entries.map((e) => `- ${formatEntry(e)}`)].join("\n");
}
