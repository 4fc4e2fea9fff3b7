/**
 * CEPII GeoDist: bilateral distances (dist_cepii) and capital / main-city
 * coordinates (geo_cepii), restricted to the 28 study countries.
 *
 *   dist     great-circle distance between the most populated cities, km
 *   distcap  great-circle distance between the capitals, km
 *   distw    population-weighted distance between the two countries' main
 *            cities (θ = 1, arithmetic mean), km
 *   distwces the same with θ = −1 (harmonic; CES weights), km
 *
 * dist_cepii.csv is semicolon-separated with CRLF line ends and "." for a
 * missing value; distances are time-invariant. geo_cepii.csv codes Romania
 * as ROM (fixed here to ROU) and gives Wellington's latitude as -44.28333.
 * Wellington lies at 41°17′ S, 174°47′ E; the longitude CEPII gives
 * (174.7833 = 174°47′) is right and -41.28333 is exactly 41°17′, so the
 * latitude is a one-digit typo (44 for 41). loadGeoCepii uses -41.28333 and
 * flags the row (`latCorrected`). Note that CEPII computed its own NZL
 * distances with the wrong latitude (distcap AUS-NZL = 2,397.5 km is the
 * Canberra to (-44.28, 174.78) distance; with the true latitude it is about
 * 2,326 km); loadGeoDist keeps CEPII's published distances unchanged, as the
 * paper used them, and says so in its report.
 * Mayer & Zignago (2011), CEPII Working Paper 2011-25.
 */
import * as aq from "arquero";
import { readCsv, parseCsvText, num, numReq, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, drop, assertUniqueKeys, type LoadReport } from "../io/loadReport";
import { countries, STUDY_COUNTRIES, type CountryRegistry } from "../countries";
import { studyCountryOfCode } from "./wdi";

export const DIST_FILE = "geodist/dist_cepii.csv";
export const GEO_FILE = "geodist/geo_cepii.csv";
export const DIST_MEASURES = ["dist", "distcap", "distw", "distwces"] as const;
export type DistMeasure = (typeof DIST_MEASURES)[number];
const DIST_COLUMNS = ["iso_o", "iso_d", ...DIST_MEASURES];

/** Wellington's latitude as printed by CEPII, and the value used here (41°17′ S). */
export const WELLINGTON_LAT_CEPII = -44.28333;
export const WELLINGTON_LAT_FIXED = -41.28333;

export interface DistRow {
  iso_o: string;
  iso_d: string;
  dist: number;
  distcap: number;
  distw: number;
  distwces: number;
}

export function parseGeoDist(
  t: CsvTable,
  report: LoadReport,
  registry?: CountryRegistry,
): DistRow[] {
  const reg = registry ?? countries();
  for (const c of DIST_COLUMNS) t.col(c);
  report.rowsRead += t.rows.length;
  const rows: DistRow[] = [];
  const lineOf: number[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    const o = studyCountryOfCode(reg, t, i, "iso_o");
    const d = studyCountryOfCode(reg, t, i, "iso_d");
    if (!o || !d) {
      drop(report, "not a study country");
      continue;
    }
    const v: Record<string, number> = {};
    for (const col of DIST_MEASURES) {
      const x = num(t, i, col, { na: ["."] });
      if (x === null)
        throw new DataError(t.file, "missing distance for a pair of study countries", {
          row: t.line(i),
          column: col,
        });
      v[col] = x;
    }
    rows.push({
      iso_o: o.iso3,
      iso_d: d.iso3,
      dist: v.dist,
      distcap: v.distcap,
      distw: v.distw,
      distwces: v.distwces,
    });
    lineOf.push(t.line(i));
  }
  assertUniqueKeys(
    t.file,
    rows.length,
    (i) => `${rows[i].iso_o}-${rows[i].iso_d}`,
    (i) => lineOf[i],
  );
  const have = new Set(rows.map((r) => `${r.iso_o}-${r.iso_d}`));
  const missing = STUDY_COUNTRIES.flatMap((o) => STUDY_COUNTRIES.map((d) => `${o}-${d}`)).filter(
    (k) => !have.has(k),
  );
  if (missing.length)
    throw new DataError(
      t.file,
      `missing ${missing.length} study pair(s): ${missing.slice(0, 10).join(", ")}`,
    );
  report.rowsKept = rows.length;
  return rows;
}

/**
 * Load distances for all ordered pairs of study countries (28 x 28, including
 * a country with itself): columns iso_o, iso_d, dist, distcap, distw,
 * distwces (km).
 */
export function loadGeoDist(opts: { dataDir?: string } = {}): {
  table: aq.ColumnTable;
  report: LoadReport;
} {
  const t = readCsv(DIST_FILE, { dataDir: opts.dataDir, delimiter: ";", required: DIST_COLUMNS });
  const report = newReport([DIST_FILE], [t.sha256]);
  const rows = parseGeoDist(t, report, countries({ dataDir: opts.dataDir }));
  report.notes.push(
    "CEPII's NZL distances were computed with Wellington at -44.28 (a typo for -41.28); kept as published",
  );
  return { table: aq.from(rows), report };
}

export interface GeoRow {
  iso3: string;
  city: string;
  lat: number;
  lon: number;
  /** The row is the capital. */
  cap: boolean;
  /** The row is the most populated city. */
  maincity: boolean;
  /** Latitude replaced (Wellington, see module doc). */
  latCorrected: boolean;
}

export function parseGeoCepii(
  t: CsvTable,
  report: LoadReport,
  registry?: CountryRegistry,
): GeoRow[] {
  const reg = registry ?? countries();
  for (const c of ["iso3", "city_en", "lat", "lon", "cap", "maincity"]) t.col(c);
  report.rowsRead += t.rows.length;
  const rows: GeoRow[] = [];
  const lineOf: number[] = [];
  for (let i = 0; i < t.rows.length; i++) {
    let code = str(t, i, "iso3");
    if (code === "ROM") {
      code = "ROU";
      report.notes.push(`row ${t.line(i)}: Romania coded ROM, read as ROU`);
    }
    if (!/^[A-Z]{3}$/.test(code))
      throw new DataError(t.file, `unknown country code "${code}"`, {
        row: t.line(i),
        column: "iso3",
      });
    const c = reg.tryCode("iso3", code);
    if (!c) {
      drop(report, "not a study country");
      continue;
    }
    let lat = numReq(t, i, "lat");
    const lon = numReq(t, i, "lon");
    const city = str(t, i, "city_en");
    const flag = (col: string): boolean => {
      const v = num(t, i, col);
      if (v !== 0 && v !== 1)
        throw new DataError(t.file, `expected 0 or 1, found "${str(t, i, col)}"`, {
          row: t.line(i),
          column: col,
        });
      return v === 1;
    };
    let latCorrected = false;
    if (c.iso3 === "NZL" && city === "Wellington" && lat === WELLINGTON_LAT_CEPII) {
      lat = WELLINGTON_LAT_FIXED;
      latCorrected = true;
      report.notes.push(
        `row ${t.line(i)}: Wellington latitude ${WELLINGTON_LAT_CEPII} corrected to ${WELLINGTON_LAT_FIXED} (41°17′ S)`,
      );
    }
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180)
      throw new DataError(t.file, `coordinates out of range (${lat}, ${lon})`, {
        row: t.line(i),
        column: "lat",
      });
    rows.push({
      iso3: c.iso3,
      city,
      lat,
      lon,
      cap: flag("cap"),
      maincity: flag("maincity"),
      latCorrected,
    });
    lineOf.push(t.line(i));
  }
  assertUniqueKeys(
    t.file,
    rows.length,
    (i) => `${rows[i].iso3}:${rows[i].city}`,
    (i) => lineOf[i],
  );
  for (const iso of STUDY_COUNTRIES) {
    if (!rows.some((r) => r.iso3 === iso && r.cap))
      throw new DataError(t.file, `no capital row for ${iso}`);
  }
  report.rowsKept = rows.length;
  return rows;
}

/**
 * Load capital and main-city coordinates of the study countries: columns
 * iso3, city, lat, lon (decimal degrees), cap, maincity, latCorrected.
 */
export function loadGeoCepii(opts: { dataDir?: string } = {}): {
  table: aq.ColumnTable;
  report: LoadReport;
} {
  const t = readCsv(GEO_FILE, {
    dataDir: opts.dataDir,
    required: ["iso3", "city_en", "lat", "lon", "cap", "maincity"],
  });
  const report = newReport([GEO_FILE], [t.sha256]);
  const rows = parseGeoCepii(t, report, countries({ dataDir: opts.dataDir }));
  return { table: aq.from(rows), report };
}

/** Parse semicolon-separated dist_cepii text in memory (tests). */
export function parseGeoDistText(text: string, file = "dist.csv"): DistRow[] {
  return parseGeoDist(parseCsvText(text, file, { delimiter: ";" }), newReport([file]));
}
/** Parse geo_cepii text in memory (tests). */
export function parseGeoCepiiText(
  text: string,
  file = "geo.csv",
): { rows: GeoRow[]; report: LoadReport } {
  const report = newReport([file]);
  return { rows: parseGeoCepii(parseCsvText(text, file), report), report };
}
