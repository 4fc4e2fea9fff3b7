/**
 * A Monte Carlo on a SYNTHETIC outcome, for notebook 09: what does two-way
 * fixed effects recover with 26 countries × 4 years when the regressors are
 * the real, slowly moving ones?
 *
 * Each replication r draws (seeded, seedrandom)
 *
 *   y*_it = Σ_j β_j x_j,it + α_i + γ_t + σ · e_it,   α_i ~ N(0, 1), γ_t ~ N(0, 1), e_it ~ N(0, 1)
 *
 * on the real estimation sample (x = the prepared, lagged regressors; nothing
 * of the real outcome is used), fits the same feols model, and records b_j and
 * whether the (1 − alpha) interval b_j ± t · se_j covers β_j. Summaries per
 * regressor: mean bias, sd of b_j across replications (the true sampling sd),
 * mean reported se, and coverage. The outcome is synthetic by construction and
 * must be labelled so wherever it is shown.
 */
import seedrandom from "seedrandom";
import { feols } from "../estimate/feols";
import type { SscName, VcovType } from "../estimate/vcov";
import { qT } from "../estimate/distributions";
import { CLUSTER, DEFAULT_SSC, DEFAULT_VCOV, FE } from "../study";

export interface MonteCarloOptions {
  /** Estimation-sample columns: iso3, year and the regressors. */
  data: { iso3: ArrayLike<string>; year: ArrayLike<number> } & Record<string, ArrayLike<unknown>>;
  /** Regressors in the model. */
  x: string[];
  /** True coefficients (regressors not listed have β = 0). */
  beta: Record<string, number>;
  /** Noise sd σ (in outcome units). */
  sigma: number;
  /** Replications (default 500). */
  R?: number;
  seed?: string;
  vcov?: VcovType;
  ssc?: SscName;
  level?: number;
}

export interface MonteCarloSummary {
  term: string;
  beta: number;
  meanEstimate: number;
  bias: number;
  /** sd of the estimates across replications. */
  sdEstimate: number;
  /** Mean of the reported standard errors. */
  meanSe: number;
  /** Share of intervals covering the true β. */
  coverage: number;
}

/** Standard normal draw (Box-Muller) from a seeded uniform generator. */
export function normal(rng: () => number): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Run the Monte Carlo (see module doc). Returns one summary per regressor and every draw of b. */
export function monteCarlo(o: MonteCarloOptions): { summary: MonteCarloSummary[]; draws: Record<string, number[]> } {
  const R = o.R ?? 500;
  const rng = seedrandom(o.seed ?? "alliance-mc");
  const n = o.data.iso3.length;
  const units = [...new Set(Array.from(o.data.iso3))];
  const years = [...new Set(Array.from(o.data.year))];
  const xb = new Float64Array(n);
  for (const [term, b] of Object.entries(o.beta)) {
    const col = o.data[term] as ArrayLike<number>;
    if (!col) throw new Error(`monteCarlo: no column "${term}" in the data`);
    for (let i = 0; i < n; i++) xb[i] += b * col[i];
  }
  const draws: Record<string, number[]> = Object.fromEntries(o.x.map((t) => [t, []]));
  const ses: Record<string, number[]> = Object.fromEntries(o.x.map((t) => [t, []]));
  const covered: Record<string, number> = Object.fromEntries(o.x.map((t) => [t, 0]));
  const level = o.level ?? 0.95;
  for (let r = 0; r < R; r++) {
    const alpha = new Map(units.map((u) => [u, normal(rng)]));
    const gamma = new Map(years.map((y) => [y, normal(rng)]));
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = xb[i] + alpha.get(o.data.iso3[i])! + gamma.get(o.data.year[i])! + o.sigma * normal(rng);
    const fit = feols({
      data: { ...o.data, y_synthetic: y } as Record<string, ArrayLike<unknown>>,
      y: "y_synthetic",
      x: o.x,
      fe: [...FE],
      cluster: (o.vcov ?? DEFAULT_VCOV) === "cluster" ? CLUSTER : undefined,
      vcov: o.vcov ?? DEFAULT_VCOV,
      ssc: o.ssc ?? DEFAULT_SSC,
    });
    const q = qT(1 - (1 - level) / 2, fit.vcovInfo.df);
    for (const c of fit.coefficients) {
      if (!(c.term in draws)) continue;
      draws[c.term].push(c.estimate);
      ses[c.term].push(c.std_error);
      const b = o.beta[c.term] ?? 0;
      if (Math.abs(c.estimate - b) <= q * c.std_error) covered[c.term]++;
    }
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const summary = o.x.map((term) => {
    const d = draws[term];
    const m = mean(d);
    const b = o.beta[term] ?? 0;
    return {
      term,
      beta: b,
      meanEstimate: m,
      bias: m - b,
      sdEstimate: Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / (d.length - 1)),
      meanSe: mean(ses[term]),
      coverage: covered[term] / d.length,
    };
  });
  return { summary, draws };
}
