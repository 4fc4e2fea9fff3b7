/**
 * Wald test of joint linear restrictions R β = r with a given vcov, reported
 * as an F statistic:
 *
 *   W = (Rb − r)ᵀ (R V Rᵀ)⁻¹ (Rb − r) / q   ~  F(q, df2)
 *
 * With a cluster-robust V the denominator degrees of freedom are G − 1
 * (Cameron & Miller 2015, sec. VII); otherwise n − k − d_FE. This is the test
 * car::linearHypothesis(..., vcov = V, test = "F") computes, except that car
 * always uses the residual degrees of freedom for df2. The q × q inverse uses
 * ml-matrix. A singular R V Rᵀ (as a correlation matrix, smallest eigenvalue
 * below 1e-12 of the largest; e.g. fewer clusters than restrictions) gives
 * `singular: true` with NaN statistic and p-value.
 */
import { EigenvalueDecomposition, Matrix, inverse } from "ml-matrix";
import { pF } from "./distributions";

export interface WaldResult {
  /** Terms restricted (to zero unless `value` was given). */
  terms: string[];
  stat: number;
  df1: number;
  df2: number;
  p_value: number;
  /** True when R V Rᵀ is singular (stat and p are then NaN), e.g. with fewer clusters than restrictions. */
  singular?: boolean;
}

/**
 * Test H0: β_j = value_j for the chosen terms (default: all, value 0).
 * `V` is k × k row-major over `allTerms`.
 */
export function waldTest(
  b: ArrayLike<number>,
  V: ArrayLike<number>,
  allTerms: string[],
  df2: number,
  terms: string[] = allTerms,
  value: number[] = [],
): WaldResult {
  const k = allTerms.length;
  const idx = terms.map((t) => {
    const j = allTerms.indexOf(t);
    if (j < 0)
      throw new Error(`Wald test: no coefficient named "${t}" (have: ${allTerms.join(", ")})`);
    return j;
  });
  const q = idx.length;
  if (q === 0) return { terms, stat: NaN, df1: 0, df2, p_value: NaN };
  const sub = new Matrix(q, q);
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) sub.set(a, c, V[idx[a] * k + idx[c]]);
  // Singular R V Rᵀ (rank below q, e.g. G ≤ q clusters): no statistic, said so, instead of "LU matrix is singular".
  if (isSingular(sub)) return { terms, stat: NaN, df1: q, df2, p_value: NaN, singular: true };
  const inv = inverse(sub);
  const d = idx.map((j, a) => b[j] - (value[a] ?? 0));
  let w = 0;
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) w += d[a] * inv.get(a, c) * d[c];
  const stat = w / q;
  return { terms, stat, df1: q, df2, p_value: pF(stat, q, df2) };
}

/**
 * Wald/F test on a fitted model with its own vcov and degrees of freedom
 * (G − 1 when clustered): H0 β_t = value_t for the chosen terms (default all).
 */
export function waldFit(
  fit: {
    coefficients: { estimate: number }[];
    terms: string[];
    vcov: number[][];
    vcovInfo: { df: number };
  },
  terms: string[] = fit.terms,
  value: number[] = [],
): WaldResult {
  return waldTest(
    fit.coefficients.map((c) => c.estimate),
    fit.vcov.flat(),
    fit.terms,
    fit.vcovInfo.df,
    terms,
    value,
  );
}

/** Whether the covariance matrix S is singular: its correlation matrix has an eigenvalue ≤ 1e-12 × the largest. */
function isSingular(S: Matrix): boolean {
  const q = S.rows;
  const d = Array.from({ length: q }, (_, a) => Math.sqrt(S.get(a, a)));
  if (!d.every((v) => v > 0 && Number.isFinite(v))) return true;
  const C = new Matrix(q, q);
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) C.set(a, c, S.get(a, c) / (d[a] * d[c]));
  const ev = new EigenvalueDecomposition(C, { assumeSymmetric: true }).realEigenvalues;
  return Math.min(...ev) <= 1e-12 * Math.max(...ev);
}
