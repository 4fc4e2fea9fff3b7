/**
 * Variance–covariance of the slopes of a within (fixed-effects) regression,
 * with small-sample conventions named after the software they reproduce.
 *
 * With within-transformed regressors X̃ (n × k), residuals e and the bread
 * B = (X̃ᵀX̃)⁻¹, every robust vcov is c · B M B with the "meat" M (`meat()`):
 *
 *   iid      V = s² B,                 s² = eᵀe / (n − k − d_FE)
 *   hetero   M = Σ_i e_i² x̃_i x̃_iᵀ
 *   cluster  M = Σ_g u_g u_gᵀ,  u_g = Σ_{i∈g} x̃_i e_i           (`clusterScores()`)
 *   two-way  V = V_1 + V_2 − V_12 (Cameron, Gelbach & Miller 2011, JBES 29(2)),
 *            V_12 clustered by the intersection of the two dimensions
 *
 * d_FE = degrees of freedom absorbed by the FE (fixedEffects.feDof). The factor
 * c = a(n, K) · h(G), an observation adjustment a with K parameters and a
 * cluster adjustment h(G) = G/(G − 1) (or 1). t and F use G − 1 degrees of
 * freedom when clustered (G_min − 1 two-way), n − k − d_FE otherwise.
 * (k = slopes kept, L_q = levels of FE q, L_1 the first FE, the panel unit.)
 *
 *   preset   cluster: a, K                               hetero: a, K            reproduces
 *   plm      1                                           1                       plm vcovHC "HC0" (plm's default)
 *   plm-hc1  n/(n−K), K = k                              n/(n−k)                 plm vcovHC "HC1"
 *   plm-sss  (n−1)/(n−K)·G/(G−1), K = k                   n/(n−k)                 plm vcovHC "sss"
 *   stata    (n−1)/(n−K)·G/(G−1), K = k + d_FE − L_1 + 1  n/(n−k−d_FE)            Stata xtreg, fe
 *   fixest   (n−1)/(n−K)·G/(G−1), K = k + d_FE − N_FE     n/(n−k−d_FE)            fixest/pyfixest default ssc()
 *   full     (n−1)/(n−K)·G/(G−1), K = k + d_FE            n/(n−k−d_FE)            fixest ssc(fixef.K = "full")
 *
 * stata: `xtreg y x i.t, fe vce(cluster id)`. Stata absorbs the panel unit and
 *   counts in K the slopes, the dummies of any further FE and the constant that
 *   xtreg, fe reports: K = k + (d_FE − L_1) + 1. Sources: the fixest vignette
 *   "On standard-errors" reports Stata's vce(cluster id) SE 0.165385 for its
 *   example and shows that fixest's default equals it; linearmodels 7.1
 *   documents PanelOLS(debiased=True, group_debias=True) with the constant among
 *   the regressors as Stata's xtreg, fe vce(cluster) (Stata's own manual was
 *   not retrievable here). iid: s² = eᵀe/(n − k − d_FE) as xtreg; hetero: `regress` with all
 *   dummies, vce(robust), n/(n−K) (xtreg's own vce(robust) is vce(cluster id)).
 * fixest: N_FE = Σ over FE nested in (any of) the clusters of (L_q − 1): a
 *   nested FE counts as one parameter (fixest fixef.K = "nested", pyfixest
 *   k_fixef = "nonnested": k + Σ L_q − (Q−1) − Σ_nested L_q + #nested). Hetero:
 *   fixest multiplies (n−1)/(n−K) by n/(n−1), i.e. n/(n−K) (vcov_hetero_internal;
 *   pyfixest get_ssc). Two-way (cluster.df = "min"): every term uses
 *   G_min/(G_min − 1); t.df = "min": G_min − 1. When V_1 + V_2 − V_12 has a
 *   negative variance, its eigenvalues are raised to at least 1e-10 (fixest's
 *   vcov_fix / mat_posdef_fix, after CGM 2011 sec. 2.3) and a warning is
 *   returned; pyfixest 0.60 applies no such repair, so that case is unchecked.
 *
 * Checked against: plm 2.6 (plm presets), linearmodels 7.1 PanelOLS (stata),
 * pyfixest 0.60 (fixest, full, iid, hetero, two-way) in test/estimate/oracle.test.ts.
 * References: Arellano (1987); Cameron & Miller (2015), J. Human Resources 50(2);
 * Croissant & Millo (2008), J. Stat. Software 27(2) (plm); Bergé (2018) (fixest).
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { encodeFactor, type Factor } from "./fixedEffects";

export type VcovType = "iid" | "hc1" | "cluster";
export const VCOV_TYPES: readonly VcovType[] = ["iid", "hc1", "cluster"];
export type SscName = "plm" | "plm-hc1" | "plm-sss" | "stata" | "fixest" | "full";
export const SSC_NAMES: readonly SscName[] = [
  "plm",
  "plm-hc1",
  "plm-sss",
  "stata",
  "fixest",
  "full",
];
/** Presets defined for two-way clustering (fixest's multiway conventions). */
export const SSC_TWOWAY: readonly SscName[] = ["fixest", "full"];

export interface VcovInput {
  /** Within-transformed regressors (kept columns only). */
  X: Float64Array[];
  resid: Float64Array;
  /** (X̃ᵀX̃)⁻¹, k × k row-major. */
  bread: Float64Array;
  /** Degrees of freedom absorbed by the fixed effects (d_FE). */
  dofFe: number;
  /** Levels of the first FE (L_1), for the Stata convention. */
  firstFeLevels: number;
  /** Σ (L_q − 1) over FE nested in the clusters (fixest convention). */
  nestedDof: number;
  cluster?: Factor;
  /** Second clustering dimension (two-way clustering). */
  cluster2?: Factor;
  /**
   * ỹᵀỹ, the within sum of squares of the outcome (same units as X and e):
   * the reference of the degenerate-variance rule ({@link degenerateVariances}).
   * Without it the rule is not applied.
   */
  yss?: number;
  /** Names of the slopes, for the warning (default "slope 1", …). */
  terms?: readonly string[];
}

/**
 * Relative size below which a standard error is zero up to rounding: an SE
 * below 1e-10 × the iid SE the slope would have with no fit at all
 * (√(ỹᵀỹ / df · B_jj), R²_within = 0). Exact zeros arise with two clusters
 * whose scores cancel (two units with unit and year effects clustered by
 * unit) and with an exact fit (e = 0 up to rounding): there is no sampling
 * variance to report, and the rounding residue (~1e-16) would otherwise print
 * as "(0.000)" with three stars.
 */
export const DEGENERATE_SE = 1e-10;

/**
 * The degenerate-variance rule, one for every vcov (iid, hetero, cluster,
 * two-way; at fit time in feols and again in summary): slopes whose variance
 * is not finite or is zero up to rounding ({@link DEGENERATE_SE}) get no
 * variance (their row and column of V become NaN, so no SE, statistic,
 * p-value or star) and a warning, as with zero residual degrees of freedom.
 * Returns the indices of those slopes; V is changed in place.
 */
export function degenerateVariances(
  V: Float64Array,
  bread: ArrayLike<number>,
  k: number,
  yss: number,
  df: number,
): number[] {
  const bad: number[] = [];
  for (let a = 0; a < k; a++) {
    const ref = (yss / Math.max(1, df)) * bread[a * k + a];
    const v = V[a * k + a];
    if (!Number.isFinite(v) || !(v > DEGENERATE_SE * DEGENERATE_SE * ref)) bad.push(a);
  }
  for (const a of bad) for (let c = 0; c < k; c++) V[a * k + c] = V[c * k + a] = NaN;
  return bad;
}

/** The warning for the slopes {@link degenerateVariances} found. */
function degenerateWarning(
  bad: readonly number[],
  terms: readonly string[] | undefined,
  label: string,
): string {
  const names = bad.map((a) => terms?.[a] ?? `slope ${a + 1}`);
  return `the ${label} variance of ${names.join(", ")} is zero up to rounding (an exact fit, or cluster scores that cancel, e.g. two clusters with their own fixed effects): no standard error, statistic or p-value is reported for ${names.length === 1 ? "it" : "them"}, as with zero residual degrees of freedom`;
}

export interface VcovResult {
  /** k × k row-major. NaN throughout when the residual degrees of freedom are ≤ 0. */
  V: Float64Array;
  type: VcovType;
  ssc: SscName;
  /** The multiplicative factor c applied to the sandwich (1 for iid). */
  factor: number;
  /** Parameter count K used in the factor (or in s² for iid). */
  K: number;
  /** Degrees of freedom for t and F reference distributions. */
  df: number;
  /** Number of clusters (cluster type only; two-way: the smaller, G_min). */
  G?: number;
  /** Two-way clustering: clusters of each dimension and of their intersection. */
  Gs?: [number, number, number];
  /** Human-readable label, e.g. "clustered by country (G = 26), Stata small-sample factor". */
  label: string;
  /** Problems found while computing it (empty when none). */
  warnings: string[];
}

/** What the small-sample factor depends on (see module comment). */
export interface SscInput {
  type: VcovType;
  ssc: SscName;
  /** Observations. */
  n: number;
  /** Slopes kept. */
  k: number;
  /** Degrees of freedom absorbed by the FE (d_FE). */
  dofFe: number;
  /** Levels of the first FE (L_1). */
  firstFeLevels: number;
  /** Σ (L_q − 1) over FE nested in the clusters. */
  nestedDof: number;
  /** Clusters (G_min for two-way); ignored unless type is "cluster". */
  G?: number;
}

/** The small-sample factor c and the parameter count K of a preset (see module comment). */
export function sscFactor(s: SscInput): { factor: number; K: number } {
  const { type, ssc, n, k, dofFe, firstFeLevels, nestedDof } = s;
  const G = s.G ?? 0;
  const Kfull = k + dofFe;
  if (type === "iid") return { factor: 1, K: Kfull };
  const h = G / (G - 1);
  if (type === "hc1") {
    switch (ssc) {
      case "plm":
        return { factor: 1, K: k };
      case "plm-hc1":
      case "plm-sss":
        return { factor: n / (n - k), K: k };
      case "stata":
      case "fixest":
      case "full":
        return { factor: n / (n - Kfull), K: Kfull };
    }
  }
  switch (ssc) {
    case "plm":
      return { factor: 1, K: k };
    case "plm-hc1":
      return { factor: n / (n - k), K: k };
    case "plm-sss":
      return { factor: (h * (n - 1)) / (n - k), K: k };
    case "stata": {
      // slopes + dummies of the FE after the first + the constant xtreg, fe reports
      const K = k + dofFe - firstFeLevels + 1;
      return { factor: (h * (n - 1)) / (n - K), K };
    }
    case "fixest": {
      const K = k + dofFe - nestedDof;
      return { factor: (h * (n - 1)) / (n - K), K };
    }
    case "full":
      return { factor: (h * (n - 1)) / (n - Kfull), K: Kfull };
  }
  throw new Error(`unknown small-sample convention "${String(ssc)}"`);
}

const SSC_LABEL: Record<SscName, string> = {
  plm: "no small-sample factor (plm vcovHC HC0)",
  "plm-hc1": "plm vcovHC HC1 factor",
  "plm-sss": "plm vcovHC sss factor",
  stata: "Stata small-sample factor",
  fixest: "fixest default small-sample factor",
  full: "small-sample factor counting all FE",
};

/**
 * Cluster scores u_g = Σ_{i∈g} x_i e_i for every column of X: a G × k
 * row-major array (row g = u_gᵀ). One pass over the rows for all columns
 * (each sum still runs over its rows in order).
 */
export function clusterScores(X: Float64Array[], e: Float64Array, cluster: Factor): Float64Array {
  const k = X.length,
    n = e.length,
    G = cluster.nLevels,
    codes = cluster.codes;
  const U = new Float64Array(G * k);
  for (let i = 0; i < n; i++) {
    const o = codes[i] * k,
      ei = e[i];
    for (let a = 0; a < k; a++) U[o + a] += X[a][i] * ei;
  }
  return U;
}

/**
 * The sandwich "meat" M (k × k row-major) of the columns X with residuals e:
 * Σ_i e_i² x_i x_iᵀ without a cluster (heteroskedasticity-robust), Σ_g u_g u_gᵀ
 * with one (cluster-robust). Used by computeVcov, by the Stata constant of
 * feols and by the wild bootstrap (through clusterScores).
 */
export function meat(X: Float64Array[], e: Float64Array, cluster?: Factor): Float64Array {
  const k = X.length,
    n = e.length;
  const M = new Float64Array(k * k);
  if (!cluster) {
    for (let a = 0; a < k; a++) {
      const xa = X[a];
      for (let b = a; b < k; b++) {
        const xb = X[b];
        let s = 0;
        for (let i = 0; i < n; i++) {
          const ei = e[i];
          s += ei * ei * xa[i] * xb[i];
        }
        M[a * k + b] = s;
        M[b * k + a] = s;
      }
    }
    return M;
  }
  const U = clusterScores(X, e, cluster);
  for (let g = 0; g < cluster.nLevels; g++) {
    const o = g * k;
    for (let a = 0; a < k; a++) {
      const ua = U[o + a];
      if (ua === 0) continue;
      for (let b = 0; b < k; b++) M[a * k + b] += ua * U[o + b];
    }
  }
  return M;
}

/** The factor whose levels are the observed (a, b) pairs. */
export function intersectFactors(a: Factor, b: Factor): Factor {
  const codes = new Array<number>(a.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = a.codes[i] * b.nLevels + b.codes[i];
  return encodeFactor(codes);
}

/**
 * Compute the vcov of the slopes. One-way clustering uses `inp.cluster`;
 * two-way clustering also `inp.cluster2` (presets "fixest" and "full" only).
 * `clusterName` labels the result ("country", or "country + year").
 */
export function computeVcov(
  inp: VcovInput,
  type: VcovType,
  ssc: SscName,
  clusterName = "cluster",
): VcovResult {
  const { X, resid, dofFe } = inp;
  const k = X.length;
  const n = resid.length;
  const V = new Float64Array(k * k);
  const warnings: string[] = [];
  const dfResid = n - k - dofFe;
  if (type === "iid") return iidVcov(inp, ssc, V, warnings);
  const { M, G, Gs } = robustMeat(inp, type, ssc);
  const { factor, K } = sscFactor({
    type,
    ssc,
    n,
    k,
    dofFe,
    firstFeLevels: inp.firstFeLevels,
    nestedDof: inp.nestedDof,
    G,
  });
  if (dfResid <= 0) V.fill(NaN);
  else robustSandwich(inp, type, M, factor, Gs, V, warnings);
  const df = type === "cluster" ? G - 1 : dfResid;
  const label =
    type === "cluster"
      ? Gs
        ? `clustered by ${clusterName} (G = ${Gs[0]}, ${Gs[1]}; two-way), ${SSC_LABEL[ssc]}`
        : `clustered by ${clusterName} (G = ${G}), ${SSC_LABEL[ssc]}`
      : `heteroskedasticity-robust, ${SSC_LABEL[ssc]}`;
  return {
    V,
    type,
    ssc,
    factor,
    K,
    df,
    G: type === "cluster" ? G : undefined,
    Gs,
    label,
    warnings,
  };
}

/** The iid vcov s² B, s² = eᵀe / (n − k − d_FE), written into V (NaN without residual df). */
function iidVcov(inp: VcovInput, ssc: SscName, V: Float64Array, warnings: string[]): VcovResult {
  const { X, resid, bread, dofFe } = inp;
  const k = X.length;
  const n = resid.length;
  const dfResid = n - k - dofFe;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
  const K = k + dofFe;
  const s2 = dfResid > 0 ? rss / (n - K) : NaN;
  for (let j = 0; j < k * k; j++) V[j] = s2 * bread[j];
  if (dfResid > 0 && inp.yss !== undefined) {
    const bad = degenerateVariances(V, bread, k, inp.yss, dfResid);
    if (bad.length) warnings.push(degenerateWarning(bad, inp.terms, "iid"));
  }
  return { V, type: "iid", ssc, factor: 1, K, df: n - K, label: "iid", warnings };
}

/**
 * The meat M of a robust vcov and the cluster counts: Σ e_i² x_i x_iᵀ (hc1),
 * Σ_g u_g u_gᵀ (one-way), or M1 + M2 − M12 (two-way), with G (G_min) and Gs.
 */
function robustMeat(
  inp: VcovInput,
  type: VcovType,
  ssc: SscName,
): { M: Float64Array; G: number; Gs?: [number, number, number] } {
  const { X, resid } = inp;
  if (type === "hc1") return { M: meat(X, resid), G: 0 };
  const cl = inp.cluster;
  if (!cl) throw new Error("cluster-robust vcov needs a cluster variable");
  if (cl.nLevels < 2)
    throw new Error(`cluster-robust vcov needs at least 2 clusters (found ${cl.nLevels})`);
  if (!inp.cluster2) return { M: meat(X, resid, cl), G: cl.nLevels };
  if (!SSC_TWOWAY.includes(ssc))
    throw new Error(
      `two-way clustering is defined for ssc ${SSC_TWOWAY.map((s) => `"${s}"`).join(" or ")} (fixest's conventions), not "${ssc}" (Stata's xtreg and plm's vcovHC cluster one way)`,
    );
  const c2 = inp.cluster2;
  if (c2.nLevels < 2)
    throw new Error(
      `cluster-robust vcov needs at least 2 clusters in each dimension (found ${c2.nLevels})`,
    );
  const c12 = intersectFactors(cl, c2);
  const Gs: [number, number, number] = [cl.nLevels, c2.nLevels, c12.nLevels];
  const G = Math.min(cl.nLevels, c2.nLevels);
  const m2 = meat(X, resid, c2),
    m12 = meat(X, resid, c12);
  const M = meat(X, resid, cl).map((v, j) => v + m2[j] - m12[j]);
  return { M, G, Gs };
}

/**
 * V = c · B M B written into V, a two-way vcov with a negative variance
 * repaired (psdFix), and the warnings on repaired or degenerate variances.
 */
function robustSandwich(
  inp: VcovInput,
  type: VcovType,
  M: Float64Array,
  factor: number,
  Gs: [number, number, number] | undefined,
  V: Float64Array,
  warnings: string[],
): void {
  const { bread } = inp;
  const k = inp.X.length;
  const dfResid = inp.resid.length - k - inp.dofFe;
  sandwich(bread, M, k, factor, V);
  let negative = false;
  for (let a = 0; a < k; a++) if (V[a * k + a] < 0) negative = true;
  if (Gs && negative) {
    psdFix(V, k);
    warnings.push(
      "the two-way clustered vcov V1 + V2 − V12 had a negative variance: it was repaired by raising its eigenvalues to at least 1e-10 (Cameron, Gelbach & Miller 2011; fixest's vcov_fix)",
    );
  }
  if (inp.yss !== undefined) {
    const bad = degenerateVariances(V, bread, k, inp.yss, dfResid);
    if (bad.length)
      warnings.push(
        degenerateWarning(
          bad,
          inp.terms,
          type === "cluster" ? "cluster-robust" : "heteroskedasticity-robust",
        ),
      );
  }
}

/**
 * V ← Q max(Λ, 1e-10) Qᵀ, in place: fixest's mat_posdef_fix (R/miscfuns.R,
 * fixest 0.12), applied as fixest does only when a variance is negative.
 */
function psdFix(V: Float64Array, k: number): void {
  const e = new EigenvalueDecomposition(
    new Matrix(Array.from({ length: k }, (_, i) => Array.from(V.subarray(i * k, i * k + k)))),
    { assumeSymmetric: true },
  );
  const Q = e.eigenvectorMatrix;
  const lam = e.realEigenvalues.map((v) => Math.max(v, 1e-10));
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += Q.get(i, l) * lam[l] * Q.get(j, l);
      V[i * k + j] = s;
    }
}

/** out = c · B M B (all k × k row-major). */
export function sandwich(
  B: Float64Array,
  M: Float64Array,
  k: number,
  c: number,
  out: Float64Array = new Float64Array(k * k),
): Float64Array {
  const T = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += B[i * k + l] * M[l * k + j];
      T[i * k + j] = s;
    }
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += T[i * k + l] * B[l * k + j];
      out[i * k + j] = c * s;
    }
  return out;
}
