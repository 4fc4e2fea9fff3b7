/**
 * The one number format of the project's tables and of the numbers notebooks
 * state in prose (regression tables, descriptive tables, notebook tables).
 *
 *   fmt(x)      an integer → as it is ("26", "2017"); any other number → 3 decimals
 *   fmt(x, d)   every number → d decimals (tables always give d)
 *   both        "-0.000" printed as "0.000";
 *               missing (null, undefined, NaN, ±Infinity) → "—";
 *               anything else → String(x)
 *
 * Missing prints as an em dash, not as an empty cell: an empty cell in a
 * regression table means "not in this model" or "not in the published table"
 * (the tables leave those cells empty themselves), while "—" says a value was
 * asked for and is not defined.
 */

/** A number with `digits` decimals (without `digits`: integers as they are, others 3); missing as "—" (see module doc). */
export function fmt(x: unknown, digits?: number): string {
  if (x === null || x === undefined) return "—";
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a cell of any type (text, boolean, date) prints as String() gives it
  if (typeof x !== "number") return String(x);
  if (!Number.isFinite(x)) return "—";
  if (digits === undefined && Number.isInteger(x)) return String(x);
  const s = x.toFixed(digits ?? 3);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
