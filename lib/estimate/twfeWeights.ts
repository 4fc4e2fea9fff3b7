/**
 * The weights behind a two-way fixed-effects coefficient (de Chaisemartin &
 * D'Haultfœuille 2020, "Two-way fixed effects estimators with heterogeneous
 * treatment effects", American Economic Review 110(9): 2964-2996, Theorem 1;
 * the `feTR` case of their Stata/Python command `twowayfeweights`: common
 * trends, treatment effects free to vary across groups and periods).
 *
 * Regression  y_gt = α_g + γ_t + β D_gt + X_gt'δ + ε_gt, one observation per
 * (g, t) cell, N cells. Let e_gt be the residual of D on the group and period
 * effects and X (Frisch–Waugh–Lovell), so β̂ = Σ e y / Σ e D. Under common
 * trends β̂ estimates
 *
 *   E[β̂] = Σ_{(g,t): D_gt ≠ 0} w_gt Δ_gt,   w_gt = D_gt e_gt / Σ_{g,t} D_gt e_gt,
 *
 * a weighted sum of the cell effects Δ_gt (the effect of the cell's dose D_gt
 * relative to D = 0, per unit of D), with weights summing to one that can be
 * NEGATIVE wherever D_gt and e_gt have opposite signs. The package writes
 * w_gt = W_gt · nat_gt with nat_gt = D_gt / (N D̄) (the cell's share of the
 * total dose) and W_gt = e_gt D̄ / mean(e D); we keep both.
 *
 * Sensitivity (their Corollary 1 and Section 3.2): with σ(Δ) the sd of the
 * cell effects across treated cells (weighted by nat),
 *   `sensitivity`  = |β̂| / sd_nat(W): the smallest σ(Δ) compatible with
 *                    β̂ having the opposite sign of the average effect;
 *   `sensitivity2` = the smallest σ(Δ) under which all Δ_gt could have the
 *                    sign opposite to β̂ (defined only when some w < 0;
 *                    the package's cumulative-sum algorithm, same sort order).
 * Conventions copied from twowayfeweights 0.1.0 and proved against it
 * (test/estimate/twfeWeights.test.ts, fixture by scripts/oracle/twfe_weights_oracle.py):
 * |w| < 1e-10 is set to 0; sd_nat uses Stata's analytic weights (rescaled to
 * N, divisor N − 1); `totalCells` counts cells with D ≠ 0. Only unweighted
 * regressions with one observation per cell (the project's panel) are
 * handled; a repeated (g, t) cell is refused.
 *
 * The weights depend on where D is zero: they describe effects relative to
 * D = 0, so a treatment must be measured from a meaningful zero (not a
 * standardized score).
 */
import { feols } from "./feols";
import { demeanTwoWay } from "./within";
import { entry } from "../lookup";

export interface TwfeWeightsOptions {
  data: Record<string, ArrayLike<unknown>>;
  y: string;
  /** Group and period columns. */
  g: string;
  t: string;
  /** The treatment. */
  d: string;
  controls?: readonly string[];
}

export interface TwfeCellWeight {
  g: string;
  t: number;
  weight: number;
}

export interface TwfeWeightsResult {
  beta: number;
  nPositive: number;
  nNegative: number;
  sumPositive: number;
  sumNegative: number;
  /** Cells with D ≠ 0 (the cells that carry a weight). */
  totalCells: number;
  sensitivity: number;
  /** Undefined when no weight is negative (as in the package). */
  sensitivity2?: number;
  /** One weight per cell, sorted by group then period. */
  weights: TwfeCellWeight[];
  /** Rows dropped for a missing value. */
  dropped: number;
}

const LIMIT = 1e-10;

/** Compute the weights (module doc). */
export function twfeWeights(o: TwfeWeightsOptions): TwfeWeightsResult {
  const controls = [...(o.controls ?? [])];
  const cols = [o.y, o.g, o.t, o.d, ...controls];
  for (const c of cols) if (!entry(o.data, c)) throw new Error(`twfeWeights: no column "${c}"`);
  const n0 = o.data[o.g].length;
  const sub = usableCells(o, cols);
  const N = sub[o.g].length;
  const e = treatmentResiduals(o, sub, controls);
  const { beta, nat, W, weight } = cellWeights(e, sub, o);
  const { gRaw, tRaw, gCode, tCode } = sortedCodes(sub, o);
  const { nPositive, nNegative, sumPositive, sumNegative, totalCells } = weightCounts(weight, nat);
  const sensitivity = Math.abs(beta) / awSd(W, nat);
  const sensitivity2 =
    sumNegative < 0 ? sensitivityTwo(beta, W, weight, nat, gCode, tCode) : undefined;
  const order = Array.from({ length: N }, (_, i) => i).sort(
    (a, b) => gCode[a] - gCode[b] || tCode[a] - tCode[b],
  );
  return {
    beta,
    nPositive,
    nNegative,
    sumPositive,
    sumNegative,
    totalCells,
    sensitivity,
    sensitivity2,
    weights: order.map((i) => ({ g: gRaw[i], t: tRaw[i], weight: weight[i] })),
    dropped: n0 - N,
  };
}

/** The rows with no missing value in `cols`, checked for one row per (g, t) cell, as columns. */
function usableCells(o: TwfeWeightsOptions, cols: readonly string[]): Record<string, unknown[]> {
  const n0 = o.data[o.g].length;
  const keep: number[] = [];
  for (let i = 0; i < n0; i++) {
    const ok = cols.every((c) => {
      const v = o.data[c][i];
      return (
        v !== null && v !== undefined && v !== "" && !(typeof v === "number" && Number.isNaN(v))
      );
    });
    if (ok) keep.push(i);
  }
  const seen = new Set<string>();
  for (const i of keep) {
    const key = `${String(o.data[o.g][i])}|${String(o.data[o.t][i])}`;
    if (seen.has(key))
      throw new Error(
        `twfeWeights: cell (${key.replace("|", ", ")}) appears twice; one observation per group and period is required`,
      );
    seen.add(key);
  }
  const sub: Record<string, unknown[]> = {};
  for (const c of cols) sub[c] = keep.map((i) => o.data[c][i]);
  return sub;
}

/** e: the residual of D on the group and period effects (and the controls, by feols). */
function treatmentResiduals(
  o: TwfeWeightsOptions,
  sub: Record<string, unknown[]>,
  controls: string[],
): Float64Array {
  const N = sub[o.g].length;
  if (controls.length === 0)
    return demeanTwoWay(
      Float64Array.from(sub[o.d], Number),
      sub[o.g].map(String),
      sub[o.t].map(String),
    ).x;
  const fit = feols({ data: sub, y: o.d, x: controls, fe: [o.g, o.t], vcov: "iid" });
  if (fit.design.rows.length !== N)
    throw new Error(
      `twfeWeights: ${N - fit.design.rows.length} singleton or unusable rows; drop them first`,
    );
  const ee = new Float64Array(N);
  fit.design.rows.forEach((r, h) => {
    ee[r] = fit.design.resid[h];
  });
  return ee;
}

/** β̂ = Σ e y / Σ e D, nat = D / (N D̄), W = e D̄ / mean(e D) and w = W · nat (|w| < 1e-10 set to 0). */
function cellWeights(e: Float64Array, sub: Record<string, unknown[]>, o: TwfeWeightsOptions) {
  const N = e.length;
  const d = Float64Array.from(sub[o.d], Number);
  const y = Float64Array.from(sub[o.y], Number);
  let ey = 0,
    ed = 0,
    sd = 0;
  for (let i = 0; i < N; i++) {
    ey += e[i] * y[i];
    ed += e[i] * d[i];
    sd += d[i];
  }
  const beta = ey / ed;
  const meanD = sd / N;
  const denom = ed / N;
  const nat = Float64Array.from(d, (v) => v / N / meanD);
  const W = Float64Array.from(e, (v) => (v * meanD) / denom);
  const weight = Float64Array.from(W, (v, i) => {
    const w = v * nat[i];
    return Math.abs(w) < LIMIT ? 0 : w;
  });
  return { beta, nat, W, weight };
}

/** Group and period codes: dense ranks in sorted order (as the package's factorize_sorted). */
function sortedCodes(sub: Record<string, unknown[]>, o: TwfeWeightsOptions) {
  const gRaw = sub[o.g].map(String);
  const tRaw = sub[o.t].map(Number);
  // numeric group ids sort as numbers, others as text (pandas' sort)
  const numericG = sub[o.g].every((v) => typeof v === "number");
  const gLevels = [...new Set(gRaw)].sort((a, b) =>
    numericG ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0,
  );
  const tLevels = [...new Set(tRaw)].sort((a, b) => a - b);
  const gCode = Int32Array.from(gRaw, (v) => gLevels.indexOf(v));
  const tCode = Int32Array.from(tRaw, (v) => tLevels.indexOf(v));
  return { gRaw, tRaw, gCode, tCode };
}

/** Counts and sums of the positive and negative weights, and the cells with D ≠ 0. */
function weightCounts(weight: Float64Array, nat: Float64Array) {
  let nPositive = 0,
    nNegative = 0,
    sumPositive = 0,
    sumNegative = 0,
    totalCells = 0;
  for (let i = 0; i < weight.length; i++) {
    if (weight[i] > 0) {
      nPositive++;
      sumPositive += weight[i];
    }
    if (weight[i] < 0) {
      nNegative++;
      sumNegative += weight[i];
    }
    if (nat[i] !== 0) totalCells++;
  }
  return { nPositive, nNegative, sumPositive, sumNegative, totalCells };
}

/** Stata's `summarize x [aweight = w]` sd: weights rescaled to sum to n, divisor n − 1 (rows with w = 0 left out). */
export function awSd(x: ArrayLike<number>, w: ArrayLike<number>): number {
  let n = 0,
    sw = 0,
    swx = 0;
  for (let i = 0; i < x.length; i++)
    if (w[i] !== 0) {
      n++;
      sw += w[i];
      swx += w[i] * x[i];
    }
  if (n < 2) return NaN;
  const m = swx / sw;
  let v = 0;
  for (let i = 0; i < x.length; i++) if (w[i] !== 0) v += w[i] * (x[i] - m) ** 2;
  v = (v / sw) * (n / (n - 1));
  return v >= 0 ? Math.sqrt(v) : NaN;
}

/**
 * The second sensitivity measure, by the package's algorithm: cells with a
 * non-zero weight, cumulative sums of nat, w and nat·W² in ascending W (ties:
 * group, then period, descending), then read in descending W (ties ascending):
 * the first cell k from which W_k < −S_k / (1 − P_k) holds on gives
 * |β| / √(T_k + S_k² / (1 − P_k)).
 */
function sensitivityTwo(
  beta: number,
  W0: Float64Array,
  weight0: Float64Array,
  nat0: Float64Array,
  g0: Int32Array,
  t0: Int32Array,
): number | undefined {
  const idx = Array.from(W0.keys()).filter((i) => weight0[i] !== 0);
  const n = idx.length;
  if (n === 0) return undefined;
  const asc = [...idx].sort((a, b) => W0[a] - W0[b] || g0[b] - g0[a] || t0[b] - t0[a]);
  const P = new Map<number, number>(),
    S = new Map<number, number>(),
    T = new Map<number, number>();
  let p = 0,
    s = 0,
    tt = 0;
  for (const i of asc) {
    p += nat0[i];
    s += weight0[i];
    tt += nat0[i] * W0[i] ** 2;
    P.set(i, p);
    S.set(i, s);
    T.set(i, tt);
  }
  const desc = [...idx].sort((a, b) => W0[b] - W0[a] || g0[a] - g0[b] || t0[a] - t0[b]);
  const sens: number[] = [];
  let on = false,
    tot = 0;
  desc.forEach((i, k) => {
    const Pk = P.get(i) ?? NaN,
      Sk = S.get(i) ?? NaN,
      Tk = T.get(i) ?? NaN;
    const den = 1 - Pk;
    const q = den === 0 ? NaN : Sk / den;
    const inner = den === 0 ? NaN : Tk + (Sk * Sk) / den;
    sens.push(inner > 0 ? Math.abs(beta) / Math.sqrt(inner) : NaN);
    const ind = k > 0 && (Number.isNaN(q) || W0[i] < -q);
    if (ind) on = true;
    if (on) tot++;
  });
  if (tot === 0) return undefined;
  const v = sens[n - tot];
  return Number.isNaN(v) ? undefined : v;
}
