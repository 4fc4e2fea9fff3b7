/**
 * Hand-coded official stance of the 26 allies on Huawei/ZTE in 5G networks,
 * 2017-2021, as in force on 31 December of each year (see
 * huawei_5g/SOURCES.md for the coding rules and the sources of every event).
 *
 *   stance 0 = no restriction, 1 = partial / conditional / de facto,
 *          2 = formal exclusion
 *   confidence "high" | "medium" | "low"
 *
 * An alternative, directly policy-based outcome; not a variable of the paper.
 */
import * as aq from "arquero";
import { readCsv, parseCsvText, int, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, assertUniqueKeys, assertCoverage, type LoadReport } from "../io/loadReport";
import { countries, ALLIES, type CountryRegistry } from "../countries";

export const HUAWEI_FILE = "huawei_5g/huawei_5g_stance.csv";
export const HUAWEI_YEARS: readonly number[] = [2017, 2018, 2019, 2020, 2021];
export type Confidence = "high" | "medium" | "low";

export interface HuaweiRow {
  iso3: string;
  year: number;
  stance: 0 | 1 | 2;
  confidence: Confidence;
  /** Date of the event that set the code (YYYY, YYYY-MM or YYYY-MM-DD), "" if none. */
  eventDate: string;
}

export function parseHuawei5g(
  t: CsvTable,
  report: LoadReport,
  registry?: CountryRegistry,
): HuaweiRow[] {
  const reg = registry ?? countries();
  for (const c of ["country", "iso3", "year", "stance", "confidence", "event_date"]) t.col(c);
  report.rowsRead += t.rows.length;
  const rows: HuaweiRow[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const at = { row: t.line(i) };
    const iso3 = str(t, i, "iso3");
    if (!(ALLIES as readonly string[]).includes(iso3))
      throw new DataError(t.file, `"${iso3}" is not one of the 26 allies`, {
        ...at,
        column: "iso3",
      });
    let byName: string;
    try {
      byName = reg.iso3OfName(str(t, i, "country"));
    } catch (e) {
      throw new DataError(t.file, (e as Error).message, { ...at, column: "country" });
    }
    if (byName !== iso3)
      throw new DataError(
        t.file,
        `country "${str(t, i, "country")}" is ${byName}, but iso3 says ${iso3}`,
        { ...at, column: "country" },
      );
    const year = int(t, i, "year");
    const stance = int(t, i, "stance");
    if (stance !== 0 && stance !== 1 && stance !== 2)
      throw new DataError(t.file, `stance must be 0, 1 or 2, found ${stance}`, {
        ...at,
        column: "stance",
      });
    const confidence = str(t, i, "confidence");
    if (confidence !== "high" && confidence !== "medium" && confidence !== "low") {
      throw new DataError(t.file, `confidence must be high, medium or low, found "${confidence}"`, {
        ...at,
        column: "confidence",
      });
    }
    const eventDate = str(t, i, "event_date");
    if (eventDate !== "" && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(eventDate))
      throw new DataError(t.file, `bad event_date "${eventDate}"`, { ...at, column: "event_date" });
    rows.push({ iso3, year, stance, confidence, eventDate });
  }
  assertUniqueKeys(
    t.file,
    rows.length,
    (i) => `${rows[i].iso3}:${rows[i].year}`,
    (i) => t.line(i),
  );
  assertCoverage(
    t.file,
    rows.map((r) => `${r.iso3}:${r.year}`),
    ALLIES,
    HUAWEI_YEARS,
    "stance",
  );
  report.rowsKept = rows.length;
  return rows;
}

/** Load the stance panel: columns iso3, year, stance (0/1/2), confidence, eventDate. */
export function loadHuawei5g(opts: { dataDir?: string } = {}): {
  table: aq.ColumnTable;
  report: LoadReport;
} {
  const t = readCsv(HUAWEI_FILE, {
    dataDir: opts.dataDir,
    required: ["country", "iso3", "year", "stance", "confidence"],
  });
  const report = newReport([HUAWEI_FILE], [t.sha256]);
  const rows = parseHuawei5g(t, report, countries({ dataDir: opts.dataDir }));
  report.notes.push(
    "hand-coded stance in force on 31 December; coding rules and sources in huawei_5g/SOURCES.md",
  );
  return { table: aq.from(rows), report };
}

/** Parse stance text in memory (tests). */
export function parseHuawei5gText(text: string, file = "huawei.csv"): HuaweiRow[] {
  return parseHuawei5g(parseCsvText(text, file), newReport([file]));
}
