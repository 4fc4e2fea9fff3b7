/**
 * The analysis panel (`data/panel.csv`, built by scripts/buildPanel.ts; its
 * columns are documented in data/CODEBOOK.md, typed in lib/panel/schema.ts)
 * as notebooks and tables read it, and
 * the descriptive statistics the notebooks set next to the published Table 1.
 *
 *   mean = Σx / n,   sd = sqrt( Σ(x − mean)² / (n − 1) )   (sample sd, as Stata's summarize)
 *
 * The panel is a derived file committed to the repository, not raw data, so it
 * is parsed with the validated CSV parser but without the SHA-256 manifest.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../io/dataRoot";
import { parseCsvText, num, int, str } from "../io/csv";
import { DataError } from "../io/dataError";
import {
  PANEL_COLUMNS,
  PANEL_ROWS,
  isPanelColumn,
  type PanelColumn,
  type PanelRow,
} from "./schema";
import { PANEL_YEARS, REGRESSOR_YEARS } from "../study";

export const PANEL_FILE = path.join(REPO_ROOT, "data", "panel.csv");

export interface ReadPanelOptions {
  /** Rows the file must have (default PANEL_ROWS = 26 allies × 6 years = 156); null = any. */
  expectedRows?: number | null;
}

/**
 * Read the panel as typed rows, checked against the schema (lib/panel/schema.ts):
 * the header must hold exactly the schema's columns, every cell must have its
 * column's type (empty = null where the schema allows it), (iso3, year) must
 * be unique, and the file must have the expected number of rows. Every error
 * names the file, and the row and column where there is one.
 */
export function readPanel(file: string = PANEL_FILE, opts: ReadPanelOptions = {}): PanelRow[] {
  const name = path.relative(REPO_ROOT, file) || file;
  const t = parseCsvText(fs.readFileSync(file, "utf8"), name);
  const missing = PANEL_COLUMNS.filter((c) => !t.header.includes(c));
  const extra = t.header.filter((h) => !isPanelColumn(h));
  if (missing.length || extra.length) {
    throw new DataError(
      name,
      [
        missing.length ? `missing column(s) ${missing.join(", ")}` : "",
        extra.length ? `unexpected column(s) ${extra.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; "),
    );
  }
  const expected = opts.expectedRows === undefined ? PANEL_ROWS : opts.expectedRows;
  if (expected !== null && t.rows.length !== expected)
    throw new DataError(
      name,
      `${t.rows.length} data rows, expected ${expected} (26 allies × ${PANEL_YEARS.length} years)`,
    );
  const text = (i: number, c: PanelColumn): string => {
    const v = str(t, i, c);
    if (v === "") throw new DataError(name, "missing value", { row: t.line(i), column: c });
    return v;
  };
  const textOrNull = (i: number, c: PanelColumn): string | null => str(t, i, c) || null;
  // no NA token: an empty cell is "not a number", so the value is always present
  const integer = (i: number, c: PanelColumn): number => int(t, i, c);
  const numOrNull = (i: number, c: PanelColumn): number | null => num(t, i, c, { na: [""] });
  const seen = new Map<string, number>();
  return t.rows.map((_, i) => {
    const row: PanelRow = {
      iso3: text(i, "iso3"),
      country: text(i, "country"),
      year: integer(i, "year"),
      asym: numOrNull(i, "asym"),
      gdp: numOrNull(i, "gdp"),
      ideal: numOrNull(i, "ideal"),
      UNvotes_s: numOrNull(i, "UNvotes_s"),
      ICTtrade: numOrNull(i, "ICTtrade"),
      ICTtrade_gdp: numOrNull(i, "ICTtrade_gdp"),
      exchange: numOrNull(i, "exchange"),
      ID_ch: numOrNull(i, "ID_ch"),
      ID_us: numOrNull(i, "ID_us"),
      ED_ch: numOrNull(i, "ED_ch"),
      ED_us: numOrNull(i, "ED_us"),
      GD_us: numOrNull(i, "GD_us"),
      ICTtrade_us: numOrNull(i, "ICTtrade_us"),
      policy_gdelt: numOrNull(i, "policy_gdelt"),
      policy_gdelt_n: numOrNull(i, "policy_gdelt_n"),
      huawei_stance: numOrNull(i, "huawei_stance"),
      huawei_confidence: textOrNull(i, "huawei_confidence"),
      s_china: numOrNull(i, "s_china"),
      ideal_china: numOrNull(i, "ideal_china"),
      asymmetric: integer(i, "asymmetric"),
    };
    const key = `${row.iso3} ${row.year}`;
    const prev = seen.get(key);
    if (prev !== undefined)
      throw new DataError(name, `${key} appears twice (rows ${prev} and ${t.line(i)})`, {
        row: t.line(i),
        column: "iso3",
      });
    seen.set(key, t.line(i));
    return row;
  });
}

export interface Moments {
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

/**
 * n, mean, sample sd (n − 1), min, max of the non-missing values (missing =
 * null, undefined or NaN; NaN moments when n = 0):
 *
 *   mean = Σx / n,   sd = sqrt( Σ(x − mean)² / (n − 1) )
 *
 * A value that is neither missing nor a number is an error naming `column`
 * and the row. lib/report/descriptives.ts (Table 1) describes each column with it.
 */
export function moments(values: ArrayLike<unknown>, column = "v"): Moments {
  let n = 0,
    sum = 0,
    min = Infinity,
    max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) continue;
    if (typeof v !== "number")
      throw new Error(
        `describe: column "${column}", row ${i + 1}: not a number: ${JSON.stringify(v)}`,
      );
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === "number" && !Number.isNaN(v)) ss += (v - mean) ** 2;
  }
  return {
    n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    min: n ? min : NaN,
    max: n ? max : NaN,
  };
}

/** Values of one numeric column for the given years (default: the regressor years 2016-2019). */
export function columnValues(
  rows: readonly PanelRow[],
  column: PanelColumn,
  years: readonly number[] = REGRESSOR_YEARS,
): (number | null)[] {
  return rows
    .filter((r) => years.includes(r.year))
    .map((r) => {
      const v = r[column];
      if (typeof v === "string")
        throw new Error(`columnValues: column "${column}" is text, not numeric`);
      return v;
    });
}
