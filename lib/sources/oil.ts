/**
 * Crude-oil spot prices from the EIA, annual averages in nominal US$ per
 * barrel: WTI Cushing (series RWTC) or Europe Brent (RBRTE).
 *
 * In the Datahub annual files the date YYYY-06-30 stands for the calendar-year
 * average of year YYYY; any other date is an error. One value per year, to be
 * merged onto every country-year.
 * U.S. Energy Information Administration, series RWTC and RBRTE
 * (via the Datahub core package `oil-prices`).
 */
import * as aq from "arquero";
import { readCsv, parseCsvText, num, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, assertUniqueKeys, type LoadReport } from "../io/loadReport";
import { PANEL_YEARS } from "../study";

export type OilSeries = "wti" | "brent";
export const OIL_FILES: Record<OilSeries, string> = {
  wti: "oil/wti-year.csv",
  brent: "oil/brent-year.csv",
};

export interface OilRow {
  year: number;
  price: number;
}

export function parseOil(
  t: CsvTable,
  report: LoadReport,
  years: readonly number[] = PANEL_YEARS,
): OilRow[] {
  t.col("Date");
  t.col("Price");
  report.rowsRead += t.rows.length;
  const rows: OilRow[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const d = str(t, i, "Date");
    const m = /^(\d{4})-06-30$/.exec(d);
    if (!m)
      throw new DataError(t.file, `expected an annual date YYYY-06-30, found "${d}"`, {
        row: t.line(i),
        column: "Date",
      });
    const price = num(t, i, "Price");
    if (price <= 0)
      throw new DataError(t.file, `price must be positive, found "${str(t, i, "Price")}"`, {
        row: t.line(i),
        column: "Price",
      });
    rows.push({ year: Number(m[1]), price });
  }
  assertUniqueKeys(
    t.file,
    rows.length,
    (i) => String(rows[i].year),
    (i) => t.line(i),
  );
  const missing = years.filter((y) => !rows.some((r) => r.year === y));
  if (missing.length) throw new DataError(t.file, `no price for year(s) ${missing.join(", ")}`);
  report.rowsKept = rows.length;
  return rows;
}

/** Load annual oil prices: columns year, price (US$ per barrel, annual average). */
export function loadOil(
  opts: { series?: OilSeries; dataDir?: string; years?: readonly number[] } = {},
): { table: aq.ColumnTable; report: LoadReport } {
  const series = opts.series ?? "wti";
  const file = OIL_FILES[series];
  if (!file) throw new Error(`unknown oil series "${series}" (wti | brent)`);
  const t = readCsv(file, { dataDir: opts.dataDir, required: ["Date", "Price"] });
  const report = newReport([file], [t.sha256]);
  const rows = parseOil(t, report, opts.years);
  report.notes.push(
    `${series === "wti" ? "WTI Cushing (EIA RWTC)" : "Brent (EIA RBRTE)"}, nominal US$/bbl; date YYYY-06-30 = average of year YYYY`,
  );
  return { table: aq.from(rows), report };
}

/** Parse oil text in memory (tests). */
export function parseOilText(text: string, file = "oil.csv", years?: readonly number[]): OilRow[] {
  return parseOil(parseCsvText(text, file), newReport([file]), years);
}
