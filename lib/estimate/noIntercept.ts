/**
 * Least squares through the origin (no intercept, no fixed effects): R's
 * `lm(y ~ 0 + x1 + x2)`, fixest's `feols(y ~ 0 + x1 + x2)`, Stata's
 * `regress y x1 x2, noconstant`. The formula front door (model.ts) sends
 * `y ~ 0 + …` / `y ~ … - 1` without fixed effects here; the engine
 * (feols.ts) always centres, i.e. always has an intercept or FE.
 *
 *   b = (XᵀX)⁻¹ Xᵀ y   (QR, qr.ts; collinear columns dropped as in lm)
 *
 * Standard errors by computeVcov (vcov.ts) with no absorbed parameters
 * (d_FE = 0), so K = k: iid s² = eᵀe / (n − k); hetero ("stata")
 * n / (n − k) (Stata's regress, vce(robust); sandwich HC1); cluster
 * ("stata") G/(G − 1) · (n − 1)/(n − k) (Stata; sandwich vcovCL HC1).
 * Fit as lm reports it without intercept: R² = 1 − eᵀe / Σ y² (uncentred),
 * adjusted R² = 1 − (1 − R²) · n / (n − k), F = Wald test of all slopes.
 * Test: test/estimate/noIntercept.test.ts against R 4.2 lm + sandwich 3.0.
 *
 * Missing values: rows with null, undefined or NaN in y, any x or the cluster
 * are dropped and counted under "missing <column>" (first such column), as
 * the engine does; text in y or x is an error naming the row.
 */
import { getColumn, type CoefRow, type Design, type FeolsOptions, type FeolsResult } from "./feols";
import { encodeFactor, type Factor } from "./fixedEffects";
import { qrLeastSquares } from "./qr";
import { computeVcov, type SscName, type VcovResult, type VcovType } from "./vcov";
import { waldTest } from "./wald";
import { pNormal, pT } from "./distributions";

const isMissing = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/** Fit y on x without intercept (see module doc); `opts.fe` must be empty. */
export function olsNoIntercept(opts: FeolsOptions): FeolsResult {
  if (opts.fe && opts.fe.length)
    throw new Error("olsNoIntercept: fixed effects absorb the intercept; use feols");
  if (opts.x.length === 0) throw new Error("no regressors given");
  if (opts.cluster2)
    throw new Error(
      `olsNoIntercept: two-way clustering (${opts.cluster ?? "?"} + ${opts.cluster2}) is not ` +
        "implemented for a model without intercept and fixed effects; cluster by one variable",
    );
  const vcovType: VcovType = opts.vcov ?? (opts.cluster ? "cluster" : "iid");
  const ssc: SscName = opts.ssc ?? "stata";
  const dist = opts.dist ?? "t";
  if (vcovType === "cluster" && !opts.cluster)
    throw new Error('vcov "cluster" needs a cluster column');
  const cols = inputColumns(opts);
  const n0 = cols[0][1].length;
  const { dropped, rows } = usableRows(opts, cols);
  const n = rows.length;
  if (n === 0) throw new Error("no observations left after removing missing values");
  const pull = (c: ArrayLike<unknown>): Float64Array =>
    Float64Array.from(rows, (i) => Number(c[i]));
  const y = pull(cols[0][1]);
  const X0 = opts.x.map((_, j) => pull(cols[j + 1][1]));
  const qr = qrLeastSquares(X0, y);
  const collinear = qr.dropped.map((j) => ({ term: opts.x[j], reason: "collinear" }));
  const terms = qr.kept.map((j) => opts.x[j]);
  const X = qr.kept.map((j) => X0[j]);
  const k = X.length;
  const clusterCol = opts.cluster ? cols[cols.length - 1][1] : undefined;
  const cluster = clusterCol ? clusterFactor(clusterCol, rows) : undefined;
  const vr = noInterceptVcov(
    X,
    qr,
    vcovType === "cluster" ? cluster : undefined,
    vcovType,
    ssc,
    opts,
  );
  const df = dist === "normal" ? Infinity : vr.df;
  const coefficients = coefficientRows(terms, qr.coef, vr.V, dist, df);
  const { rss, r2 } = uncentredFit(qr.resid, y);
  const { V, warnings, ...vcovInfo } = vr;
  const vcov: number[][] = [];
  for (let a = 0; a < k; a++) vcov.push(Array.from(V.subarray(a * k, a * k + k)));
  const adj = 1 - ((1 - r2) * n) / (n - k);
  const result: FeolsResult = {
    y: opts.y,
    coefficients,
    terms,
    vcov,
    vcovInfo,
    nobs: n,
    groups: {},
    nclusters: vcovType === "cluster" ? vr.G : cluster?.nLevels,
    dofFe: 0,
    dfResid: n - k,
    rss,
    r2,
    r2_within: r2,
    adj_r2: adj,
    adj_r2_within: adj,
    f_test: waldTest(qr.coef, V, terms, df),
    collinear,
    singletons: { count: 0, dropped: false },
    dropped,
    rowsIn: n0,
    fe: [],
    cluster: opts.cluster,
    demeanIterations: 0,
    warnings: [...warnings],
    design: noInterceptDesign(X, y, qr, cluster, rows, { dist, ssc, vcovType }),
  };
  // As the engine: the n-long design stays out of console.log and JSON.
  Object.defineProperty(result, "design", { enumerable: false });
  return result;
}

/** The design summary() needs: no fixed effects, nothing absorbed (d_FE = 0). */
function noInterceptDesign(
  X: Float64Array[],
  y: Float64Array,
  qr: { resid: Float64Array; xtxInv: Float64Array },
  cluster: Factor | undefined,
  rows: number[],
  inference: Pick<Design, "dist" | "ssc" | "vcovType">,
): Design {
  return {
    X,
    yw: y,
    resid: qr.resid,
    bread: qr.xtxInv,
    fes: [],
    cluster,
    rows: Int32Array.from(rows),
    dofFe: 0,
    firstFeLevels: 1,
    nestedDof: 0,
    dist: inference.dist,
    ssc: inference.ssc,
    vcovType: inference.vcovType,
  };
}

/** The columns of y, the x's (numeric) and the cluster (any labels), checked for equal length. */
function inputColumns(opts: FeolsOptions): [string, ArrayLike<unknown>, boolean][] {
  const cols: [string, ArrayLike<unknown>, boolean][] = [
    [opts.y, getColumn(opts.data, opts.y), true],
    ...opts.x.map((x): [string, ArrayLike<unknown>, boolean] => [x, getColumn(opts.data, x), true]),
  ];
  if (opts.cluster) cols.push([opts.cluster, getColumn(opts.data, opts.cluster), false]);
  const n0 = cols[0][1].length;
  for (const [name, c] of cols)
    if (c.length !== n0)
      throw new Error(`column "${name}" has ${c.length} rows, "${opts.y}" has ${n0}`);
  return cols;
}

/** The rows with no missing value, and the dropped rows counted by their first missing column. */
function usableRows(
  opts: FeolsOptions,
  cols: [string, ArrayLike<unknown>, boolean][],
): { dropped: Record<string, number>; rows: number[] } {
  const n0 = cols[0][1].length;
  const dropped: Record<string, number> = {};
  const rows: number[] = [];
  for (let i = 0; i < n0; i++) {
    let bad: string | undefined;
    for (const [name, c, numeric] of cols) {
      const v = c[i];
      if (isMissing(v)) {
        bad = name;
        break;
      }
      if (numeric && (typeof v !== "number" || !Number.isFinite(v)))
        throw new Error(
          `column "${name}", row ${i + 1}: not a finite number: ${JSON.stringify(v)}`,
        );
    }
    if (bad) dropped[`missing ${bad}`] = (dropped[`missing ${bad}`] ?? 0) + 1;
    else rows.push(i);
  }
  return { dropped, rows };
}

/** The cluster factor over the kept rows (numbers stay numbers, anything else becomes text). */
function clusterFactor(clusterCol: ArrayLike<unknown>, rows: number[]): Factor {
  return encodeFactor(
    rows.map((i) => {
      const v = clusterCol[i];
      return typeof v === "number" ? v : String(v);
    }),
  );
}

/** The vcov of the slopes by computeVcov with no absorbed parameters (d_FE = 0, K = k). */
function noInterceptVcov(
  X: Float64Array[],
  qr: { resid: Float64Array; xtxInv: Float64Array },
  cluster: Factor | undefined,
  vcovType: VcovType,
  ssc: SscName,
  opts: FeolsOptions,
): VcovResult {
  // No constant to count: firstFeLevels 1 with dofFe 0 makes the stata preset's
  // K = k + dofFe − firstFeLevels + 1 equal k, as Stata's `regress ..., nocons vce(cluster)`.
  return computeVcov(
    {
      X,
      resid: qr.resid,
      bread: qr.xtxInv,
      dofFe: 0,
      firstFeLevels: 1,
      nestedDof: 0,
      cluster,
    },
    vcovType,
    ssc,
    opts.cluster,
  );
}

/** The coefficient table: estimate, SE √V_aa, t = b / SE and its p-value (t with df, or normal). */
function coefficientRows(
  terms: string[],
  coef: Float64Array,
  V: Float64Array,
  dist: "t" | "normal",
  df: number,
): CoefRow[] {
  const k = terms.length;
  return terms.map((term, a) => {
    const se = Math.sqrt(V[a * k + a]);
    const t = coef[a] / se;
    return {
      term,
      estimate: coef[a],
      std_error: se,
      statistic: t,
      p_value: dist === "normal" ? pNormal(t) : pT(t, df),
    };
  });
}

/** eᵀe and the uncentred R² = 1 − eᵀe / Σ y² that lm reports without intercept. */
function uncentredFit(resid: Float64Array, y: Float64Array): { rss: number; r2: number } {
  let rss = 0,
    yy = 0;
  for (let i = 0; i < y.length; i++) {
    rss += resid[i] ** 2;
    yy += y[i] ** 2;
  }
  return { rss, r2: 1 - rss / yy };
}
