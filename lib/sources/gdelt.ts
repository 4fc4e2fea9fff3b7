/**
 * GDELT event files: schemas, typed event rows, and a reference parser.
 *
 * Formats read (detected from the header or from the field count):
 *
 *   layout            delimiter  header  fields  where it comes from
 *   1.0-historic      tab        no      57      GDELT 1.0 files before April 2013 (no SOURCEURL)
 *   1.0-daily         tab        no      58      GDELT 1.0 daily exports (YYYYMMDD.export.CSV.zip): 57 + SOURCEURL
 *   2.0               tab        no      61      GDELT 2.0 15-minute exports (adds three ADM2 codes)
 *   2.0+description   comma      yes     62      2.0 columns + CAMEOCodeDescription after EventCode
 *                                                 (a BigQuery-style export; quoted fields)
 *   compact           tab        yes     13      this project's output of `alliance gdelt fetch`
 *                                                 ({@link EVENT_FIELDS}; see {@link formatCompactEvent})
 *
 * A tab file may also start with a header line; it is then matched by name.
 * Every row becomes a compact {@link GdeltEvent}: the fields Eq. 1 needs plus a
 * few for inspection. Units: GoldsteinScale is the Goldstein (1992) weight of
 * the event's CAMEO code, -10..+10; NumMentions, NumSources, NumArticles are
 * counts in the first 15 minutes (2.0) or the first day (1.0) of coverage;
 * AvgTone is -100..+100; SQLDATE is the event date as the integer YYYYMMDD.
 *
 * Rows are never silently misparsed: a row with the wrong number of fields,
 * an all-"NA" row, an unparsable value, or a file cut off inside a quoted
 * field is counted in the LoadReport (or, with `strict`, raised as a
 * DataError naming file, line and column). This module is the plain, readable
 * reference; `lib/gdelt/streamFilter.ts` is the fast byte scanner for the full
 * files and is tested to give the same events.
 *
 * Leetaru, K. & Schrodt, P. A. (2013), GDELT: Global data on events, location
 * and tone, 1979-2012. Column lists: `cameo/` (see lib/sources/cameo.ts).
 */
import * as aq from "arquero";
import { readRaw, type ReadRawOptions } from "../io/manifest";
import { bytesSource, CsvTokenizer } from "../io/csvTokenizer";
import { DataError } from "../io/dataError";
import { newReport, drop, type LoadReport } from "../io/loadReport";

/** The 57 GDELT 1.0 event fields, GLOBALEVENTID .. DATEADDED. */
export const V1_COLUMNS: readonly string[] = [
  "GLOBALEVENTID",
  "SQLDATE",
  "MonthYear",
  "Year",
  "FractionDate",
  "Actor1Code",
  "Actor1Name",
  "Actor1CountryCode",
  "Actor1KnownGroupCode",
  "Actor1EthnicCode",
  "Actor1Religion1Code",
  "Actor1Religion2Code",
  "Actor1Type1Code",
  "Actor1Type2Code",
  "Actor1Type3Code",
  "Actor2Code",
  "Actor2Name",
  "Actor2CountryCode",
  "Actor2KnownGroupCode",
  "Actor2EthnicCode",
  "Actor2Religion1Code",
  "Actor2Religion2Code",
  "Actor2Type1Code",
  "Actor2Type2Code",
  "Actor2Type3Code",
  "IsRootEvent",
  "EventCode",
  "EventBaseCode",
  "EventRootCode",
  "QuadClass",
  "GoldsteinScale",
  "NumMentions",
  "NumSources",
  "NumArticles",
  "AvgTone",
  "Actor1Geo_Type",
  "Actor1Geo_FullName",
  "Actor1Geo_CountryCode",
  "Actor1Geo_ADM1Code",
  "Actor1Geo_Lat",
  "Actor1Geo_Long",
  "Actor1Geo_FeatureID",
  "Actor2Geo_Type",
  "Actor2Geo_FullName",
  "Actor2Geo_CountryCode",
  "Actor2Geo_ADM1Code",
  "Actor2Geo_Lat",
  "Actor2Geo_Long",
  "Actor2Geo_FeatureID",
  "ActionGeo_Type",
  "ActionGeo_FullName",
  "ActionGeo_CountryCode",
  "ActionGeo_ADM1Code",
  "ActionGeo_Lat",
  "ActionGeo_Long",
  "ActionGeo_FeatureID",
  "DATEADDED",
];
/** GDELT 1.0 daily export columns: the 57 fields + SOURCEURL. */
export const V1_DAILY_COLUMNS: readonly string[] = [...V1_COLUMNS, "SOURCEURL"];
/** GDELT 2.0 event columns (61): 1.0 plus an ADM2 code after each ADM1 code. */
export const V2_COLUMNS: readonly string[] = V1_DAILY_COLUMNS.flatMap((c) =>
  /_ADM1Code$/.test(c) ? [c, c.replace("ADM1", "ADM2")] : [c],
);
/** 2.0 columns with CAMEOCodeDescription inserted after EventCode (62). */
export const V2_DESC_COLUMNS: readonly string[] = V2_COLUMNS.flatMap((c) =>
  c === "EventCode" ? [c, "CAMEOCodeDescription"] : [c],
);

/** The fields kept for each event, in output order. */
export const EVENT_FIELDS = [
  "GLOBALEVENTID",
  "SQLDATE",
  "Year",
  "Actor1Geo_CountryCode",
  "Actor2Geo_CountryCode",
  "EventCode",
  "QuadClass",
  "GoldsteinScale",
  "NumMentions",
  "NumSources",
  "NumArticles",
  "AvgTone",
  "SOURCEURL",
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

/** One GDELT event, typed. Key names are GDELT's, except `year` (= GDELT's Year). */
export interface GdeltEvent {
  GLOBALEVENTID: number;
  /** Event date, integer YYYYMMDD. */
  SQLDATE: number;
  /** Calendar year of SQLDATE (GDELT's Year column, checked against SQLDATE). */
  year: number;
  /** FIPS 10-4 country of actor 1's location ("" when GDELT has none). */
  Actor1Geo_CountryCode: string;
  Actor2Geo_CountryCode: string;
  /** CAMEO event code, leading zeros kept ("042"). */
  EventCode: string;
  /** 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
  QuadClass: number;
  /** Goldstein weight, -10..10. */
  GoldsteinScale: number;
  NumMentions: number;
  NumSources: number;
  NumArticles: number;
  AvgTone: number;
  /** Source article URL ("" in 1.0-historic files). */
  SOURCEURL: string;
}

export type LayoutName = "1.0-historic" | "1.0-daily" | "2.0" | "2.0+description" | "compact";
export interface GdeltLayout {
  name: LayoutName;
  columns: readonly string[];
  /** 0-based position of each kept field; -1 when the layout lacks it (SOURCEURL in 1.0-historic). */
  at: Record<EventField, number>;
}

function makeLayout(name: LayoutName, columns: readonly string[]): GdeltLayout {
  const at = {} as Record<EventField, number>;
  for (const f of EVENT_FIELDS) at[f] = columns.indexOf(f);
  return { name, columns, at };
}
export const LAYOUTS: readonly GdeltLayout[] = [
  makeLayout("1.0-historic", V1_COLUMNS),
  makeLayout("1.0-daily", V1_DAILY_COLUMNS),
  makeLayout("2.0", V2_COLUMNS),
  makeLayout("2.0+description", V2_DESC_COLUMNS),
  makeLayout("compact", EVENT_FIELDS),
];

/** The layout of a headerless tab-separated row with `n` fields, or undefined. */
export function layoutByWidth(n: number): GdeltLayout | undefined {
  return LAYOUTS.find(
    (l) => l.columns.length === n && l.name !== "2.0+description" && l.name !== "compact",
  );
}

/** The layout whose column names equal `header` exactly; throws naming the first difference. */
export function layoutByHeader(header: readonly string[], file: string): GdeltLayout {
  const h = header.map((s) => s.trim());
  const l = LAYOUTS.find(
    (x) => x.columns.length === h.length && x.columns.every((c, j) => c === h[j]),
  );
  if (l) return l;
  const near = LAYOUTS.find((x) => x.columns.length === h.length);
  if (!near)
    throw new DataError(
      file,
      `header has ${h.length} columns; GDELT event files have 57, 58, 61 or 62`,
      { row: 1 },
    );
  const j = near.columns.findIndex((c, k) => c !== h[k]);
  throw new DataError(
    file,
    `header column ${j + 1} is "${h[j]}", expected "${near.columns[j]}" (${near.name} layout)`,
    { row: 1, column: h[j] },
  );
}

/** True when the first line of a file is a GDELT header rather than data. */
export function looksLikeHeader(firstLine: string): boolean {
  return /^"?GLOBALEVENTID"?[\t,]/.test(firstLine);
}

/** Where a row came from, for messages. */
export interface RowWhere {
  file: string;
  line: number;
}

const INT = /^-?\d+$/;
function intField(s: string, col: string, w: RowWhere): number {
  if (!INT.test(s))
    throw new DataError(w.file, `not an integer: "${s}"`, { row: w.line, column: col });
  return Number(s);
}
function numField(s: string, col: string, w: RowWhere): number {
  const v = s === "" ? NaN : Number(s);
  if (!Number.isFinite(v))
    throw new DataError(w.file, `not a number: "${s}"`, { row: w.line, column: col });
  return v;
}

/**
 * Build a typed event from a row's fields (`get(j)` = field j of the layout).
 * Throws a DataError naming file, line and column for any unparsable value,
 * a Year that disagrees with SQLDATE, or a Goldstein weight outside -10..10.
 */
export function eventFromFields(
  get: (j: number) => string,
  layout: GdeltLayout,
  w: RowWhere,
): GdeltEvent {
  const a = layout.at;
  const sqldate = intField(get(a.SQLDATE), "SQLDATE", w);
  if (sqldate < 19000101 || sqldate > 21001231)
    throw new DataError(w.file, `SQLDATE ${sqldate} is not a YYYYMMDD date`, {
      row: w.line,
      column: "SQLDATE",
    });
  const year = intField(get(a.Year), "Year", w);
  if (year !== Math.floor(sqldate / 10000))
    throw new DataError(w.file, `Year ${year} disagrees with SQLDATE ${sqldate}`, {
      row: w.line,
      column: "Year",
    });
  const goldstein = numField(get(a.GoldsteinScale), "GoldsteinScale", w);
  if (goldstein < -10 || goldstein > 10)
    throw new DataError(w.file, `GoldsteinScale ${goldstein} outside -10..10`, {
      row: w.line,
      column: "GoldsteinScale",
    });
  const eventCode = get(a.EventCode).trim();
  if (!/^\d{2,4}$/.test(eventCode))
    throw new DataError(w.file, `not a CAMEO code: "${eventCode}"`, {
      row: w.line,
      column: "EventCode",
    });
  return {
    GLOBALEVENTID: intField(get(a.GLOBALEVENTID), "GLOBALEVENTID", w),
    SQLDATE: sqldate,
    year,
    Actor1Geo_CountryCode: get(a.Actor1Geo_CountryCode).trim(),
    Actor2Geo_CountryCode: get(a.Actor2Geo_CountryCode).trim(),
    EventCode: eventCode,
    QuadClass: intField(get(a.QuadClass), "QuadClass", w),
    GoldsteinScale: goldstein,
    NumMentions: intField(get(a.NumMentions), "NumMentions", w),
    NumSources: intField(get(a.NumSources), "NumSources", w),
    NumArticles: intField(get(a.NumArticles), "NumArticles", w),
    AvgTone: numField(get(a.AvgTone), "AvgTone", w),
    SOURCEURL: a.SOURCEURL >= 0 ? get(a.SOURCEURL).trim() : "",
  };
}

export interface ParseOptions {
  /** Throw a DataError at the first bad row instead of counting it. */
  strict?: boolean;
}
export interface ParsedEvents {
  events: GdeltEvent[];
  layout: GdeltLayout;
  report: LoadReport;
}

/** Drop reasons used in reports (shared with the stream scanner). */
export const DROP = {
  width: "wrong column count",
  allNA: "all-NA row",
  value: "unparsable value",
  truncated: "file ends inside a quoted field (truncated last row)",
} as const;

function handleRow(
  fields: string[],
  layout: GdeltLayout,
  w: RowWhere,
  out: ParsedEvents,
  strict: boolean,
  dateAdded: { odd: number; example?: string },
): void {
  const r = out.report;
  r.rowsRead++;
  if (fields.length !== layout.columns.length) {
    if (strict)
      throw new DataError(
        w.file,
        `expected ${layout.columns.length} fields (${layout.name}), found ${fields.length}`,
        { row: w.line },
      );
    drop(r, DROP.width);
    return;
  }
  if (fields.every((f) => f === "NA" || f === "")) {
    if (strict) throw new DataError(w.file, "row has only NA / empty fields", { row: w.line });
    drop(r, DROP.allNA);
    return;
  }
  try {
    out.events.push(eventFromFields((j) => fields[j], layout, w));
    r.rowsKept++;
    const j = layout.columns.indexOf("DATEADDED");
    if (j >= 0 && !/^\d{8}(\d{6})?$/.test(fields[j])) {
      dateAdded.odd++;
      dateAdded.example ??= fields[j];
    }
  } catch (e) {
    if (strict || !(e instanceof DataError)) throw e;
    drop(r, DROP.value);
    if (r.notes.length < 5) r.notes.push(e.message);
  }
}

/** Running count of kept rows whose DATEADDED is not a YYYYMMDD[hhmmss] integer, with one example. */
interface DateAddedNote {
  odd: number;
  example?: string;
}

/**
 * A comma-separated file with quotes and a header (BigQuery-style export):
 * every row after the header through handleRow; a last row cut inside a
 * quoted field is dropped (refused in strict mode).
 */
function parseCommaText(
  text: string,
  file: string,
  strict: boolean,
  dateAdded: DateAddedNote,
  report: LoadReport,
): ParsedEvents {
  // Comma-separated with quotes (BigQuery-style export): the project's tokenizer
  // (lib/io/csvTokenizer.ts) directly, not the validated reader (lib/io/csv.ts), which
  // refuses the whole file on a row of the wrong width and on a file that ends inside a
  // quoted field; this loader instead counts such rows as dropped (DROP.width,
  // DROP.truncated: a cut-off export loses its last row, not the file) and refuses only
  // in strict mode or when most rows are wrong.
  const t = new CsvTokenizer(bytesSource(Buffer.from(text, "utf8")), file, { truncatedEnd: true });
  let out: ParsedEvents | undefined;
  if (t.begin())
    for (let r = t.nextRecord(); r !== null; r = t.nextRecord()) {
      if (!r) continue;
      const where = { file, line: t.recordLine() };
      if (out) handleRow(t.fields(), out.layout, where, out, strict, dateAdded);
      else out = { events: [], layout: layoutByHeader(t.fields(), file), report };
    }
  if (out === undefined) throw new DataError(file, "file is empty (no header row)");
  const truncatedAt = t.truncatedAt;
  if (truncatedAt !== undefined) {
    if (strict)
      throw new DataError(file, "file ends inside a quoted field: the last row is truncated", {
        row: truncatedAt,
      });
    report.rowsRead++;
    drop(report, DROP.truncated);
  }
  return out;
}

/**
 * A tab-separated file, with or without a header line (the layout then comes
 * from the first row's width): every data line through handleRow.
 */
function parseTabText(
  text: string,
  first: string,
  file: string,
  strict: boolean,
  dateAdded: DateAddedNote,
  report: LoadReport,
): ParsedEvents {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  let start = 0;
  let layout: GdeltLayout | undefined;
  if (looksLikeHeader(first)) {
    layout = layoutByHeader(first.split("\t"), file);
    start = 1;
  } else {
    const n = first.split("\t").length;
    layout = layoutByWidth(n);
    if (!layout)
      throw new DataError(
        file,
        `first row has ${n} tab-separated fields; GDELT event files have 57, 58 or 61`,
        { row: 1 },
      );
  }
  const out: ParsedEvents = { events: [], layout, report };
  for (let i = start; i < lines.length; i++) {
    handleRow(
      lines[i].replace(/\r$/, "").split("\t"),
      layout,
      { file, line: i + 1 },
      out,
      strict,
      dateAdded,
    );
  }
  return out;
}

/**
 * Parse a whole GDELT event file held in memory (any layout above).
 * `file` names the source in messages and in the report.
 */
export function parseGdeltText(
  text: string,
  file: string,
  opts: ParseOptions = {},
  sha = "",
): ParsedEvents {
  const strict = opts.strict ?? false;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nl = text.indexOf("\n");
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, "");
  const dateAdded = { odd: 0, example: undefined as string | undefined };
  const report = newReport([file], [sha]);
  const out =
    looksLikeHeader(first) && !first.includes("\t")
      ? parseCommaText(text, file, strict, dateAdded, report)
      : parseTabText(text, first, file, strict, dateAdded, report);
  const wrong = out.report.dropped[DROP.width] ?? 0;
  if (wrong > 0 && wrong * 2 > out.report.rowsRead) {
    throw new DataError(
      file,
      `${wrong} of ${out.report.rowsRead} rows do not have the ${out.layout.columns.length} fields of the ${out.layout.name} layout (taken from line 1); line 1 is probably malformed`,
    );
  }
  out.report.notes.unshift(`layout ${out.layout.name} (${out.layout.columns.length} columns)`);
  if (dateAdded.odd) {
    out.report.notes.push(
      `${dateAdded.odd} kept rows have a DATEADDED that is not a YYYYMMDD[hhmmss] integer (e.g. "${dateAdded.example ?? ""}"); DATEADDED is not used`,
    );
  }
  return out;
}

/** Events as an arquero table, one row per event, columns {@link EVENT_FIELDS} (with `year` for Year). */
export function eventsTable(events: readonly GdeltEvent[]): aq.ColumnTable {
  const cols: Record<string, unknown[]> = {};
  const keys = Object.keys(events[0] ?? emptyEvent()) as (keyof GdeltEvent)[];
  for (const k of keys) cols[k] = events.map((e) => e[k]);
  return aq.table(cols);
}
function emptyEvent(): GdeltEvent {
  return {
    GLOBALEVENTID: 0,
    SQLDATE: 0,
    year: 0,
    Actor1Geo_CountryCode: "",
    Actor2Geo_CountryCode: "",
    EventCode: "",
    QuadClass: 0,
    GoldsteinScale: 0,
    NumMentions: 0,
    NumSources: 0,
    NumArticles: 0,
    AvgTone: 0,
    SOURCEURL: "",
  };
}

/** Header line of the compact event files written by `alliance gdelt fetch` (with newline). */
export const COMPACT_HEADER = EVENT_FIELDS.join("\t") + "\n";

/**
 * One event as a line of the compact format (tab-separated, {@link EVENT_FIELDS}
 * order, newline-terminated). GDELT fields never hold tabs or newlines (they
 * come from tab-separated files), so no quoting is needed; a value that does
 * is an error rather than a silently shifted row.
 */
export function formatCompactEvent(e: GdeltEvent): string {
  const v = [
    e.GLOBALEVENTID,
    e.SQLDATE,
    e.year,
    e.Actor1Geo_CountryCode,
    e.Actor2Geo_CountryCode,
    e.EventCode,
    e.QuadClass,
    e.GoldsteinScale,
    e.NumMentions,
    e.NumSources,
    e.NumArticles,
    e.AvgTone,
    e.SOURCEURL,
  ].map(String);
  for (const s of v)
    if (/[\t\r\n]/.test(s))
      throw new Error(
        `event ${e.GLOBALEVENTID}: a field holds a tab or newline: ${JSON.stringify(s)}`,
      );
  return v.join("\t") + "\n";
}

/** The four real GDELT slices of the raw deposit (paths relative to the data root). */
export const GDELT_SAMPLES = [
  "gdelt/20191024143000.export.CSV",
  "gdelt/20180326044500.export.CSV",
  "gdelt/gdelt_2018_05_08.csv",
  "gdelt/chn_20180105.csv",
] as const;

/**
 * Load one GDELT event file from the data root (SHA-256 checked against
 * data/sources.json). Returns every event as a table plus the LoadReport.
 */
export function loadGdeltEvents(
  rel: string,
  opts: ReadRawOptions & ParseOptions = {},
): { table: aq.ColumnTable; events: GdeltEvent[]; report: LoadReport; layout: GdeltLayout } {
  const { bytes, sha256 } = readRaw(rel, opts);
  const p = parseGdeltText(bytes.toString("utf8"), rel, opts, sha256);
  return { table: eventsTable(p.events), events: p.events, report: p.report, layout: p.layout };
}
