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
 *   permutation              the regressor shuffled within country (keeps each
 *                            ally's level, permutes its years),
 *                            p = (1 + #{|b*| ≥ |b|}) / (B + 1) — permutationTest
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
  p_permutation: number;
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
    const pt = permutationTest(feOpts, { term, B: opts.permB ?? 199, seed, strata: "iso3" });
    return {
      outcome: model.outcome, model: model.spec.name, term, estimate: c.estimate,
      se_cluster: c.std_error, p_cluster: c.p_value, p_wild_bootstrap: wb.p_value, se_jackknife: jk.se[term], p_permutation: pt.p_value,
    };
  });
}
