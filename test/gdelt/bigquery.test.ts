import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { policySql, keywordSql } from "../../lib/gdelt/bigquery";
import { policyScores, KEYWORD_RULES, type PolicyRow } from "../../lib/measures/policyScore";
import { GDELT_SAMPLES, loadGdeltEvents } from "../../lib/sources/gdelt";

const SNAP = path.join(__dirname, "snapshots");

test("BigQuery SQL text matches the reviewed snapshots", () => {
  for (const rule of ["substring", "token"] as const) {
    const sql = policySql({ from: "2016-01-01", to: "2020-12-31", rule });
    const snap = fs.readFileSync(path.join(SNAP, `policy_2016-2020_${rule}.sql`), "utf8");
    assert.equal(sql, snap, `snapshot ${rule}: if the change is intended, regenerate it with \`npx alliance gdelt bigquery --from 2016-01-01 --to 2020-12-31 --keywords ${rule}\``);
  }
  assert.equal(keywordSql("none"), undefined);
  assert.doesNotMatch(policySql({ from: "2017-01-01", to: "2017-12-31", rule: "none" }), /LOWER\(SOURCEURL\)/);
  assert.match(policySql({ from: "2017-01-01", to: "2017-12-31" }), /SQLDATE BETWEEN 20170101 AND 20171231/);
});

test("the same SQL run in DuckDB on the real sample rows equals the TypeScript aggregates", async () => {
  const events = GDELT_SAMPLES.flatMap((f) => loadGdeltEvents(f).events);
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  try {
    await con.run(`CREATE TABLE events (GLOBALEVENTID BIGINT, SQLDATE INTEGER, Year INTEGER, Actor1Geo_CountryCode VARCHAR,
      Actor2Geo_CountryCode VARCHAR, GoldsteinScale DOUBLE, NumMentions INTEGER, SOURCEURL VARCHAR)`);
    const app = await con.createAppender("events");
    for (const e of events) {
      app.appendBigInt(BigInt(e.GLOBALEVENTID));
      app.appendInteger(e.SQLDATE);
      app.appendInteger(e.year);
      app.appendVarchar(e.Actor1Geo_CountryCode);
      app.appendVarchar(e.Actor2Geo_CountryCode);
      app.appendDouble(e.GoldsteinScale);
      app.appendInteger(e.NumMentions);
      app.appendVarchar(e.SOURCEURL);
      app.endRow();
    }
    app.closeSync();
    // BigQuery's REGEXP_CONTAINS is DuckDB's regexp_matches (both RE2); nothing else is translated.
    await con.run("CREATE MACRO REGEXP_CONTAINS(s, p) AS regexp_matches(s, p)");
    for (const rule of KEYWORD_RULES) {
      const sql = policySql({ from: "2013-04-01", to: "2020-12-31", rule, table: "events" });
      const got = (await con.runAndReadAll(sql)).getRowObjectsJS().map((r) => ({
        iso3: String(r.iso3), year: Number(r.year), n_events: Number(r.n_events),
        mean_goldstein: Number(r.mean_goldstein), mean_mentions: Number(r.mean_mentions), policy: Number(r.policy),
      }));
      const want = policyScores(events, { rule }).rows.slice().sort((a, b) => a.iso3.localeCompare(b.iso3) || a.year - b.year);
      assert.equal(got.length, want.length, rule);
      got.forEach((g: PolicyRow, i) => {
        const w = want[i];
        assert.deepEqual([g.iso3, g.year, g.n_events], [w.iso3, w.year, w.n_events], rule);
        for (const k of ["mean_goldstein", "mean_mentions", "policy"] as const) {
          assert.ok(Math.abs(g[k] - w[k]) <= 1e-12 * Math.max(1, Math.abs(w[k])), `${rule} ${w.iso3} ${w.year} ${k}: ${g[k]} vs ${w[k]}`);
        }
      });
    }
    const n = async (rule: "none" | "substring" | "token") =>
      (await con.runAndReadAll(policySql({ from: "2013-04-01", to: "2020-12-31", rule, table: "events" }))).getRowObjectsJS().reduce((s, r) => s + Number(r.n_events), 0);
    assert.deepEqual([await n("none"), await n("substring"), await n("token")], [32, 8, 0]);
  } finally {
    con.closeSync();
  }
});
