/**
 * The estimation engine in one import (each module documents its formula):
 *
 *   import { feols, summary } from "../lib/estimate";
 *   const fit = feols("y ~ x1 + x2 | iso3 + year", data, { cluster: "iso3" });   // fixest's form
 *   const same = feols({ data, y: "y", x: ["x1", "x2"], fe: ["iso3", "year"], cluster: "iso3" }); // the engine
 *
 * Tables and charts are not re-exported here (lib/report and lib/viz depend
 * on this folder, not the other way round); the notebook entry point
 * lib/fixest.ts gathers the model interface, etable and coefplot.
 */
export {
  feols,
  feolsFormula,
  engineOptions,
  type ModelData,
  type ModelFit,
  type ModelOptions,
  type DataRow,
} from "./model";
export {
  getColumn,
  type FeolsOptions,
  type FeolsResult,
  type CoefRow,
  type ColumnInput,
  type Design,
} from "./feols";
export {
  parseFormula,
  printFormula,
  termName,
  ParseError,
  type Formula,
  type Term,
  type ParseOptions,
} from "./formula";
export { summary, vcov, type SummaryOptions } from "./summary";
export {
  computeVcov,
  sscFactor,
  SSC_NAMES,
  type SscName,
  type VcovType,
  type VcovResult,
} from "./vcov";
export { waldTest, waldFit, type WaldResult } from "./wald";
export { vif } from "./vif";
export { lagPanel, leadPanel } from "./lag";
export {
  winsorize,
  quantileSorted,
  type QuantileType,
  type WinsorizeOptions,
  type WinsorizeResult,
} from "./winsorize";
export { standardize, type StandardizeResult } from "./standardize";
export {
  wildClusterBootstrap,
  type WildBootOptions,
  type WildBootResult,
  type BootWeights,
} from "./wildBootstrap";
export { jackknife, type JackknifeResult } from "./jackknife";
export {
  permutationTest,
  permuteWithin,
  type PermutationOptions,
  type PermutationResult,
} from "./permutation";
export {
  PERMUTATION_SCHEMES,
  PERMUTATION_STATISTICS,
  type PermutationScheme,
  type PermutationStatistic,
} from "./permutation";
export * from "./within";
export { pT, pF, pNormal, qT } from "./distributions";
export {
  coef,
  se,
  tstat,
  pvalue,
  confint,
  coeftable,
  tidy,
  criticalValue,
  type Named,
  type TidyRow,
  type TidyOptions,
  type ConfintOptions,
} from "./accessors";
export { olsNoIntercept } from "./noIntercept";
export { twfeWeights } from "./twfeWeights";
