/**
 * The schema of the analysis panel (data/panel.csv; data/CODEBOOK.md defines
 * every column): the column list in file order, each column's type, and the
 * row type `PanelRow` derived from them, so the file, the reader
 * (lib/panel/read.ts) and the builder (lib/panel/build.ts) share one
 * definition.
 *
 *   text     a non-empty string                   (iso3, country)
 *   text?    a string, empty cell = null           (huawei_confidence)
 *   integer  a whole number                        (year, asymmetric 0/1)
 *   number?  a finite number, empty cell = null    (every measure and outcome)
 *
 * Rows: one per ally and panel year, 26 allies × 2015-2020 = 156
 * (lib/countries.ts ALLIES × study.ts PANEL_YEARS), unique by (iso3, year).
 */
import { ALLIES } from "../countries";
import { PANEL_YEARS } from "../study";

export type ColumnType = "text" | "text?" | "integer" | "number?";

/** Column order of data/panel.csv and each column's type. */
export const PANEL_SCHEMA = {
  iso3: "text",
  country: "text",
  year: "integer",
  asym: "number?",
  gdp: "number?",
  ideal: "number?",
  UNvotes_s: "number?",
  ICTtrade: "number?",
  ICTtrade_gdp: "number?",
  exchange: "number?",
  ID_ch: "number?",
  ID_us: "number?",
  ED_ch: "number?",
  ED_us: "number?",
  GD_us: "number?",
  ICTtrade_us: "number?",
  policy_gdelt: "number?",
  policy_gdelt_n: "number?",
  huawei_stance: "number?",
  huawei_confidence: "text?",
  s_china: "number?",
  ideal_china: "number?",
  asymmetric: "integer",
} as const satisfies Record<string, ColumnType>;

export type PanelColumn = keyof typeof PANEL_SCHEMA;

/** Whether a name is a panel column. */
export function isPanelColumn(name: string): name is PanelColumn {
  return Object.prototype.hasOwnProperty.call(PANEL_SCHEMA, name);
}

/** Column order of data/panel.csv. */
export const PANEL_COLUMNS: readonly PanelColumn[] =
  Object.keys(PANEL_SCHEMA).filter(isPanelColumn);

type ValueOf<T extends ColumnType> = T extends "text"
  ? string
  : T extends "text?"
    ? string | null
    : T extends "integer"
      ? number
      : number | null;

/** One ally-year of the panel, typed by the schema. */
export type PanelRow = { [K in PanelColumn]: ValueOf<(typeof PANEL_SCHEMA)[K]> };

/** Numeric columns of the panel (measures and outcomes, not identifiers). */
export const NUMERIC_COLUMNS: readonly PanelColumn[] = PANEL_COLUMNS.filter(
  (c) => PANEL_SCHEMA[c] === "number?",
);

/** Rows of the full panel: one per ally and panel year. */
export const PANEL_ROWS = ALLIES.length * PANEL_YEARS.length;
