/**
 * Worldwide Governance Indicators (2023 update, data 1996-2022): the six
 * point estimates per country-year, one row per (iso3, year).
 *
 *   VA Voice and Accountability        PV Political Stability / No Violence
 *   GE Government Effectiveness        RQ Regulatory Quality
 *   RL Rule of Law                     CC Control of Corruption
 *
 * Units: standard-normal scores (about -2.5 .. +2.5). The bulk file is wide
 * (one column per year, with 1997/1999/2001 absent), quoted, with a BOM and a
 * trailing comma on every line; rows other than the `*.EST` estimates
 * (number of sources, standard errors, percentile ranks) are dropped.
 * Kaufmann & Kraay (2023), WGI 2023 update; Kaufmann, Kraay & Mastruzzi
 * (2010), World Bank Policy Research Working Paper 5430.
 */
import * as aq from "arquero";
import { readCsv, parseCsvText, num, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, drop, assertCoverage, type LoadReport } from "../io/loadReport";
import { countries, STUDY_COUNTRIES, type CountryRegistry } from "../countries";
import { studyCountryOfCode } from "./wdi";
import { PANEL_YEARS } from "../study";

export const WGI_FILE = "wgi/WGIData.csv";
export const WGI_DIMS = ["VA", "PV", "GE", "RQ", "RL", "CC"] as const;
export type WgiDim = (typeof WGI_DIMS)[number];

export type WgiRow = { iso3: string; year: number } & Record<WgiDim, number>;

export interface WgiParseOptions {
  years?: readonly number[];
  registry?: CountryRegistry;
}

/**
 * Parse the WGI bulk table. A study country-year is kept only when all six
 * estimates are present (others are counted as "incomplete estimates").
 */
export function parseWgi(t: CsvTable, report: LoadReport, opts: WgiParseOptions = {}): WgiRow[] {
  const reg = opts.registry ?? countries();
  for (const c of ["Country Code", "Indicator Code"]) t.col(c);
  const yearCols = t.header.filter((h) => /^\d{4}$/.test(h));
  if (yearCols.length === 0) throw new DataError(t.file, "no year columns");
  report.rowsRead += t.rows.length;
  // (iso3:year) -> partial record, plus the line each estimate came from.
  const acc = new Map<string, { iso3: string; year: number; v: Partial<Record<WgiDim, number>> }>();
  const seen = new Map<string, number>();
  for (let i = 0; i < t.rows.length; i++) {
    const code = str(t, i, "Indicator Code");
    const m = /^(VA|PV|GE|RQ|RL|CC)\.EST$/.exec(code);
    const c = studyCountryOfCode(reg, t, i, "Country Code");
    if (!c) {
      drop(report, "not a study country");
      continue;
    }
    if (!m) {
      drop(report, "not an estimate (sources, std. errors, ranks)");
      continue;
    }
    const key = `${c.iso3}:${code}`;
    const prev = seen.get(key);
    if (prev !== undefined)
      throw new DataError(t.file, `duplicate key (${c.iso3}, ${code}) also on row ${prev}`, {
        row: t.line(i),
      });
    seen.set(key, t.line(i));
    const dim = m[1] as WgiDim;
    for (const y of yearCols) {
      const v = num(t, i, y, { na: [""] });
      if (v === null) continue;
      const k = `${c.iso3}:${y}`;
      const rec = acc.get(k) ?? { iso3: c.iso3, year: Number(y), v: {} };
      rec.v[dim] = v;
      acc.set(k, rec);
    }
  }
  const rows: WgiRow[] = [];
  let incomplete = 0;
  for (const rec of acc.values()) {
    if (WGI_DIMS.some((d) => rec.v[d] === undefined)) {
      incomplete++;
      continue;
    }
    const v = rec.v as Record<WgiDim, number>;
    rows.push({
      iso3: rec.iso3,
      year: rec.year,
      VA: v.VA,
      PV: v.PV,
      GE: v.GE,
      RQ: v.RQ,
      RL: v.RL,
      CC: v.CC,
    });
  }
  if (incomplete)
    report.notes.push(
      `${incomplete} study country-year(s) lack one of the six estimates and are left out`,
    );
  rows.sort((a, b) => (a.iso3 < b.iso3 ? -1 : a.iso3 > b.iso3 ? 1 : a.year - b.year));
  assertCoverage(
    t.file,
    rows.map((r) => `${r.iso3}:${r.year}`),
    STUDY_COUNTRIES,
    opts.years ?? PANEL_YEARS,
    "complete set of six WGI estimates",
  );
  report.rowsKept = rows.length;
  return rows;
}

/**
 * Load the six WGI estimates: columns iso3, year, VA, PV, GE, RQ, RL, CC
 * (standard-normal units). Every study country must have all six for the
 * required years (default 2015-2020).
 */
export function loadWgi(opts: WgiParseOptions & { dataDir?: string } = {}): {
  table: aq.ColumnTable;
  report: LoadReport;
} {
  const t = readCsv(WGI_FILE, {
    dataDir: opts.dataDir,
    trailingComma: true,
    required: ["Country Code", "Indicator Code"],
  });
  const report = newReport([WGI_FILE], [t.sha256]);
  const rows = parseWgi(t, report, {
    ...opts,
    registry: opts.registry ?? countries({ dataDir: opts.dataDir }),
  });
  report.notes.push(
    "WGI 2023 update; back years are revised at each update, so values can differ from the paper's vintage",
  );
  report.notes.push(
    "rowsRead counts indicator rows (wide); rowsKept counts country-years with all six estimates",
  );
  return { table: aq.from(rows), report };
}

/** Parse WGI text in memory (tests). */
export function parseWgiText(text: string, file = "wgi.csv", opts: WgiParseOptions = {}): WgiRow[] {
  return parseWgi(parseCsvText(text, file, { trailingComma: true }), newReport([file]), opts);
}
