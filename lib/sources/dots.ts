/**
 * IMF Direction of Trade Statistics: China's and the United States' monthly
 * merchandise trade with each partner, summed to calendar years.
 *
 *   exports = reporter's exports (FOB) to the partner, US$ millions
 *   imports = reporter's imports (CIF) from the partner, US$ millions
 *   total   = exports + imports
 *
 * Each workbook (one per reporter) has a sheet "Exports, FOB" and a sheet
 * "Imports, CIF": six title rows (reporter name in B4, unit in B5), month
 * labels "YYYYMmm" in row 7 from column C, partner names in column B from row
 * 8, then area aggregates. Cells are numbers or text with a thousands comma
 * and a revision flag ("3,384.77 r"); the flag is stripped and counted.
 * An annual value is the sum of 12 months; a year with any month missing is
 * refused (an error for the years the study needs, otherwise left out and
 * counted). This is total merchandise trade as reported by China / the US,
 * not ICT goods. Partners are kept if they are study countries (allies, plus
 * China in the US file and the US in the China file).
 * International Monetary Fund, Direction of Trade Statistics (retrieved 2024-07-16).
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
import { countries, ALLIES, type CountryRegistry } from "../countries";
import { PANEL_YEARS } from "../study";

export type DotsReporter = "CHN" | "USA";

export const DOTS_FILES: Record<DotsReporter, { file: string; name: string }> = {
  CHN: { file: "imf_dots/Exports_and_Imports_China.xlsx", name: "China, P.R.: Mainland" },
  USA: { file: "imf_dots/Exports_and_Imports_US.xlsx", name: "United States" },
};
export const DOTS_SHEETS = { exports: "Exports, FOB", imports: "Imports, CIF" } as const;
export const DOTS_UNIT = "US Dollars, Millions";

/** Row labels of IMF area aggregates and memo groups (dropped, counted). */
export const DOTS_AGGREGATES: readonly string[] = [
  "World",
  "Advanced Economies",
  "Euro Area",
  "European Union",
  "Emerging and Developing Economies",
  "Emerging and Developing Asia",
  "Emerging and Developing Europe",
  "Middle East and Central Asia",
  "Sub-Saharan Africa",
  "Western Hemisphere",
  "Africa",
  "Middle East",
  "Memorandum Items",
  "Special Categories",
  "Asia not specified",
  "Europe not specified",
  "Africa not specified",
  "Western Hemisphere not specified",
  "Other Countries not included elsewhere",
  "Countries & Areas not specified",
  "Emerging Market and Developing Economies by Source of Export Earnings: Fuel",
  "Emerging Market and Developing Economies by Source of Export Earnings: Nonfuel",
];
/** IMF names countrycode's regexes do not resolve (none is a study country). */
export const DOTS_NAME_ALIASES: Record<string, string> = {
  "Aruba, Kingdom of the Netherlands": "ABW",
  "Curaçao, Kingdom of the Netherlands": "CUW",
  "Sint Maarten, Kingdom of the Netherlands": "SXM",
};

/** Annual sums of one sheet: partner iso3 -> year -> sum (null = a month missing). */
export type SheetSums = Map<string, Map<number, number | null>>;

/** Check a sheet's title rows: the reporter's name in B4 and the unit in B5. */
function checkDotsTitle(rows: Cell[][], where: string, reporterName: string): void {
  const b = (r: number): string => String(rows[r - 1]?.[1] ?? "").trim();
  if (b(4) !== reporterName)
    throw new DataError(where, `reporter in B4 is "${b(4)}", expected "${reporterName}"`, {
      row: 4,
      column: "B",
    });
  if (b(5) !== DOTS_UNIT)
    throw new DataError(where, `unit in B5 is "${b(5)}", expected "${DOTS_UNIT}"`, {
      row: 5,
      column: "B",
    });
}

/** The month columns of a sheet's row 7 (labels YYYYMmm from column C on), with their years. */
function dotsMonths(head: Cell[], where: string): { j: number; year: number }[] {
  const months: { j: number; year: number }[] = [];
  for (let j = 2; j < head.length; j++) {
    const h = head[j];
    if (h === null) continue;
    const m = /^(\d{4})M(0[1-9]|1[0-2])$/.exec(String(h).trim());
    if (!m)
      throw new DataError(where, `month label "${h}" is not YYYYMmm`, {
        row: 7,
        column: colLetter(j),
      });
    months.push({ j, year: Number(m[1]) });
  }
  if (months.length === 0) throw new DataError(where, "no month labels in row 7", { row: 7 });
  return months;
}

/**
 * One partner's row (0-based i) summed by year: null for a year with a month
 * missing or fewer than 12 month columns; `flagged` counts revision flags.
 */
function partnerYearSums(
  r: readonly (Cell | undefined)[],
  i: number,
  months: { j: number; year: number }[],
  perYear: Map<number, number>,
  head: Cell[],
  where: string,
): { byYear: Map<number, number | null>; flagged: number } {
  let flagged = 0;
  const byYear = new Map<number, number | null>();
  for (const { j, year } of months) {
    const c = r[j] ?? null;
    if (typeof c === "string" && /\s*r$/.test(c.trim())) flagged++;
    const v = cellNum(
      c,
      { file: where, row: i + 1, column: `${colLetter(j)} (${String(head[j])})` },
      { flags: "r" },
    );
    if (!byYear.has(year)) byYear.set(year, 0);
    if (v === null) {
      byYear.set(year, null);
      continue;
    }
    const cur = byYear.get(year);
    if (cur !== null && cur !== undefined) byYear.set(year, cur + v);
  }
  for (const [year, n] of perYear) if (n !== 12) byYear.set(year, null); // a year with fewer than 12 month columns
  return { byYear, flagged };
}

/**
 * Parse one sheet: check the title rows, then sum each study partner's months
 * by year. `flagged` counts cells that carried a revision flag.
 */
export function parseDotsSheet(
  rows: Cell[][],
  file: string,
  sheet: string,
  reporterName: string,
  report: LoadReport,
  registry?: CountryRegistry,
): { sums: SheetSums; flagged: number } {
  const reg = registry ?? countries();
  const where = `${file} [${sheet}]`;
  checkDotsTitle(rows, where, reporterName);
  const head = rows[6] ?? [];
  const months = dotsMonths(head, where);
  const perYear = new Map<number, number>();
  for (const m of months) perYear.set(m.year, (perYear.get(m.year) ?? 0) + 1);

  const sums: SheetSums = new Map();
  const firstRow = new Map<string, { row: number; cells: string }>();
  let flagged = 0;
  for (let i = 7; i < rows.length; i++) {
    // a spreadsheet row may be shorter than the header: a cell past its end is undefined
    const r: readonly (Cell | undefined)[] = rows[i] ?? [];
    const rawName = r[1];
    if (rawName === null || rawName === undefined || String(rawName).trim() === "") {
      if (r.some((c) => c !== null))
        throw new DataError(where, "values without a partner name", { row: i + 1, column: "B" });
      continue;
    }
    report.rowsRead++;
    const name = String(rawName).trim();
    if (DOTS_AGGREGATES.includes(name)) {
      drop(report, "area aggregate");
      continue;
    }
    let iso3: string;
    try {
      iso3 = DOTS_NAME_ALIASES[name] ?? reg.iso3OfName(name);
    } catch (e) {
      throw new DataError(where, (e as Error).message, { row: i + 1, column: "B" });
    }
    if (!reg.has(iso3)) {
      drop(report, "not a study country");
      continue;
    }
    const cells = JSON.stringify(r.slice(2));
    const prev = firstRow.get(iso3);
    if (prev) {
      if (prev.cells !== cells)
        throw new DataError(
          where,
          `duplicate partner ${iso3} with different values (also row ${prev.row})`,
          { row: i + 1, column: "B" },
        );
      drop(report, "duplicate partner row (identical values)");
      continue;
    }
    firstRow.set(iso3, { row: i + 1, cells });
    const part = partnerYearSums(r, i, months, perYear, head, where);
    flagged += part.flagged;
    sums.set(iso3, part.byYear);
  }
  return { sums, flagged };
}

export interface DotsRow {
  /** Partner (an ally, or CHN/USA as the other great power). */
  iso3: string;
  year: number;
  reporter: DotsReporter;
  exports: number;
  imports: number;
  total: number;
}

/** Combine the two sheets of one reporter's workbook into annual rows. */
export function parseDotsWorkbook(
  book: Workbook,
  reporter: DotsReporter,
  report: LoadReport,
  opts: { years?: readonly number[]; registry?: CountryRegistry } = {},
): DotsRow[] {
  const name = DOTS_FILES[reporter].name;
  const ex = parseDotsSheet(
    sheetRows(book, DOTS_SHEETS.exports),
    book.file,
    DOTS_SHEETS.exports,
    name,
    report,
    opts.registry,
  );
  const im = parseDotsSheet(
    sheetRows(book, DOTS_SHEETS.imports),
    book.file,
    DOTS_SHEETS.imports,
    name,
    report,
    opts.registry,
  );
  if (ex.flagged + im.flagged)
    report.notes.push(
      `${book.file}: ${ex.flagged + im.flagged} cell(s) carried a revision flag "r" (stripped)`,
    );
  const out: DotsRow[] = [];
  const years = opts.years ?? PANEL_YEARS;
  const refused = new Set<string>();
  let incomplete = 0;
  for (const [iso3, exYears] of ex.sums) {
    const imYears = im.sums.get(iso3);
    if (!imYears)
      throw new DataError(
        book.file,
        `partner ${iso3} is in "${DOTS_SHEETS.exports}" but not in "${DOTS_SHEETS.imports}"`,
      );
    const allYears = new Set([...exYears.keys(), ...imYears.keys()]);
    for (const year of [...allYears].sort((a, b) => a - b)) {
      const e = exYears.get(year);
      const m = imYears.get(year);
      if (e === null || e === undefined || m === null || m === undefined) {
        if ((ALLIES as readonly string[]).includes(iso3) && years.includes(year))
          refused.add(`${iso3} ${year}`);
        incomplete++;
        continue;
      }
      out.push({ iso3, year, reporter, exports: e, imports: m, total: e + m });
    }
  }
  for (const iso3 of im.sums.keys()) {
    if (!ex.sums.has(iso3))
      throw new DataError(
        book.file,
        `partner ${iso3} is in "${DOTS_SHEETS.imports}" but not in "${DOTS_SHEETS.exports}"`,
      );
  }
  if (refused.size)
    throw new DataError(
      book.file,
      `a month is missing for required ally-year(s): ${[...refused].slice(0, 20).join(", ")}`,
    );
  if (incomplete)
    report.notes.push(
      `${book.file}: ${incomplete} partner-year(s) left out because a month is missing in one of the sheets`,
    );
  assertCoverage(
    book.file,
    out.map((r) => `${r.iso3}:${r.year}`),
    ALLIES,
    years,
    "annual trade",
  );
  return out;
}

/**
 * Load DOTS annual trade of China and the US with the study countries:
 * columns iso3 (partner), year, reporter ("CHN" | "USA"), exports, imports,
 * total (US$ millions, sums of 12 months, as reported by `reporter`).
 */
export function loadDots(
  opts: {
    dataDir?: string;
    years?: readonly number[];
    reporters?: readonly DotsReporter[];
    /** "sheetjs": parse the workbooks with SheetJS alone (lib/io/spreadsheet.ts; tests compare). */
    reader?: "sheetjs";
  } = {},
): {
  table: aq.ColumnTable;
  report: LoadReport;
} {
  const registry = countries({ dataDir: opts.dataDir });
  const report = newReport();
  const rows: DotsRow[] = [];
  for (const rep of opts.reporters ?? (["CHN", "USA"] as const)) {
    const book = readWorkbook(DOTS_FILES[rep].file, {
      dataDir: opts.dataDir,
      reader: opts.reader,
    });
    report.files.push(book.file);
    report.sha256.push(book.sha256);
    rows.push(...parseDotsWorkbook(book, rep, report, { years: opts.years, registry }));
  }
  report.rowsKept = rows.length;
  report.notes.push(
    "total merchandise trade (not ICT goods), US$ millions, as reported by China / the US; rowsRead counts partner rows of all sheets",
  );
  return { table: aq.from(rows), report };
}
