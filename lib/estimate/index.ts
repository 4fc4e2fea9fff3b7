/**
 * The estimation engine in one import (each module documents its formula):
 *
 *   import { feols, regressionTable } from "../lib/estimate";
 */
export { feols, getColumn, type FeolsOptions, type FeolsResult, type CoefRow, type ColumnInput, type Design } from "./feols";
export { computeVcov, sscFactor, SSC_NAMES, type SscName, type VcovType, type VcovResult } from "./vcov";
export { waldTest, waldFit, type WaldResult } from "./wald";
export { vif } from "./vif";
export { lagPanel, leadPanel } from "./lag";
export { winsorize, quantileSorted, type QuantileType, type WinsorizeOptions, type WinsorizeResult } from "./winsorize";
export { standardize, type StandardizeResult } from "./standardize";
export { listwise, type ListwiseResult } from "./listwise";
export { wildClusterBootstrap, type WildBootOptions, type WildBootResult, type BootWeights } from "./wildBootstrap";
export { jackknife, type JackknifeResult } from "./jackknife";
export { permutationTest, permuteWithin, type PermutationOptions, type PermutationResult } from "./permutation";
export { regressionTable, buildRegTable, stars, STAR_LEGEND, type RegTableOptions, type RegTableModel, type RegTableStat } from "../report/regTable";
export { descriptivesTable, describeColumns, buildDescriptivesTable, type DescriptiveRow } from "../report/descriptives";
export { renderTable, TABLE_FORMATS, type TableFormat, type PlainTable } from "../report/render";
