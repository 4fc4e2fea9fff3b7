/**
 * The sign H1-H3 predict for each focal regressor on a given outcome:
 *
 *   predicted sign on outcome o = PREDICTED_SIGN[v].sign × OUTCOME_DIRECTION[o]
 *
 * PREDICTED_SIGN (lib/study.ts) is stated for the paper's Policy
 * (higher = more cooperative toward China; Li & Gu 2022, H1-H3);
 * OUTCOME_DIRECTION (lib/replication/prepare.ts) is −1 for outcomes that run
 * the other way (the Huawei stance: higher = closer to the US position). The
 * result is coefplot's `predictedSign` option and the rule of `verdicts`.
 */
import { OUTCOME_DIRECTION, PREDICTED_SIGN, type Outcome } from "../study";

/** Predicted sign (+1 / −1) of every focal regressor (asym, gdp, ideal, UNvotes_s, ICTtrade, ICTtrade_gdp) on `outcome`. */
export function predictedSigns(outcome: Outcome): Record<string, 1 | -1> {
  const out: Record<string, 1 | -1> = {};
  for (const [v, p] of Object.entries(PREDICTED_SIGN))
    out[v] = p.sign === OUTCOME_DIRECTION[outcome] ? 1 : -1;
  return out;
}
