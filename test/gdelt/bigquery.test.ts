import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { policySql, keywordSql } from "../../lib/gdelt/bigquery";
import * as os from "node:os";
import {
  policyScores,
  makeEventFilter,
  KEYWORD_RULES,
  type KeywordRule,
  type PolicyRow,
} from "../../lib/measures/policyScore";
import { parseGdeltText } from "../../lib/sources/gdelt";
import { fetchGdelt } from "../../lib/gdelt/fetch";
import { aggregateFetched } from "../../lib/gdelt/aggregate";
import { startServer, sampleAsV1Daily, dailyZip } from "../helpers/gdeltServer";

const SNAP = path.join(__dirname, "snapshots");

test("BigQuery SQL text matches the reviewed snapshots", () => {
  for (const rule of ["substring", "token"] as const) {
    const sql = policySql({ from: "2016-01-01", to: "2020-12-31", rule });
    const snap = fs.readFileSync(path.join(SNAP, `policy_2016-2020_${rule}.sql`), "utf8");
    assert.equal(
      sql,
      snap,
      `snapshot ${rule}: if the change is intended, regenerate it with \`npx alliance gdelt bigquery --from 2016-01-01 --to 2020-12-31 --keywords ${rule}\``,
    );
  }
  assert.equal(keywordSql("none"), undefined);
  assert.doesNotMatch(
    policySql({ from: "2017-01-01", to: "2017-12-31", rule: "none" }),
    /LOWER\(SOURCEURL\)/,
  );
  const sql = policySql({ from: "2017-01-01", to: "2018-06-30" });
  assert.match(
    sql,
    /WHERE DATEADDED BETWEEN 20170101 AND 20180630\n {4}AND Year BETWEEN 2017 AND 2018\n/,
  );
  assert.match(
    sql,
    /PARTITION BY GLOBALEVENTID\n\s+ORDER BY DATEADDED, SQLDATE, Actor1Geo_CountryCode, GoldsteinScale, NumMentions/,
  );
  assert.match(sql, /FROM events\nWHERE nth_copy = 1\nGROUP BY/);
  assert.doesNotMatch(sql, /SQLDATE BETWEEN/);
});

/**
 * Both routes on the real slices. Each slice is served (loopback server) as
 * the GDELT 1.0 daily file of the day GDELT added its rows (DATEADDED), and
 * the same rows, with DATEADDED = that day as in GDELT 1.0's table, are
 * loaded into DuckDB. One more file, 20180509, re-publishes the 11
 * ally->China rows of 2018-05-08 with NumMentions + 100 (a synthetic
 * duplicate): both routes must count them once and keep the 2018-05-08 copy.
 */
const SLICES: Record<string, string> = {
  "20180105": "gdelt/chn_20180105.csv",
  "20180326": "gdelt/20180326044500.export.CSV",
  "20180508": "gdelt/gdelt_2018_05_08.csv",
  "20191024": "gdelt/20191024143000.export.CSV",
};
const RANGES: [string, string][] = [
  ["2017-01-01", "2019-12-31"], // everything
  ["2018-01-01", "2019-12-31"], // drops the three 2017-dated events of the 2018-01-05 file (Year outside)
  ["2018-04-10", "2019-12-31"], // keeps the two events dated 2018-04-08 that GDELT added on 2018-05-08
  ["2018-01-05", "2018-01-05"],
  ["2018-05-01", "2018-05-31"], // the duplicate file
];

test("fetch + aggregate and the SQL in DuckDB give the same per ally-year aggregates on the real slices", async () => {
  const lines: Record<string, string[]> = {};
  for (const [day, rel] of Object.entries(SLICES)) lines[day] = sampleAsV1Daily(rel);
  // the synthetic re-publication of the 2018-05-08 ally->China rows
  const dyad = makeEventFilter({ rule: "none", allDyads: false });
  lines["20180509"] = lines["20180508"]
    .filter((l) => dyad.keep(parseGdeltText(l + "\n", "x").events[0]))
    .map((l) => {
      const f = l.split("\t");
      f[31] = String(Number(f[31]) + 100); // NumMentions (column 32 of the 1.0 layout)
      return f.join("\t");
    });
  assert.equal(lines["20180509"].length, 11);
  const zips = new Map<string, Buffer>();
  for (const [day, l] of Object.entries(lines))
    zips.set(`${day}.export.CSV.zip`, await dailyZip(day, l));

  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-routes-"));
  const server = await startServer(zips);
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  try {
    const r = await fetchGdelt({
      from: "2017-01-01",
      to: "2019-12-31",
      out,
      baseUrl: server.url,
      allDyads: true,
      progress: false,
      concurrency: 4,
      retry: { attempts: 1 },
    });
    assert.equal(r.ok, 5);
    assert.equal(r.failed, 1095 - 5); // the days the deposit has no slice for

    await con.run(`CREATE TABLE events (GLOBALEVENTID BIGINT, SQLDATE INTEGER, Year INTEGER, DATEADDED INTEGER, Actor1Geo_CountryCode VARCHAR,
      Actor2Geo_CountryCode VARCHAR, GoldsteinScale DOUBLE, NumMentions INTEGER, SOURCEURL VARCHAR)`);
    const app = await con.createAppender("events");
    for (const [day, l] of Object.entries(lines)) {
      for (const e of parseGdeltText(l.join("\n") + "\n", day).events) {
        app.appendBigInt(BigInt(e.GLOBALEVENTID));
        app.appendInteger(e.SQLDATE);
        app.appendInteger(e.year);
        app.appendInteger(Number(day));
        app.appendVarchar(e.Actor1Geo_CountryCode);
        app.appendVarchar(e.Actor2Geo_CountryCode);
        app.appendDouble(e.GoldsteinScale);
        app.appendInteger(e.NumMentions);
        app.appendVarchar(e.SOURCEURL);
        app.endRow();
      }
    }
    app.closeSync();
    // BigQuery's REGEXP_CONTAINS is DuckDB's regexp_matches (both RE2); nothing else is translated.
    await con.run("CREATE MACRO REGEXP_CONTAINS(s, p) AS regexp_matches(s, p)");
    const text = (v: unknown): string => {
      if (typeof v !== "string") throw new Error(`expected a string, got ${typeof v}`);
      return v;
    };
    const sqlRows = async (from: string, to: string, rule: KeywordRule): Promise<PolicyRow[]> =>
      (await con.runAndReadAll(policySql({ from, to, rule, table: "events" })))
        .getRowObjectsJS()
        .map((x) => ({
          iso3: text(x.iso3),
          year: Number(x.year),
          n_events: Number(x.n_events),
          mean_goldstein: Number(x.mean_goldstein),
          mean_mentions: Number(x.mean_mentions),
          policy: Number(x.policy),
        }));
    const byKey = (rows: PolicyRow[]) =>
      rows.slice().sort((a, b) => a.iso3.localeCompare(b.iso3) || a.year - b.year);
    const totals: Record<string, number> = {};
    for (const [from, to] of RANGES) {
      for (const rule of KEYWORD_RULES) {
        const what = `${from}..${to} ${rule}`;
        const agg = aggregateFetched(out, { from, to, rule, allowPartial: true });
        const got = await sqlRows(from, to, rule);
        const want = byKey(agg.rows);
        assert.equal(got.length, want.length, what);
        got.forEach((g, i) => {
          const w = want[i];
          assert.deepEqual([g.iso3, g.year, g.n_events], [w.iso3, w.year, w.n_events], what);
          for (const k of ["mean_goldstein", "mean_mentions", "policy"] as const) {
            assert.ok(
              Math.abs(g[k] - w[k]) <= 1e-12 * Math.max(1, Math.abs(w[k])),
              `${what} ${w.iso3} ${w.year} ${k}: ${g[k]} vs ${w[k]}`,
            );
          }
        });
        totals[what] = want.reduce((s, x) => s + x.n_events, 0);
      }
    }
    // the real rows (gdelt/SOURCE.md): 32 ally->CH events, 8 with a substring hit, none with a token hit
    assert.deepEqual(
      [
        totals["2017-01-01..2019-12-31 none"],
        totals["2017-01-01..2019-12-31 substring"],
        totals["2017-01-01..2019-12-31 token"],
      ],
      [32, 8, 0],
    );
    // the choice matters on these rows: by DATEADDED + Year, 14 events from 2018-04-10; by SQLDATE alone, 12
    assert.equal(totals["2018-01-01..2019-12-31 none"], 29);
    assert.equal(totals["2018-04-10..2019-12-31 none"], 14);
    const all = Object.values(lines)
      .flatMap((l) => parseGdeltText(l.join("\n") + "\n", "x").events)
      .filter((e) => dyad.keep(e));
    const bySqldate = new Set(
      all.filter((e) => e.SQLDATE >= 20180410 && e.SQLDATE <= 20191231).map((e) => e.GLOBALEVENTID),
    );
    assert.equal(bySqldate.size, 12);
    // the duplicate file: counted once, and the first copy (2018-05-08) kept by both routes
    const may = aggregateFetched(out, {
      from: "2018-05-01",
      to: "2018-05-31",
      rule: "none",
      allowPartial: true,
    });
    assert.equal(may.report.dropped["duplicate GLOBALEVENTID"], 11);
    assert.deepEqual(
      may.rows,
      policyScores(parseGdeltText(lines["20180508"].join("\n") + "\n", "x").events, {
        rule: "none",
      }).rows,
    );
  } finally {
    con.closeSync();
    await server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
