/**
 * Printing a p-value that comes from B resampling draws (wild bootstrap,
 * permutation). With B draws no p-value below 1/(B + 1) can be told apart
 * from it (the smallest attainable value of (1 + #{|t*| ≥ |t|}) / (B + 1),
 * the convention of Davison & Hinkley 1997, §4.2; a bootstrap that reports
 * the plain share #{|t*| ≥ |t|} / B can return 0). So any p at or below that
 * limit prints as "< 1/(B + 1)", e.g. "< 0.001" for B = 999, never "0".
 */
export function formatResampledP(p: number, B: number, digits = 3): string {
  if (!(B >= 1) || !Number.isInteger(B))
    throw new Error(`formatResampledP: B must be a positive integer (got ${B})`);
  if (!(p >= 0 && p <= 1)) throw new Error(`formatResampledP: p must lie in [0, 1] (got ${p})`);
  const limit = 1 / (B + 1);
  const show = (x: number) => Number(x.toPrecision(digits)).toString();
  return p <= limit * (1 + 1e-9) ? `< ${show(limit)}` : p.toFixed(digits);
}
