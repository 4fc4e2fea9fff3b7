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
 * lib/study.ts); this file only gathers them, plus `showEtable`, which shows
 * a table as rich output (HTML, with the plain-text table as fallback).
 */
import { displayBundle } from "./display";
import { etable, type EtableModel, type EtableOptions } from "./report/etable";

// Module paths: tslab resolves files, not a folder's index.ts.
export { feols, type ModelFit, type ModelOptions } from "./estimate/model";
export { summary, vcov, type SummaryOptions } from "./estimate/summary";
export { parseFormula, printFormula, ParseError } from "./estimate/formula";
export type { FeolsResult } from "./estimate/feols";
export { etable, buildEtable, termLabel, stars, STAR_LEGEND, ETABLE_FORMATS, type EtableFormat, type EtableModel, type EtableOptions, type PublishedColumn } from "./report/etable";
export { descriptivesTable, describeColumns, buildDescriptivesTable, type DescriptiveRow } from "./report/descriptives";
export { renderTable, renderText, TABLE_FORMATS, type TableFormat, type PlainTable } from "./report/render";
export { publishedModel, TABLE1, TABLE2, TABLE3, PUBLISHED_N } from "./replication/published";
export { coefplot, type CoefplotOptions } from "./viz/coefplot";
export { show, loadPlotly } from "./viz/plotly";
export * from "./study";

/** Show an etable as the cell's output: HTML for notebooks, the plain-text table for consoles. */
export function showEtable(models: readonly EtableModel[], opts: Omit<EtableOptions, "format"> = {}): void {
  displayBundle({ "text/html": etable(models, { ...opts, format: "html" }), "text/plain": etable(models, { ...opts, format: "text" }) });
}
