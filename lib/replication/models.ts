/**
 * The model specifications of the paper's Tables 2 and 3.
 *
 *   y_it = b0 + b1 asym_i,t-1 + b2 ideal_i,t-1 + b3 ICTtrade_i,t-1 + b4' X_i,t-1
 *          + country FE + year FE + e_it
 *
 * X = the controls (exchange, ID_us, ID_ch, ED_us, ED_ch, GD_us, ICTtrade_us).
 * Table 3 swaps in the substitutes: gdp for asym, UNvotes_s for ideal,
 * ICTtrade_gdp for ICTtrade. Note that the paper's text pairs model (5) with
 * "power + technology" and (6) with "identity + technology"; the printed table
 * has the reverse (ideal in (5), asym in (6)). We follow the printed table.
 */

import { CONTROLS, TABLE2_FOCAL, TABLE3_FOCAL } from "../study";

export { CONTROLS };

export interface ModelSpec {
  /** Label as printed, e.g. "(7)". */
  name: string;
  /** The key regressors (before the controls). */
  focal: string[];
}

/** Table 2, models (1)-(7), from study.ts. */
export const TABLE2_SPECS: ModelSpec[] = Object.entries(TABLE2_FOCAL).map(([name, focal]) => ({ name, focal: [...focal] }));

/** Table 3, models (8)-(11), from study.ts. */
export const TABLE3_SPECS: ModelSpec[] = Object.entries(TABLE3_FOCAL).map(([name, focal]) => ({ name, focal: [...focal] }));

/** All regressors of a model, focal first, then the controls. */
export function regressors(spec: ModelSpec): string[] {
  return [...spec.focal, ...CONTROLS];
}

/** Every regressor used anywhere in Tables 2-3, in the paper's row order. */
export const ALL_REGRESSORS = ["asym", "gdp", "ideal", "UNvotes_s", "ICTtrade", "ICTtrade_gdp", ...CONTROLS];

/**
 * The sign each hypothesis predicts for the focal regressors when the outcome
 * is "more cooperative toward China" (the paper's Policy). H1: a larger power
 * gap (asym, gdp) means less pressure, so more room for China: +. H2: a larger
 * ideal-point distance from the US means less identification: +; the S score
 * measures similarity, so its sign flips: -. H3: more cooperation with China: +.
 */
export const PREDICTED_SIGN: Record<string, { hypothesis: "H1" | "H2" | "H3"; sign: 1 | -1 }> = {
  asym: { hypothesis: "H1", sign: 1 },
  gdp: { hypothesis: "H1", sign: 1 },
  ideal: { hypothesis: "H2", sign: 1 },
  UNvotes_s: { hypothesis: "H2", sign: -1 },
  ICTtrade: { hypothesis: "H3", sign: 1 },
  ICTtrade_gdp: { hypothesis: "H3", sign: 1 },
};
