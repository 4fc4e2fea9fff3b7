/**
 * Linear regression with absorbed fixed effects (the two-way FE model of
 * Tables 2–3):
 *
 *   y_it = x_itᵀ β + α_i + γ_t + ε_it
 *
 * estimated by the within transformation (Frisch–Waugh–Lovell): demean y and
 * every x on all FE (fixedEffects.demean), then OLS of ỹ on X̃ by QR (qr.ts).
 * b equals the LSDV (dummy-variable) estimate exactly.
 *
 * Fit statistics:
 *   r2_within = 1 − eᵀe / ỹᵀỹ                     (plm's R², fixest's wr2)
 *   r2        = 1 − eᵀe / Σ (y − ȳ)²               (LSDV R², fixest's r2)
 *   adj_*     = 1 − (1 − R²)(n − 1)/(n − k − d_FE)  (plm's adjusted R²)
 *
 * The constant. A within model has no intercept; fixest prints none. With
 * `constant: "stata"` the intercept is reported as Stata's xtreg, fe does:
 *   _cons = ȳ − x̄ᵀ b   (grand means over the estimation sample),
 * its standard error taken from the regression of ỹ + ȳ on [1, X̃ + x̄] with
 * the same vcov type and factor as the slopes (the slopes and their vcov are
 * unchanged by that construction).
 *
 * Missing values: a row with a missing (null, undefined, NaN) value in y, any x,
 * any FE or the cluster is dropped and counted under "missing <column>" (the
 * first such column in that order). Strings in y or x are errors.
 */
import { Matrix, inverse } from "ml-matrix";
import { demean, encodeFactor, feDof, findSingletons, isBalanced, isNested, levelCounts, subsetFactor, type Factor } from "./fixedEffects";
import { qrLeastSquares } from "./qr";
import { computeVcov, sandwich, sscFactor, type SscName, type VcovResult, type VcovType } from "./vcov";
import { waldTest, type WaldResult } from "./wald";
import { pNormal, pT } from "./distributions";

/** Column data: plain columns by name, or an arquero table. */
export type ColumnInput = Record<string, ArrayLike<unknown>> | { array(name: string): ArrayLike<unknown>; columnNames(): string[] };

export interface FeolsOptions {
  data: ColumnInput;
  y: string;
  x: string[];
  /** Fixed effects to absorb (0, 1, 2 or more columns). With none, an intercept is included. */
  fe?: string[];
  cluster?: string;
  /** Default "cluster" when `cluster` is given, else "iid". */
  vcov?: VcovType;
  /** Small-sample convention; default "stata". */
  ssc?: SscName;
  /** Drop singleton observations (default false: they are counted and kept, as plm does). */
  dropSingletons?: boolean;
  /** Reference distribution for p-values; default "t". */
  dist?: "t" | "normal";
  /** Report Stata's xtreg constant ("stata") or none (default). */
  constant?: "none" | "stata";
  /** Demeaning tolerance; default 1e-12. */
  tol?: number;
}

export interface CoefRow {
  term: string;
  estimate: number;
  std_error: number;
  statistic: number;
  p_value: number;
}

export interface FeolsResult {
  y: string;
  /** Slopes estimated (collinear ones removed). */
  coefficients: CoefRow[];
  /** Intercept by Stata's convention, when requested. */
  constant?: CoefRow;
  /** Terms of `coefficients`, and the vcov over them (k × k, row-major as nested arrays). */
  terms: string[];
  vcov: number[][];
  vcovInfo: Omit<VcovResult, "V">;
  nobs: number;
  /** Levels of each FE in the estimation sample. */
  groups: Record<string, number>;
  /** Number of clusters (if clustered). */
  nclusters?: number;
  /** Degrees of freedom absorbed by the FE. */
  dofFe: number;
  dfResid: number;
  rss: number;
  r2: number;
  r2_within: number;
  adj_r2: number;
  adj_r2_within: number;
  /** Wald/F test that all slopes are zero, with the chosen vcov. */
  f_test: WaldResult;
  /** Regressors dropped, with the reason ("absorbed by fixed effects" or "collinear"). */
  collinear: { term: string; reason: string }[];
  /** Singleton observations found, and whether they were dropped. */
  singletons: { count: number; dropped: boolean };
  /** Rows dropped before estimation, by reason (e.g. "missing asym": 2). */
  dropped: Record<string, number>;
  rowsIn: number;
  fe: string[];
  cluster?: string;
  demeanIterations: number;
  /** The estimation design, for post-estimation (bootstrap, VIF); non-enumerable. */
  design: Design;
}

/** What post-estimation routines need. */
export interface Design {
  /** Within-transformed kept regressors and outcome. */
  X: Float64Array[];
  yw: Float64Array;
  resid: Float64Array;
  bread: Float64Array;
  fes: Factor[];
  cluster?: Factor;
  /** Row of the input data of each estimation observation. */
  rows: Int32Array;
  firstFeLevels: number;
  nestedDof: number;
  dist: "t" | "normal";
  ssc: SscName;
  vcovType: VcovType;
}

/** Read a column from either input kind. */
export function getColumn(data: ColumnInput, name: string): ArrayLike<unknown> {
  if (typeof (data as { array?: unknown }).array === "function" && typeof (data as { columnNames?: unknown }).columnNames === "function") {
    const t = data as { array(name: string): ArrayLike<unknown>; columnNames(): string[] };
    if (!t.columnNames().includes(name)) throw new Error(`no column "${name}" (have: ${t.columnNames().join(", ")})`);
    return t.array(name);
  }
  const rec = data as Record<string, ArrayLike<unknown>>;
  if (!(name in rec)) throw new Error(`no column "${name}" (have: ${Object.keys(rec).join(", ")})`);
  return rec[name];
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/**
 * Mark rows (not yet marked) that are missing in column `c`; return how many.
 * Numeric columns must hold finite numbers (NaN = missing); anything else throws.
 */
function markMissing(name: string, c: ArrayLike<unknown>, numeric: boolean, miss: Uint8Array): number {
  const n = c.length;
  let cnt = 0;
  if (c instanceof Float64Array || c instanceof Float32Array) {
    for (let i = 0; i < n; i++) {
      const v = c[i];
      if (v - v !== 0) {
        if (v !== v) {
          if (!miss[i]) {
            miss[i] = 1;
            cnt++;
          }
        } else if (numeric && !miss[i]) throw new Error(`column "${name}", row ${i + 1}: not a finite number: ${v}`);
      }
    }
    return cnt;
  }
  if (ArrayBuffer.isView(c)) return 0; // integer typed arrays cannot be missing
  for (let i = 0; i < n; i++) {
    if (miss[i]) continue;
    const v = c[i];
    if (isMissing(v)) {
      miss[i] = 1;
      cnt++;
    } else if (numeric) {
      if (typeof v !== "number") throw new Error(`column "${name}", row ${i + 1}: not a number: ${JSON.stringify(v)}`);
      if (!Number.isFinite(v)) throw new Error(`column "${name}", row ${i + 1}: not a finite number: ${String(v)}`);
    }
  }
  return cnt;
}

export function feols(opts: FeolsOptions): FeolsResult {
  const feNames = opts.fe ?? [];
  const vcovType: VcovType = opts.vcov ?? (opts.cluster ? "cluster" : "iid");
  const ssc: SscName = opts.ssc ?? "stata";
  const dist = opts.dist ?? "t";
  if (vcovType === "cluster" && !opts.cluster) throw new Error('vcov "cluster" needs a cluster column');
  if (opts.x.length === 0) throw new Error("no regressors given");
  const yCol = getColumn(opts.data, opts.y);
  const xCols = opts.x.map((c) => getColumn(opts.data, c));
  const feCols = feNames.map((c) => getColumn(opts.data, c));
  const clCol = opts.cluster ? getColumn(opts.data, opts.cluster) : undefined;
  const n0 = yCol.length;
  for (const [name, c] of [[opts.y, yCol], ...opts.x.map((x, j) => [x, xCols[j]] as const), ...feNames.map((f, j) => [f, feCols[j]] as const)] as [string, ArrayLike<unknown>][]) {
    if (c.length !== n0) throw new Error(`column "${name}" has ${c.length} rows, "${opts.y}" has ${n0}`);
  }
  // Listwise deletion, counted by the first offending column.
  const dropped: Record<string, number> = {};
  const miss = new Uint8Array(n0);
  const order: [string, ArrayLike<unknown>, boolean][] = [
    [opts.y, yCol, true],
    ...opts.x.map((x, j) => [x, xCols[j], true] as [string, ArrayLike<unknown>, boolean]),
    ...feNames.map((f, j) => [f, feCols[j], false] as [string, ArrayLike<unknown>, boolean]),
    ...(clCol && opts.cluster ? [[opts.cluster, clCol, false] as [string, ArrayLike<unknown>, boolean]] : []),
  ];
  for (const [name, c, numeric] of order) {
    const cnt = markMissing(name, c, numeric, miss);
    if (cnt) dropped[`missing ${name}`] = cnt;
  }
  let nKeep = 0;
  for (let i = 0; i < n0; i++) if (!miss[i]) nKeep++;
  let rows = new Int32Array(nKeep);
  for (let i = 0, j = 0; i < n0; i++) if (!miss[i]) rows[j++] = i;
  const identity = nKeep === n0;
  const factorOf = (c: ArrayLike<unknown>): Factor => {
    if (identity) return encodeFactor(c as ArrayLike<string | number>);
    const vals = new Array<string | number>(rows.length);
    for (let j = 0; j < rows.length; j++) vals[j] = c[rows[j]] as string | number;
    return encodeFactor(vals);
  };
  let fes = feCols.map(factorOf);
  const clusterIsFe = opts.cluster ? feNames.indexOf(opts.cluster) : -1;
  let cluster = clusterIsFe >= 0 ? fes[clusterIsFe] : clCol ? factorOf(clCol) : undefined;
  // Singletons
  const single = findSingletons(fes);
  if (opts.dropSingletons && single.count > 0) {
    const k2 = new Uint8Array(rows.length);
    for (let j = 0; j < rows.length; j++) k2[j] = single.mask[j] ? 0 : 1;
    fes = fes.map((f) => subsetFactor(f, k2));
    if (cluster) cluster = clusterIsFe >= 0 ? fes[clusterIsFe] : subsetFactor(cluster, k2);
    rows = rows.filter((_, j) => k2[j] === 1);
    dropped["singleton"] = single.count;
  }
  const n = rows.length;
  if (n === 0) throw new Error("no observations left after removing missing values");
  // With no FE, the intercept is a one-level FE (centering).
  const absorb = fes.length ? fes : [{ codes: new Int32Array(n), nLevels: 1, levels: ["(Intercept)"] } as Factor];
  const counts = absorb.map(levelCounts);
  const sameRows = n === n0;
  const pull = (c: ArrayLike<unknown>): Float64Array => {
    if (sameRows && c instanceof Float64Array) return c;
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = c[rows[j]] as number;
    return out;
  };
  const yRaw = pull(yCol);
  const xRaw = xCols.map(pull);
  const tol = opts.tol ?? 1e-12;
  let iters = 0;
  const dm = (v: Float64Array): Float64Array => {
    const r = demean(v, absorb, counts, { tol, balanced });
    if (!r.converged) throw new Error("demeaning did not converge");
    iters = Math.max(iters, r.iterations);
    return r.x;
  };
  const balanced = absorb.length === 2 && isBalanced(absorb[0], absorb[1]);
  const yw = dm(yRaw);
  const xw = xRaw.map(dm);
  // Regressors absorbed by the FE: within norm tiny relative to the centered norm.
  const collinear: { term: string; reason: string }[] = [];
  const cand: number[] = [];
  for (let j = 0; j < xw.length; j++) {
    const xr = xRaw[j], xt = xw[j];
    let m = 0;
    for (let i = 0; i < n; i++) m += xr[i];
    m /= n;
    let c2 = 0, w2 = 0;
    for (let i = 0; i < n; i++) {
      const d = xr[i] - m, w = xt[i];
      c2 += d * d;
      w2 += w * w;
    }
    if (c2 === 0 || w2 <= 1e-16 * c2) collinear.push({ term: opts.x[j], reason: "absorbed by fixed effects" });
    else cand.push(j);
  }
  if (cand.length === 0) throw new Error(`no variation left in ${opts.x.join(", ")} after absorbing the fixed effects ${feNames.join(", ")}`);
  const qr = qrLeastSquares(cand.map((j) => xw[j]), yw);
  for (const d of qr.dropped) collinear.push({ term: opts.x[cand[d]], reason: "collinear" });
  const keptIdx = qr.kept.map((h) => cand[h]);
  const terms = keptIdx.map((j) => opts.x[j]);
  const X = keptIdx.map((j) => xw[j]);
  const k = X.length;
  const resid = qr.resid;
  const dofFe = fes.length ? feDof(fes) : 1;
  const firstFeLevels = fes.length ? fes[0].nLevels : 1;
  let nestedDof = 0;
  if (cluster) for (const f of fes) if (isNested(f, cluster)) nestedDof += f.nLevels - 1;
  const vr = computeVcov({ X, resid, bread: qr.xtxInv, dofFe, firstFeLevels, nestedDof, cluster: vcovType === "cluster" ? cluster : undefined }, vcovType, ssc, opts.cluster);
  const dfT = dist === "normal" ? Infinity : vr.df;
  const coefficients: CoefRow[] = terms.map((term, a) => {
    const est = qr.coef[a];
    const se = Math.sqrt(vr.V[a * k + a]);
    const t = est / se;
    return { term, estimate: est, std_error: se, statistic: t, p_value: dist === "normal" ? pNormal(t) : pT(t, dfT) };
  });
  // Fit
  let rss = 0, tssW = 0, ybar = 0;
  for (let i = 0; i < n; i++) {
    rss += resid[i] * resid[i];
    tssW += yw[i] * yw[i];
    ybar += yRaw[i];
  }
  ybar /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) tss += (yRaw[i] - ybar) ** 2;
  const dfResid = n - k - dofFe;
  const r2 = 1 - rss / tss;
  const r2w = 1 - rss / tssW;
  const f_test = waldTest(qr.coef, vr.V, terms, dist === "normal" ? Infinity : vr.df);
  const groups: Record<string, number> = {};
  feNames.forEach((f, q) => (groups[f] = fes[q].nLevels));
  let constant: CoefRow | undefined;
  if (opts.constant === "stata") constant = stataConstant(yRaw, keptIdx.map((j) => xRaw[j]), X, qr.coef, resid, vr, { dofFe, firstFeLevels, nestedDof, cluster }, dist);
  const { V, ...info } = vr;
  const vcov: number[][] = [];
  for (let a = 0; a < k; a++) vcov.push(Array.from(V.subarray(a * k, a * k + k)));
  const result = {
    y: opts.y,
    coefficients,
    constant,
    terms,
    vcov,
    vcovInfo: info,
    nobs: n,
    groups,
    nclusters: vcovType === "cluster" ? vr.G : cluster?.nLevels,
    dofFe,
    dfResid,
    rss,
    r2,
    r2_within: r2w,
    adj_r2: 1 - ((1 - r2) * (n - 1)) / dfResid,
    adj_r2_within: 1 - ((1 - r2w) * (n - 1)) / dfResid,
    f_test,
    collinear,
    singletons: { count: single.count, dropped: !!opts.dropSingletons && single.count > 0 },
    dropped,
    rowsIn: n0,
    fe: feNames,
    cluster: opts.cluster,
    demeanIterations: iters,
  } as FeolsResult;
  // Non-enumerable: the n-long arrays stay out of console.log, notebooks and JSON.
  const design: Design = { X, yw, resid, bread: qr.xtxInv, fes, cluster, rows, firstFeLevels, nestedDof, dist, ssc, vcovType };
  Object.defineProperty(result, "design", { value: design, enumerable: false });
  return result;
}

/** Stata xtreg-style intercept (see module comment). */
function stataConstant(
  yRaw: Float64Array,
  xRaw: Float64Array[],
  X: Float64Array[],
  b: Float64Array,
  resid: Float64Array,
  vr: VcovResult,
  d: { dofFe: number; firstFeLevels: number; nestedDof: number; cluster?: Factor },
  dist: "t" | "normal",
): CoefRow {
  const n = yRaw.length;
  const k = X.length;
  const mean = (v: Float64Array): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += v[i];
    return s / n;
  };
  const xbar = xRaw.map(mean);
  let est = mean(yRaw);
  for (let a = 0; a < k; a++) est -= xbar[a] * b[a];
  // Augmented design Z = [1, X̃ + x̄]
  const Z: Float64Array[] = [new Float64Array(n).fill(1), ...X.map((c, a) => c.map((v) => v + xbar[a]))];
  const p = k + 1;
  const ZtZ = new Matrix(p, p);
  for (let a = 0; a < p; a++)
    for (let c = a; c < p; c++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Z[a][i] * Z[c][i];
      ZtZ.set(a, c, s);
      ZtZ.set(c, a, s);
    }
  const B = Float64Array.from(inverse(ZtZ).to1DArray());
  let var0: number;
  if (vr.type === "iid") {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
    var0 = (rss / (n - vr.K)) * B[0];
  } else {
    const M = new Float64Array(p * p);
    if (vr.type === "hc1") {
      for (let a = 0; a < p; a++)
        for (let c = 0; c < p; c++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += resid[i] * resid[i] * Z[a][i] * Z[c][i];
          M[a * p + c] = s;
        }
    } else {
      const cl = d.cluster!;
      const U = new Float64Array(cl.nLevels * p);
      for (let a = 0; a < p; a++) for (let i = 0; i < n; i++) U[cl.codes[i] * p + a] += Z[a][i] * resid[i];
      for (let g = 0; g < cl.nLevels; g++) for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) M[a * p + c] += U[g * p + a] * U[g * p + c];
    }
    const { factor } = sscFactor(vr.type, vr.ssc, n, k, d.dofFe, d.firstFeLevels, d.nestedDof, vr.G ?? 0);
    var0 = sandwich(B, M, p, factor)[0];
  }
  // A zero SE arises when clustering by the unit FE with regressors whose
  // sample means are zero (e.g. standardized on the estimation sample): each
  // cluster's residuals sum to zero, so the constant (= ȳ) has no sampling
  // variance under this construction. Stata then prints "." for t and p; so do we.
  const se = Math.sqrt(Math.max(0, var0));
  if (!(se > 1e-10 * Math.max(1, Math.abs(est)))) return { term: "(Intercept)", estimate: est, std_error: 0, statistic: NaN, p_value: NaN };
  const t = est / se;
  return { term: "(Intercept)", estimate: est, std_error: se, statistic: t, p_value: dist === "normal" ? pNormal(t) : pT(t, vr.df) };
}
