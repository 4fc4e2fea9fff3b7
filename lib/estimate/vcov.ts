/**
 * Variance–covariance of the slopes of a within (fixed-effects) regression,
 * with small-sample conventions named after the software they reproduce.
 *
 * With within-transformed regressors X̃ (n × k), residuals e and B = (X̃ᵀX̃)⁻¹:
 *
 *   iid      V = s² B,                 s² = eᵀe / (n − k − d_FE)
 *   hetero   V = c · B (Σ_i e_i² x̃_i x̃_iᵀ) B
 *   cluster  V = c · B (Σ_g u_g u_gᵀ) B,  u_g = Σ_{i∈g} x̃_i e_i
 *
 * d_FE = degrees of freedom absorbed by the FE (fixedEffects.feDof). The factor
 * c = a(n, K) · h(G) combines an observation adjustment a and a cluster
 * adjustment h(G) = G/(G − 1) (or 1), with K the parameter count:
 *
 *   preset     cluster: a, K, h                      hetero: a, K
 *   plm        1, –, 1                               1          plm vcovHC type "HC0" (plm's default)
 *   plm-hc1    n/(n−k), k, 1                         n/(n−k)    plm vcovHC type "HC1"
 *   plm-sss    (n−1)/(n−k), k, G/(G−1)               n/(n−k)    plm vcovHC type "sss"
 *   stata      (n−1)/(n−K), K = k + d_FE − L_1, G/(G−1)   n/(n−k−d_FE)
 *                 xtreg y x i.t2 …, fe vce(cluster): the first FE is absorbed and not
 *                 counted, any further FE enter as dummy regressors and are counted
 *                 (one-way: identical to plm-sss); hetero = regress with all dummies, vce(robust)
 *   fixest     (n−1)/(n−K), K = k + d_FE − Σ_{q nested in clusters}(L_q − 1), G/(G−1)
 *                                                    (n−1)/(n−k−d_FE)   fixest ssc() defaults
 *   full       (n−1)/(n−K), K = k + d_FE, G/(G−1)    (n−1)/(n−k−d_FE)   all dummies counted
 *
 * (k = slopes kept, L_q = levels of FE q; a nested FE counts as one parameter,
 * the intercept it absorbs.) Inference uses t with G − 1 degrees of freedom
 * when clustering and n − k − d_FE otherwise (or the normal, on request).
 * References: Arellano (1987); Cameron & Miller (2015), J. Human Resources 50(2);
 * Croissant & Millo (2008), J. Stat. Software 27(2) (plm); Bergé (2018) (fixest).
 */
import type { Factor } from "./fixedEffects";

export type VcovType = "iid" | "hc1" | "cluster";
export type SscName = "plm" | "plm-hc1" | "plm-sss" | "stata" | "fixest" | "full";
export const SSC_NAMES: readonly SscName[] = ["plm", "plm-hc1", "plm-sss", "stata", "fixest", "full"];

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
}

export interface VcovResult {
  /** k × k row-major. */
  V: Float64Array;
  type: VcovType;
  ssc: SscName;
  /** The multiplicative factor c applied to the sandwich (1 for iid). */
  factor: number;
  /** Parameter count K used in the factor (or in s² for iid). */
  K: number;
  /** Degrees of freedom for t and F reference distributions. */
  df: number;
  /** Number of clusters (cluster type only). */
  G?: number;
  /** Human-readable label, e.g. "clustered by country (G = 26), Stata xtreg small-sample factor". */
  label: string;
}

/** The small-sample factor and K for a preset (see module comment). */
export function sscFactor(type: VcovType, ssc: SscName, n: number, k: number, dofFe: number, firstFeLevels: number, nestedDof: number, G = 0): { factor: number; K: number } {
  const Kfull = k + dofFe;
  if (type === "iid") return { factor: 1, K: Kfull };
  const h = G / (G - 1);
  if (type === "hc1") {
    switch (ssc) {
      case "plm": return { factor: 1, K: k };
      case "plm-hc1":
      case "plm-sss": return { factor: n / (n - k), K: k };
      case "stata": return { factor: n / (n - Kfull), K: Kfull };
      case "fixest":
      case "full": return { factor: (n - 1) / (n - Kfull), K: Kfull };
    }
  }
  switch (ssc) {
    case "plm": return { factor: 1, K: k };
    case "plm-hc1": return { factor: n / (n - k), K: k };
    case "plm-sss": return { factor: h * (n - 1) / (n - k), K: k };
    case "stata": {
      const K = k + dofFe - firstFeLevels;
      return { factor: h * (n - 1) / (n - K), K };
    }
    case "fixest": {
      const K = k + dofFe - nestedDof;
      return { factor: h * (n - 1) / (n - K), K };
    }
    case "full": return { factor: h * (n - 1) / (n - Kfull), K: Kfull };
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

/** Compute the vcov of the slopes. */
export function computeVcov(inp: VcovInput, type: VcovType, ssc: SscName, clusterName = "cluster"): VcovResult {
  const { X, resid, bread, dofFe } = inp;
  const k = X.length;
  const n = resid.length;
  const V = new Float64Array(k * k);
  if (type === "iid") {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += resid[i] * resid[i];
    const K = k + dofFe;
    const s2 = rss / (n - K);
    for (let j = 0; j < k * k; j++) V[j] = s2 * bread[j];
    return { V, type, ssc, factor: 1, K, df: n - K, label: "iid" };
  }
  const meat = new Float64Array(k * k);
  let G = 0;
  if (type === "hc1") {
    for (let a = 0; a < k; a++) {
      const xa = X[a];
      for (let b = a; b < k; b++) {
        const xb = X[b];
        let s = 0;
        for (let i = 0; i < n; i++) {
          const e = resid[i];
          s += e * e * xa[i] * xb[i];
        }
        meat[a * k + b] = s;
        meat[b * k + a] = s;
      }
    }
  } else {
    const cl = inp.cluster;
    if (!cl) throw new Error("cluster-robust vcov needs a cluster variable");
    G = cl.nLevels;
    if (G < 2) throw new Error(`cluster-robust vcov needs at least 2 clusters (found ${G})`);
    const U = new Float64Array(G * k); // u_g, row g
    const codes = cl.codes;
    for (let a = 0; a < k; a++) {
      const xa = X[a];
      for (let i = 0; i < n; i++) U[codes[i] * k + a] += xa[i] * resid[i];
    }
    for (let g = 0; g < G; g++) {
      const o = g * k;
      for (let a = 0; a < k; a++) {
        const ua = U[o + a];
        if (ua === 0) continue;
        for (let b = 0; b < k; b++) meat[a * k + b] += ua * U[o + b];
      }
    }
  }
  const { factor, K } = sscFactor(type, ssc, n, k, dofFe, inp.firstFeLevels, inp.nestedDof, G);
  sandwich(bread, meat, k, factor, V);
  const df = type === "cluster" ? G - 1 : n - k - dofFe;
  const label = type === "cluster" ? `clustered by ${clusterName} (G = ${G}), ${SSC_LABEL[ssc]}` : `heteroskedasticity-robust, ${SSC_LABEL[ssc]}`;
  return { V, type, ssc, factor, K, df, G: type === "cluster" ? G : undefined, label };
}

/** out = c · B M B (all k × k row-major). */
export function sandwich(B: Float64Array, M: Float64Array, k: number, c: number, out: Float64Array = new Float64Array(k * k)): Float64Array {
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
