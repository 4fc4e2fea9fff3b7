/**
 * Two-way fixed effects by hand, for notebook 07: the within transformation
 * written out, the dummy-variable (LSDV) regression it is equivalent to, the
 * Frisch–Waugh–Lovell partial regression, and the within/between split of a
 * regressor's variation.
 *
 *   model           y_it = x_itᵀβ + α_i + γ_t + ε_it
 *   demeaning       balanced panel:  x̃_it = x_it − x̄_i· − x̄_·t + x̄··
 *                   any panel: alternate x ← x − mean_i(x), x ← x − mean_t(x)
 *                   until nothing changes (the method of alternating
 *                   projections; Guimarães & Portugal 2010, Stata Journal
 *                   10(4); Correia 2016, reghdfe; Bergé 2018, fixest)
 *   LSDV            OLS of y on [x, one dummy per unit, one dummy per year
 *                   except the first] — the same β̂ (Frisch & Waugh 1933;
 *                   Lovell 1963; Angrist & Pischke 2009, §5.1; Wooldridge
 *                   2010, §10.5)
 *   FWL             β̂_j = Σ x̌ y̌ / Σ x̌²,  x̌ = x_j partialled on both FE and
 *                   the other regressors, y̌ = y partialled on the same
 *   within/between  Stata's xtsum (StataCorp, [XT] xtsum): overall sd over
 *                   the N rows, between sd over the n unit means x̄_i·,
 *                   within sd of x_it − x̄_i· + x̄·· over the N rows; plus the
 *                   two-way sd of x̃_it, the variation two-way FE actually use.
 *
 * Everything here is deliberately plain (no acceleration): it is the lesson,
 * feols (fixedEffects.ts) is the tool, and the tests prove they agree.
 */
import { qrLeastSquares } from "./qr";
import { mustGet } from "../lookup";

export type Key = string | number;

function means(x: ArrayLike<number>, g: ArrayLike<Key>): Map<Key, number> {
  const s = new Map<Key, number>(),
    c = new Map<Key, number>();
  for (let i = 0; i < x.length; i++) {
    s.set(g[i], (s.get(g[i]) ?? 0) + x[i]);
    c.set(g[i], (c.get(g[i]) ?? 0) + 1);
  }
  const m = new Map<Key, number>();
  for (const [k, v] of s) m.set(k, v / mustGet(c, k, "group count"));
  return m;
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

function sd(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}

/** x − mean of its group, one pass (one-way demeaning). */
export function demeanBy(x: ArrayLike<number>, g: ArrayLike<Key>): Float64Array {
  const m = means(x, g);
  return Float64Array.from({ length: x.length }, (_, i) => x[i] - mustGet(m, g[i], "group mean"));
}

/**
 * Two-way demeaning by alternating projections (module doc): sweep out unit
 * means, then year means, until the largest change is below `tol`. On a
 * balanced panel one sweep each suffices and equals x − x̄_i· − x̄_·t + x̄··.
 */
export function demeanTwoWay(
  x: ArrayLike<number>,
  unit: ArrayLike<Key>,
  time: ArrayLike<Key>,
  tol = 1e-13,
  maxIter = 10000,
): { x: Float64Array; iterations: number } {
  let cur = Float64Array.from(x);
  for (let it = 1; it <= maxIter; it++) {
    const next = demeanBy(demeanBy(cur, unit), time);
    let change = 0;
    for (let i = 0; i < next.length; i++) change = Math.max(change, Math.abs(next[i] - cur[i]));
    cur = next;
    if (change <= tol * (1 + Math.max(...Array.from(cur, Math.abs))))
      return { x: cur, iterations: it };
  }
  throw new Error(`demeanTwoWay: no convergence after ${maxIter} sweeps`);
}

export interface LsdvResult {
  /** Slopes of the regressors, by name. */
  coef: Record<string, number>;
  /** Unit effects α_i (each unit's dummy) and year effects γ_t (first year = 0). */
  unitEffects: Map<Key, number>;
  timeEffects: Map<Key, number>;
  /** Number of columns of the dummy-variable design. */
  columns: number;
  resid: Float64Array;
}

/**
 * The dummy-variable regression: y on the regressors, a dummy for every unit
 * and a dummy for every year but the first (no separate intercept), by QR.
 */
export function lsdv(
  data: Readonly<Record<string, ArrayLike<unknown> | undefined>>,
  y: string,
  x: readonly string[],
  unit: string,
  time: string,
): LsdvResult {
  const col = (c: string): Float64Array => {
    const v = data[c];
    if (!v) throw new Error(`lsdv: no column "${c}"`);
    return Float64Array.from({ length: v.length }, (_, i) => Number(v[i]));
  };
  const u = Array.from(data[unit] as ArrayLike<Key>),
    t = Array.from(data[time] as ArrayLike<Key>);
  const units = [...new Set(u)],
    times = [...new Set(t)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const dummy = (vals: Key[], level: Key): Float64Array =>
    Float64Array.from(vals, (v) => (v === level ? 1 : 0));
  const cols = [
    ...x.map(col),
    ...units.map((l) => dummy(u, l)),
    ...times.slice(1).map((l) => dummy(t, l)),
  ];
  const fit = qrLeastSquares(cols, col(y), 1e-10);
  if (fit.dropped.length)
    throw new Error(
      `lsdv: ${fit.dropped.length} column(s) collinear with the dummies (first: ${fit.dropped[0] < x.length ? x[fit.dropped[0]] : "a dummy"})`,
    );
  const coef: Record<string, number> = {};
  x.forEach((name, j) => (coef[name] = fit.coef[j]));
  const unitEffects = new Map(units.map((l, h) => [l, fit.coef[x.length + h]] as [Key, number]));
  const timeEffects = new Map(
    times.map(
      (l, h) => [l, h === 0 ? 0 : fit.coef[x.length + units.length + h - 1]] as [Key, number],
    ),
  );
  return { coef, unitEffects, timeEffects, columns: cols.length, resid: fit.resid };
}

export interface FwlResult {
  term: string;
  /** x_j partialled on both FE and the other regressors. */
  x: Float64Array;
  /** y partialled on both FE and the other regressors. */
  y: Float64Array;
  /** Σ x̌ y̌ / Σ x̌²: the coefficient of x_j in the full model. */
  slope: number;
}

/** Frisch–Waugh–Lovell: the partial regression of y on one regressor (module doc). */
export function fwl(
  data: Readonly<Record<string, ArrayLike<unknown> | undefined>>,
  y: string,
  term: string,
  others: readonly string[],
  unit: string,
  time: string,
): FwlResult {
  const u = data[unit] as ArrayLike<Key>,
    t = data[time] as ArrayLike<Key>;
  const tw = (c: string): Float64Array => {
    const v = data[c];
    if (!v) throw new Error(`fwl: no column "${c}"`);
    return demeanTwoWay(
      Float64Array.from({ length: v.length }, (_, i) => Number(v[i])),
      u,
      t,
    ).x;
  };
  const W = others.map(tw);
  const part = (v: Float64Array): Float64Array => (W.length ? qrLeastSquares(W, v).resid : v);
  const xr = part(tw(term)),
    yr = part(tw(y));
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < xr.length; i++) {
    sxy += xr[i] * yr[i];
    sxx += xr[i] * xr[i];
  }
  return { term, x: xr, y: yr, slope: sxy / sxx };
}

export type WithinBetweenRow = {
  variable: string;
  /** sd over all rows (what "one sd" means when a regressor is standardized on the pooled sample). */
  overall: number;
  /** sd of the unit means. */
  between: number;
  /** sd of x_it − x̄_i· + x̄·· (xtsum's within). */
  within: number;
  /** sd of the two-way demeaned x̃_it (unit and year FE removed). */
  twoWay: number;
  /** Share of the sum of squares left after removing unit means: Σ(x − x̄_i)² / Σ(x − x̄)². */
  withinShare: number;
  /** overall / twoWay: how many two-way within sds one pooled sd is. */
  pooledInWithinSds: number;
};

/** The within/between decomposition of each column (module doc). */
export function withinBetween(
  data: Readonly<Record<string, ArrayLike<unknown> | undefined>>,
  columns: readonly string[],
  unit: string,
  time: string,
): WithinBetweenRow[] {
  const u = data[unit] as ArrayLike<Key>,
    t = data[time] as ArrayLike<Key>;
  return columns.map((c) => {
    const v = data[c];
    if (!v) throw new Error(`withinBetween: no column "${c}"`);
    const x = Float64Array.from({ length: v.length }, (_, i) => Number(v[i]));
    const m = mean(x);
    const w1 = demeanBy(x, u);
    const tw = demeanTwoWay(x, u, t).x;
    let ssW = 0,
      ssT = 0,
      ss2 = 0;
    for (let i = 0; i < x.length; i++) {
      ssW += w1[i] ** 2;
      ssT += (x[i] - m) ** 2;
      ss2 += tw[i] ** 2;
    }
    const overall = sd(x);
    const twoWay = Math.sqrt(ss2 / (x.length - 1));
    return {
      variable: c,
      overall,
      between: sd([...means(x, u).values()]),
      within: sd(Float64Array.from(w1, (d) => d + m)),
      twoWay,
      withinShare: ssW / ssT,
      pooledInWithinSds: overall / twoWay,
    };
  });
}

/**
 * What a coefficient b (per unit of x) means per standard deviation: b · sd_overall
 * per pooled sd (= b when x is standardized on the sample) and b · sd_twoWay per
 * two-way within sd — the size of a typical movement of x within a country,
 * net of the common year pattern, the only variation two-way FE use.
 * withinSdInPooledSds = sd_twoWay / sd_overall.
 */
export function effectPerWithinSd(
  b: number,
  x: ArrayLike<number>,
  unit: ArrayLike<Key>,
  time: ArrayLike<Key>,
): { perPooledSd: number; perWithinSd: number; withinSdInPooledSds: number } {
  const r = withinBetween({ x, u: unit, t: time }, ["x"], "u", "t")[0];
  const ratio = r.twoWay / r.overall;
  return { perPooledSd: b * r.overall, perWithinSd: b * r.twoWay, withinSdInPooledSds: ratio };
}

/**
 * Correlation of two variables pooled and after removing unit and year means
 * (two-way within correlation): the latter is what decides how well two-way
 * FE can tell their effects apart.
 */
export function withinCorrelation(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  unit: ArrayLike<Key>,
  time: ArrayLike<Key>,
): { pooled: number; within: number } {
  const corr = (p: ArrayLike<number>, q: ArrayLike<number>): number => {
    const mp = mean(p),
      mq = mean(q);
    let s = 0,
      sp = 0,
      sq = 0;
    for (let i = 0; i < p.length; i++) {
      s += (p[i] - mp) * (q[i] - mq);
      sp += (p[i] - mp) ** 2;
      sq += (q[i] - mq) ** 2;
    }
    return s / Math.sqrt(sp * sq);
  };
  return {
    pooled: corr(a, b),
    within: corr(demeanTwoWay(a, unit, time).x, demeanTwoWay(b, unit, time).x),
  };
}
