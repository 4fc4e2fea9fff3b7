/**
 * The one numeral grammar of the project's CSV files: plain decimals only.
 *
 *   decimal  = [sign] ( digits [ "." [digits] ] | "." digits ) [ exponent ]
 *   sign     = "+" | "-"
 *   exponent = ("e" | "E") [sign] digits
 *
 * Accepted: `12`, `-1.5`, `+3`, `.5`, `5.`, `1e-7`, `2.5E+21`.
 * Refused (JavaScript's `Number()` accepts several of them): hexadecimal `0x10`,
 * octal `0o7`, binary `0b1`, `Infinity`, `NaN`, digit separators `1_000`,
 * `1,5`, a bare or dangling exponent (`1e`, `e5`), a lone sign or point, and a
 * value whose magnitude overflows a double (`1e400`).
 *
 * A leading `+` is accepted because R (`as.numeric("+1")`), Stata (`real("+1")`)
 * and pandas read it as a number; a spreadsheet also treats `+1` as the number 1,
 * so the CSV writer leaves such a cell as it is (lib/io/csvWrite.ts).
 */
export const DECIMAL_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True if `s` (not trimmed) is a decimal numeral per {@link DECIMAL_RE}. */
export function isDecimal(s: string): boolean {
  return DECIMAL_RE.test(s);
}

/**
 * The finite number a decimal numeral denotes, or undefined when `s` is not a
 * decimal numeral or overflows a double.
 */
export function parseDecimal(s: string): number | undefined {
  if (!DECIMAL_RE.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** Names of the invisible or look-alike code points most often found in numbers pasted from documents. */
const CODE_POINT_NAMES: Record<number, string> = {
  0x00a0: "NO-BREAK SPACE",
  0x00ad: "SOFT HYPHEN",
  0x2007: "FIGURE SPACE",
  0x2009: "THIN SPACE",
  0x200b: "ZERO WIDTH SPACE",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x2212: "MINUS SIGN",
  0x202f: "NARROW NO-BREAK SPACE",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE (BOM)",
};

/**
 * Why a cell that looks numeric is not a decimal numeral, when the cause is
 * invisible: the first character outside printable ASCII, named by its code
 * point (" (contains U+00A0 NO-BREAK SPACE at character 1; delete it ...)"),
 * or "" when there is none.
 */
export function numeralHint(raw: string): string {
  let i = 0;
  for (const ch of raw) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp > 0x7e) {
      const u = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
      const name = CODE_POINT_NAMES[cp];
      const fix = cp === 0x2212 ? "replace it with an ASCII hyphen-minus" : "delete it";
      return ` (contains ${u}${name ? ` ${name}` : ""} at character ${i + 1}; ${fix}: numbers are plain ASCII decimals)`;
    }
    i++;
  }
  return "";
}

/** The error for a gzip-compressed file given as CSV (both CSV readers). */
export const GZIP_MESSAGE =
  "the file is gzip-compressed (it starts with the bytes 1F 8B), not CSV text; decompress it first (gunzip -k FILE) and read the .csv";

/** The error for a file whose lines end with CR alone (both CSV readers). */
export const CR_ONLY_MESSAGE =
  "lines end with CR alone (classic Mac line ends); convert the file to LF or CRLF line ends";
