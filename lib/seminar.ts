/**
 * The notebooks' one front door: everything a seminar notebook uses, in one
 * import, as a student who knows R's fixest (or Stata) expects it.
 *
 *   import { feols, setDefaults, etable, se, pvalue, check, references } from "./lib/seminar";
 *   import { readPanel, prepareSample, showTable, charts, measures, sources } from "./lib/seminar";
 *
 *   setDefaults({ cluster: "iso3", constant: "stata" });     // R: setFixest_estimation(); once per notebook
 *   const m7 = feols("huawei_stance ~ asym + ideal + ICTtrade + ..controls | iso3 + year", sample.data);
 *   se(m7).ICTtrade;                                        // R: se(m7)["ICTtrade"]
 *
 * At the top level: the model interface of lib/fixest.ts (feols with the
 * study bound, setDefaults, summary, vcov, etable, showEtable, coefplot, the
 * study's definitions and the published tables), fixest's accessors (coef,
 * se, tstat, pvalue, confint, coeftable, tidy: lib/estimate/accessors.ts),
 * the panel and the estimation sample (readPanel, moments, prepareSample),
 * display (show, showTable, showMarkdown, fmt, showFrame, pivot, toDanfo),
 * claims (check, checkRange, found) and references (references, cite).
 *
 * By topic, as namespaces (R's `pkg::fun`): `sources.*` (the loaders,
 * lib/sources), `measures.*` (the study's measures, lib/measures), `charts.*`
 * (lib/viz/charts.ts), `engine.*` (the estimation engine underneath, with
 * no study bound, and its other tools: within transformations, permutation
 * test, jackknife, wild bootstrap, VIF, distributions), `replication.*`
 * (model specs, verdicts, fidelity, alternative inference) and `lessons.*`
 * (helpers of single lessons); `study.*` is the study definition (lib/study.ts:
 * years, specs, predicted signs), also at the top level.
 *
 * The kernel imports this module precompiled (dist/kernel/, with declaration
 * files; scripts/buildKernel.ts), so the first cell reads declarations
 * instead of type-checking the library; notebooks keep the specifier
 * "./lib/seminar" whichever way it is served.
 */
export * from "./fixest";
export {
  coef,
  se,
  tstat,
  pvalue,
  confint,
  coeftable,
  tidy,
  type Named,
  type TidyRow,
} from "./estimate/accessors";
export { check, checkRange, found, ClaimError } from "./notebook/check";
export { references, cite } from "./notebook/references";
export { showTable, showMarkdown, fmt, type Row } from "./notebook/table";
export { showFrame, pivot } from "./notebook/frame";
export { numeric } from "./notebook/coef";
export { typedRows } from "./notebook/typedRows";
export { toDanfo, columnsOf, danfoColumns, fromDanfo } from "./notebook/frames";
export { readPanel, moments, type Moments } from "./panel/read";
export type { PanelRow } from "./panel/schema";
export { prepareSample, type Prepared } from "./replication/prepare";
export { correlation } from "./report/descriptives";
export { formatReport } from "./io/loadReport";
export { ALLIES, countries } from "./countries";
/** The matrix library of the lessons whose algebra students see written out (notebook 07). */
export { Matrix, solve } from "ml-matrix";
export * as sources from "./sources/index";
export * as measures from "./measures/index";
export * as charts from "./viz/charts";
export * as engine from "./estimate/index";
export * as replication from "./replication/index";
export * as lessons from "./notebook/lessons";
export * as study from "./study";
