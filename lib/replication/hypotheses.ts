/**
 * Fitting the paper's model specifications on the panel and scoring H1-H3,
 * for notebooks 08-09 (the estimation itself is lib/estimate/feols.ts; the
 * specifications are lib/study.ts; the sample is
 * lib/replication/prepare.ts).
 *
 *   y_it = β' x_i,t−1 + α_i + γ_t + ε_it     (country and year FE, feols)
 *
 * Verdict on a hypothesis for one focal coefficient (p-value from t with the
 * df of the chosen vcov), with the
 * predicted sign s = PREDICTED_SIGN × OUTCOME_DIRECTION (the outcome's
 * direction relative to the paper's Policy):
 *
 *   "supported"                  sign(b) = s and p < alpha
 *   "right sign, not significant" sign(b) = s and p ≥ alpha
 *   "contradicted"               sign(b) = −s and p < alpha
 *   "wrong sign, not significant" otherwise
 *
 * alpha = 0.10 by default, the weakest level the paper stars.
 */
import type { FeolsResult } from "../estimate/feols";
import { feols } from "../estimate/model";
import {
  CLUSTER,
  DEFAULT_SSC,
  DEFAULT_VCOV,
  OUTCOME_YEARS,
  STUDY_MODEL,
  studyFormula,
} from "../study";
import type { SscName, VcovType } from "../estimate/vcov";
import {
  PREDICTED_SIGN,
  OUTCOME_DIRECTION,
  OUTCOMES,
  type ModelSpec,
  type Outcome,
} from "../study";
import { prepareSample, type PrepareOptions, type Prepared } from "./prepare";
import type { PanelRow } from "../panel/schema";
import { entry } from "../lookup";

export interface FitOptions {
  /** Standard errors (default clustered by country). */
  vcov?: VcovType;
  /** Small-sample convention (default "stata"). */
  ssc?: SscName;
  /**
   * Options passed to prepareSample (outcome is set per call). Default
   * standardization here is "panel" (regressors scaled by the mean and sd of
   * all the panel's levels, 2015-2020, before lagging), the choice that
   * reproduces the published pattern of a constant with a nonzero SE
   * (lib/replication/fidelity.ts constantBySdMode; docs/estimation.md).
   */
  prepare?: Omit<PrepareOptions, "outcome">;
}

export interface FittedModel {
  spec: ModelSpec;
  outcome: Outcome;
  fit: FeolsResult;
}

/** Outcomes with at least `min` non-missing ally-years in the outcome years 2017-2020 (study.ts; default 50). */
export function availableOutcomes(panel: readonly PanelRow[], min = 50): Outcome[] {
  return OUTCOMES.filter(
    (o) => panel.filter((r) => OUTCOME_YEARS.includes(r.year) && r[o] !== null).length >= min,
  );
}

/** Fit every spec on one outcome's estimation sample (one common sample, as the paper's N is the same in every model). */
export function fitSpecs(
  panel: readonly PanelRow[],
  specs: readonly ModelSpec[],
  outcome: Outcome,
  opts: FitOptions = {},
): { sample: Prepared; models: FittedModel[] } {
  const sample = prepareSample(panel, { standardize: "panel", ...(opts.prepare ?? {}), outcome });
  const models = specs.map((spec) => ({
    spec,
    outcome,
    // y ~ focal + ..controls | iso3 + year (study.ts), the study's default SEs unless overridden.
    fit: feols(studyFormula(outcome, spec.focal), sample.data, {
      ...STUDY_MODEL,
      cluster: (opts.vcov ?? DEFAULT_VCOV) === "cluster" ? CLUSTER : undefined,
      vcov: opts.vcov ?? DEFAULT_VCOV,
      ssc: opts.ssc ?? DEFAULT_SSC,
      constant: "stata",
    }),
  }));
  return { sample, models };
}

export type Verdict =
  "supported" | "right sign, not significant" | "contradicted" | "wrong sign, not significant";

/** The verdict rule of the module doc. */
export function verdict(
  estimate: number,
  pValue: number,
  predictedSign: 1 | -1,
  alpha = 0.1,
): Verdict {
  const right = Math.sign(estimate) === predictedSign;
  if (pValue < alpha) return right ? "supported" : "contradicted";
  return right ? "right sign, not significant" : "wrong sign, not significant";
}

export interface VerdictRow {
  outcome: Outcome;
  model: string;
  hypothesis: string;
  variable: string;
  predicted: "+" | "−";
  estimate: number;
  std_error: number;
  p_value: number;
  verdict: Verdict;
}

/** Verdicts for every focal regressor of the given models. */
export function verdicts(models: readonly FittedModel[], alpha = 0.1): VerdictRow[] {
  const out: VerdictRow[] = [];
  for (const m of models) {
    for (const v of m.spec.focal) {
      const c = m.fit.coefficients.find((r) => r.term === v);
      const p = entry(PREDICTED_SIGN, v);
      if (!c || !p) continue;
      const s = (p.sign * OUTCOME_DIRECTION[m.outcome]) as 1 | -1;
      out.push({
        outcome: m.outcome,
        model: m.spec.name,
        hypothesis: p.hypothesis,
        variable: v,
        predicted: s > 0 ? "+" : "−",
        estimate: c.estimate,
        std_error: c.std_error,
        p_value: c.p_value,
        verdict: verdict(c.estimate, c.p_value, s, alpha),
      });
    }
  }
  return out;
}
