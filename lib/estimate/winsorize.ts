/**
 * Winsorizing: values below the p_lo quantile are set to it, values above the
 * p_hi quantile to it (paper: 1% and 99%), pooled or within groups (e.g. by year).
 *
 * Quantile definitions (n non-missing values sorted x_(1) ≤ … ≤ x_(n)):
 *   "stata" (default): empirical CDF with averaging at jumps — with h = n·p,
 *       Q(p) = (x_(h) + x_(h+1)) / 2 if h is an integer, else x_(⌈h⌉).
 *       This is Stata's `_pctile`/`centile` default, which `winsor2` uses, so
 *       results match `winsor2 x, cuts(1 99)` (and R's quantile(type = 2)).
 *   "r7": linear interpolation, Q(p) = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)),
 *       h = (n − 1)p + 1 (R's default quantile type 7, numpy's default).
 * Missing values (NaN) stay missing and are not counted in n.
 * Hyndman & Fan (1996), Am. Statistician 50(4), types 2 and 7.
 */

export type QuantileType = "stata" | "r7";

/** Quantile of already sorted finite values. */
export function quantileSorted(
  s: ArrayLike<number>,
  p: number,
  type: QuantileType = "stata",
): number {
  const n = s.length;
  if (n === 0) return NaN;
  if (p < 0 || p > 1) throw new Error(`quantile: p must lie in [0, 1] (got ${p})`);
  if (type === "stata") {
    const h = n * p;
    const fh = Math.floor(h);
    // tolerance for h that is an integer up to rounding (e.g. 100 · 0.01)
    if (Math.abs(h - Math.round(h)) < 1e-9 * Math.max(1, h)) {
      const r = Math.round(h);
      if (r <= 0) return s[0];
      if (r >= n) return s[n - 1];
      return (s[r - 1] + s[r]) / 2;
    }
    return s[Math.min(n - 1, fh)]; // x_(⌈h⌉), 1-based
  }
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export interface WinsorizeOptions {
  lower?: number;
  upper?: number;
  /** Group labels: winsorize within each group (e.g. year). Pooled if absent. */
  by?: ArrayLike<string | number>;
  quantile?: QuantileType;
}

export interface WinsorizeResult {
  values: Float64Array;
  /** Cut points used, per group ("all" when pooled). */
  cuts: Map<string | number, { lo: number; hi: number }>;
  /** Number of values changed at the lower and upper cut. */
  changedLow: number;
  changedHigh: number;
}

export function winsorize(
  x: ArrayLike<number | null | undefined>,
  opts: WinsorizeOptions = {},
): WinsorizeResult {
  const lower = opts.lower ?? 0.01;
  const upper = opts.upper ?? 0.99;
  if (!(lower < upper))
    throw new Error(`winsorize: lower (${lower}) must be below upper (${upper})`);
  const n = x.length;
  const groups = new Map<string | number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = opts.by ? opts.by[i] : "all";
    let a = groups.get(g);
    if (!a) groups.set(g, (a = []));
    a.push(i);
  }
  const values = new Float64Array(n);
  const cuts = new Map<string | number, { lo: number; hi: number }>();
  let changedLow = 0,
    changedHigh = 0;
  for (const [g, idx] of groups) {
    const vals = idx
      .map((i) => x[i])
      .filter((v): v is number => v !== null && v !== undefined && !Number.isNaN(v));
    const s = Float64Array.from(vals).sort();
    const lo = quantileSorted(s, lower, opts.quantile);
    const hi = quantileSorted(s, upper, opts.quantile);
    cuts.set(g, { lo, hi });
    for (const i of idx) {
      const v = x[i];
      if (v === null || v === undefined || Number.isNaN(v)) values[i] = NaN;
      else if (v < lo) {
        values[i] = lo;
        changedLow++;
      } else if (v > hi) {
        values[i] = hi;
        changedHigh++;
      } else values[i] = v;
    }
  }
  return { values, cuts, changedLow, changedHigh };
}
