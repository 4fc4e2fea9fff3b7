/**
 * Variance inflation factors of the within-transformed regressors:
 *
 *   VIF_j = 1 / (1 − R²_j),   R²_j = 1 − RSS_j / x̃_jᵀx̃_j
 *
 * where RSS_j is from regressing x̃_j on the other x̃ (no intercept: the FE
 * already absorb it, so x̃ has mean zero and R²_j is the usual one). This is the
 * diagonal of the inverse correlation matrix of X̃ (Belsley, Kuh & Welsch 1980).
 * The paper reports VIF < 5.
 */
import type { FeolsResult } from "./feols";

export function vif(fit: Pick<FeolsResult, "terms" | "design">): Record<string, number> {
  const X = fit.design.X;
  const k = X.length;
  const n = k ? X[0].length : 0;
  // Cross-product matrix and its inverse: VIF_j = (XᵀX)_jj · ((XᵀX)⁻¹)_jj
  const { bread } = fit.design;
  const out: Record<string, number> = {};
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[j][i] * X[j][i];
    out[fit.terms[j]] = k === 1 ? 1 : s * bread[j * k + j];
  }
  return out;
}
