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
import { REPO_ROOT } from "../dataRoot";
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
import { voteDyads } from "../measures/voteDyads";
import { idealDistance } from "../measures/idealDistance";
import { readPolicyCsv } from "../gdelt/aggregate";
import { PANEL_YEARS, UN_SESSION_OFFSET } from "../study";
import { PANEL_COLUMNS, PANEL_SCHEMA, type PanelColumn, type PanelRow } from "./schema";

/** Panel years (levels), from study.ts; the models use 2016-2019 regressors for 2017-2020 outcomes. */
export { PANEL_YEARS };

/** Column order and row type of data/panel.csv: lib/panel/schema.ts. */
export { PANEL_COLUMNS, type PanelColumn, type PanelRow };

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
const byKey = <T extends { iso3: string; year: number }>(rows: readonly T[]) => new Map(rows.map((r) => [key(r.iso3, r.year), r]));

/** Build the panel from the raw sources (see module doc). */
export function buildPanel(opts: PanelOptions = {}): PanelResult {
  const o = { dataDir: opts.dataDir };
  // The country registry, resolved once from the data root and passed to the measures that need it.
  const reg = countries(o);
  const years = PANEL_YEARS;
  const reports: LoadReport[] = [];
  const notes: string[] = [];
  const take = <R extends { table: aq.ColumnTable; report: LoadReport }>(r: R): R => (reports.push(r.report), r);
  const rowsOf = <T>(t: aq.ColumnTable) => t.objects() as T[];

  const gdp = rowsOf<WdiRow>(take(loadWdi({ ...o, indicator: "gdp" })).table);
  const gdppc = rowsOf<WdiRow>(take(loadWdi({ ...o, indicator: "gdppc" })).table);
  const fx = rowsOf<WdiRow>(take(loadWdi({ ...o, indicator: "exchange" })).table);
  const wgi = rowsOf<WgiRow>(take(loadWgi(o)).table);
  const efi = rowsOf<EfiRow>(take(loadEfi({ ...o, mapping: opts.efiMapping ?? "edition" })).table);
  const dist = rowsOf<DistRow>(take(loadGeoDist(o)).table);
  const oil = rowsOf<OilRow>(take(loadOil({ ...o, series: opts.oil ?? "wti" })).table);
  const dots = rowsOf<DotsRow>(take(loadDots(o)).table);
  const huawei = rowsOf<HuaweiRow>(take(loadHuawei5g(o)).table);
  const ideal = take(loadIdealPoints({ ...o, release: opts.idealRelease ?? "Jun2024" })).table;
  const votes = take(loadUnVotes(o)).table;

  const power = byKey(powerPanel(gdp, gdppc, { years }));
  const exch = byKey(exchangePanel(fx, { years }));
  const std = opts.wgiStandardize ?? "raw";
  const idUs = byKey(institutionDistancePanel(wgi, { partner: "USA", standardize: std, years }));
  const idCh = byKey(institutionDistancePanel(wgi, { partner: "CHN", standardize: std, years }));
  const edUs = byKey(economicDistancePanel(efi, { partner: "USA", years }));
  const edCh = byKey(economicDistancePanel(efi, { partner: "CHN", years }));
  const gd = byKey(geoDistancePanel(dist, oil, { partner: "USA", measure: opts.distance ?? "dist", years }));
  const trade = byKey(tradePanel(dots, gdp, { years }));
  const sessions = years.map((y) => y - UN_SESSION_OFFSET);
  const sUs = byKey(voteDyads(votes, { partner: "USA", sessions, registry: reg }).objects() as { iso3: string; year: number; s: number | null }[]);
  const sCh = byKey(voteDyads(votes, { partner: "CHN", sessions, registry: reg }).objects() as { iso3: string; year: number; s: number | null }[]);
  const idealUs = idealDistance(ideal, "USA", { years });
  const idealCh = idealDistance(ideal, "CHN", { years });
  for (const [what, r] of [["ideal (US)", idealUs], ["ideal_china", idealCh]] as const) {
    if (r.missing.length) notes.push(`${what}: no ideal point for ${r.missing.join(", ")}`);
  }
  const idUsM = byKey(idealUs.table.objects() as { iso3: string; year: number; ideal: number }[]);
  const idChM = byKey(idealCh.table.objects() as { iso3: string; year: number; ideal: number }[]);
  const hw = byKey(huawei);

  let gdelt: Map<string, { policy: number; n_events: number }> | undefined;
  const gdeltFile = opts.gdeltFile === undefined ? (fs.existsSync(DEFAULT_GDELT_FILE) ? DEFAULT_GDELT_FILE : null) : opts.gdeltFile;
  if (gdeltFile) {
    const g = readPolicyCsv(gdeltFile);
    reports.push(g.report);
    gdelt = byKey(g.rows);
    notes.push(`policy_gdelt read from ${path.relative(REPO_ROOT, gdeltFile) || gdeltFile}: ${g.rows.length} ally-years`);
  } else {
    notes.push("policy_gdelt is empty: no GDELT aggregate (data/policy_gdelt.csv) was found; see docs/gdelt.md");
  }

  const rows: PanelRow[] = [];
  for (const iso3 of ALLIES) {
    for (const year of years) {
      const k = key(iso3, year);
      const p = power.get(k)!, t = trade.get(k)!, h = hw.get(k), g = gdelt?.get(k);
      rows.push({
        iso3, country: reg.get(iso3).name, year,
        asym: p.asym, gdp: p.gdp,
        ideal: idUsM.get(k)?.ideal ?? null,
        UNvotes_s: sUs.get(k)?.s ?? null,
        ICTtrade: t.ICTtrade, ICTtrade_gdp: t.ICTtrade_gdp,
        exchange: exch.get(k)!.exchange,
        ID_ch: idCh.get(k)!.value, ID_us: idUs.get(k)!.value,
        ED_ch: edCh.get(k)!.value, ED_us: edUs.get(k)!.value,
        GD_us: gd.get(k)!.value,
        ICTtrade_us: t.ICTtrade_us,
        policy_gdelt: g?.policy ?? null, policy_gdelt_n: g?.n_events ?? null,
        huawei_stance: h?.stance ?? null, huawei_confidence: h?.confidence ?? null,
        s_china: sCh.get(k)?.s ?? null,
        ideal_china: idChM.get(k)?.ideal ?? null,
        asymmetric: p.asymmetric ? 1 : 0,
      });
    }
  }
  const hwMissing = rows.filter((r) => r.huawei_stance === null).map((r) => `${r.iso3} ${r.year}`);
  if (hwMissing.length) notes.push(`huawei_stance starts in 2017 (source coverage 2017-2021): empty for ${hwMissing.length} ally-years of 2015-2016`);
  const table = aq.from(rows);
  return { rows, table, reports, notes };
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
export function panelMetadata(rows: readonly PanelRow[], notes: readonly string[], file = "panel.csv"): CsvwTable {
  const { neutralized } = formatCsvCounted(rows, PANEL_COLUMNS, { digits: 12 });
  const type = { text: "string", "text?": "string", integer: "integer", "number?": "number" } as const;
  const columns: Record<string, CsvColumnMeta> = Object.fromEntries(PANEL_COLUMNS.map((c) => [c, { datatype: type[PANEL_SCHEMA[c]] }]));
  return csvMetadata(file, rows, PANEL_COLUMNS, {
    digits: 12, neutralized, columns,
    title: "Analysis panel: 26 U.S. allies x 2015-2020, unlagged levels",
    source: "npm run build:data (scripts/buildPanel.ts, lib/panel/build.ts) from the raw deposit in data/raw/, every file checked against its SHA-256 in data/sources.json",
    notes: ["One row per ally-year, unlagged levels; column definitions, formulas, units and sources: data/CODEBOOK.md.", ...notes],
  });
}

/** One summary line per source plus the notes, for the build log. */
export function formatPanelLog(res: PanelResult): string {
  return [...res.reports.map(formatReport), ...res.notes.map((n) => `note: ${n}`)].join("\n");
}
