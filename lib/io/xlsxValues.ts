/**
 * A values-only reader of OOXML workbooks (.xlsx), returning for each sheet
 * exactly the rows that SheetJS returns through `lib/io/spreadsheet.ts`:
 * `sheet_to_json(ws, { header: 1, raw: true, defval: null, blankrows: true })`
 * over the range from A1 to the end of the sheet's `<dimension>`, after
 * `XLSX.read` with cellText, cellHTML, cellFormula and cellStyles off. Row i
 * is spreadsheet row i + 1, every row as wide as the dimension, an empty cell
 * null; numbers (`parseFloat` of `<v>`), shared strings (`<si>`, rich-text runs
 * joined, phonetic runs left out) and inline-typed strings (`t="str"`) and
 * booleans (`t="b"`) as SheetJS converts them (its XML unescaping is copied
 * below, quirks included, so that the text is the same).
 *
 * Why not SheetJS alone: its worksheet parser (0.18.5, regular expressions and
 * an attribute object per cell) takes about 0.6 s per IMF DOTS workbook (two
 * sheets of about 240 rows by 150 months, 3.2 MB of XML), 1.2 s of notebook
 * 04's first cell; this reader walks the same XML once with one sticky regular
 * expression and keeps no per-cell object, about ten times faster. The zip is
 * still opened by SheetJS (`XLSX.CFB`, pure JavaScript, so it also runs in the
 * browser kernel).
 *
 * It is strict: any construct it does not read the way SheetJS does (no
 * `<dimension>` range, an element other than rows and cells in
 * `<sheetData>`, a self-closing row, a cell without a plain A1 reference, a
 * cell type other than number, shared string, `str` and boolean, an inline
 * string, a `str` cell with character escapes, a shared string that is
 * neither plain nor rich text, a part that is not UTF-8) makes
 * {@link readXlsxValues} return undefined for the whole workbook, and the
 * caller parses it with SheetJS. `test/io/xlsxValues.test.ts` compares the two
 * on the deposit's workbooks and on generated ones.
 */
export type ValueCell = string | number | boolean | null;

export interface XlsxValues {
  /** Sheet names in workbook order. */
  sheetNames: string[];
  /** The rows of one sheet; undefined for an unknown name. */
  rows: (sheet: string) => ValueCell[][] | undefined;
}

/** The part of SheetJS's zip reader (`XLSX.CFB`, which SheetJS types as `any`) that this module uses. */
export interface ZipReader {
  read(bytes: Uint8Array, opts: { type: "buffer" }): unknown;
  find(container: unknown, path: string): { content?: unknown } | null;
}

/** A construct this reader leaves to SheetJS (caught inside {@link readXlsxValues}). */
class Unsupported extends Error {}

const unsupported = (what: string): never => {
  throw new Unsupported(what);
};

/** SheetJS 0.18.5's `unescapexml`: XML entities, numeric references, `_xHHHH_` escapes, CDATA. */
function unescapeXml(text: string): string {
  const i = text.indexOf("<![CDATA[");
  if (i === -1)
    return text
      .replace(
        /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi,
        (m: string, code: string | undefined) =>
          ENTITIES[m] ??
          (String.fromCharCode(parseInt(code ?? "", m.includes("x") ? 16 : 10)) || m),
      )
      .replace(/_x([\da-fA-F]{4})_/gi, (_m: string, c: string) =>
        String.fromCharCode(parseInt(c, 16)),
      );
  const j = text.indexOf("]]>");
  return unescapeXml(text.slice(0, i)) + text.slice(i + 9, j) + unescapeXml(text.slice(j + 3));
}
const ENTITIES: Record<string, string | undefined> = {
  "&quot;": '"',
  "&apos;": "'",
  "&gt;": ">",
  "&lt;": "<",
  "&amp;": "&",
};

const ATTR = new Map<string, RegExp>();

/** {@link unescapeXml} of a cell's `<v>` text, skipped when there is nothing to unescape (most numbers). */
const plain = (raw: string): string =>
  raw.includes("&") || raw.includes("_") ? unescapeXml(raw) : raw;

/** The value of attribute `name` in a tag's attribute text (double or single quotes). */
function attr(attrs: string, name: string): string | undefined {
  let re = ATTR.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR.set(name, re);
  }
  const m: (string | undefined)[] | null = re.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** One shared string (`<si>` content, trimmed) as SheetJS's `parse_si` gives its text. */
function sharedString(x: string): string {
  if (x === "") return "";
  if (/^\s*<(?:\w+:)?t[^>]*>/.test(x))
    return unescapeXml(x.slice(x.indexOf(">") + 1).split(/<\/(?:\w+:)?t>/)[0] || "");
  if (/<(?:\w+:)?r>/.test(x)) {
    const runs = x
      .replace(/<(?:\w+:)?rPh.*?>([\s\S]*?)<\/(?:\w+:)?rPh>/g, "")
      .match(/<(?:\w+:)?t[^>]*>([^<]*)<\/(?:\w+:)?t>/g);
    return unescapeXml((runs ?? []).join("").replace(/<[^>]*>/g, ""));
  }
  return unsupported("a shared string that is neither plain nor rich text");
}

/** The shared-string table (SheetJS's `parse_sst_xml`). */
function sharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const sst = /<(?:\w+:)?sst([^>]*)>([\s\S]*)<\/(?:\w+:)?sst>/.exec(xml);
  if (!sst) return [];
  return sst[2]
    .replace(/<(?:\w+:)?(?:si|sstItem)>/g, "")
    .split(/<\/(?:\w+:)?(?:si|sstItem)>/)
    .map((s) => sharedString(s.trim()));
}

/** 0-based column of letters A..XFD. */
function colIndex(letters: string): number {
  let c = 0;
  for (let i = 0; i < letters.length; i++) c = 26 * c + letters.charCodeAt(i) - 64;
  return c - 1;
}

/** The end (0-based row, column) of the sheet's `<dimension ref="A1:FB239">`, which SheetJS takes as its range. */
function dimensionEnd(head: string): { r: number; c: number } {
  const m = /<dimension\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"\s*\/>/.exec(head);
  if (!m) return unsupported("no <dimension> range");
  const s = { r: Number(m[2]) - 1, c: colIndex(m[1]) };
  const e = { r: Number(m[4]) - 1, c: colIndex(m[3]) };
  if (s.r > e.r || s.c > e.c || s.r < 0) unsupported("an empty <dimension>");
  return e;
}

/** A character reference or `_xHHHH_` escape: SheetJS unescapes a `str` cell's text before decoding its UTF-8. */
const STR_ESCAPE = /&#|_x[\da-fA-F]{4}_/;

/** One cell's value from the text of its `<v>` (undefined: none or empty) as SheetJS stores and sheet_to_json returns it; undefined = no cell. */
function typedValue(
  type: string | undefined,
  raw: string | undefined,
  strings: readonly string[],
): ValueCell | undefined {
  switch (type ?? "n") {
    case "n":
      return raw === undefined ? undefined : parseFloat(plain(raw));
    case "s": {
      if (raw === undefined) return undefined;
      const i = parseInt(plain(raw), 10);
      return i >= 0 && i < strings.length
        ? strings[i]
        : unsupported("a shared-string index past the table");
    }
    case "str":
      if (raw !== undefined && STR_ESCAPE.test(raw))
        unsupported("a str cell with character escapes");
      return raw === undefined ? "" : unescapeXml(raw);
    case "b": {
      const v = raw === undefined ? undefined : unescapeXml(raw);
      return v === "1" || v === "true" || v === "TRUE";
    }
    default:
      return unsupported(`cell type "${type ?? ""}"`);
  }
}

/** The `<v>` text of a cell's content (an `<f>` before it is allowed and ignored, as with cellFormula off). */
function valueText(inner: string): string | undefined {
  const m: (string | undefined)[] | null =
    /^\s*(?:<f\b[^>]*?(?:\/>|>[^<]*<\/f>)\s*)?(?:<v(?: xml:space="preserve")?>([^<]*)<\/v>\s*)?$/.exec(
      inner,
    );
  if (!m) return unsupported("a cell child other than <f> and <v>");
  return m[1] === "" ? undefined : m[1];
}

/** 0-based (row, column) of a cell reference such as "B50". */
function cellRef(letters: string, digits: string): { r: number; c: number } {
  const r = Number(digits) - 1;
  if (r < 0) unsupported(`cell reference "${letters}${digits}"`);
  return { r, c: colIndex(letters) };
}

/** An r or t attribute that SheetJS would also read (it drops prefixes and lower-cases names). */
const ODD_ATTR = /(?:\w:|\s|^)[RT]\s*=|\w:[rt]\s*=/;
/** Rows, cells and their end tags in `<sheetData>`, anything else fails to match. */
const TOKEN = /\s*(?:<row\b([^>]*?)(\/?)>|<\/row>|<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>))/y;
/** The common cell, `<c r="B50" s="17" t="s"><v>279</v></c>` or `<c r="A50" s="1" />`, read in one match. */
const PLAIN_CELL =
  /\s*<c r="([A-Z]{1,3})(\d+)"(?: s="\d+")?(?: t="([a-z]+)")?\s*(?:\/>|><v>([^<]*)<\/v><\/c>)/y;

/** The rows of one worksheet's XML (module doc). */
export function worksheetRows(xml: string, strings: readonly string[]): ValueCell[][] {
  const open = /<sheetData[^>]*>/.exec(xml);
  const close = xml.lastIndexOf("</sheetData>");
  if (!open || close < open.index) return unsupported("no <sheetData>…</sheetData>");
  const end = dimensionEnd(xml.slice(0, open.index));
  const out: ValueCell[][] = Array.from({ length: end.r + 1 }, () =>
    new Array<ValueCell>(end.c + 1).fill(null),
  );
  const put = (at: { r: number; c: number }, v: ValueCell | undefined): void => {
    if (v !== undefined && at.r <= end.r && at.c <= end.c) out[at.r][at.c] = v;
  };
  const data = xml.slice(open.index + open[0].length, close);
  let pos = 0;
  let row = 0; // 1-based, as the <row r> attribute
  let col = -1;
  while (pos < data.length) {
    PLAIN_CELL.lastIndex = pos;
    const p: (string | undefined)[] | null = PLAIN_CELL.exec(data);
    if (p) {
      pos = PLAIN_CELL.lastIndex;
      const at = cellRef(p[1] ?? "", p[2] ?? "");
      col = at.c;
      put(at, typedValue(p[3], p[4] === "" ? undefined : p[4], strings));
      continue;
    }
    TOKEN.lastIndex = pos;
    const t: (string | undefined)[] | null = TOKEN.exec(data);
    if (!t) {
      if (/^\s*$/.test(data.slice(pos))) break;
      return unsupported("an element other than <row> and <c> in <sheetData>");
    }
    pos = TOKEN.lastIndex;
    if (ODD_ATTR.test(t[1] ?? t[3] ?? "")) unsupported("a prefixed or upper-case r or t attribute");
    if (t[1] !== undefined) {
      if (t[2] === "/") unsupported("a self-closing <row>");
      const r = attr(t[1], "r");
      row = r === undefined ? row + 1 : parseInt(r, 10);
      col = -1;
    } else if (t[3] !== undefined) {
      const ref = attr(t[3], "r");
      const m = ref === undefined ? undefined : /^([A-Z]{1,3})(\d+)$/.exec(ref);
      if (ref !== undefined && !m) unsupported(`cell reference "${ref}"`);
      const at = m ? cellRef(m[1], m[2]) : { r: row - 1, c: col + 1 };
      col = at.c;
      put(at, typedValue(attr(t[3], "t"), valueText(t[4] ?? ""), strings));
    }
  }
  return out;
}

/** A zip part as text; undefined when absent. Only UTF-8 (SheetJS reads others differently). */
function part(zip: ZipReader, container: unknown, name: string): string | undefined {
  const bytes = zip.find(container, `/${name}`)?.content;
  if (!(bytes instanceof Uint8Array)) return undefined;
  if (bytes[0] === 0xff || bytes[0] === 0xfe) unsupported(`${name} is not UTF-8`);
  return new TextDecoder("utf-8").decode(bytes);
}

/** Resolve a relationship target against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out = base.split("/").slice(0, -1);
  for (const step of target.split("/"))
    if (step === "..") out.pop();
    else if (step !== ".") out.push(step);
  return out.join("/");
}

/** Relationship id -> { type, target } of a part's `_rels/*.rels`. */
function relationships(
  xml: string | undefined,
  base: string,
): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  for (const m of (xml ?? "").matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1], "Id");
    const type = attr(m[1], "Type");
    const target = attr(m[1], "Target");
    if (id && type && target) rels.set(id, { type, target: resolveTarget(base, target) });
  }
  return rels;
}

/** The workbook's sheet parts, in order. */
function sheetParts(zip: ZipReader, container: unknown) {
  const root = relationships(part(zip, container, "_rels/.rels"), "");
  const main = [...root.values()].find((r) => r.type.endsWith("/officeDocument"));
  const wbName = main?.target ?? unsupported("no workbook part");
  const wbXml = part(zip, container, wbName) ?? unsupported("no workbook part");
  const slash = wbName.lastIndexOf("/");
  const relsName = `${wbName.slice(0, slash + 1)}_rels/${wbName.slice(slash + 1)}.rels`;
  const rels = relationships(part(zip, container, relsName), wbName);
  const sheets = [...wbXml.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => {
    const name = attr(m[1], "name");
    const rel = rels.get(attr(m[1], "r:id") ?? "");
    if (name === undefined || !rel?.type.endsWith("/worksheet"))
      return unsupported("a sheet that is not a worksheet");
    return { name: unescapeXml(name), target: rel.target };
  });
  const sst = [...rels.values()].find((r) => r.type.endsWith("/sharedStrings"));
  return { sheets, sst: sst?.target };
}

/**
 * The sheets of an .xlsx workbook (module doc), or undefined when the bytes
 * are not a zip this reader handles completely (the caller then uses SheetJS).
 * `zip` is SheetJS's zip reader (`XLSX.CFB`), which opens the file.
 */
export function readXlsxValues(bytes: Uint8Array, zip: ZipReader): XlsxValues | undefined {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return undefined; // not a zip ("PK")
  try {
    const container = zip.read(bytes, { type: "buffer" });
    const { sheets, sst } = sheetParts(zip, container);
    const strings = sharedStrings(sst === undefined ? undefined : part(zip, container, sst));
    const xml = sheets.map(
      (s) => part(zip, container, s.target) ?? unsupported(`no part ${s.target}`),
    );
    const parsed = new Map<string, ValueCell[][]>();
    for (const [i, s] of sheets.entries()) parsed.set(s.name, worksheetRows(xml[i], strings));
    return {
      sheetNames: sheets.map((s) => s.name),
      rows: (name) => parsed.get(name),
    };
  } catch {
    return undefined; // Unsupported, or bytes SheetJS's zip reader refuses: SheetJS reads them and names the error
  }
}
