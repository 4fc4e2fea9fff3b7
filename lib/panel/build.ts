/**
 * The analysis panel: one row per ally-year, 2015-2020, unlagged levels of
 * every variable of the study, built from the raw sources by the measure
 * modules. `npm run build:data` writes it to `data/panel.csv`; data/CODEBOOK.md
 * documents each column (definition, unit, source, formula, function).
 *
 * Lagging, winsorizing and standardizing are NOT applied here: they belong to
 * the estimation step (lib/replication/prepare.ts), where they are options.
 *
 * Substitution: the paper's ICT-goods trade (UNCTAD) is not available offline;
 * `ICTtrade`, `ICTtrade_gdp` and `ICTtrade_us` are computed from IMF DOTS total
 * merchandise trade and keep the paper's names (see lib/measures/trade.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as aq from "arquero";
import { ALLIES, countries } from "../countries";
import { REPO_ROOT } from "../io/dataRoot";
import { formatReport, type LoadReport } from "../io/loadReport";
import { formatCsvCounted, formatCsvNumber } from "../io/csvWrite";
import { csvMetadata, type CsvColumnMeta, type CsvwTable } from "../io/csvw";
import { loadWdi, type WdiRow } from "../sources/wdi";
import { loadWgi, type WgiRow } from "../sources/wgi";
import { loadEfi, type EfiRow, type EfiMapping } from "../sources/efi";
import { loadGeoDist, type DistRow } from "../sources/geodist";
import { loadOil, type OilRow, type OilSeries } from "../sources/oil";
import { loadDots, type DotsRow } from "../sources/dots";
import { loadHuawei5g, type HuaweiRow } from "../sources/huawei5g";
import { loadIdealPoints, type IdealRelease } from "../sources/idealPoints";
import { loadUnVotes } from "../sources/unvotes";
import { powerPanel } from "../measures/power";
import { exchangePanel } from "../measures/exchange";
import { institutionDistancePanel, type WgiStandardization } from "../measures/institutionDistance";
import { economicDistancePanel } from "../measures/economicDistance";
import { geoDistancePanel } from "../measures/geoDistance";
import { tradePanel } from "../measures/trade";
import { voteDyads, type Partner } from "../measures/voteDyads";
import { idealDistance } from "../measures/idealDistance";
import { readPolicyCsv } from "../gdelt/aggregate";
import { PANEL_SESSIONS, PANEL_YEARS } from "../study";
import { PANEL_COLUMNS, PANEL_SCHEMA, type PanelRow } from "./schema";
import { mustGet } from "../lookup";

/** Default location of a GDELT aggregate (written by `alliance gdelt aggregate`). */
export const DEFAULT_GDELT_FILE = path.join(REPO_ROOT, "data", "policy_gdelt.csv");

export interface PanelOptions {
  dataDir?: string;
  /** Ideal-point release (default Jun2024, session-based). */
  idealRelease?: IdealRelease;
  /** EFI edition-to-year mapping (default "edition"). */
  efiMapping?: EfiMapping;
  /** Standardization of the WGI distance (default "raw": the WGI estimates are already z-scores; this reproduces the published moments). */
  wgiStandardize?: WgiStandardization;
  /** CEPII distance for GD_us (default "dist"). */
  distance?: "dist" | "distcap";
  /** Oil series for GD_us (default "wti"). */
  oil?: OilSeries;
  /**
   * A policy_gdelt.csv aggregate (iso3, year, n_events, ..., policy). Default:
   * data/policy_gdelt.csv when it exists; `null` = never read one.
   */
  gdeltFile?: string | null;
}

export interface PanelResult {
  rows: PanelRow[];
  table: aq.ColumnTable;
  /** Load reports of every source, in build order. */
  reports: LoadReport[];
  /** What the build did that a reader should know (choices, gaps). */
  notes: string[];
}

const key = (iso3: string, year: number) => `${iso3}:${year}`;
const byKey = <T extends { iso3: string; year: number }>(rows: readonly T[]) =>
  new Map(rows.map((r) => [key(r.iso3, r.year), r]));

/** Build the panel from the raw sources (see module doc): load every source, compute the measures, join them by ally-year. */
export function buildPanel(opts: PanelOptions = {}): PanelResult {
  // The country registry, resolved once from the data root and passed to the measures that need it.
  const reg = countries({ dataDir: opts.dataDir });
  const reports: LoadReport[] = [];
  const notes: string[] = [];
  const m = measurePanels(loadSources(opts, reports), opts, reg, notes);
  const gdelt = gdeltPolicy(opts, reports, notes);
  const rows: PanelRow[] = [];
  for (const iso3 of ALLIES)
    for (const year of PANEL_YEARS) rows.push(panelRow(m, gdelt, reg.get(iso3).name, iso3, year));
  const hwMissing = rows.filter((r) => r.huawei_stance === null).map((r) => `${r.iso3} ${r.year}`);
  if (hwMissing.length)
    notes.push(
      `huawei_stance starts in 2017 (source coverage 2017-2021): empty for ${hwMissing.length} ally-years of 2015-2016`,
    );
  const table = aq.from(rows);
  return { rows, table, reports, notes };
}

/** Every raw source the panel needs, loaded and validated; each load report is appended to `reports`. */
function loadSources(opts: PanelOptions, reports: LoadReport[]) {
  const o = { dataDir: opts.dataDir };
  const take = <R extends { table: aq.ColumnTable; report: LoadReport }>(r: R): R => (
    reports.push(r.report),
    r
  );
  const rowsOf = <T>(t: aq.ColumnTable) => t.objects() as T[];
  return {
    gdp: rowsOf<WdiRow>(take(loadWdi({ ...o, indicator: "gdp" })).table),
    gdppc: rowsOf<WdiRow>(take(loadWdi({ ...o, indicator: "gdppc" })).table),
    fx: rowsOf<WdiRow>(take(loadWdi({ ...o, indicator: "exchange" })).table),
    wgi: rowsOf<WgiRow>(take(loadWgi(o)).table),
    efi: rowsOf<EfiRow>(take(loadEfi({ ...o, mapping: opts.efiMapping ?? "edition" })).table),
    dist: rowsOf<DistRow>(take(loadGeoDist(o)).table),
    oil: rowsOf<OilRow>(take(loadOil({ ...o, series: opts.oil ?? "wti" })).table),
    dots: rowsOf<DotsRow>(take(loadDots(o)).table),
    huawei: rowsOf<HuaweiRow>(take(loadHuawei5g(o)).table),
    ideal: take(loadIdealPoints({ ...o, release: opts.idealRelease ?? "Jun2024" })).table,
    votes: take(loadUnVotes(o)).table,
  };
}

/** Each measure of the study over the panel years, keyed by ally-year; missing ideal points go to `notes`. */
function measurePanels(
  src: ReturnType<typeof loadSources>,
  opts: PanelOptions,
  reg: ReturnType<typeof countries>,
  notes: string[],
) {
  const years = PANEL_YEARS;
  const std = opts.wgiStandardize ?? "raw";
  const sScores = (partner: Partner) =>
    byKey(
      voteDyads(src.votes, { partner, sessions: PANEL_SESSIONS, registry: reg }).objects() as {
        iso3: string;
        year: number;
        s: number | null;
      }[],
    );
  const idealUs = idealDistance(src.ideal, "USA", { years });
  const idealCh = idealDistance(src.ideal, "CHN", { years });
  for (const [what, r] of [
    ["ideal (US)", idealUs],
    ["ideal_china", idealCh],
  ] as const) {
    if (r.missing.length) notes.push(`${what}: no ideal point for ${r.missing.join(", ")}`);
  }
  return {
    power: byKey(powerPanel(src.gdp, src.gdppc, { years })),
    exch: byKey(exchangePanel(src.fx, { years })),
    idUs: byKey(institutionDistancePanel(src.wgi, { partner: "USA", standardize: std, years })),
    idCh: byKey(institutionDistancePanel(src.wgi, { partner: "CHN", standardize: std, years })),
    edUs: byKey(economicDistancePanel(src.efi, { partner: "USA", years })),
    edCh: byKey(economicDistancePanel(src.efi, { partner: "CHN", years })),
    gd: byKey(
      geoDistancePanel(src.dist, src.oil, {
        partner: "USA",
        measure: opts.distance ?? "dist",
        years,
      }),
    ),
    trade: byKey(tradePanel(src.dots, src.gdp, { years })),
    sUs: sScores("USA"),
    sCh: sScores("CHN"),
    idealUs: byKey(idealUs.table.objects() as { iso3: string; year: number; ideal: number }[]),
    idealCh: byKey(idealCh.table.objects() as { iso3: string; year: number; ideal: number }[]),
    hw: byKey(src.huawei),
  };
}

/** The GDELT aggregate by ally-year when one is found (PanelOptions.gdeltFile), else undefined; either way a note says so. */
function gdeltPolicy(
  opts: PanelOptions,
  reports: LoadReport[],
  notes: string[],
): Map<string, { policy: number; n_events: number }> | undefined {
  const gdeltFile =
    opts.gdeltFile === undefined
      ? fs.existsSync(DEFAULT_GDELT_FILE)
        ? DEFAULT_GDELT_FILE
        : null
      : opts.gdeltFile;
  if (!gdeltFile) {
    notes.push(
      "policy_gdelt is empty: no GDELT aggregate (data/policy_gdelt.csv) was found; see docs/gdelt.md",
    );
    return undefined;
  }
  const g = readPolicyCsv(gdeltFile);
  reports.push(g.report);
  notes.push(
    `policy_gdelt read from ${path.relative(REPO_ROOT, gdeltFile) || gdeltFile}: ${g.rows.length} ally-years`,
  );
  return byKey(g.rows);
}

/** One ally-year of the panel from the measures. */
function panelRow(
  m: ReturnType<typeof measurePanels>,
  gdelt: ReturnType<typeof gdeltPolicy>,
  country: string,
  iso3: string,
  year: number,
): PanelRow {
  const k = key(iso3, year);
  const p = mustGet(m.power, k, "power"),
    t = mustGet(m.trade, k, "trade"),
    h = m.hw.get(k),
    g = gdelt?.get(k);
  return {
    iso3,
    country,
    year,
    asym: p.asym,
    gdp: p.gdp,
    ideal: m.idealUs.get(k)?.ideal ?? null,
    UNvotes_s: m.sUs.get(k)?.s ?? null,
    ICTtrade: t.ICTtrade,
    ICTtrade_gdp: t.ICTtrade_gdp,
    exchange: mustGet(m.exch, k, "exchange").exchange,
    ID_ch: mustGet(m.idCh, k, "ID_ch").value,
    ID_us: mustGet(m.idUs, k, "ID_us").value,
    ED_ch: mustGet(m.edCh, k, "ED_ch").value,
    ED_us: mustGet(m.edUs, k, "ED_us").value,
    GD_us: mustGet(m.gd, k, "GD_us").value,
    ICTtrade_us: t.ICTtrade_us,
    policy_gdelt: g?.policy ?? null,
    policy_gdelt_n: g?.n_events ?? null,
    huawei_stance: h?.stance ?? null,
    huawei_confidence: h?.confidence ?? null,
    s_china: m.sCh.get(k)?.s ?? null,
    ideal_china: m.idealCh.get(k)?.ideal ?? null,
    asymmetric: p.asymmetric ? 1 : 0,
  };
}

/**
 * A number as written to the CSV: 12 significant digits, shortest form.
 * Twelve digits keep every measure far beyond its real precision while making
 * the file independent of the last-bit noise of floating-point summation order.
 */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`non-finite value ${v} in the panel`);
  return formatCsvNumber(v, 12);
}

/**
 * CSV text of the panel: header, one line per row, empty cell = missing, by
 * the project's one CSV writer (lib/io/csvWrite.ts: RFC 4180 quoting, 12
 * significant digits as {@link formatNumber}, formula-leading text neutralized).
 */
export function panelCsv(rows: readonly PanelRow[]): string {
  return formatCsvCounted(rows, PANEL_COLUMNS, { digits: 12 }).text;
}

/**
 * The panel's CSV on the Web sidecar (lib/io/csvw.ts) for `file`: each
 * column's type from the schema (lib/panel/schema.ts), the build's notes as
 * dc:description, data/CODEBOOK.md named for the definitions, units and
 * sources. Deterministic: no dates, no machine paths.
 */
export function panelMetadata(
  rows: readonly PanelRow[],
  notes: readonly string[],
  file = "panel.csv",
): CsvwTable {
  const { neutralized } = formatCsvCounted(rows, PANEL_COLUMNS, { digits: 12 });
  const type = {
    text: "string",
    "text?": "string",
    integer: "integer",
    "number?": "number",
  } as const;
  const columns: Record<string, CsvColumnMeta> = Object.fromEntries(
    PANEL_COLUMNS.map((c) => [c, { datatype: type[PANEL_SCHEMA[c]] }]),
  );
  return csvMetadata(file, rows, PANEL_COLUMNS, {
    digits: 12,
    neutralized,
    columns,
    title: "Analysis panel: 26 U.S. allies x 2015-2020, unlagged levels",
    source:
      "npm run build:data (scripts/buildPanel.ts, lib/panel/build.ts) from the raw deposit in data/raw/, every file checked against its SHA-256 in data/sources.json",
    notes: [
      "One row per ally-year, unlagged levels; column definitions, formulas, units and sources: data/CODEBOOK.md.",
      ...notes,
    ],
  });
}

/** One summary line per source plus the notes, for the build log. */
export function formatPanelLog(res: PanelResult): string {
  return [...res.reports.map(formatReport), ...res.notes.map((n) => `note: ${n}`)].join("\n");
}
