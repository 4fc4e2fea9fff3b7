/**
 * A linear combination of coefficients with its standard error, Stata's
 * `lincom` (fixest/R: `car::deltaMethod` or `multcomp::glht` on the model):
 *
 *   θ = aᵀb,   se(θ) = sqrt(aᵀ V a),   t = θ / se,   p = 2 P(T_df > |t|)
 *
 * with V the model's vcov (whatever summary() chose: clustered, HC1, iid) and
 * df the df of that vcov (G − 1 when clustered, as the model's own p-values;
 * Stata's lincom after xtreg/reghdfe with vce(cluster) uses the same).
 * Written here rather than taken from a library because it is three lines on
 * the fit's own vcov, and no npm package reads a FeolsResult.
 */
import { pNormal, pT } from "../estimate/distributions";
import type { FeolsResult } from "../estimate/feols";

export interface Lincom {
  estimate: number;
  std_error: number;
  statistic: number;
  p_value: number;
  df: number;
}

/** θ = Σ weights[t] · b_t over the named slopes (module doc); throws for a term the fit does not have. */
export function lincom(
  fit: Pick<FeolsResult, "terms" | "coefficients" | "vcov" | "vcovInfo" | "y">,
  weights: Readonly<Record<string, number>>,
): Lincom {
  const k = fit.terms.length;
  const a = new Array<number>(k).fill(0);
  for (const [t, w] of Object.entries(weights)) {
    const j = fit.terms.indexOf(t);
    if (j < 0)
      throw new Error(
        `lincom: the model of ${fit.y} has no slope "${t}" (have: ${fit.terms.join(", ")})`,
      );
    a[j] += w;
  }
  let est = 0,
    v = 0;
  for (let i = 0; i < k; i++) {
    est += a[i] * fit.coefficients[i].estimate;
    for (let j = 0; j < k; j++) v += a[i] * fit.vcov[i][j] * a[j];
  }
  const se = Math.sqrt(v);
  const t = est / se;
  const df = fit.vcovInfo.df;
  return {
    estimate: est,
    std_error: se,
    statistic: t,
    p_value: Number.isFinite(df) ? pT(t, df) : pNormal(t),
    df,
  };
}
