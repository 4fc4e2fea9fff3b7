/**
 * Linear regression with absorbed fixed effects (the two-way FE model of
 * Tables 2–3):
 *
 *   y_it = x_itᵀ β + α_i + γ_t + ε_it
 *
 * estimated by the within transformation (Frisch–Waugh–Lovell): demean y and
 * every x on all FE (fixedEffects.demean), then OLS of ỹ on X̃ by QR (qr.ts).
 * b equals the LSDV (dummy-variable) estimate exactly. Three steps:
 *   design     listwise deletion, factors, singletons, scaling, demeaning (`buildDesign`)
 *   solve      absorbed/collinear regressors, QR (`solveDesign`)
 *   summarize  vcov, coefficients, fit statistics, constant, warnings (`summarize`)
 *
 * Scaling. Every regressor and the outcome are multiplied by a power of two
 * that brings their largest absolute value into [0.5, 1) before demeaning and
 * the rank tests, and the results are scaled back. Powers of two are exact in
 * floating point, so ordinary data give bit-identical results, while units can
 * never decide collinearity: a regressor ×1e200 or ×1e-200 (whose squares
 * overflow or underflow) is treated like the unscaled one. The stored design
 * (`fit.design`) is in the original units.
 *
 * Centering. A column whose mid-range c = (min + max)/2 is farther from zero
 * than its spread (|c| > max − min: a year, a level such as GDP, x + 1e12) is
 * shifted, (x − c) before scaling and demeaning. The subtraction is exact
 * (Sterbenz's lemma, the values being within a factor 2 of c) and the fixed
 * effects (or the intercept) absorb the shift, so the within columns and the
 * standard errors are those of the unshifted data: adding 1e12 to a regressor
 * moves them by about 1e-16 relative instead of 1e-4 (test/estimate/feols.test.ts).
 * The constant adds the shifts back (x̄ = mean of x − c, plus c).
 *
 * Passes over the rows (what makes 1,000,000 rows fast): the scan for missing
 * values also finds each column's range (hence its scale); the demeaning
 * multiplies by the scale as it reads (no scaled copies) and returns the sums
 * the absorbed-regressor check and R² need (fixedEffects DemeanMoments); the
 * QR's residual pass returns eᵀe; `fit.design` is built when first read. Each
 * of these sums is still accumulated row by row in order, so the results are
 * those of separate passes, bit for bit.
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
 * unchanged by that construction; `stataConstantInference`). The means are
 * the demeaning's sums Σ x / n (no pass of their own); the design keeps x̄
 * (`design.constant`) so that summary() gives the constant's SE under another
 * vcov as a refit would.
 *
 * Degenerate fits say so (`warnings`, printed by tables and the CLI): with zero
 * residual degrees of freedom (n ≤ k + d_FE) there are no standard errors,
 * statistics or p-values (NaN, no stars); with fewer than 42 clusters the
 * cluster-robust inference is flagged as unreliable (see FEW_CLUSTERS).
 *
 * Missing values: a row with a missing (null, undefined, NaN) value in y, any x,
 * any FE or the cluster is dropped and counted under "missing <column>" (the
 * first such column in that order). Strings in y or x are errors.
 */
import { Matrix, inverse } from "ml-matrix";
import {
  demean,
  encodeFactor,
  feDof,
  findSingletons,
  isBalanced,
  isNested,
  levelCounts,
  subsetFactor,
  type DemeanMoments,
  type Factor,
} from "./fixedEffects";
import { qrLeastSquares } from "./qr";
import {
  computeVcov,
  meat,
  sandwich,
  sscFactor,
  SSC_NAMES,
  VCOV_TYPES,
  type SscName,
  type VcovResult,
  type VcovType,
} from "./vcov";
import { waldTest, type WaldResult } from "./wald";
import { pNormal, pT } from "./distributions";
import { canonicalKey, findDuplicateKeys } from "../io/keys";

/**
 * Fewer clusters than this draws a warning. Angrist & Pischke (2009), Mostly
 * Harmless Econometrics, sec. 8.2.3: "42" clusters as the rough number below
 * which cluster-robust inference is unreliable; Cameron & Miller (2015),
 * J. Human Resources 50(2), sec. VI, put "few" at 20–50 and recommend the wild
 * cluster bootstrap (wildBootstrap.ts).
 */
export const FEW_CLUSTERS = 42;

/** The few-clusters warning for a clustered vcov (undefined when G ≥ FEW_CLUSTERS). */
export function fewClustersWarning(vr: { G?: number; Gs?: unknown }): string | undefined {
  if (vr.G === undefined || vr.G >= FEW_CLUSTERS) return undefined;
  return `only ${vr.G} clusters${vr.Gs ? " in the smaller dimension" : ""}: cluster-robust standard errors and t(G − 1) p-values can be unreliable below about ${FEW_CLUSTERS} clusters (Angrist & Pischke 2009, sec. 8.2.3; Cameron & Miller 2015, sec. VI); the wild cluster bootstrap (wildClusterBootstrap) is more reliable`;
}

/** Column data: plain columns by name, or an arquero table. */
export type ColumnInput =
  | Record<string, ArrayLike<unknown>>
  | { array(name: string): ArrayLike<unknown>; columnNames(): string[] };

export interface FeolsOptions {
  data: ColumnInput;
  y: string;
  x: string[];
  /** Fixed effects to absorb (0, 1, 2 or more columns). With none, an intercept is included. */
  fe?: string[];
  cluster?: string;
  /** Second clustering dimension: two-way clustering by `cluster` and `cluster2` (ssc "fixest" or "full"). */
  cluster2?: string;
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
  /**
   * Columns that must identify the rows, e.g. the panel's (unit, time): a row
   * repeating an earlier row's key (rows with a missing key value aside) is an
   * error naming the first ones, or with `duplicateKeys: "warn"` a warning
   * counting them (the CLI's --keys / --allow-duplicate-keys). Default: no check.
   */
  keys?: readonly string[];
  /** What a duplicate key does: "error" (default) or "warn". */
  duplicateKeys?: "error" | "warn";
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
  /** The vcov's type, preset, factor, K, df and label (its warnings are in `warnings`). */
  vcovInfo: Omit<VcovResult, "V" | "warnings">;
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
  /** Second clustering dimension, when two-way clustered. */
  cluster2?: string;
  demeanIterations: number;
  /** Problems the reader must know about (zero residual df, few clusters, …); empty when none. */
  warnings: string[];
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
  /** Second clustering dimension (two-way clustering). */
  cluster2?: Factor;
  /** Row of the input data of each estimation observation. */
  rows: Int32Array;
  firstFeLevels: number;
  /** Σ (L_q − 1) over FE nested in the cluster (or in either of two). */
  nestedDof: number;
  /** Degrees of freedom absorbed by the FE (= FeolsResult.dofFe). */
  dofFe: number;
  dist: "t" | "normal";
  ssc: SscName;
  vcovType: VcovType;
  /** With `constant: "stata"`: what the constant's standard error needs besides X, e and the vcov (stataConstantInference). */
  constant?: ConstantDesign;
}

/** The Stata-style constant's part of the design (original units). */
export interface ConstantDesign {
  /** Means x̄ of the kept regressors over the estimation sample: the constant's design is Z = [1, X + x̄]. */
  xbar: Float64Array;
  /** 1 / the outcome's power-of-two scale (≥ max |y|): the zero-SE test is relative to max(unit, |_cons|). */
  unit: number;
}

/** Read a column from either input kind. */
export function getColumn(data: ColumnInput, name: string): ArrayLike<unknown> {
  if (
    typeof (data as { array?: unknown }).array === "function" &&
    typeof (data as { columnNames?: unknown }).columnNames === "function"
  ) {
    const t = data as { array(name: string): ArrayLike<unknown>; columnNames(): string[] };
    if (!t.columnNames().includes(name))
      throw new Error(`no column "${name}" (have: ${t.columnNames().join(", ")})`);
    return t.array(name);
  }
  const rec = data as Record<string, ArrayLike<unknown>>;
  if (!(name in rec)) throw new Error(`no column "${name}" (have: ${Object.keys(rec).join(", ")})`);
  return rec[name];
}

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

/** What markMissing found in one column. */
interface MissingScan {
  /** Rows newly marked missing. */
  count: number;
  /** Least and greatest value over the rows not missing in this column (Float64Array/Float32Array columns only, else NaN). */
  lo: number;
  hi: number;
}

/**
 * Mark rows (not yet marked) that are missing in column `c`; return how many,
 * and for a float column the range of its other values (in the same pass).
 * Numeric columns must hold finite numbers (NaN = missing); anything else throws.
 */
function markMissing(
  name: string,
  c: ArrayLike<unknown>,
  numeric: boolean,
  miss: Uint8Array,
): MissingScan {
  const n = c.length;
  let cnt = 0;
  if (c instanceof Float64Array || c instanceof Float32Array) {
    let lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = c[i];
      if (v - v !== 0) {
        if (v !== v) {
          if (!miss[i]) {
            miss[i] = 1;
            cnt++;
          }
        } else if (numeric && !miss[i])
          throw new Error(`column "${name}", row ${i + 1}: not a finite number: ${v}`);
      } else {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    return { count: cnt, lo, hi };
  }
  if (ArrayBuffer.isView(c)) return { count: 0, lo: NaN, hi: NaN }; // integer typed arrays cannot be missing
  for (let i = 0; i < n; i++) {
    if (miss[i]) continue;
    const v = c[i];
    if (isMissing(v)) {
      miss[i] = 1;
      cnt++;
    } else if (numeric) {
      if (typeof v !== "number")
        throw new Error(`column "${name}", row ${i + 1}: not a number: ${JSON.stringify(v)}`);
      if (!Number.isFinite(v))
        throw new Error(`column "${name}", row ${i + 1}: not a finite number: ${String(v)}`);
    }
  }
  return { count: cnt, lo: NaN, hi: NaN };
}

/** Step 1 output: the estimation sample, its factors and the demeaned (scaled) columns. */
interface BuiltDesign {
  n: number;
  n0: number;
  /** Row of the input of each observation; null when all rows are used (0..n−1). */
  rows: Int32Array | null;
  fes: Factor[];
  cluster?: Factor;
  cluster2?: Factor;
  dropped: Record<string, number>;
  singletons: { count: number; dropped: boolean };
  /** Power-of-two scales and centering shifts: column_scaled = (column − shift) · scale. */
  yScale: number;
  xScale: number[];
  yShift: number;
  xShift: number[];
  /** The outcome's magnitude, a power of two above max |y| (the unit of the constant's zero-SE test). */
  yUnit: number;
  /** Demeaned scaled outcome and regressors. */
  yw: Float64Array;
  xw: Float64Array[];
  /** Σ, centered and within sums of squares of the scaled outcome and regressors (DemeanMoments). */
  yMom: DemeanMoments;
  xMom: DemeanMoments[];
  iterations: number;
  dofFe: number;
  firstFeLevels: number;
  nestedDof: number;
  /** The duplicate-key warning (keys with duplicateKeys "warn"). */
  keyWarning?: string;
}

/** 2^−e with 2^(e−1) ≤ m < 2^e (1 for m = 0): exact in floating point. */
function pow2ScaleOfMax(m: number): number {
  if (m === 0 || !Number.isFinite(m)) return 1;
  let e = Math.floor(Math.log2(m)) + 1;
  if (2 ** (e - 1) > m) e--;
  else if (2 ** e <= m) e++;
  // two steps, so that 2^-e itself never under- or overflows
  return 2 ** -Math.trunc(e / 2) * 2 ** -(e - Math.trunc(e / 2));
}

/**
 * The centering shift of a column with range [lo, hi]: its mid-range when that
 * is farther from zero than the spread (|mid| > hi − lo; e.g. a year, or a
 * regressor + 1e12), else 0 (ordinary columns are left as they are, bit for bit).
 */
function centerShift(lo: number, hi: number): number {
  const mid = lo / 2 + hi / 2;
  return Math.abs(mid) > hi - lo ? mid : 0;
}

/** v − c (a new array), or v itself when c = 0. */
function shifted(v: Float64Array, c: number): Float64Array {
  if (c === 0) return v;
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] - c;
  return out;
}

/** Least and greatest value of v. */
function rangeOf(v: Float64Array): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < lo) lo = v[i];
    if (v[i] > hi) hi = v[i];
  }
  return [lo, hi];
}

/** Multiply v by s in place (exact for a power of two); returns v. */
function scaleInPlace(v: Float64Array, s: number): Float64Array {
  if (s !== 1) for (let i = 0; i < v.length; i++) v[i] *= s;
  return v;
}

/** 0, 1, …, n − 1. */
function iota(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

/** The values of column c at the given rows, in a typed array of the same kind when c is one. */
function pick(c: ArrayLike<unknown>, rows: Int32Array): ArrayLike<string | number> {
  if (c instanceof Int32Array || c instanceof Float64Array) {
    const out =
      c instanceof Int32Array ? new Int32Array(rows.length) : new Float64Array(rows.length);
    for (let j = 0; j < rows.length; j++) out[j] = c[rows[j]];
    return out;
  }
  const vals = new Array<string | number>(rows.length);
  for (let j = 0; j < rows.length; j++) vals[j] = c[rows[j]] as string | number;
  return vals;
}

/**
 * Labels of a fixed effect or cluster with numbers spelled as text read by
 * value (lib/io/keys.ts canonicalKey: "2003.0" = "2003" = 2003), so one
 * number is one level. Typed arrays and all-number columns are returned as they are.
 */
function canonicalLabels(v: ArrayLike<string | number>): ArrayLike<string | number> {
  if (ArrayBuffer.isView(v)) return v;
  let text = false;
  for (let i = 0; i < v.length && !text; i++) text = typeof v[i] === "string";
  if (!text) return v;
  return Array.from(v, (x) => canonicalKey(String(x)));
}

function fmtCounts(d: Record<string, number>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

/** The input columns of a fit, each checked to have as many rows as the outcome. */
interface InputColumns {
  yCol: ArrayLike<unknown>;
  xCols: ArrayLike<unknown>[];
  feCols: ArrayLike<unknown>[];
  clCol?: ArrayLike<unknown>;
  cl2Col?: ArrayLike<unknown>;
  n0: number;
}

/** Step 1: listwise deletion, factors, singletons, scaling and demeaning. */
function buildDesign(opts: FeolsOptions): BuiltDesign {
  const cols = inputColumns(opts);
  const { n0 } = cols;
  const keyWarning = opts.keys && opts.keys.length ? checkKeys(opts, n0) : undefined;
  const { dropped, rows: kept, ranges } = dropMissing(opts, cols);
  const f = factorsWithoutSingletons(opts, cols, kept, dropped);
  const { fes, cluster, cluster2, single, rows } = f;
  const n = rows ? rows.length : n0;
  // With no FE, the intercept is a one-level FE (centering).
  const absorb = fes.length
    ? fes
    : [{ codes: new Int32Array(n), nLevels: 1, levels: ["(Intercept)"] } as Factor];
  const counts = fes.length ? f.counts : [Float64Array.of(n)];
  const pull = (c: ArrayLike<unknown>): Float64Array => {
    if (!rows && c instanceof Float64Array) return c;
    const out = new Float64Array(n);
    if (rows) for (let j = 0; j < n; j++) out[j] = c[rows[j]] as number;
    else for (let j = 0; j < n; j++) out[j] = c[j] as number;
    return out;
  };
  // The range (and the power-of-two scale) from markMissing's pass when every row is used.
  const whole = (j: number): boolean => !rows && !Number.isNaN(ranges[j].lo);
  const yRaw = pull(cols.yCol);
  const [yMin, yMax] = whole(0) ? [ranges[0].lo, ranges[0].hi] : rangeOf(yRaw);
  if (yMin === yMax)
    throw new Error(
      `the outcome "${opts.y}" is constant (${yMax} in all ${n} observations used): there is no variation to explain`,
    );
  const xRange = cols.xCols.map((c, j): [Float64Array, [number, number]] => {
    const v = pull(c);
    return [v, whole(j + 1) ? [ranges[j + 1].lo, ranges[j + 1].hi] : rangeOf(v)];
  });
  const balanced = absorb.length === 2 && isBalanced(absorb[0], absorb[1]);
  const dm = scaleAndDemean(absorb, counts, balanced, opts.tol ?? 1e-12);
  const yr = dm.column(yRaw, [yMin, yMax]);
  const xr = xRange.map(([v, range]) => dm.column(v, range));
  // A balanced panel is connected: d_FE = L1 + L2 − 1 without the component count.
  const dofFe = !fes.length ? 1 : balanced ? fes[0].nLevels + fes[1].nLevels - 1 : feDof(fes);
  const firstFeLevels = fes.length ? fes[0].nLevels : 1;
  let nestedDof = 0;
  if (cluster)
    for (const fe of fes)
      if (isNested(fe, cluster) || (cluster2 && isNested(fe, cluster2)))
        nestedDof += fe.nLevels - 1;
  return {
    n,
    n0,
    rows,
    fes,
    cluster,
    cluster2,
    dropped,
    singletons: { count: single.count, dropped: !!opts.dropSingletons && single.count > 0 },
    yScale: yr.scale,
    xScale: xr.map((r) => r.scale),
    yShift: yr.shift,
    xShift: xr.map((r) => r.shift),
    yUnit: 1 / pow2ScaleOfMax(Math.max(-yMin, yMax)),
    yw: yr.r.x,
    xw: xr.map((r) => r.r.x),
    yMom: yr.r.moments as DemeanMoments,
    xMom: xr.map((r) => r.r.moments as DemeanMoments),
    iterations: dm.iterations(),
    dofFe,
    firstFeLevels,
    nestedDof,
    keyWarning,
  };
}

/** The option checks of step 1, then the columns it reads. */
function inputColumns(opts: FeolsOptions): InputColumns {
  const feNames = opts.fe ?? [];
  if (opts.x.length === 0) throw new Error("no regressors given");
  if (opts.x.includes(opts.y))
    throw new Error(
      `the outcome "${opts.y}" is also listed among the regressors: a variable cannot explain itself (remove it from x)`,
    );
  if (opts.cluster2 && !opts.cluster)
    throw new Error("cluster2 needs cluster (two-way clustering by cluster and cluster2)");
  if (opts.cluster2 && opts.cluster2 === opts.cluster)
    throw new Error(`cluster and cluster2 are the same column "${opts.cluster}"`);
  const yCol = getColumn(opts.data, opts.y);
  const xCols = opts.x.map((c) => getColumn(opts.data, c));
  const feCols = feNames.map((c) => getColumn(opts.data, c));
  const clCol = opts.cluster ? getColumn(opts.data, opts.cluster) : undefined;
  const cl2Col = opts.cluster2 ? getColumn(opts.data, opts.cluster2) : undefined;
  const n0 = yCol.length;
  for (const [name, c] of namedColumns(opts, { yCol, xCols, feCols, clCol, cl2Col, n0 }).slice(1)) {
    if (c.length !== n0)
      throw new Error(`column "${name}" has ${c.length} rows, "${opts.y}" has ${n0}`);
  }
  if (n0 === 0) throw new Error("no observations: the data have 0 rows");
  return { yCol, xCols, feCols, clCol, cl2Col, n0 };
}

/** [name, column, numeric] in the order of the missing-value count: y, x, FE, cluster, cluster2. */
function namedColumns(
  opts: FeolsOptions,
  c: InputColumns,
): [string, ArrayLike<unknown>, boolean][] {
  const feNames = opts.fe ?? [];
  return [
    [opts.y, c.yCol, true],
    ...opts.x.map((x, j) => [x, c.xCols[j], true] as [string, ArrayLike<unknown>, boolean]),
    ...feNames.map((f, j) => [f, c.feCols[j], false] as [string, ArrayLike<unknown>, boolean]),
    ...(c.clCol && opts.cluster
      ? [[opts.cluster, c.clCol, false] as [string, ArrayLike<unknown>, boolean]]
      : []),
    ...(c.cl2Col && opts.cluster2
      ? [[opts.cluster2, c.cl2Col, false] as [string, ArrayLike<unknown>, boolean]]
      : []),
  ];
}

/**
 * Listwise deletion, counted by the first offending column. Returns the rows
 * kept (null: all) and the range of y and of each x over all rows (valid as
 * the sample's when no row is dropped).
 */
function dropMissing(opts: FeolsOptions, cols: InputColumns) {
  const { n0 } = cols;
  const dropped: Record<string, number> = {};
  const miss = new Uint8Array(n0);
  let nMissing = 0;
  const ranges: MissingScan[] = [];
  for (const [name, c, numeric] of namedColumns(opts, cols)) {
    const scan = markMissing(name, c, numeric, miss);
    if (scan.count) dropped[`missing ${name}`] = (dropped[`missing ${name}`] ?? 0) + scan.count;
    nMissing += scan.count;
    if (ranges.length <= opts.x.length) ranges.push(scan);
  }
  const nKeep = n0 - nMissing;
  if (nKeep === 0) throw new Error(`all ${n0} rows dropped: ${fmtCounts(dropped)}`);
  let rows: Int32Array | null = null;
  if (nKeep < n0) {
    rows = new Int32Array(nKeep);
    for (let i = 0, j = 0; i < n0; i++) if (!miss[i]) rows[j++] = i;
  }
  return { dropped, rows, ranges };
}

/** The FE and cluster factors of the rows kept, then (with dropSingletons) without the singletons. */
function factorsWithoutSingletons(
  opts: FeolsOptions,
  cols: InputColumns,
  kept: Int32Array | null,
  dropped: Record<string, number>,
) {
  const feNames = opts.fe ?? [];
  let rows = kept;
  const factorOf = (c: ArrayLike<unknown>): Factor =>
    encodeFactor(canonicalLabels(rows ? pick(c, rows) : (c as ArrayLike<string | number>)));
  let fes = cols.feCols.map(factorOf);
  const clusterIsFe = opts.cluster ? feNames.indexOf(opts.cluster) : -1;
  const cluster2IsFe = opts.cluster2 ? feNames.indexOf(opts.cluster2) : -1;
  let cluster = clusterIsFe >= 0 ? fes[clusterIsFe] : cols.clCol ? factorOf(cols.clCol) : undefined;
  let cluster2 =
    cluster2IsFe >= 0 ? fes[cluster2IsFe] : cols.cl2Col ? factorOf(cols.cl2Col) : undefined;
  let counts = fes.map(levelCounts);
  const single = findSingletons(fes, counts);
  if (opts.dropSingletons && single.count > 0) {
    const nNow = fes[0].codes.length;
    if (single.count === nNow)
      throw new Error(
        `all ${cols.n0} rows dropped: ${fmtCounts({ ...dropped, singleton: single.count })}`,
      );
    const k2 = new Uint8Array(nNow);
    for (let j = 0; j < nNow; j++) k2[j] = single.mask[j] ? 0 : 1;
    fes = fes.map((f) => subsetFactor(f, k2));
    counts = fes.map(levelCounts);
    if (cluster) cluster = clusterIsFe >= 0 ? fes[clusterIsFe] : subsetFactor(cluster, k2);
    if (cluster2) cluster2 = cluster2IsFe >= 0 ? fes[cluster2IsFe] : subsetFactor(cluster2, k2);
    rows = (rows ?? iota(nNow)).filter((_, j) => k2[j] === 1);
    dropped["singleton"] = single.count;
  }
  return { fes, cluster, cluster2, counts, single, rows };
}

/**
 * Centering, scaling and demeaning of one column at a time (module comment):
 * a column far from zero relative to its spread is shifted by its mid-range c
 * before scaling and demeaning; the shift is exact (Sterbenz) and the FE (or
 * the intercept) absorb it. The scale is a power of two, so it is exact too.
 */
function scaleAndDemean(absorb: Factor[], counts: Float64Array[], balanced: boolean, tol: number) {
  let iterations = 0;
  return {
    column(v: Float64Array, [lo, hi]: [number, number]) {
      const shift = centerShift(lo, hi);
      const scale = pow2ScaleOfMax(Math.max(shift - lo, hi - shift));
      const r = demean(shifted(v, shift), absorb, counts, { tol, balanced, scale, moments: true });
      if (!r.converged) throw new Error("demeaning did not converge");
      iterations = Math.max(iterations, r.iterations);
      return { r, shift, scale };
    },
    iterations: () => iterations,
  };
}

/**
 * The duplicate-key check of `opts.keys` (lib/io/keys.ts findDuplicateKeys:
 * numbers as keys by their exact value, "2003" = "2003.0"). Throws, or with
 * duplicateKeys "warn" returns the warning.
 */
function checkKeys(opts: FeolsOptions, n0: number): string | undefined {
  const names = opts.keys ?? [];
  const cols = names.map((k) => getColumn(opts.data, k));
  const idx: number[] = [];
  for (let i = 0; i < n0; i++) if (cols.every((c) => !isMissing(c[i]))) idx.push(i);
  const warn = opts.duplicateKeys === "warn";
  let r;
  try {
    r = findDuplicateKeys(idx.length, (j) => cols.map((c) => c[idx[j]]), names, {
      lineOf: (j) => idx[j] + 1,
      allowDuplicates: warn,
      maxListed: 3,
    });
  } catch (e) {
    throw new Error(
      `${(e as Error).message.replace(/^data \(row \d+\): /, "")} (or pass duplicateKeys: "warn" to estimate anyway)`,
      { cause: e },
    );
  }
  if (r.duplicates === 0) return undefined;
  const first = r.first
    .map((d) => `(${d.key.join(", ")}) on rows ${d.rows[0]} and ${d.rows[1]}`)
    .join("; ");
  return `duplicate keys (accepted by duplicateKeys: "warn"): ${r.duplicates} row(s) repeat an earlier (${names.join(", ")}) key; first: ${first}; standard errors are too small when rows are duplicated`;
}

/** Step 2 output: which regressors are kept and the least-squares fit (scaled units). */
interface Solved {
  collinear: { term: string; reason: string }[];
  /** Indices into opts.x of the kept regressors. */
  keptIdx: number[];
  terms: string[];
  /** Demeaned scaled kept regressors. */
  Xs: Float64Array[];
  coefS: Float64Array;
  breadS: Float64Array;
  residS: Float64Array;
  /** eᵀe (scaled). */
  rssS: number;
}

/** Step 2: absorbed and collinear regressors, then QR (on the scaled columns). */
function solveDesign(d: BuiltDesign, opts: FeolsOptions): Solved {
  const { xw } = d;
  // Regressors absorbed by the FE: within norm tiny relative to the centered norm
  // (both sums of squares of the scaled column, computed while demeaning).
  const collinear: { term: string; reason: string }[] = [];
  const cand: number[] = [];
  for (let j = 0; j < xw.length; j++) {
    const { css: c2, wss: w2 } = d.xMom[j];
    if (c2 === 0 || w2 <= 1e-16 * c2)
      collinear.push({
        term: opts.x[j],
        reason: c2 === 0 ? "constant" : "absorbed by fixed effects",
      });
    else cand.push(j);
  }
  if (cand.length === 0) {
    const fe = opts.fe ?? [];
    throw new Error(
      fe.length
        ? `no variation left in ${opts.x.join(", ")} after absorbing the fixed effects ${fe.join(", ")}`
        : `no variation in ${opts.x.join(", ")}: every regressor is constant`,
    );
  }
  const qr = qrLeastSquares(
    cand.map((j) => xw[j]),
    d.yw,
  );
  for (const h of qr.dropped) collinear.push({ term: opts.x[cand[h]], reason: "collinear" });
  const keptIdx = qr.kept.map((h) => cand[h]);
  return {
    collinear,
    keptIdx,
    terms: keptIdx.map((j) => opts.x[j]),
    Xs: keptIdx.map((j) => xw[j]),
    coefS: qr.coef,
    breadS: qr.xtxInv,
    residS: qr.resid,
    rssS: qr.rss,
  };
}

/** The vcov type, small-sample convention and reference distribution of a fit, checked. */
function inferenceOptions(opts: FeolsOptions) {
  const vcovType: VcovType = opts.vcov ?? (opts.cluster ? "cluster" : "iid");
  const ssc: SscName = opts.ssc ?? "stata";
  if (!VCOV_TYPES.includes(vcovType))
    throw new Error(
      `vcov must be one of ${VCOV_TYPES.map((v) => `"${v}"`).join(", ")} (got ${JSON.stringify(opts.vcov)})`,
    );
  if (!SSC_NAMES.includes(ssc))
    throw new Error(
      `ssc must be one of ${SSC_NAMES.map((v) => `"${v}"`).join(", ")} (got ${JSON.stringify(opts.ssc)})`,
    );
  const dist = opts.dist ?? "t";
  if (vcovType === "cluster" && !opts.cluster)
    throw new Error('vcov "cluster" needs a cluster column');
  return { vcovType, ssc, dist };
}

/** Step 3: vcov, coefficients, fit statistics, constant and warnings. */
function summarize(d: BuiltDesign, s: Solved, opts: FeolsOptions): FeolsResult {
  const { vcovType, ssc, dist } = inferenceOptions(opts);
  const { n, dofFe, yScale, xScale } = d;
  const k = s.terms.length;
  const dfResid = n - k - dofFe;
  const warnings: string[] = d.keyWarning ? [d.keyWarning] : [];
  // Column j (scaled) = column j (original) · sx[j]; y likewise with yScale.
  const sx = s.keptIdx.map((j) => xScale[j]);
  const vr = scaledVcov(d, s, opts, vcovType, ssc);
  warnings.push(...vr.warnings);
  if (dfResid <= 0) {
    warnings.push(
      `zero residual degrees of freedom: ${n} observations, ${k} slope${k === 1 ? "" : "s"} and ${dofFe} parameters absorbed by the fixed effects (n − k − d_FE = ${dfResid}); the fit is exact and there are no standard errors, statistics or p-values`,
    );
  }
  const few = vcovType === "cluster" ? fewClustersWarning(vr) : undefined;
  if (few) warnings.push(few);
  const dfT = dist === "normal" ? Infinity : vr.df;
  const { coefficients, vcov } = originalUnits(s, vr, sx, yScale, dfResid, dist, dfT);
  const { r2, r2w, f_test } = fitStatistics(d, s, vr, opts.y, dfResid, dfT, warnings);
  const groups: Record<string, number> = {};
  (opts.fe ?? []).forEach((f, q) => (groups[f] = d.fes[q].nLevels));
  const stata = opts.constant === "stata" ? stataConstant(d, s, vr, sx, dfResid, dist) : undefined;
  const constant = stata?.constant;
  const constantDesign = stata?.constantDesign;
  const { V: _omit, warnings: _w, ...info } = vr;
  const invY = 1 / yScale;
  const result = {
    y: opts.y,
    coefficients,
    constant,
    terms: s.terms,
    vcov,
    vcovInfo: info,
    nobs: n,
    groups,
    nclusters: vcovType === "cluster" ? vr.G : d.cluster?.nLevels,
    dofFe,
    dfResid,
    rss: s.rssS * invY * invY,
    r2,
    r2_within: r2w,
    adj_r2: dfResid > 0 ? 1 - ((1 - r2) * (n - 1)) / dfResid : NaN,
    adj_r2_within: dfResid > 0 ? 1 - ((1 - r2w) * (n - 1)) / dfResid : NaN,
    f_test,
    collinear: s.collinear,
    singletons: d.singletons,
    dropped: d.dropped,
    rowsIn: d.n0,
    fe: opts.fe ?? [],
    cluster: opts.cluster,
    cluster2: opts.cluster2,
    demeanIterations: d.iterations,
    warnings,
  } as FeolsResult;
  if (!opts.cluster2) delete (result as { cluster2?: string }).cluster2;
  attachDesign(result, d, s, sx, { dist, ssc, vcovType, constant: constantDesign });
  return result;
}

/** The vcov of the scaled slopes under the fit's convention (computeVcov on the solved design). */
function scaledVcov(
  d: BuiltDesign,
  s: Solved,
  opts: FeolsOptions,
  vcovType: VcovType,
  ssc: SscName,
): VcovResult {
  const clusterName = opts.cluster2 ? `${String(opts.cluster)} + ${opts.cluster2}` : opts.cluster;
  return computeVcov(
    {
      X: s.Xs,
      resid: s.residS,
      bread: s.breadS,
      dofFe: d.dofFe,
      firstFeLevels: d.firstFeLevels,
      nestedDof: d.nestedDof,
      cluster: vcovType === "cluster" ? d.cluster : undefined,
      cluster2: vcovType === "cluster" ? d.cluster2 : undefined,
      yss: d.yMom.wss,
      terms: s.terms,
    },
    vcovType,
    ssc,
    clusterName,
  );
}

/** R², within R² and the Wald F test of all slopes, pushing the warnings they raise. */
function fitStatistics(
  d: BuiltDesign,
  s: Solved,
  vr: VcovResult,
  y: string,
  dfResid: number,
  dfT: number,
  warnings: string[],
): { r2: number; r2w: number; f_test: WaldResult } {
  const k = s.terms.length;
  // Fit statistics (scale-free ratios computed on the scaled outcome): eᵀe from
  // the QR's residual pass, Σ (y − ȳ)² and ỹᵀỹ from the demeaning's.
  const rssS = s.rssS,
    tssW = d.yMom.wss,
    tss = d.yMom.css;
  const r2 = 1 - rssS / tss;
  const r2w = tssW > 0 ? 1 - rssS / tssW : NaN;
  if (!(tssW > 0))
    warnings.push(
      `the fixed effects explain the outcome "${y}" exactly: no within variation is left`,
    );
  // The Wald statistic is invariant to the scaling: computed on the scaled coefficients and vcov.
  const degenerate = vr.V.some((v) => v !== v);
  const f_test: WaldResult =
    dfResid > 0 && !degenerate
      ? waldTest(s.coefS, vr.V, s.terms, dfT)
      : { terms: s.terms, stat: NaN, df1: k, df2: vr.df, p_value: NaN };
  if (dfResid > 0 && f_test.singular)
    warnings.push(
      `the F test of all slopes is not computed: the vcov of the ${k} slopes is singular (rank below ${k}${vr.G !== undefined ? `, e.g. with ${vr.G} clusters` : ""})`,
    );
  return { r2, r2w, f_test };
}

/**
 * Attach the design summary() needs to a fit: non-enumerable, so the n-long
 * arrays stay out of console.log, notebooks and JSON, and built on first use
 * (most callers, the CLI among them, never look at it). It keeps only the
 * arrays the design is made of, not the rest of the step-1 output.
 */
function attachDesign(
  result: FeolsResult,
  d: BuiltDesign,
  s: Solved,
  sx: number[],
  inference: Pick<DesignParts, "dist" | "ssc" | "vcovType" | "constant">,
): void {
  const parts: DesignParts = {
    Xs: s.Xs,
    yw: d.yw,
    residS: s.residS,
    breadS: s.breadS,
    sx,
    yScale: d.yScale,
    fes: d.fes,
    cluster: d.cluster,
    cluster2: d.cluster2,
    rows: d.rows,
    n: d.n,
    firstFeLevels: d.firstFeLevels,
    nestedDof: d.nestedDof,
    dofFe: d.dofFe,
    dist: inference.dist,
    ssc: inference.ssc,
    vcovType: inference.vcovType,
    constant: inference.constant,
  };
  let design: Design | undefined;
  Object.defineProperty(result, "design", {
    get: () => (design ??= originalUnitsDesign(parts)),
    enumerable: false,
  });
}

/**
 * The coefficient table and vcov back in the original units:
 * b_j = b_s,j · sx_j / yScale, V_ab = V_s,ab · sx_a sx_b / yScale².
 */
function originalUnits(
  s: Solved,
  vr: VcovResult,
  sx: number[],
  yScale: number,
  dfResid: number,
  dist: "t" | "normal",
  dfT: number,
) {
  const k = s.terms.length;
  const coef = Float64Array.from(s.coefS, (b, a) => (b * sx[a]) / yScale);
  const coefficients: CoefRow[] = s.terms.map((term, a) => {
    const est = coef[a];
    const se = dfResid > 0 ? (Math.sqrt(vr.V[a * k + a]) * sx[a]) / yScale : NaN;
    const t = est / se;
    return {
      term,
      estimate: est,
      std_error: se,
      statistic: t,
      p_value: dfResid > 0 ? (dist === "normal" ? pNormal(t) : pT(t, dfT)) : NaN,
    };
  });
  const V = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++)
      V[a * k + b] = ((vr.V[a * k + b] * sx[a]) / yScale) * (sx[b] / yScale);
  const vcov: number[][] = [];
  for (let a = 0; a < k; a++) vcov.push(Array.from(V.subarray(a * k, a * k + k)));
  return { coefficients, vcov };
}

/** Stata's constant (`constant: "stata"`) with its inference, in the original units. */
function stataConstant(
  d: BuiltDesign,
  s: Solved,
  vr: VcovResult,
  sx: number[],
  dfResid: number,
  dist: "t" | "normal",
) {
  const { n, dofFe, firstFeLevels, nestedDof, yScale, xScale } = d;
  const k = s.terms.length;
  // Grand means (scaled) from the demeaning's row-order sums Σ x·scale: those of a pass of their own, bit for bit.
  // The moments are of the centered columns: the shift (scaled) is added back.
  const xbarS = Float64Array.from(s.keptIdx, (j) => d.xMom[j].sum / n + d.xShift[j] * xScale[j]);
  let est = d.yMom.sum / n + d.yShift * yScale;
  for (let a = 0; a < k; a++) est -= xbarS[a] * s.coefS[a];
  // The zero-SE test is relative to max(yUnit, |_cons|) (yUnit · yScale in the scaled units; 1 without centering).
  const c = stataConstantInference(est, s.Xs, xbarS, s.residS, vr, {
    dofFe,
    firstFeLevels,
    nestedDof,
    cluster: d.cluster,
    dfResid,
    dist,
    unit: d.yUnit * yScale,
  });
  const constant: CoefRow = {
    ...c,
    estimate: c.estimate / yScale,
    std_error: c.std_error / yScale,
  };
  const constantDesign: ConstantDesign = {
    xbar: Float64Array.from(xbarS, (v, a) => v / sx[a]),
    unit: d.yUnit,
  };
  return { constant, constantDesign };
}

/** What originalUnitsDesign is built from (scaled units). */
interface DesignParts extends Omit<Design, "X" | "yw" | "resid" | "bread" | "rows"> {
  Xs: Float64Array[];
  yw: Float64Array;
  residS: Float64Array;
  breadS: Float64Array;
  sx: number[];
  yScale: number;
  rows: Int32Array | null;
  n: number;
}

/**
 * The design for post-estimation (bootstrap, VIF, summary), scaled back to the
 * original units (exact: powers of two). The scaled arrays are this fit's own
 * (fresh from demean and the QR) and nothing else reads them after summarize,
 * so they are rescaled in place.
 */
function originalUnitsDesign(p: DesignParts): Design {
  const { sx } = p;
  const k = p.Xs.length,
    invY = 1 / p.yScale;
  const design: Design = {
    X: p.Xs.map((c, a) => scaleInPlace(c, 1 / sx[a])),
    yw: scaleInPlace(p.yw, invY),
    resid: scaleInPlace(p.residS, invY),
    bread: Float64Array.from(p.breadS, (v, j) => v * sx[Math.floor(j / k)] * sx[j % k]),
    fes: p.fes,
    cluster: p.cluster,
    cluster2: p.cluster2,
    rows: p.rows ?? iota(p.n),
    firstFeLevels: p.firstFeLevels,
    nestedDof: p.nestedDof,
    dofFe: p.dofFe,
    dist: p.dist,
    ssc: p.ssc,
    vcovType: p.vcovType,
    constant: p.constant,
  };
  if (!p.cluster2) delete design.cluster2;
  if (!p.constant) delete design.constant;
  return design;
}

export function feols(opts: FeolsOptions): FeolsResult {
  const design = buildDesign(opts);
  const solved = solveDesign(design, opts);
  return summarize(design, solved, opts);
}

/** What the constant's vcov needs of the slopes' vcov (a VcovResult). */
type ConstantVcov = Pick<VcovResult, "type" | "ssc" | "K" | "df" | "G" | "Gs">;

/**
 * Standard error, t and p-value of the Stata xtreg-style constant `est`
 * (= ȳ − x̄ᵀb; module comment) under the vcov `vr` of the slopes. With
 * Z = [1, X + x̄] and B = (ZᵀZ)⁻¹:
 *
 *   iid      Var(_cons) = eᵀe / (n − K) · B₀₀
 *   hetero   Var(_cons) = c · [B (Σ e_i² z_i z_iᵀ) B]₀₀
 *   cluster  Var(_cons) = c · [B (Σ_g u_g u_gᵀ) B]₀₀,   u_g = Σ_{i∈g} z_i e_i
 *
 * with the K, c and cluster of the slopes' vcov. No SE (NaN) with zero
 * residual degrees of freedom or two-way clustering; SE 0 with t and p
 * undefined when it is zero up to rounding (1e-10 · max(unit, |est|)).
 * Used by feols at fit time (scaled units, unit 1) and by summary()
 * (original units, unit = design.constant.unit), so both give the same
 * figures for the same vcov.
 */
export function stataConstantInference(
  est: number,
  X: Float64Array[],
  xbar: ArrayLike<number>,
  resid: Float64Array,
  vr: ConstantVcov,
  d: {
    dofFe: number;
    firstFeLevels: number;
    nestedDof: number;
    cluster?: Factor;
    dfResid: number;
    dist: "t" | "normal";
    unit: number;
  },
): CoefRow {
  const none: CoefRow = {
    term: "(Intercept)",
    estimate: est,
    std_error: NaN,
    statistic: NaN,
    p_value: NaN,
  };
  if (d.dfResid <= 0) return none;
  // two-way clustering is not defined for the constant: one-way by the first dimension would mislead
  if (vr.type === "cluster" && vr.Gs) return none;
  const n = resid.length;
  const k = X.length;
  // Augmented design Z = [1, X̃ + x̄]
  const Z: Float64Array[] = [
    new Float64Array(n).fill(1),
    ...X.map((c, a) => c.map((v) => v + xbar[a])),
  ];
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
    const M = meat(Z, resid, vr.type === "cluster" ? d.cluster : undefined);
    const { factor } = sscFactor({
      type: vr.type,
      ssc: vr.ssc,
      n,
      k,
      dofFe: d.dofFe,
      firstFeLevels: d.firstFeLevels,
      nestedDof: d.nestedDof,
      G: vr.G ?? 0,
    });
    var0 = sandwich(B, M, p, factor)[0];
  }
  // A zero SE arises when clustering by the unit FE with regressors whose
  // sample means are zero (e.g. standardized on the estimation sample): each
  // cluster's residuals sum to zero, so the constant (= ȳ) has no sampling
  // variance under this construction. Stata then prints "." for t and p; so do we.
  const se = Math.sqrt(Math.max(0, var0));
  if (!(se > 1e-10 * Math.max(d.unit, Math.abs(est)))) return { ...none, std_error: 0 };
  const t = est / se;
  return {
    term: "(Intercept)",
    estimate: est,
    std_error: se,
    statistic: t,
    p_value: d.dist === "normal" ? pNormal(t) : pT(t, vr.df),
  };
}
