/**
 * Heritage Foundation Index of Economic Freedom, editions 2014-2022: the
 * overall score (0-100) per country and edition, mapped to panel years.
 *
 *   mapping "edition":   panel year = edition year Y
 *   mapping "data-year": panel year = Y - 1 (edition Y mostly reflects data
 *                        from the second half of Y-2 to the first half of Y-1)
 *
 * One legacy .xls per edition, header in row 1, overall score in the column
 * "YYYY Score", missing = "N/A". The 2014, 2015 and 2017 files store scores
 * unrounded (Heritage prints one decimal); they are kept as stored.
 * The Heritage Foundation (2014-2022), Index of Economic Freedom.
 */
import * as aq from "arquero";
import {
  readWorkbook,
  sheetRows,
  cellNum,
  colLetter,
  type Cell,
  type Workbook,
} from "../io/spreadsheet";
import { DataError } from "../io/dataError";
import { newReport, drop, assertCoverage, type LoadReport } from "../io/loadReport";
import { countries, STUDY_COUNTRIES, type CountryRegistry } from "../countries";
import { PANEL_YEARS } from "../study";

export const EFI_EDITIONS: readonly number[] = [
  2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022,
];
export const efiFile = (edition: number): string => `efi/index${edition}_data.xls`;

/**
 * Heritage names that countrycode's regexes do not resolve, with their ISO3.
 * Only non-study countries; any other unresolved name is an error.
 */
export const EFI_NAME_ALIASES: Partial<Record<string, string>> = { Micronesia: "FSM" };

export type EfiMapping = "edition" | "data-year";

export interface EfiRow {
  iso3: string;
  year: number;
  edition: number;
  score: number;
}

/** Parse one edition's sheet rows (row 1 = header). Returns study-country rows. */
export function parseEfiSheet(
  rows: Cell[][],
  file: string,
  edition: number,
  report: LoadReport,
  registry?: CountryRegistry,
): EfiRow[] {
  const reg = registry ?? countries();
  const header = (rows[0] ?? []).map((h) => (h === null ? "" : String(h).trim()));
  const scoreCol = `${edition} Score`;
  const jName = header.indexOf("Country Name");
  const jScore = header.indexOf(scoreCol);
  if (jName < 0)
    throw new DataError(file, `missing required column "Country Name"`, {
      row: 1,
      column: "Country Name",
    });
  if (jScore < 0)
    throw new DataError(file, `missing required column "${scoreCol}"`, {
      row: 1,
      column: scoreCol,
    });
  const out: EfiRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < rows.length; i++) {
    // a spreadsheet row may be shorter than the header: a cell past its end is undefined
    const r: readonly (Cell | undefined)[] = rows[i] ?? [];
    if (r.every((c) => c === null || String(c).trim() === "")) continue; // empty spreadsheet rows are not data
    report.rowsRead++;
    const name = r[jName];
    if (typeof name !== "string" || name.trim() === "") {
      // A stray cell outside the table (2015 edition, V193) is not a data row; a score without a name is an error.
      if (r[jScore] === null || r[jScore] === undefined) {
        drop(report, "no country name (stray cells)");
        continue;
      }
      throw new DataError(file, "score without a country name", {
        row: i + 1,
        column: "Country Name",
      });
    }
    const alias = EFI_NAME_ALIASES[name.trim()];
    let iso3: string;
    try {
      iso3 = alias ?? reg.iso3OfName(name);
    } catch (e) {
      throw new DataError(file, (e as Error).message, { row: i + 1, column: "Country Name" });
    }
    if (!reg.has(iso3)) {
      drop(report, "not a study country");
      continue;
    }
    const prev = seen.get(iso3);
    if (prev !== undefined)
      throw new DataError(file, `duplicate key (${iso3}, edition ${edition}) also on row ${prev}`, {
        row: i + 1,
      });
    seen.set(iso3, i + 1);
    const score = cellNum(
      r[jScore] ?? null,
      { file, row: i + 1, column: `${scoreCol} (${colLetter(jScore)})` },
      { na: ["N/A"] },
    );
    if (score === null) {
      drop(report, "score N/A");
      continue;
    }
    if (score < 0 || score > 100)
      throw new DataError(file, `score ${score} outside 0-100`, { row: i + 1, column: scoreCol });
    out.push({ iso3, year: edition, edition, score });
  }
  return out;
}

/** Parse a workbook already in memory (tests build one with XLSX.write). */
export function parseEfiWorkbook(
  book: Workbook,
  edition: number,
  report: LoadReport,
  registry?: CountryRegistry,
): EfiRow[] {
  return parseEfiSheet(sheetRows(book), book.file, edition, report, registry);
}

export interface LoadEfiOptions {
  dataDir?: string;
  /** How editions map to panel years (see module doc). Default "edition". */
  mapping?: EfiMapping;
  /** Editions to read (default 2014-2022). */
  editions?: readonly number[];
  /** Panel years every study country must cover (default 2015-2020). */
  years?: readonly number[];
}

/**
 * Load the EFI overall scores: columns iso3, year (panel year under the
 * chosen mapping), edition, score (0-100).
 */
export function loadEfi(opts: LoadEfiOptions = {}): { table: aq.ColumnTable; report: LoadReport } {
  // a string, not EfiMapping: the CLI and notebooks may pass any text, checked here
  const mapping: string = opts.mapping ?? "edition";
  if (mapping !== "edition" && mapping !== "data-year")
    throw new Error(`unknown EFI mapping "${mapping}" (edition | data-year)`);
  const editions = opts.editions ?? EFI_EDITIONS;
  const reg = countries({ dataDir: opts.dataDir });
  const report = newReport();
  const rows: EfiRow[] = [];
  for (const ed of editions) {
    const book = readWorkbook(efiFile(ed), { dataDir: opts.dataDir });
    report.files.push(book.file);
    report.sha256.push(book.sha256);
    for (const r of parseEfiWorkbook(book, ed, report, reg))
      rows.push({ ...r, year: mapping === "edition" ? ed : ed - 1 });
  }
  const files = report.files.join(", ");
  assertCoverage(
    files,
    rows.map((r) => `${r.iso3}:${r.year}`),
    STUDY_COUNTRIES,
    opts.years ?? PANEL_YEARS,
    `EFI score (mapping "${mapping}")`,
  );
  report.rowsKept = rows.length;
  report.notes.push(
    mapping === "edition"
      ? "panel year = edition year (edition Y mostly reflects data of Y-1; use mapping 'data-year' to shift)"
      : "panel year = edition year - 1 (edition Y mostly reflects data of Y-1)",
  );
  report.notes.push(
    "scores of the 2014, 2015 and 2017 editions are stored unrounded and kept as stored",
  );
  return { table: aq.from(rows), report };
}
