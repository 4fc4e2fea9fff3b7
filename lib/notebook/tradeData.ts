/**
 * The inputs of notebook 04's trade measures as typed rows, without casts:
 * IMF DOTS totals (`loadDots`) and WDI GDP (`loadWdi({ indicator: "gdp" })`)
 * checked value by value with `typedRows` (errors name table, row, column),
 * the DOTS reporter checked to be one of "CHN" / "USA". `tradeRow` picks one
 * ally-year of `tradePanel`'s output and throws naming it when it is absent
 * (instead of `find(...)!`).
 *
 *   const { dots, gdp, report } = tradeInputs();
 *   const trade = tradePanel(dots, gdp);
 *   const deu = tradeRow(trade, "DEU", 2018);
 */
import { loadDots, DOTS_FILES, type DotsRow, type DotsReporter } from "../sources/dots";
import { loadWdi, type WdiRow } from "../sources/wdi";
import type { LoadReport } from "../io/loadReport";
import { typedRows } from "./typedRows";

const isReporter = (s: string): s is DotsReporter =>
  Object.prototype.hasOwnProperty.call(DOTS_FILES, s);

/** DOTS rows as `DotsRow` (reporter checked; the error names the row). */
export function dotsRows(data: Parameters<typeof typedRows>[0], what = "DOTS"): DotsRow[] {
  const schema = {
    iso3: "string",
    year: "number",
    reporter: "string",
    exports: "number",
    imports: "number",
    total: "number",
  } as const;
  return typedRows(data, schema, what).map((r, i) => {
    const reporter = r.reporter;
    if (!isReporter(reporter))
      throw new Error(
        `dotsRows: ${what} row ${i + 1} has reporter "${reporter}", expected ${Object.keys(DOTS_FILES).join(" or ")}`,
      );
    return { ...r, reporter };
  });
}

/** Load DOTS and WDI GDP as typed rows (module doc). */
export function tradeInputs(): { dots: DotsRow[]; gdp: WdiRow[]; report: LoadReport } {
  const d = loadDots();
  const g = loadWdi({ indicator: "gdp" });
  return {
    dots: dotsRows(d.table),
    gdp: typedRows(g.table, { iso3: "string", year: "number", value: "number" }, "WDI GDP"),
    report: d.report,
  };
}

/** The row of one ally-year; throws naming it when absent. */
export function tradeRow<R extends { iso3: string; year: number }>(
  rows: readonly R[],
  iso3: string,
  year: number,
): R {
  const r = rows.find((x) => x.iso3 === iso3 && x.year === year);
  if (!r) throw new Error(`tradeRow: no row for ${iso3} ${year}`);
  return r;
}
