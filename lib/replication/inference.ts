/**
 * Inference for one fitted model (notebook 09).
 *
 * seConventions: the same fit under every standard-error convention the
 * project implements, recomputed by summary() from the stored design (no
 * refit): iid, HC1, and clustered with each small-sample preset of SSC_NAMES
 * (plm, plm-hc1, plm-sss, stata, fixest, full; formulas in docs/estimation.md).
 * R: summary(m, vcov = "iid" | "hetero"), summary(m, cluster = ~iso3, ssc = ...);
 * Stata: re-run with vce(ols) | vce(robust) | vce(cluster iso3).
 *
 * alternativeInference: inference that does not lean on 26 clusters, the
 * clustered p-value next to three alternatives:
 *
 *   wild cluster bootstrap   restricted (null β = 0 imposed), Webb six-point
 *                            weights, p = share of bootstrap |t*| ≥ |t|
 *                            (Cameron, Gelbach & Miller 2008; Webb 2014)
 *                            — wildClusterBootstrap
 *   leave-one-cluster-out    jackknife SE = sqrt((G − 1)/G · Σ_g (b_(−g) − b̄)²)
 *                            (MacKinnon, Nielsen & Webb 2023) — jackknife
 *   permutation              studentized (cluster t), whole country histories of
 *                            the residualized regressor exchanged across countries
 *                            (scheme "unit-blocks", valid with two-way FE),
 *                            p = (1 + #{|t*| ≥ |t|}) / (B + 1) — permutationTest;
 *                            next to it, for teaching, the scheme that fails:
 *                            raw values shuffled within country, coefficient as
 *                            the statistic (p_permutation_within_country)
 *
 * All draws are seeded, so a rerun gives the same numbers.
 */
import { jackknife } from "../estimate/jackknife";
import { wildClusterBootstrap } from "../estimate/wildBootstrap";
import { permutationTest } from "../estimate/permutation";
import { regressors } from "../study";
import { CLUSTER, FE } from "../study";
import { summary, type SummaryOptions } from "../estimate/summary";
import { SSC_NAMES, type SscName } from "../estimate/vcov";
import type { FeolsResult } from "../estimate/feols";
import type { FittedModel } from "./hypotheses";
import type { Prepared } from "./prepare";
import { entry } from "../lookup";

export interface InferenceOptions {
  /** Terms to examine (default: the model's focal regressors). */
  terms?: string[];
  /** Bootstrap replications (default 999). */
  bootB?: number;
  /** Permutations (default 199). */
  permB?: number;
  seed?: string;
}

/** A type alias (not an interface) so that rows fit table helpers taking Record<string, …>. */
export type InferenceRow = {
  outcome: string;
  model: string;
  term: string;
  estimate: number;
  se_cluster: number;
  p_cluster: number;
  p_wild_bootstrap: number;
  se_jackknife: number;
  /** Valid scheme: unit blocks, studentized. */
  p_permutation: number;
  /** The scheme that over-rejects with year FE (within-country shuffle of raw x, coefficient). */
  p_permutation_within_country: number;
};

/** Clustered, wild-bootstrap, jackknife and permutation inference for one model on its sample. */
export function alternativeInference(
  model: FittedModel,
  sample: Prepared,
  opts: InferenceOptions = {},
): InferenceRow[] {
  const seed = opts.seed ?? "alliance";
  const fit = model.fit;
  const feOpts = {
    data: sample.data as Record<string, ArrayLike<unknown>>,
    y: model.outcome,
    x: regressors(model.spec),
    fe: [...FE],
    cluster: CLUSTER,
  };
  const jk = jackknife(feOpts);
  return (opts.terms ?? model.spec.focal).map((term) => {
    const c = fit.coefficients.find((r) => r.term === term);
    if (!c)
      throw new Error(
        `alternativeInference: ${term} is not a coefficient of model ${model.spec.name}`,
      );
    const wb = wildClusterBootstrap(fit, {
      term,
      B: opts.bootB ?? 999,
      weights: "webb",
      seed,
      ci: false,
    });
    const B = opts.permB ?? 199;
    const pt = permutationTest(feOpts, { term, B, seed, scheme: "unit-blocks", statistic: "t" });
    const pw = permutationTest(feOpts, { term, B, seed, scheme: "within-unit", statistic: "coef" });
    return {
      outcome: model.outcome,
      model: model.spec.name,
      term,
      estimate: c.estimate,
      se_cluster: c.std_error,
      p_cluster: c.p_value,
      p_wild_bootstrap: wb.p_value,
      se_jackknife: jk.se[term],
      p_permutation: pt.p_value,
      p_permutation_within_country: pw.p_value,
    };
  });
}

/** One standard-error convention applied to a fit: its summary() options and, per term, SE and p. */
export type SeConventionRow = {
  /** "iid", "HC1", or "cluster, <ssc>" (e.g. "cluster, stata"). */
  convention: string;
  /** The summary() call that gives the row: summary(fit, options). */
  options: SummaryOptions;
  se: Record<string, number>;
  p: Record<string, number>;
};

export interface SeConventionOptions {
  /** Cluster column (default: the fit's cluster; required if the fit has none). */
  cluster?: string;
  /** Small-sample presets of the clustered rows (default SSC_NAMES, in that order). */
  ssc?: readonly SscName[];
}

/**
 * Standard errors and p-values of `terms` under iid, HC1 and clustered
 * vcovs, one row per convention, in that order (see the module doc). iid and
 * HC1 keep the fit's small-sample preset. Throws when a term is not a
 * coefficient of the fit, or when no cluster is given and the fit has none.
 */
export function seConventions(
  fit: FeolsResult,
  terms: readonly string[],
  opts: SeConventionOptions = {},
): SeConventionRow[] {
  const cluster = opts.cluster ?? fit.cluster;
  if (!cluster)
    throw new Error(
      'seConventions: the fit is not clustered; name the cluster column ({ cluster: "iso3" })',
    );
  const calls: { convention: string; options: SummaryOptions }[] = [
    { convention: "iid", options: { vcov: "iid" } },
    { convention: "HC1", options: { vcov: "hetero" } },
    ...(opts.ssc ?? SSC_NAMES).map((ssc) => ({
      convention: `cluster, ${ssc}`,
      options: { cluster, ssc },
    })),
  ];
  return calls.map(({ convention, options }) => {
    const s = summary(fit, options);
    const se: Record<string, number> = {},
      p: Record<string, number> = {};
    for (const term of terms) {
      const c = s.coefficients.find((r) => r.term === term);
      if (!c)
        throw new Error(
          `seConventions: "${term}" is not a coefficient of the model of ${fit.y} (have: ${fit.terms.join(", ")})`,
        );
      se[term] = c.std_error;
      p[term] = c.p_value;
    }
    return { convention, options, se, p };
  });
}

/** The rows as a flat table: convention, then "se <term>", "p <term>" for each term in order. */
export function seConventionTable(
  rows: readonly SeConventionRow[],
): Record<string, string | number>[] {
  return rows.map((r) => {
    const out: Record<string, string | number> = { convention: r.convention };
    for (const term of Object.keys(r.se)) {
      out[`se ${term}`] = r.se[term];
      out[`p ${term}`] = r.p[term];
    }
    return out;
  });
}

/** Smallest and largest SE of `term` across the rows, and their ratio (max / min). */
export function seRange(
  rows: readonly SeConventionRow[],
  term: string,
): { min: number; max: number; factor: number } {
  const se = rows.map((r) => {
    const v = entry(r.se, term);
    if (v === undefined) throw new Error(`seRange: no SE of "${term}" in the rows`);
    return v;
  });
  const min = Math.min(...se),
    max = Math.max(...se);
  return { min, max, factor: max / min };
}
