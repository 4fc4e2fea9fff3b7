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
