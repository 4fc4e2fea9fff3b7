/**
 * `alliance gdelt aggregate`: Eq. 1 per ally-year from the output of
 * `alliance gdelt fetch`, or from the CSV that the BigQuery route exports.
 *
 * From a fetch folder, the event set of a range A..B is the one defined in
 * lib/gdelt/range.ts (the same as the BigQuery SQL): the daily files of the
 * days A..B (DATEADDED), events whose Year is in year(A)..year(B), one copy
 * per GLOBALEVENTID. The range is `--from/--to`, or else the span of the
 * fetches into DIR (DIR/fetch.json). Every day of the range must have an intact checkpoint
 * (its events file matches the recorded SHA-256): a missing or failed day is
 * an error naming the days, unless `allowPartial`, and then the output says
 * so in its rows (days_complete < days_in_range) and in the report. A range
 * with no complete day is always an error. Each event is re-filtered with the
 * same filter as the fetch (lib/measures/policyScore.ts) under the rule asked
 * for, which must be no wider than the rule the days were fetched with.
 *
 * Duplicates: when a GLOBALEVENTID occurs more than once among the selected
 * events, the copy kept is the first in the order (DATEADDED, SQLDATE,
 * Actor1Geo_CountryCode, GoldsteinScale, NumMentions); the SQL orders its
 * ROW_NUMBER() the same way, so both routes keep the same copy.
 *
 * Output columns (policy_gdelt.csv): iso3, year, n_events, mean_goldstein
 * (Goldstein -10..10), mean_mentions (mentions per event), policy (R of
 * Eq. 1); from a fetch folder also days_in_range and days_complete (daily
 * files of that year in the range, and how many of them were complete).
 * The file is plain CSV; its notes (coverage, partial days, rows dropped) and
 * provenance go to the CSV on the Web sidecar policy_gdelt.csv-metadata.json
 * ({@link writePolicyCsv}, lib/io/csvw.ts), which {@link readPolicyCsv} reads
 * back when it is there.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as aq from "arquero";
import { readCheckpoint, readRunRecord, dirs, type Checkpoint } from "./checkpoint";
import { parseGdeltText } from "../sources/gdelt";
import { parseCsvBytes, num, int, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, drop, assertUniqueKeys, type LoadReport } from "../io/loadReport";
import {
  makeEventFilter,
  selectionCovers,
  PolicyAccumulator,
  policyTable,
  policyR,
  POLICY_COLUMNS,
  type KeywordRule,
  type PolicyRow,
} from "../measures/policyScore";
import { ALLIES } from "../countries";
import { defined } from "../lookup";
import { formatCsv } from "../io/csvWrite";
import { metadataPath, writeCsvWithMetadata, type CsvColumnMeta } from "../io/csvw";
import type { DataRootOptions } from "../io/dataRoot";
import { dayRange, isoDay, yearProblem, yearsOf } from "./range";

export interface AggregateOptions extends DataRootOptions {
  rule?: KeywordRule;
  /** The range (YYYY-MM-DD); default: the span of the fetches into the folder (DIR/fetch.json). Give both or neither. */
  from?: string;
  to?: string;
  /** Accept missing or failed days (the output says so); default false. */
  allowPartial?: boolean;
}

/** Daily files per year of the range: how many, and how many were complete. */
export interface YearCoverage {
  days_in_range: number;
  days_complete: number;
}
export const COVERAGE_COLUMNS = ["days_in_range", "days_complete"] as const;

export interface Coverage {
  from: string;
  to: string;
  days: number;
  complete: number;
  /** Days of the range without a complete file, with the reason. */
  missing: { day: string; why: string }[];
  byYear: Record<number, YearCoverage>;
}

export interface PolicyResult {
  rows: PolicyRow[];
  table: aq.ColumnTable;
  report: LoadReport;
  /** The range and its missing days (fetch folders only). */
  coverage?: Coverage;
  /** Daily files per year (fetch folders, or a CSV with the coverage columns). */
  byYear?: Record<number, YearCoverage>;
  /** True when some day of the range is missing (only with allowPartial). */
  partial: boolean;
}

/** Reason for events dated outside the years of the range. */
export const OUTSIDE_YEARS = "event year (SQLDATE) outside the years of the range";
export const DUPLICATE = "duplicate GLOBALEVENTID";

const listDays = (xs: readonly { day: string; why: string }[], n = 10) =>
  xs
    .slice(0, n)
    .map((m) => `${m.day} (${m.why})`)
    .join(", ") + (xs.length > n ? `, and ${xs.length - n} more` : "");

/** Which range to aggregate, and where that choice came from. */
function rangeOf(dir: string, o: AggregateOptions): { from: string; to: string; source: string } {
  if ((o.from === undefined) !== (o.to === undefined))
    throw new Error("give both --from and --to, or neither");
  if (o.from !== undefined && o.to !== undefined)
    return { from: o.from, to: o.to, source: "--from/--to" };
  const rec = readRunRecord(dir);
  if (rec)
    return {
      from: rec.from,
      to: rec.to,
      source: `the fetches into this folder (${path.join(dir, "fetch.json")})`,
    };
  const d = dirs(dir).checkpoints;
  const days = fs.existsSync(d)
    ? fs
        .readdirSync(d)
        .filter((f) => /^\d{8}\.json$/.test(f))
        .map((f) => f.slice(0, 8))
        .sort()
    : [];
  if (!days.length)
    throw new DataError(
      dir,
      "no complete day: no checkpoints/ and no fetch.json here; is this the output folder of `alliance gdelt fetch`?",
    );
  return {
    from: isoDay(days[0]),
    to: isoDay(days[days.length - 1]),
    source: "the first and last checkpoint (no fetch.json; give --from/--to to be explicit)",
  };
}

/** Eq. 1 per ally-year from a fetch output folder (see module doc). */
export function aggregateFetched(dir: string, o: AggregateOptions = {}): PolicyResult {
  const rule = o.rule ?? "substring";
  const { from, to, source } = rangeOf(dir, o);
  const days = dayRange(from, to);
  const years = yearsOf(from, to);
  const { cps, missing } = completeDays(dir, days);
  const span = `${from}..${to} (range from ${source})`;
  if (!cps.length)
    throw new DataError(
      dir,
      `no complete day in ${span}: ${listDays(missing, 5)}; run \`alliance gdelt fetch\` for this range first`,
    );
  if (missing.length && !o.allowPartial) {
    throw new DataError(
      dir,
      `${missing.length} of ${days.length} days of ${span} are missing or failed: ${listDays(missing)}; run \`alliance gdelt fetch\` again for them, or pass --allow-partial to aggregate the ${cps.length} complete days (the output then says so)`,
    );
  }
  const report = newReport();
  const kept = keptEvents(dir, cps, { rule, years, dataDir: o.dataDir }, report);
  const acc = new PolicyAccumulator();
  for (const k of kept.values()) acc.add(k.iso3, k.year, k.g, k.m);
  report.rowsKept = kept.size;
  const byYear: Record<number, YearCoverage> = {};
  for (const d of days) {
    const c = (byYear[Number(d.slice(0, 4))] ??= { days_in_range: 0, days_complete: 0 });
    c.days_in_range++;
  }
  for (const cp of cps) byYear[Number(cp.day.slice(0, 4))].days_complete++;
  report.notes.push(
    `${cps.length} of ${days.length} days complete in ${span}; events of ${years.first}..${years.last}; keyword rule "${rule}"`,
  );
  if (missing.length) {
    report.notes.push(
      `PARTIAL (--allow-partial): ${missing.length} of ${days.length} days missing or failed: ${listDays(missing)}; each row gives days_complete of days_in_range for its year`,
    );
  }
  noteIgnoredFiles(dir, days, cps, `${from}..${to}`, report);
  const rows = acc.rows();
  const coverage: Coverage = { from, to, days: days.length, complete: cps.length, missing, byYear };
  return { rows, table: policyTable(rows), report, coverage, byYear, partial: missing.length > 0 };
}

/** The days of the range with an intact checkpoint, and the others with why (failed, rejected, not fetched). */
function completeDays(dir: string, days: readonly string[]) {
  const failures = readRunRecord(dir)?.failures ?? {};
  const cps: Checkpoint[] = [];
  const missing: { day: string; why: string }[] = [];
  for (const day of days) {
    let why: string | undefined;
    const cp = readCheckpoint(dir, day, (m) => (why = m));
    if (cp) cps.push(cp);
    else
      missing.push({
        day,
        why: failures[day] ? `failed: ${failures[day]}` : (why ?? "not fetched"),
      });
  }
  return { cps, missing };
}

/** The kept copy of an event (GLOBALEVENTID), with what picks it among duplicates. */
interface KeptEvent {
  day: string;
  sqldate: number;
  a1: string;
  g: number;
  m: number;
  iso3: string;
  year: number;
}

/** Is `a` chosen over `b`: by (day, SQLDATE, Actor1Geo_CountryCode, GoldsteinScale, NumMentions)? */
const keptBefore = (a: KeptEvent, b: KeptEvent) =>
  a.day !== b.day
    ? a.day < b.day
    : a.sqldate !== b.sqldate
      ? a.sqldate < b.sqldate
      : a.a1 !== b.a1
        ? a.a1 < b.a1
        : a.g !== b.g
          ? a.g < b.g
          : a.m < b.m;

/**
 * Read each complete day's events file (SHA-256 checked) and keep the events
 * the rule selects in the years of the range, one copy per GLOBALEVENTID;
 * every row not kept is counted in `report` by reason.
 */
function keptEvents(
  dir: string,
  cps: readonly Checkpoint[],
  sel: { rule: KeywordRule; years: { first: number; last: number }; dataDir?: string },
  report: LoadReport,
): Map<number, KeptEvent> {
  const { rule, years } = sel;
  const filter = makeEventFilter({ rule, dataDir: sel.dataDir });
  const kept = new Map<number, KeptEvent>();
  for (const cp of cps) {
    if (!selectionCovers(cp, { rule, allDyads: false })) {
      throw new DataError(
        path.join(dir, cp.events),
        `fetched with the ${cp.allDyads ? "all-dyads" : `"${cp.rule}"`} selection, which is narrower than the "${rule}" rule asked for; fetch again with --keywords ${rule}`,
      );
    }
    const file = path.join(dir, cp.events);
    const parsed = parseGdeltText(
      fs.readFileSync(file, "utf8"),
      file,
      { strict: true },
      cp.eventsSha256,
    );
    if (parsed.layout.name !== "compact")
      throw new DataError(file, `expected the compact layout, found ${parsed.layout.name}`);
    report.files.push(cp.events);
    report.sha256.push(cp.eventsSha256);
    for (const e of parsed.events) {
      report.rowsRead++;
      if (!filter.keep(e)) {
        drop(report, `not selected by the "${rule}" rule`);
        continue;
      }
      if (e.year < years.first || e.year > years.last) {
        drop(report, OUTSIDE_YEARS);
        continue;
      }
      const iso3 = defined(filter.allyOf(e), `the ally of selected event ${e.GLOBALEVENTID}`);
      const k: KeptEvent = {
        day: cp.day,
        sqldate: e.SQLDATE,
        a1: e.Actor1Geo_CountryCode,
        g: e.GoldsteinScale,
        m: e.NumMentions,
        iso3,
        year: e.year,
      };
      const prev = kept.get(e.GLOBALEVENTID);
      if (prev) drop(report, DUPLICATE);
      if (!prev || keptBefore(k, prev)) kept.set(e.GLOBALEVENTID, k);
    }
  }
  return kept;
}

/** Notes on the checkpoints outside the range and the events files without an intact checkpoint. */
function noteIgnoredFiles(
  dir: string,
  days: readonly string[],
  cps: readonly Checkpoint[],
  range: string,
  report: LoadReport,
): void {
  const outside = fs.existsSync(dirs(dir).checkpoints)
    ? fs
        .readdirSync(dirs(dir).checkpoints)
        .filter((f) => /^\d{8}\.json$/.test(f) && !days.includes(f.slice(0, 8))).length
    : 0;
  if (outside) report.notes.push(`ignored ${outside} checkpoint(s) of days outside ${range}`);
  const evDir = dirs(dir).events;
  if (fs.existsSync(evDir)) {
    const counted = new Set(cps.map((c) => path.basename(c.events)));
    const stray = fs
      .readdirSync(evDir)
      .filter(
        (f) =>
          !counted.has(f) &&
          !f.endsWith(".part") &&
          !(/^\d{8}\./.test(f) && !days.includes(f.slice(0, 8))),
      );
    if (stray.length)
      report.notes.push(
        `ignored ${stray.length} events file(s) without an intact checkpoint: ${stray.slice(0, 5).join(", ")}`,
      );
  }
}

/** A mean of NumMentions above this is an export error, not data (GDELT 1.0 daily means are in the single or low double digits). */
export const MAX_MEAN_MENTIONS = 1e6;

/**
 * Why two per ally-year means cannot be (undefined when they can):
 * GoldsteinScale is defined on [-10, 10] (Goldstein 1992), so its mean is too;
 * every event has NumMentions >= 1, so the mean is >= 1; a mean above
 * MAX_MEAN_MENTIONS is refused as absurd.
 */
export function policyRangeProblem(
  meanGoldstein: number,
  meanMentions: number,
): { column: string; message: string } | undefined {
  if (!(meanGoldstein >= -10 && meanGoldstein <= 10)) {
    return {
      column: "mean_goldstein",
      message: `mean_goldstein ${meanGoldstein} is outside [-10, 10], the range of the Goldstein scale; check the export`,
    };
  }
  if (!(meanMentions >= 1))
    return {
      column: "mean_mentions",
      message: `mean_mentions ${meanMentions} is below 1 (every event has at least one mention); check the export`,
    };
  if (meanMentions > MAX_MEAN_MENTIONS)
    return {
      column: "mean_mentions",
      message: `mean_mentions ${meanMentions} is absurd (above ${MAX_MEAN_MENTIONS} mentions per event); check the export`,
    };
  return undefined;
}

/**
 * Row i's coverage columns into byYear[year], checked: whole numbers with
 * 0 <= days_complete <= days_in_range <= 366, the same on every row of a year.
 */
function readCoverageRow(
  t: CsvTable,
  i: number,
  file: string,
  year: number,
  byYear: Record<number, YearCoverage>,
): void {
  const inRange = int(t, i, "days_in_range"),
    complete = int(t, i, "days_complete");
  if (complete < 0 || complete > inRange || inRange < 1 || inRange > 366) {
    throw new DataError(
      file,
      `days_complete ${complete} and days_in_range ${inRange} must be whole numbers with 0 <= days_complete <= days_in_range <= 366`,
      { row: t.line(i), column: "days_complete" },
    );
  }
  // a year not seen yet has no entry (the index type does not say so)
  const prev = Object.hasOwn(byYear, year) ? byYear[year] : undefined;
  if (prev && (prev.days_in_range !== inRange || prev.days_complete !== complete)) {
    throw new DataError(
      file,
      `year ${year} has days_complete/days_in_range ${complete}/${inRange} here but ${prev.days_complete}/${prev.days_in_range} on an earlier row`,
      { row: t.line(i), column: "days_complete" },
    );
  }
  byYear[year] = { days_in_range: inRange, days_complete: complete };
}

/**
 * Read a per ally-year CSV with the policy_gdelt.csv columns (the BigQuery
 * export of `alliance gdelt bigquery`, or a file this module wrote). Checks
 * every row: a study ally, an integer year within the GDELT 1.0 daily data
 * (2013 .. this year, lib/gdelt/range.ts; with `years`, within those),
 * n_events >= 1, and a policy value equal to Eq. 1 of the two means
 * (relative tolerance 1e-9), means that can be (policyRangeProblem). The coverage columns days_in_range and
 * days_complete are optional; when present they are checked (whole numbers,
 * 0 <= complete <= in range <= 366, the same for every row of a year), and a
 * year with days missing puts a PARTIAL note in the report.
 */
export function readPolicyCsv(
  file: string,
  o: { years?: { first: number; last: number } } = {},
): PolicyResult {
  // Strict UTF-8 (an invalid byte is an error naming its line, never U+FFFD);
  // comments: true still reads a file of an older version, whose notes were trailing "# " lines
  const t = parseCsvBytes(fs.readFileSync(file), file, {
    required: POLICY_COLUMNS,
    comments: true,
  });
  const report = newReport([file], [""]);
  for (const n of [...sidecarNotes(file), ...t.notes])
    report.notes.push(`note in ${path.basename(file)}: ${n}`);
  const rows: PolicyRow[] = [];
  const hasCoverage = COVERAGE_COLUMNS.every((c) => t.header.includes(c));
  const byYear: Record<number, YearCoverage> = {};
  t.rows.forEach((_, i) => {
    report.rowsRead++;
    const iso3 = str(t, i, "iso3");
    if (!(ALLIES as readonly string[]).includes(iso3))
      throw new DataError(file, `"${iso3}" is not one of the 26 allies`, {
        row: t.line(i),
        column: "iso3",
      });
    const year = int(t, i, "year");
    const n = int(t, i, "n_events");
    if (n < 1) throw new DataError(file, "year and n_events >= 1 are required", { row: t.line(i) });
    const bad = yearProblem(year);
    if (bad) throw new DataError(file, bad, { row: t.line(i), column: "year" });
    if (o.years && (year < o.years.first || year > o.years.last)) {
      throw new DataError(
        file,
        `year ${year} is outside ${o.years.first}..${o.years.last}, the years of --from/--to`,
        { row: t.line(i), column: "year" },
      );
    }
    const g = num(t, i, "mean_goldstein"),
      m = num(t, i, "mean_mentions"),
      p = num(t, i, "policy");
    const range = policyRangeProblem(g, m);
    if (range) throw new DataError(file, range.message, { row: t.line(i), column: range.column });
    const want = policyR(g, m);
    if (Math.abs(want - p) > 1e-9 * Math.max(1, Math.abs(want))) {
      throw new DataError(
        file,
        `policy ${p} is not (mean_goldstein + 0.1) * log2(mean_mentions + 1) = ${want}`,
        { row: t.line(i), column: "policy" },
      );
    }
    if (hasCoverage) readCoverageRow(t, i, file, year, byYear);
    rows.push({ iso3, year, n_events: n, mean_goldstein: g, mean_mentions: m, policy: p });
    report.rowsKept++;
  });
  assertUniqueKeys(
    file,
    rows.length,
    (i) => `${rows[i].iso3} ${rows[i].year}`,
    (i) => t.line(i),
  );
  const order = (c: string) => (ALLIES as readonly string[]).indexOf(c);
  rows.sort((a, b) => order(a.iso3) - order(b.iso3) || a.year - b.year);
  const short = Object.entries(byYear).filter(([, c]) => c.days_complete < c.days_in_range);
  if (short.length) {
    report.notes.push(
      `PARTIAL aggregate: daily files missing in ${short.map(([y, c]) => `${y} (${c.days_complete} of ${c.days_in_range} days)`).join(", ")}`,
    );
  }
  return {
    rows,
    table: policyTable(rows),
    report,
    byYear: hasCoverage ? byYear : undefined,
    partial: short.length > 0,
  };
}

/** The notes (dc:description) of a CSV's sidecar FILE.csv-metadata.json; none when there is no sidecar. */
function sidecarNotes(file: string): string[] {
  const side = metadataPath(file);
  if (!fs.existsSync(side)) return [];
  let meta: unknown;
  try {
    meta = JSON.parse(fs.readFileSync(side, "utf8"));
  } catch (e) {
    throw new DataError(side, `not valid JSON: ${(e as Error).message}`);
  }
  const d =
    typeof meta === "object" && meta !== null
      ? (meta as Record<string, unknown>)["dc:description"]
      : undefined;
  if (d === undefined) return [];
  const list = Array.isArray(d) ? d : [d];
  if (!list.every((x): x is string => typeof x === "string"))
    throw new DataError(side, "dc:description must be a string or a list of strings");
  return list;
}

/** What each policy_gdelt.csv column holds (the sidecar's descriptions). */
export const POLICY_CSV_COLUMNS: Readonly<Record<string, CsvColumnMeta>> = {
  iso3: { datatype: "string", description: "ISO 3166-1 alpha-3 code of the ally" },
  year: { datatype: "integer", description: "calendar year of the events (SQLDATE)" },
  n_events: { datatype: "integer", description: "ally -> China events passing the keyword rule" },
  mean_goldstein: {
    datatype: "number",
    description: "mean Goldstein scale of those events (-10 conflict .. 10 cooperation)",
  },
  mean_mentions: { datatype: "number", description: "mean NumMentions per event" },
  policy: {
    datatype: "number",
    description: "the paper's policy score R of Eq. 1 from the two means",
  },
  days_in_range: {
    datatype: "integer",
    description: "daily GDELT files of this year inside the requested range",
  },
  days_complete: { datatype: "integer", description: "of those, the days fetched completely" },
};

function policyColumns(byYear?: Record<number, YearCoverage>): string[] {
  return [...POLICY_COLUMNS, ...(byYear ? COVERAGE_COLUMNS : [])];
}

function policyCsvRows(
  rows: readonly PolicyRow[],
  byYear?: Record<number, YearCoverage>,
): object[] {
  return rows.map((r) => {
    if (!byYear) return r;
    const c = Object.hasOwn(byYear, r.year) ? byYear[r.year] : undefined;
    if (!c) throw new Error(`no coverage for year ${r.year}`);
    return { ...r, ...c };
  });
}

/**
 * policy_gdelt.csv text (lib/io/csvWrite.ts, numbers at full double
 * precision): plain CSV, header and rows; with `byYear`, two more columns
 * days_in_range and days_complete from each row's year.
 */
export function policyCsvText(
  rows: readonly PolicyRow[],
  byYear?: Record<number, YearCoverage>,
): string {
  return formatCsv(policyCsvRows(rows, byYear), policyColumns(byYear), { digits: "shortest" });
}

/**
 * Write policy_gdelt.csv and its sidecar policy_gdelt.csv-metadata.json
 * (notes as dc:description, `source` as dc:source), each atomically
 * (temporary file in the same folder, then rename). Returns both paths.
 */
export function writePolicyCsv(
  rows: readonly PolicyRow[],
  file: string,
  byYear?: Record<number, YearCoverage>,
  notes: readonly string[] = [],
  source?: string,
): string[] {
  const cols = policyColumns(byYear);
  const w = writeCsvWithMetadata(file, policyCsvRows(rows, byYear), cols, {
    digits: "shortest",
    notes,
    source,
    title: "GDELT policy score per ally and year",
    columns: Object.fromEntries(cols.map((c) => [c, POLICY_CSV_COLUMNS[c]])),
  });
  return [w.csv, w.metadata];
}

/** `aggregate --in`: a fetch folder, or a BigQuery-export CSV file (then --from/--to only bound its years). */
export function aggregateInput(input: string, o: AggregateOptions = {}): PolicyResult {
  if (!fs.existsSync(input)) throw new Error(`${input}: no such file or folder`);
  if (fs.statSync(input).isDirectory()) return aggregateFetched(input, o);
  if ((o.from === undefined) !== (o.to === undefined))
    throw new Error("give both --from and --to, or neither");
  const years =
    o.from !== undefined && o.to !== undefined
      ? (dayRange(o.from, o.to), yearsOf(o.from, o.to))
      : undefined;
  return readPolicyCsv(input, { years });
}
