/**
 * Eq. 1 on the real GDELT slices of the raw deposit, for the notebooks.
 *
 * The four slices (two raw GDELT 2.0 15-minute exports and two 62-column CSV
 * extracts, 2018-2019; gdelt/SOURCE.md) hold 32 ally->China events. Under
 * the "substring" rule 8 of them pass, all through "ai" inside unrelated
 * words (chinadaily, detail, airlines); under the "token" rule none do. So
 * these rows show how the measure and the keyword rules behave; they are far
 * too few to be the paper's 2016-2020 outcome (that needs `alliance gdelt
 * fetch` or the BigQuery route, docs/gdelt.md).
 */
import * as aq from "arquero";
import { GDELT_SAMPLES, loadGdeltEvents, eventsTable, type GdeltEvent } from "../sources/gdelt";
import {
  makeEventFilter,
  policyScores,
  matchedKeywords,
  type KeywordRule,
  type PolicyRow,
} from "../measures/policyScore";
import { newReport, drop, type LoadReport } from "../io/loadReport";
import type { DataRootOptions } from "../io/dataRoot";
import { defined } from "../lookup";

export interface SampleOptions extends DataRootOptions {
  rule?: KeywordRule;
}

const cache = new Map<string, { events: GdeltEvent[]; report: LoadReport }>();

/**
 * Every event of the four slices (SHA-256 checked), de-duplicated by
 * GLOBALEVENTID, with one combined report. Read once per data root and
 * cached; callers get copies of the arrays and report.
 */
export function sampleEvents(o: DataRootOptions = {}): {
  events: GdeltEvent[];
  report: LoadReport;
} {
  const key = o.dataDir ?? "";
  let hit = cache.get(key);
  if (!hit) cache.set(key, (hit = readSampleEvents(o)));
  return {
    events: hit.events.slice(),
    report: JSON.parse(JSON.stringify(hit.report)) as LoadReport,
  };
}

function readSampleEvents(o: DataRootOptions): { events: GdeltEvent[]; report: LoadReport } {
  const report = newReport();
  const seen = new Set<number>();
  const events: GdeltEvent[] = [];
  for (const f of GDELT_SAMPLES) {
    const r = loadGdeltEvents(f, o);
    report.files.push(...r.report.files);
    report.sha256.push(...r.report.sha256);
    report.rowsRead += r.report.rowsRead;
    for (const [k, v] of Object.entries(r.report.dropped)) drop(report, k, v);
    for (const n of r.report.notes) report.notes.push(`${f}: ${n}`);
    for (const e of r.events) {
      if (seen.has(e.GLOBALEVENTID)) {
        drop(report, "duplicate GLOBALEVENTID");
        continue;
      }
      seen.add(e.GLOBALEVENTID);
      events.push(e);
      report.rowsKept++;
    }
  }
  return { events, report };
}

/**
 * Per ally-year aggregates of Eq. 1 on the real slices under a keyword rule
 * (default "substring"). `rows`/`table`: iso3, year, n_events,
 * mean_goldstein, mean_mentions, policy. `matches`: the ally->China events
 * with the keywords each rule finds in their URL, to show why they pass.
 */
export function sampleEventAggregates(o: SampleOptions = {}): {
  rows: PolicyRow[];
  table: aq.ColumnTable;
  matches: aq.ColumnTable;
  report: LoadReport;
} {
  const rule = o.rule ?? "substring";
  const { events, report } = sampleEvents(o);
  const { rows, table } = policyScores(events, { rule, dataDir: o.dataDir });
  const dyad = makeEventFilter({ rule: "none", dataDir: o.dataDir });
  const allyCh = events.filter((e) => dyad.keep(e));
  const matches = eventsTable(allyCh)
    .select(
      "GLOBALEVENTID",
      "year",
      "Actor1Geo_CountryCode",
      "GoldsteinScale",
      "NumMentions",
      "SOURCEURL",
    )
    .assign({
      iso3: allyCh.map((e) => defined(dyad.allyOf(e), "ally of an ally->China event")),
      substring_hits: allyCh.map((e) => matchedKeywords(e.SOURCEURL, "substring").join(" ")),
      token_hits: allyCh.map((e) => matchedKeywords(e.SOURCEURL, "token").join(" ")),
    });
  report.notes.push(
    `${allyCh.length} ally->China events; ${rows.reduce((s, r) => s + r.n_events, 0)} pass the "${rule}" rule`,
  );
  return { rows, table, matches, report };
}
