/**
 * The notebooks' front door: the model interface as a student who knows R's
 * fixest (or Stata's reghdfe) expects it, in one import.
 *
 *   import { feols, summary, etable, showEtable, coefplot, LABELS, CONTROLS } from "./lib/fixest";
 *
 *   const m7 = feols("huawei_stance ~ asym + ideal + ICTtrade + ..controls | iso3 + year", sample, { cluster: "iso3" });
 *   showEtable([publishedModel("(7)"), m7], { dict: LABELS });
 *
 * R:     feols(huawei_stance ~ asym + ideal + ICTtrade + ..controls | iso3 + year, sample, cluster = ~iso3)
 * Stata: reghdfe huawei_stance asym ideal ICTtrade $controls, absorb(iso3 year) vce(cluster iso3)
 *
 * Everything here lives in its own module (lib/estimate/model.ts,
 * lib/estimate/summary.ts, lib/report/etable.ts, lib/viz/coefplot.ts,
 * lib/study.ts); this file gathers them, plus `showEtable`, which shows
 * a table as rich output (HTML, with the plain-text table as fallback), and
 * binds the study to the generic engine:
 *
 * - `feols(formula, data, opts)` is lib/estimate/model.ts's with the study's
 *   panel (iso3, year: what `l(x, 1)` lags within) and macros (`..controls`)
 *   from study.ts STUDY_MODEL, then the defaults set by {@link setDefaults},
 *   then `opts`: an option given explicitly always wins.
 * - `setDefaults({ cluster: "iso3", constant: "stata" })` is fixest's
 *   `setFixest_estimation()`: estimation defaults for the rest of the
 *   session. They live in this module, so they are scoped to the process
 *   (one notebook's kernel; one test file); `resetDefaults()` clears them,
 *   `getDefaults()` reads them. Like fixest (`reset = FALSE`), a call updates
 *   the options it names and keeps the others; `{ reset: true }` starts afresh.
 *   An option set to `undefined` explicitly (`{ cluster: undefined }`) removes
 *   the default for that call.
 */
import { displayBundle } from "./display";
import { etable, type EtableModel, type EtableOptions } from "./report/etable";

import {
  feols as modelFeols,
  type ModelData,
  type ModelFit,
  type ModelOptions,
} from "./estimate/model";
import type { FeolsOptions, FeolsResult } from "./estimate/feols";
import { STUDY_MODEL } from "./study";

// Module paths, not the folder (lib/estimate/index.ts): tslab resolves files, not a folder's index.ts.
export type { ModelData, ModelFit, ModelOptions } from "./estimate/model";
export { summary, vcov, type SummaryOptions } from "./estimate/summary";
export { parseFormula, printFormula, ParseError } from "./estimate/formula";
export type { FeolsResult } from "./estimate/feols";
export {
  etable,
  buildEtable,
  termLabel,
  stars,
  STAR_LEGEND,
  ETABLE_FORMATS,
  type EtableFormat,
  type EtableModel,
  type EtableOptions,
  type PublishedColumn,
} from "./report/etable";
export {
  descriptivesTable,
  describeColumns,
  buildDescriptivesTable,
  type DescriptiveRow,
} from "./report/descriptives";
export {
  renderTable,
  renderText,
  TABLE_FORMATS,
  type TableFormat,
  type PlainTable,
} from "./report/render";
export { publishedModel, TABLE1, TABLE2, TABLE3, PUBLISHED_N } from "./replication/published";
export {
  coefplot,
  intervals,
  type CoefplotOptions,
  type CoefInterval,
  type CoefIntervals,
} from "./viz/coefplot";
export { show, loadPlotly } from "./viz/plotly";
export * from "./study";

/** Estimation defaults that are not the engine's: what the study binds, not the user (see module doc). */
type Defaults = Omit<ModelOptions, "panel" | "macros">;
let defaults: Defaults = {};

/** Set estimation defaults for this session (fixest's `setFixest_estimation()`; see module doc). */
export function setDefaults(opts: Defaults, how: { reset?: boolean } = {}): void {
  defaults = how.reset ? { ...opts } : { ...defaults, ...opts };
}

/** The defaults now in force (fixest's `getFixest_estimation()`). */
export function getDefaults(): Readonly<Defaults> {
  return { ...defaults };
}

/** Back to no defaults (fixest's `setFixest_estimation(reset = TRUE)`). */
export function resetDefaults(): void {
  defaults = {};
}

/**
 * fixest's `feols(fml, data, ...)` with the study bound (module doc): the
 * formula form merges study panel and macros < {@link setDefaults} < `opts`;
 * the engine form `feols({ data, y, x, fe, ... })` takes its options as given.
 */
export function feols(formula: string, data: ModelData, opts?: ModelOptions): ModelFit;
export function feols(opts: FeolsOptions): FeolsResult;
export function feols(
  a: string | FeolsOptions,
  data?: ModelData,
  opts: ModelOptions = {},
): FeolsResult {
  if (typeof a !== "string") return modelFeols(a);
  if (data === undefined) throw new Error(`feols("${a}", data): no data given`);
  return modelFeols(a, data, { ...STUDY_MODEL, ...defaults, ...opts });
}

/** Show an etable as the cell's output: HTML for notebooks, the plain-text table for consoles. */
export function showEtable(
  models: readonly EtableModel[],
  opts: Omit<EtableOptions, "format"> = {},
): void {
  displayBundle({
    "text/html": etable(models, { ...opts, format: "html" }),
    "text/plain": etable(models, { ...opts, format: "text" }),
  });
}
