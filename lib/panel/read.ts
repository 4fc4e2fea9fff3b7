/**
 * The analysis panel (`data/panel.csv`, built by scripts/buildPanel.ts; its
 * columns are documented in data/CODEBOOK.md) as notebooks and tables read it, and
 * the descriptive statistics the notebooks set next to the published Table 1.
 *
 *   mean = Σx / n,   sd = sqrt( Σ(x − mean)² / (n − 1) )   (sample sd, as Stata's summarize)
 *
 * The panel is a derived file committed to the repository, not raw data, so it
 * is parsed with the validated CSV parser but without the SHA-256 manifest.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import { REPO_ROOT } from "../dataRoot";
import { parseCsvText, num } from "../io/csv";
import { describeColumns } from "../report/descriptives";
import { REGRESSOR_YEARS } from "../study";

export const PANEL_FILE = path.join(REPO_ROOT, "data", "panel.csv");

/** Text columns of the panel; every other column is numeric (empty = null). */
const TEXT_COLUMNS = new Set(["iso3", "country", "huawei_confidence"]);

export type PanelRecord = Record<string, string | number | null>;

/** Whether data/panel.csv exists in this checkout. */
export function panelExists(file: string = PANEL_FILE): boolean {
  return fs.existsSync(file);
}

/** Read the panel: one record per ally-year, numbers parsed, empty cells null. */
export function readPanel(file: string = PANEL_FILE): PanelRecord[] {
  const t = parseCsvText(fs.readFileSync(file, "utf8"), path.relative(REPO_ROOT, file));
  return t.rows.map((r, i) => {
    const rec: PanelRecord = {};
    t.header.forEach((h, j) => {
      rec[h] = TEXT_COLUMNS.has(h) ? r[j] : num(t, i, h, { na: [""] });
    });
    return rec;
  });
}

/** The panel as an arquero table. */
export function panelTable(file: string = PANEL_FILE): aq.ColumnTable {
  return aq.from(readPanel(file));
}

export interface Moments {
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

/** n, mean, sample sd (n − 1), min, max of the non-missing values (NaN moments when n = 0); describeColumns of lib/report/descriptives.ts. */
export function moments(values: readonly (number | null | undefined)[]): Moments {
  const { n, mean, sd, min, max } = describeColumns({ v: values }, ["v"])[0];
  return { n, mean, sd, min, max };
}

/** Values of one column for the given years (default: the regressor years 2016-2019). */
export function columnValues(rows: readonly PanelRecord[], column: string, years: readonly number[] = REGRESSOR_YEARS): (number | null)[] {
  return rows.filter((r) => years.includes(r.year as number)).map((r) => r[column] as number | null);
}
