/**
 * `alliance gdelt aggregate`: Eq. 1 per ally-year from the output of
 * `alliance gdelt fetch`, or from the CSV that the BigQuery route exports.
 *
 * From a fetch folder only days with an intact checkpoint count (their events
 * file matches the recorded SHA-256); stray or partial files are ignored and
 * named in the report. Each event is re-filtered with the same filter as the
 * fetch (lib/measures/policyScore.ts) under the rule asked for, which must be
 * no wider than the rule the days were fetched with. Events are de-duplicated
 * by GLOBALEVENTID. Output columns (policy_gdelt.csv): iso3, year, n_events,
 * mean_goldstein (Goldstein -10..10), mean_mentions (mentions per event),
 * policy (R of Eq. 1).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as aq from "arquero";
import { listCheckpoints } from "./checkpoint";
import { parseGdeltText } from "../sources/gdelt";
import { parseCsvText, num, int, str } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, drop, assertUniqueKeys, type LoadReport } from "../io/loadReport";
import {
  makeEventFilter, selectionCovers, PolicyAccumulator, policyTable, policyR, POLICY_COLUMNS, type KeywordRule, type PolicyRow,
} from "../measures/policyScore";
import { ALLIES } from "../countries";
import { writeFileAtomic } from "./checkpoint";
import type { DataRootOptions } from "../dataRoot";
import { yearProblem } from "./range";

export interface AggregateOptions extends DataRootOptions {
  rule?: KeywordRule;
}
export interface PolicyResult {
  rows: PolicyRow[];
  table: aq.ColumnTable;
  report: LoadReport;
}

/** Eq. 1 per ally-year from a fetch output folder. */
export function aggregateFetched(dir: string, o: AggregateOptions = {}): PolicyResult {
  const rule = o.rule ?? "substring";
  const rejected: string[] = [];
  const cps = listCheckpoints(dir, (m) => rejected.push(m));
  const report = newReport();
  const filter = makeEventFilter({ rule, dataDir: o.dataDir });
  const acc = new PolicyAccumulator();
  const seen = new Set<number>();
  for (const cp of cps) {
    if (!selectionCovers(cp, { rule, allDyads: false })) {
      throw new DataError(
        path.join(dir, cp.events),
        `fetched with the ${cp.allDyads ? "all-dyads" : `"${cp.rule}"`} selection, which is narrower than the "${rule}" rule asked for; fetch again with --keywords ${rule}`,
      );
    }
    const file = path.join(dir, cp.events);
    const parsed = parseGdeltText(fs.readFileSync(file, "utf8"), file, { strict: true }, cp.eventsSha256);
    if (parsed.layout.name !== "compact") throw new DataError(file, `expected the compact layout, found ${parsed.layout.name}`);
    report.files.push(cp.events);
    report.sha256.push(cp.eventsSha256);
    for (const e of parsed.events) {
      report.rowsRead++;
      if (!filter.keep(e)) {
        drop(report, `not selected by the "${rule}" rule`);
        continue;
      }
      if (seen.has(e.GLOBALEVENTID)) {
        drop(report, "duplicate GLOBALEVENTID");
        continue;
      }
      seen.add(e.GLOBALEVENTID);
      acc.add(filter.allyOf(e)!, e.year, e.GoldsteinScale, e.NumMentions);
      report.rowsKept++;
    }
  }
  report.notes.push(`${cps.length} complete day(s) in ${dir}; keyword rule "${rule}"`);
  for (const m of rejected) report.notes.push(`ignored: ${m}`);
  const evDir = path.join(dir, "events");
  if (fs.existsSync(evDir)) {
    const counted = new Set(cps.map((c) => path.basename(c.events)));
    const stray = fs.readdirSync(evDir).filter((f) => !counted.has(f));
    if (stray.length) report.notes.push(`ignored ${stray.length} events file(s) without an intact checkpoint: ${stray.slice(0, 5).join(", ")}`);
  }
  const rows = acc.rows();
  return { rows, table: policyTable(rows), report };
}

/**
 * Read a per ally-year CSV with the policy_gdelt.csv columns (the BigQuery
 * export of `alliance gdelt bigquery`, or a file this module wrote). Checks
 * every row: a study ally, an integer year within the GDELT 1.0 daily data
 * (2013 .. this year, lib/gdelt/range.ts), n_events >= 1, and a policy
 * value equal to Eq. 1 of the two means (relative tolerance 1e-9).
 */
export function readPolicyCsv(file: string): PolicyResult {
  const text = fs.readFileSync(file, "utf8");
  const t = parseCsvText(text, file, { required: POLICY_COLUMNS });
  const report = newReport([file], [""]);
  const rows: PolicyRow[] = [];
  t.rows.forEach((_, i) => {
    report.rowsRead++;
    const iso3 = str(t, i, "iso3");
    if (!(ALLIES as readonly string[]).includes(iso3)) throw new DataError(file, `"${iso3}" is not one of the 26 allies`, { row: t.line(i), column: "iso3" });
    const year = int(t, i, "year")!;
    const n = int(t, i, "n_events")!;
    if (year === null || n === null || n < 1) throw new DataError(file, "year and n_events >= 1 are required", { row: t.line(i) });
    const bad = yearProblem(year);
    if (bad) throw new DataError(file, bad, { row: t.line(i), column: "year" });
    const g = num(t, i, "mean_goldstein")!, m = num(t, i, "mean_mentions")!, p = num(t, i, "policy")!;
    if (g === null || m === null || p === null) throw new DataError(file, "missing mean or policy", { row: t.line(i) });
    const want = policyR(g, m);
    if (Math.abs(want - p) > 1e-9 * Math.max(1, Math.abs(want))) {
      throw new DataError(file, `policy ${p} is not (mean_goldstein + 0.1) * log2(mean_mentions + 1) = ${want}`, { row: t.line(i), column: "policy" });
    }
    rows.push({ iso3, year, n_events: n, mean_goldstein: g, mean_mentions: m, policy: p });
    report.rowsKept++;
  });
  assertUniqueKeys(file, rows.length, (i) => `${rows[i].iso3} ${rows[i].year}`, t.line);
  const order = (c: string) => (ALLIES as readonly string[]).indexOf(c);
  rows.sort((a, b) => order(a.iso3) - order(b.iso3) || a.year - b.year);
  return { rows, table: policyTable(rows), report };
}

/** policy_gdelt.csv text (full double precision). */
export function policyCsvText(rows: readonly PolicyRow[]): string {
  return POLICY_COLUMNS.join(",") + "\n" + rows.map((r) => POLICY_COLUMNS.map((c) => String(r[c])).join(",")).join("\n") + (rows.length ? "\n" : "");
}

/** Write policy_gdelt.csv atomically. */
export function writePolicyCsv(rows: readonly PolicyRow[], file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, policyCsvText(rows));
}

/** `aggregate --in`: a fetch folder, or a BigQuery-export CSV file. */
export function aggregateInput(input: string, o: AggregateOptions = {}): PolicyResult {
  if (!fs.existsSync(input)) throw new Error(`${input}: no such file or folder`);
  return fs.statSync(input).isDirectory() ? aggregateFetched(input, o) : readPolicyCsv(input);
}
