/**
 * Confidence intervals by the method the SYNTHETIC size study of notebook 07
 * supports on this design: the restricted wild cluster bootstrap (Webb
 * weights), inverted. The interval for β_j is the set of values b0 that the
 * bootstrap test of H0: β_j = b0 does not reject at level alpha,
 *
 *   CI = { b0 : p*(b0) > alpha },
 *
 * found by bisection on each side of the estimate (lib/estimate/wildBootstrap.ts;
 * test inversion as in Roodman, Nielsen, MacKinnon & Webb 2019). Unlike
 * b ± q·se, the two ends need not be symmetric about the estimate.
 *
 * The result is coefplot's `CoefIntervals` (lib/viz/coefplot.ts), so a
 * coefficient plot draws the bootstrap intervals as it draws t intervals.
 * Seeded: the same seed gives the same draws, and so the same ends.
 */
import type { FeolsResult } from "../estimate/feols";
import { wildClusterBootstrap } from "../estimate/wildBootstrap";
import { intervals, type CoefIntervals } from "../viz/coefplot";

export interface BootstrapIntervalOptions {
  /** Bootstrap draws per test (default 999). */
  B?: number;
  /** Seed prefix; each term's draws use `${seed}|${term}` (default "intervals"). */
  seed?: string;
  /** Confidence level (default 0.95). */
  level?: number;
}

/**
 * Wild cluster bootstrap intervals of `terms` in one fitted model (the terms
 * the model does not have are skipped). `name` is the model's legend entry.
 * Throws when an interval cannot be found (a bootstrap that never rejects).
 */
export function bootstrapIntervals(
  fit: FeolsResult,
  terms: readonly string[],
  name: string,
  o: BootstrapIntervalOptions = {},
): CoefIntervals {
  const B = o.B ?? 999;
  const level = o.level ?? 0.95;
  const rows = terms
    .filter((term) => fit.terms.includes(term))
    .map((term) => {
      const seed = `${o.seed ?? "intervals"}|${term}`;
      const b = wildClusterBootstrap(fit, { term, B, weights: "webb", seed, level });
      if (!b.ci) throw new Error(`bootstrapIntervals: ${name} ${term}: no interval found`);
      return { term, estimate: b.estimate, lo: b.ci[0], hi: b.ci[1] };
    });
  const pct = Math.round(level * 100);
  return intervals(name, `${pct}% wild cluster bootstrap interval, ${B} Webb draws`, rows);
}
