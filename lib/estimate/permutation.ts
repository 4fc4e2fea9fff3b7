/**
 * Permutation (randomization) inference for one coefficient of a
 * fixed-effects regression: re-assign the regressor by a permutation scheme,
 * re-estimate, and count
 *
 *   p = (1 + #{ |s*| ≥ |s| }) / (B + 1)
 *
 * (Fisher 1935; Good, Permutation Tests, 2005; Heß 2017, Stata Journal 17(3),
 * "ritest"). The statistic s is the coefficient ("coef") or, studentized, its
 * t statistic with the model's vcov ("t"; cluster-robust when the model is
 * clustered). Studentizing makes a permutation test valid in large samples
 * under heteroskedasticity (DiCiccio & Romano 2017, JASA 112(519); Young 2019,
 * QJE 134(2); MacKinnon & Webb 2020, J. of Econometrics 218(2)). That is an
 * asymptotic result: on the project's panel (26 countries, three of them
 * holding half of ICTtrade's identifying variation) the SYNTHETIC size study
 * (lib/notebook/sizeStudy.ts, notebook 07) has the studentized "unit-blocks"
 * test at 5% with equal error variances but rejecting 13% of true nulls at a
 * nominal 5% when those three countries' errors have four times the sd.
 *
 * Schemes (which values of x may trade places):
 *
 *   "unit-blocks"  the scheme that respects the design of
 *                  y_it = β x_it + w_itᵀγ + α_i + γ_t + e_it with errors
 *                  clustered by unit (exact only if units are exchangeable): residualize x on the controls
 *                  and both FE (x̌ = M_W x̃, Frisch–Waugh–Lovell), then give each
 *                  unit the whole history x̌_{π(i), ·} of another unit (one
 *                  permutation π of the units, the same for all years). Each
 *                  block still sums to zero over years and each year still sums
 *                  to zero over units, so the permuted regressor keeps the
 *                  two-way structure of the real one; only its pairing with the
 *                  units' outcomes is broken. This is randomization of
 *                  cluster-level blocks (MacKinnon & Webb 2020; Young 2019);
 *                  residualizing first follows Freedman & Lane (1983) and
 *                  Winkler et al. (2014, NeuroImage 92) so that the controls'
 *                  correlation with x is kept. Needs every unit observed in the
 *                  same periods (a balanced panel).
 *   "within-unit"  shuffle the raw x among the years of each unit (ritest
 *                  strata(unit)). Fails with year FE: a common year pattern in
 *                  x (a trend) is destroyed, so the two-way-demeaned permuted
 *                  x has MORE variance than the real one and the permuted
 *                  coefficients are too concentrated around 0: over-rejection.
 *   "within-year"  shuffle raw x across units within each year. Fails with unit
 *                  FE: units' persistent levels become within-unit variation.
 *   "rows"         shuffle raw x across all rows (fails for both reasons).
 *
 * Each replicate is computed by FWL on the within-transformed design of one
 * feols fit: x* is (re)demeaned on the FE, partialled out of the other
 * regressors (orthonormalBasis, projectOut), and
 *
 *   b* = x̌*ᵀy̌ / x̌*ᵀx̌*,   e = y̌ − b* x̌*,   V_cluster = c Σ_g (Σ_{i∈g} x̌*_i e_i)² / (x̌*ᵀx̌*)²
 *
 * (c = sscFactor of the model), identical to refitting feols with the permuted
 * column (tested) but without re-demeaning the other columns. The result
 * reports varianceRatio = mean(x̌*ᵀx̌*) / x̌ᵀx̌: above 1 means the scheme
 * manufactures identifying variation the real regressor does not have.
 * Seeded with seedrandom: a rerun gives the same p.
 */
import seedrandom from "seedrandom";
import { feols, getColumn, type FeolsOptions, type FeolsResult } from "./feols";
import { demean, isBalanced, levelCounts, type Factor } from "./fixedEffects";
import { sscFactor } from "./vcov";
import { defined } from "../lookup";

export type PermutationScheme = "unit-blocks" | "within-unit" | "within-year" | "rows";
export const PERMUTATION_SCHEMES: readonly PermutationScheme[] = [
  "unit-blocks",
  "within-unit",
  "within-year",
  "rows",
];
export type PermutationStatistic = "coef" | "t";
export const PERMUTATION_STATISTICS: readonly PermutationStatistic[] = ["t", "coef"];

export interface PermutationOptions {
  term: string;
  B?: number;
  seed?: string;
  /**
   * Scheme (module doc). Default "unit-blocks" when the model has two FE,
   * else "rows" (or "within-unit"-style shuffling within `strata` if given).
   */
  scheme?: PermutationScheme;
  /** Shuffle raw x within the levels of this column (overrides `scheme`; ritest strata()). */
  strata?: string;
  /** Default "t" (studentized); "coef" uses the coefficient itself. */
  statistic?: "coef" | "t";
  /** Unit and time columns for the schemes (default: the first and second FE). */
  unit?: string;
  time?: string;
  /** Keep every permuted statistic in the result (default false). */
  keepDraws?: boolean;
}

export interface PermutationResult {
  term: string;
  estimate: number;
  /** The observed statistic (coefficient or t). */
  statistic: number;
  statisticType: "coef" | "t";
  p_value: number;
  B: number;
  seed: string;
  scheme: PermutationScheme | "strata";
  strata?: string;
  /** mean over permutations of x̌*ᵀx̌* divided by x̌ᵀx̌ (1 = same identifying variance). */
  varianceRatio: number;
  draws?: number[];
}

/** Fisher–Yates shuffle of the indices within each stratum. */
export function permuteWithin(
  n: number,
  strata: ArrayLike<unknown> | undefined,
  rng: () => number,
): Int32Array {
  return withinPermuter(n, strata)(rng);
}

/**
 * `permuteWithin` with the strata grouped once: the returned function draws
 * one permutation per call (the same draws, rng call for rng call), so a
 * test drawing B permutations groups the rows once, not B times.
 */
export function withinPermuter(
  n: number,
  strata: ArrayLike<unknown> | undefined,
): (rng: () => number) => Int32Array {
  const groups = new Map<unknown, number[]>();
  for (let i = 0; i < n; i++) {
    const s = strata ? strata[i] : 0;
    let a = groups.get(s);
    if (!a) groups.set(s, (a = []));
    a.push(i);
  }
  const idxs = [...groups.values()];
  return (rng) => {
    const perm = new Int32Array(n);
    for (const idx of idxs) {
      const vals = idx.slice();
      shuffle(vals, rng);
      idx.forEach((pos, h) => (perm[pos] = vals[h]));
    }
    return perm;
  };
}

function shuffle(a: number[], rng: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/**
 * Row map for exchanging whole unit histories: perm[i] = row of unit π(u_i) in
 * the period of row i. Throws unless every unit has the same set of periods.
 */
export function permuteBlocks(
  unit: ArrayLike<unknown>,
  time: ArrayLike<unknown>,
  rng: () => number,
): Int32Array {
  return blockPermuter(unit, time)(rng);
}

/**
 * `permuteBlocks` with the panel checked and indexed once: the returned
 * function draws one block permutation per call (the same draws as
 * `permuteBlocks`, rng call for rng call).
 */
export function blockPermuter(
  unit: ArrayLike<unknown>,
  time: ArrayLike<unknown>,
): (rng: () => number) => Int32Array {
  const n = unit.length;
  const rowOf = new Map<unknown, Map<unknown, number>>();
  for (let i = 0; i < n; i++) {
    let m = rowOf.get(unit[i]);
    if (!m) rowOf.set(unit[i], (m = new Map<unknown, number>()));
    if (m.has(time[i]))
      throw new Error(
        `permuteBlocks: unit ${String(unit[i])} has two rows in period ${String(time[i])}`,
      );
    m.set(time[i], i);
  }
  const units = [...rowOf.keys()];
  const first = rowOf.get(units[0]);
  for (const u of units) {
    const m = rowOf.get(u);
    const same =
      !!m && !!first && m.size === first.size && [...m.keys()].every((t) => first.has(t));
    if (!same) {
      const periods = [...(m?.keys() ?? [])].map(String).join(", ");
      const want = [...(first?.keys() ?? [])].map(String).join(", ");
      throw new Error(
        `permuteBlocks needs a balanced panel: unit ${String(u)} has periods ${periods}, unit ${String(units[0])} has ${want}`,
      );
    }
  }
  // unit index of each row, and the row of (unit h, period of row i)
  const unitIdx = new Map<unknown, number>(units.map((u, h) => [u, h]));
  const uOf = Int32Array.from({ length: n }, (_, i) => unitIdx.get(unit[i]) ?? -1);
  const rowAt = units.map((u) =>
    Int32Array.from({ length: n }, (_, i) => rowOf.get(u)?.get(time[i]) ?? -1),
  );
  return (rng) => {
    const order = units.map((_, h) => h);
    shuffle(order, rng);
    const perm = new Int32Array(n);
    for (let i = 0; i < n; i++) perm[i] = rowAt[order[uOf[i]]][i];
    return perm;
  };
}

/** What each replicate needs, from one feols fit (see module doc). */
export interface PermutationSetup {
  fit: FeolsResult;
  /** Index of the term among the kept regressors. */
  j: number;
  /** Orthonormal basis of the within-transformed other regressors. */
  Q: Float64Array[];
  /** Outcome and regressor partialled on FE and W. */
  yCheck: Float64Array;
  xCheck: Float64Array;
  /** Raw regressor on the estimation rows. */
  xRaw: Float64Array;
  fes: Factor[];
  counts: Float64Array[];
  /** Two FE forming a balanced panel: demeaning has a closed form (no iterations). */
  balanced: boolean;
  cluster?: Factor;
  /** Sandwich factor c (1 for iid) and residual df for iid. */
  factor: number;
  dfResid: number;
  vcovType: "iid" | "hc1" | "cluster";
}

export function permutationSetup(opts: FeolsOptions, term: string): PermutationSetup {
  const fit = feols({ ...opts, constant: "none" });
  const j = fit.terms.indexOf(term);
  if (j < 0)
    throw new Error(`permutation test: no coefficient "${term}" (have: ${fit.terms.join(", ")})`);
  const d = fit.design;
  const Q = orthonormalBasis(d.X.filter((_, h) => h !== j));
  const xRawAll = getColumn(opts.data, term);
  const xRaw = Float64Array.from(d.rows, (r) => Number(xRawAll[r]));
  const n = d.yw.length;
  const k = d.X.length;
  const G = d.cluster ? d.cluster.nLevels : 0;
  const type = d.vcovType;
  const f = sscFactor({
    type,
    ssc: d.ssc,
    n,
    k,
    dofFe: fit.dofFe,
    firstFeLevels: d.firstFeLevels,
    nestedDof: d.nestedDof,
    G,
  });
  return {
    fit,
    j,
    Q,
    yCheck: projectOut(Q, d.yw),
    xCheck: projectOut(Q, d.X[j]),
    xRaw,
    fes: d.fes,
    counts: d.fes.map(levelCounts),
    balanced: d.fes.length === 2 && isBalanced(d.fes[0], d.fes[1]),
    cluster: d.cluster,
    factor: f.factor,
    dfResid: n - f.K,
    vcovType: type,
  };
}

/**
 * Orthonormal basis of the columns of W (modified Gram–Schmidt, applied
 * twice for stability; Björck, Numerical Methods for Least Squares Problems,
 * 1996, §2.4). Written here rather than calling qrLeastSquares for every
 * permutation so that projecting costs O(n k) per replicate. Columns that
 * are (numerically) dependent on earlier ones are skipped.
 */
export function orthonormalBasis(W: readonly Float64Array[]): Float64Array[] {
  const Q: Float64Array[] = [];
  for (const w of W) {
    const v = Float64Array.from(w);
    const norm0 = Math.sqrt(dot(v, v));
    for (let pass = 0; pass < 2; pass++) for (const q of Q) axpy(-dot(q, v), q, v);
    const norm = Math.sqrt(dot(v, v));
    if (norm <= 1e-10 * norm0 || norm === 0) continue;
    for (let i = 0; i < v.length; i++) v[i] /= norm;
    Q.push(v);
  }
  return Q;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += a * x[i];
}

/** v − Q Qᵀ v: v partialled on the columns spanned by Q (twice, for stability). */
export function projectOut(Q: readonly Float64Array[], v: Float64Array): Float64Array {
  const out = Float64Array.from(v);
  for (let pass = 0; pass < 2; pass++) for (const q of Q) axpy(-dot(q, out), q, out);
  return out;
}

/** Coefficient and t statistic of y̌ on x̌ (both already partialled), with the setup's vcov. */
export function scalarFit(
  s: PermutationSetup,
  x: Float64Array,
): { b: number; t: number; sxx: number } {
  const y = s.yCheck;
  const n = y.length;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += x[i] * x[i];
    sxy += x[i] * y[i];
  }
  const b = sxy / sxx;
  let v: number;
  if (s.vcovType === "iid") {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += (y[i] - b * x[i]) ** 2;
    v = rss / s.dfResid / sxx;
  } else if (s.vcovType === "hc1") {
    let m = 0;
    for (let i = 0; i < n; i++) m += (x[i] * (y[i] - b * x[i])) ** 2;
    v = (s.factor * m) / (sxx * sxx);
  } else {
    const cl = defined(s.cluster, "the cluster of a clustered permutation test");
    const u = new Float64Array(cl.nLevels);
    for (let i = 0; i < n; i++) u[cl.codes[i]] += x[i] * (y[i] - b * x[i]);
    let m = 0;
    for (let g = 0; g < u.length; g++) m += u[g] * u[g];
    v = (s.factor * m) / (sxx * sxx);
  }
  return { b, t: b / Math.sqrt(v), sxx };
}

/** The partialled regressor x̌* of one permutation (rows map `perm`). */
export function permutedRegressor(
  s: PermutationSetup,
  scheme: PermutationScheme | "strata",
  perm: Int32Array,
): Float64Array {
  const src = scheme === "unit-blocks" ? s.xCheck : s.xRaw;
  const x = new Float64Array(perm.length);
  for (let i = 0; i < perm.length; i++) x[i] = src[perm[i]];
  if (scheme === "unit-blocks") return projectOut(s.Q, x);
  return projectOut(s.Q, demean(x, s.fes, s.counts, { balanced: s.balanced }).x);
}

/**
 * The test. `setup` (from permutationSetup(opts, p.term)) may be passed in to
 * share one fit between several schemes on the same model and data.
 */
export function permutationTest(
  opts: FeolsOptions,
  p: PermutationOptions,
  setup?: PermutationSetup,
): PermutationResult {
  const B = p.B ?? 999;
  const seed = p.seed ?? "alliance";
  const stat = p.statistic ?? "t";
  const fe = opts.fe ?? [];
  const scheme: PermutationScheme | "strata" = p.strata
    ? "strata"
    : (p.scheme ?? (fe.length >= 2 ? "unit-blocks" : "rows"));
  const s = setup ?? permutationSetup(opts, p.term);
  const rows = s.fit.design.rows;
  const colOnRows = (name: string | undefined, what: string): unknown[] => {
    if (!name)
      throw new Error(
        `permutation test: scheme "${scheme}" needs a ${what} column (name it, or give two FE)`,
      );
    const c = getColumn(opts.data, name);
    return Array.from(rows, (r) => c[r]);
  };
  const unitName = p.unit ?? fe[0];
  const timeName = p.time ?? fe[1];
  let draw: (rng: () => number) => Int32Array;
  const n = rows.length;
  if (scheme === "strata") {
    draw = withinPermuter(n, colOnRows(p.strata, "strata"));
  } else if (scheme === "unit-blocks") {
    draw = blockPermuter(colOnRows(unitName, "unit"), colOnRows(timeName, "time"));
  } else if (scheme === "within-unit") {
    draw = withinPermuter(n, colOnRows(unitName, "unit"));
  } else if (scheme === "within-year") {
    draw = withinPermuter(n, colOnRows(timeName, "time"));
  } else draw = withinPermuter(n, undefined);
  const obs = scalarFit(s, s.xCheck);
  const s0 = stat === "coef" ? obs.b : obs.t;
  const rng = seedrandom(seed);
  let count = 0;
  let vsum = 0;
  const draws: number[] = [];
  for (let b = 0; b < B; b++) {
    const r = scalarFit(s, permutedRegressor(s, scheme, draw(rng)));
    const sb = stat === "coef" ? r.b : r.t;
    vsum += r.sxx;
    if (p.keepDraws) draws.push(sb);
    if (Math.abs(sb) >= Math.abs(s0) - 1e-12 * Math.abs(s0)) count++;
  }
  return {
    term: p.term,
    estimate: obs.b,
    statistic: s0,
    statisticType: stat,
    p_value: (1 + count) / (B + 1),
    B,
    seed,
    scheme,
    strata: p.strata,
    varianceRatio: vsum / B / obs.sxx,
    draws: p.keepDraws ? draws : undefined,
  };
}
