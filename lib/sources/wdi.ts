/**
 * World Bank World Development Indicators: GDP, GDP per capita and the
 * official exchange rate, as long tables keyed by (iso3, year).
 *
 *   indicator  code            file                                          unit
 *   gdp        NY.GDP.MKTP.CD  wdi/gdp.csv (Datahub long format)              current US$
 *   gdppc      NY.GDP.PCAP.CD  wdi/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_2518.csv  current US$ per person
 *   exchange   PA.NUS.FCRF     wdi/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv    LCU per US$ (period average)
 *
 * The API downloads are the World Bank's wide format (BOM, four preamble
 * lines, one column per year); empty cells are missing values. The three files
 * are different WDI vintages (GDP ~Oct 2024, exchange rate Jul 2025, GDP per
 * capita Dec 2025), so GDP / population does not reproduce the per-capita file
 * exactly; the report says so.
 * World Bank (2024, 2025), World Development Indicators, CC BY 4.0.
 */
import * as aq from "arquero";
import { readCsv, parseCsvText, num, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import {
  newReport,
  drop,
  assertUniqueKeys,
  assertCoverage,
  type LoadReport,
} from "../io/loadReport";
import { countries, STUDY_COUNTRIES, type CountryRegistry } from "../countries";
import { PANEL_YEARS } from "../study";

export type WdiIndicator = "gdp" | "gdppc" | "exchange";

export interface WdiSpec {
  file: string;
  code: string;
  unit: string;
  format: "long" | "api";
  vintage: string;
}

export const WDI: Record<WdiIndicator, WdiSpec> = {
  gdp: {
    file: "wdi/gdp.csv",
    code: "NY.GDP.MKTP.CD",
    unit: "current US$",
    format: "long",
    vintage: "WDI ~Oct 2024 (Datahub core/gdp)",
  },
  gdppc: {
    file: "wdi/API_NY.GDP.PCAP.CD_DS2_en_csv_v2_2518.csv",
    code: "NY.GDP.PCAP.CD",
    unit: "current US$ per person",
    format: "api",
    vintage: "WDI last updated 2025-12-04",
  },
  exchange: {
    file: "wdi/API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv",
    code: "PA.NUS.FCRF",
    unit: "LCU per US$, annual average",
    format: "api",
    vintage: "WDI last updated 2025-07-01",
  },
};

export interface WdiRow {
  iso3: string;
  year: number;
  value: number;
}

export interface ParseOptions {
  /** Years that all 28 study countries must have (default 2015-2020). */
  years?: readonly number[];
  registry?: CountryRegistry;
}

/**
 * The study country of an ISO3-style code, or undefined for another economy or
 * aggregate (World Bank codes such as WLD, EMU, XKX). A cell that is not a
 * three-character code cannot be identified and is an error.
 */
export function studyCountryOfCode(
  reg: CountryRegistry,
  t: CsvTable,
  i: number,
  column: string,
): { iso3: string } | undefined {
  const code = str(t, i, column);
  if (!/^[A-Z0-9]{3}$/.test(code))
    throw new DataError(t.file, `unknown country code "${code}"`, { row: t.line(i), column });
  return reg.tryCode("iso3", code);
}

function finish(
  t: CsvTable,
  rows: WdiRow[],
  lineOf: number[],
  report: LoadReport,
  years: readonly number[],
  what: string,
): WdiRow[] {
  assertUniqueKeys(
    t.file,
    rows.length,
    (i) => `${rows[i].iso3}:${rows[i].year}`,
    (i) => lineOf[i],
  );
  assertCoverage(
    t.file,
    rows.map((r) => `${r.iso3}:${r.year}`),
    STUDY_COUNTRIES,
    years,
    what,
  );
  report.rowsKept = rows.length;
  return rows;
}

/** Parse the Datahub long format `Country Name,Country Code,Year,Value`. */
export function parseWdiLong(t: CsvTable, report: LoadReport, opts: ParseOptions = {}): WdiRow[] {
  const reg = opts.registry ?? countries();
  for (const c of ["Country Code", "Year", "Value"]) t.col(c);
  const rows: WdiRow[] = [];
  const lineOf: number[] = [];
  report.rowsRead += t.rows.length;
  for (let i = 0; i < t.rows.length; i++) {
    const c = studyCountryOfCode(reg, t, i, "Country Code");
    if (!c) {
      drop(report, "not a study country");
      continue;
    }
    const year = num(t, i, "Year");
    if (!Number.isInteger(year))
      throw new DataError(t.file, `not a year: "${str(t, i, "Year")}"`, {
        row: t.line(i),
        column: "Year",
      });
    const value = num(t, i, "Value", { na: [""] });
    if (value === null) {
      drop(report, "missing value");
      continue;
    }
    rows.push({ iso3: c.iso3, year, value });
    lineOf.push(t.line(i));
  }
  return finish(t, rows, lineOf, report, opts.years ?? PANEL_YEARS, "GDP");
}

/**
 * Parse a World Bank API download (wide years) for one indicator code; every
 * row must carry that code. One output row per study country and non-empty year.
 */
export function parseWdiApi(
  t: CsvTable,
  code: string,
  report: LoadReport,
  opts: ParseOptions = {},
): WdiRow[] {
  const reg = opts.registry ?? countries();
  for (const c of ["Country Name", "Country Code", "Indicator Code"]) t.col(c);
  const yearCols = t.header.filter((h) => /^\d{4}$/.test(h));
  if (yearCols.length === 0)
    throw new DataError(t.file, "no year columns (expected headers like 1960 ... 2024)");
  const rows: WdiRow[] = [];
  const lineOf: number[] = [];
  report.rowsRead += t.rows.length;
  for (let i = 0; i < t.rows.length; i++) {
    const ic = str(t, i, "Indicator Code");
    if (ic !== code)
      throw new DataError(t.file, `indicator code "${ic}", expected "${code}"`, {
        row: t.line(i),
        column: "Indicator Code",
      });
    const c = studyCountryOfCode(reg, t, i, "Country Code");
    if (!c) {
      drop(report, "not a study country");
      continue;
    }
    for (const y of yearCols) {
      const value = num(t, i, y, { na: [""] });
      if (value === null) continue;
      rows.push({ iso3: c.iso3, year: Number(y), value });
      lineOf.push(t.line(i));
    }
  }
  return finish(t, rows, lineOf, report, opts.years ?? PANEL_YEARS, code);
}

export interface LoadWdiOptions extends ParseOptions {
  indicator: WdiIndicator;
  dataDir?: string;
}

/**
 * Load one WDI indicator as a long table: iso3 (string), year (integer),
 * value (number, unit per {@link WDI}). Rows of other economies and
 * aggregates are dropped ("not a study country"); a study country missing a
 * required year is an error.
 */
export function loadWdi(opts: LoadWdiOptions): { table: aq.ColumnTable; report: LoadReport } {
  // the CLI and notebooks may pass any text as the indicator: checked before the lookup
  if (!Object.hasOwn(WDI, opts.indicator))
    throw new Error(`unknown WDI indicator "${opts.indicator}" (gdp | gdppc | exchange)`);
  const spec = WDI[opts.indicator];
  const t = readCsv(spec.file, {
    dataDir: opts.dataDir,
    skipLines: spec.format === "api" ? 4 : 0,
    required:
      spec.format === "api"
        ? ["Country Code", "Indicator Code"]
        : ["Country Code", "Year", "Value"],
  });
  const report = newReport([spec.file], [t.sha256]);
  const registry = opts.registry ?? countries({ dataDir: opts.dataDir });
  const rows =
    spec.format === "api"
      ? parseWdiApi(t, spec.code, report, { ...opts, registry })
      : parseWdiLong(t, report, { ...opts, registry });
  report.notes.push(
    `${spec.code} in ${spec.unit}; vintage: ${spec.vintage}. The three WDI files are different vintages ` +
      `(GDP ~Oct 2024, exchange rate Jul 2025, GDP per capita Dec 2025); WDI revises back years.`,
  );
  if (spec.format === "api")
    report.notes.push(
      "rowsRead counts economies (wide rows); rowsKept counts country-years with a value",
    );
  return { table: aq.from(rows), report };
}

/** Convenience for tests and notebooks: parse WDI text in memory. */
export function parseWdiText(
  text: string,
  indicator: WdiIndicator,
  file = "wdi.csv",
  opts: ParseOptions = {},
): WdiRow[] {
  const spec = WDI[indicator];
  const t = parseCsvText(text, file, { skipLines: spec.format === "api" ? 4 : 0 });
  const report = newReport([file]);
  return spec.format === "api"
    ? parseWdiApi(t, spec.code, report, opts)
    : parseWdiLong(t, report, opts);
}
