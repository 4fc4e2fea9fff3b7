/**
 * Inference that does not lean on 26 clusters, for one fitted model: the
 * clustered p-value next to three alternatives (notebook 09).
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
import { regressors } from "./models";
import { CLUSTER, FE } from "../study";
import type { FittedModel } from "./hypotheses";
import type { Prepared } from "./prepare";

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
export function alternativeInference(model: FittedModel, sample: Prepared, opts: InferenceOptions = {}): InferenceRow[] {
  const seed = opts.seed ?? "alliance";
  const fit = model.fit;
  const feOpts = { data: sample.data as Record<string, ArrayLike<unknown>>, y: model.outcome, x: regressors(model.spec), fe: [...FE], cluster: CLUSTER };
  const jk = jackknife(feOpts);
  return (opts.terms ?? model.spec.focal).map((term) => {
    const c = fit.coefficients.find((r) => r.term === term);
    if (!c) throw new Error(`alternativeInference: ${term} is not a coefficient of model ${model.spec.name}`);
    const wb = wildClusterBootstrap(fit, { term, B: opts.bootB ?? 999, weights: "webb", seed, ci: false });
    const B = opts.permB ?? 199;
    const pt = permutationTest(feOpts, { term, B, seed, scheme: "unit-blocks", statistic: "t" });
    const pw = permutationTest(feOpts, { term, B, seed, scheme: "within-unit", statistic: "coef" });
    return {
      outcome: model.outcome, model: model.spec.name, term, estimate: c.estimate,
      se_cluster: c.std_error, p_cluster: c.p_value, p_wild_bootstrap: wb.p_value, se_jackknife: jk.se[term], p_permutation: pt.p_value,
      p_permutation_within_country: pw.p_value,
    };
  });
}
