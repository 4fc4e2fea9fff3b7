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
 * ml-matrix.
 */
import { Matrix, inverse } from "ml-matrix";
import { pF } from "./distributions";

export interface WaldResult {
  /** Terms restricted (to zero unless `value` was given). */
  terms: string[];
  stat: number;
  df1: number;
  df2: number;
  p_value: number;
}

/**
 * Test H0: β_j = value_j for the chosen terms (default: all, value 0).
 * `V` is k × k row-major over `allTerms`.
 */
export function waldTest(b: ArrayLike<number>, V: ArrayLike<number>, allTerms: string[], df2: number, terms: string[] = allTerms, value: number[] = []): WaldResult {
  const k = allTerms.length;
  const idx = terms.map((t) => {
    const j = allTerms.indexOf(t);
    if (j < 0) throw new Error(`Wald test: no coefficient named "${t}" (have: ${allTerms.join(", ")})`);
    return j;
  });
  const q = idx.length;
  if (q === 0) return { terms, stat: NaN, df1: 0, df2, p_value: NaN };
  const sub = new Matrix(q, q);
  for (let a = 0; a < q; a++) for (let c = 0; c < q; c++) sub.set(a, c, V[idx[a] * k + idx[c]]);
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
export function waldFit(fit: { coefficients: { estimate: number }[]; terms: string[]; vcov: number[][]; vcovInfo: { df: number } }, terms: string[] = fit.terms, value: number[] = []): WaldResult {
  return waldTest(fit.coefficients.map((c) => c.estimate), fit.vcov.flat(), fit.terms, fit.vcovInfo.df, terms, value);
}
