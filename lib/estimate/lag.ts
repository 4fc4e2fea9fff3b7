/**
 * Lag or lead of a panel variable by (unit, time), never by row order:
 *
 *   lag_k(x)_it = x_{i, t−k}   if unit i has a row at time t − k, else missing (NaN)
 *
 * A lead is a lag with k < 0. Gaps in the time index give a missing value
 * rather than the previous row's value (the mistake a row-order shift makes,
 * and what Stata's L. operator and plm's lag() avoid). Times must be integers
 * (e.g. years); a repeated (unit, time) pair is an error.
 */

import { mustGet } from "../lookup";

/** Lag `x` by k periods within unit; returns NaN where the lagged row is absent or missing. */
export function lagPanel(
  x: ArrayLike<number | null | undefined>,
  unit: ArrayLike<string | number>,
  time: ArrayLike<number>,
  k = 1,
): Float64Array {
  const n = x.length;
  if (unit.length !== n || time.length !== n)
    throw new Error(`lag: columns differ in length (${n}, ${unit.length}, ${time.length})`);
  if (!Number.isInteger(k)) throw new Error(`lag: k must be an integer (got ${k})`);
  const at = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!Number.isInteger(t))
      throw new Error(`lag: time must be an integer, row ${i + 1} has ${t}`);
    const key = `${unit[i]}\u0000${t}`;
    if (at.has(key))
      throw new Error(
        `lag: unit ${unit[i]} has two rows for time ${t} (rows ${mustGet(at, key, "lag index") + 1} and ${i + 1})`,
      );
    at.set(key, i);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = at.get(`${unit[i]}\u0000${time[i] - k}`);
    const v = j === undefined ? null : x[j];
    out[i] = v === null || v === undefined ? NaN : v;
  }
  return out;
}

/** Lead by k periods (= lag by −k). */
export function leadPanel(
  x: ArrayLike<number | null | undefined>,
  unit: ArrayLike<string | number>,
  time: ArrayLike<number>,
  k = 1,
): Float64Array {
  return lagPanel(x, unit, time, -k);
}
