/**
 * lib/notebook/frames.ts: arquero / typed rows / column records <-> danfo DataFrames.
 * Round trips are exact (values, column order, missing values as null);
 * danfo's group and column means match hand-computed ones (danfo aggregates
 * in JS doubles here; tolerance 1e-12 relative), and its handling of missing
 * values is pinned so a danfo upgrade that changes it fails here.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { toDanfo, fromDanfo, danfoColumns, danfoPrint, columnsOf } from "../../lib/notebook/frames";
import { captureDisplays } from "../helpers/displaySink";
import { readPanel } from "../../lib/panel/read";
import { PANEL_COLUMNS } from "../../lib/panel/schema";

test("typed panel rows -> danfo -> arquero gives the rows back (156 x 23, nulls kept)", () => {
  const rows = readPanel();
  const df = toDanfo(rows);
  assert.deepEqual(df.shape, [156, PANEL_COLUMNS.length]);
  assert.deepEqual(df.columns, [...PANEL_COLUMNS]);
  const back = fromDanfo(df).objects();
  assert.deepEqual(back, rows);
});

test("hand-made table: arquero and column record give the same frame; missing numbers become NaN", () => {
  const cols = {
    year: [2017, 2017, 2018, 2018, 2018],
    iso3: ["A", "B", "A", null, "C"],
    x: [1, 2, 4, null, 9],
  };
  const a = toDanfo(aq.table(cols));
  const b = toDanfo(cols);
  assert.deepEqual(danfoColumns(a), danfoColumns(b));
  assert.deepEqual(danfoColumns(a).x, [1, 2, 4, null, 9]);
  assert.deepEqual(a.column("x").values, [1, 2, 4, NaN, 9]);
  assert.deepEqual(a.column("iso3").values, ["A", "B", "A", null, "C"]);
  assert.deepEqual(a.dtypes, ["int32", "string", "float32"]);
});

test("danfo 1.2 and missing values (pinned): group means propagate NaN, dropNa() skips; Series.mean skips", () => {
  const df = toDanfo({ year: [2017, 2017, 2018, 2018, 2018], x: [1, 2, 4, null, 9] });
  // by hand: 2017 -> (1 + 2) / 2 = 1.5; 2018 -> 4, missing, 9 -> NaN with the missing value, (4 + 9) / 2 = 6.5 without
  // danfo returns its base DataFrame here; the converters take either (FrameLike)
  const withNa = fromDanfo(df.groupby(["year"]).col(["x"]).mean()).objects();
  assert.deepEqual(withNa, [
    { year: 2017, x_mean: 1.5 },
    { year: 2018, x_mean: null },
  ]);
  // danfo returns its base DataFrame here; the converters take either (FrameLike)
  const dropped = fromDanfo(df.dropNa().groupby(["year"]).col(["x"]).mean()).objects();
  assert.deepEqual(dropped, [
    { year: 2017, x_mean: 1.5 },
    { year: 2018, x_mean: 6.5 },
  ]);
  assert.equal(df.column("x").mean(), 4); // (1 + 2 + 4 + 9) / 4
  // The panel: danfo's mean of asym over 2016-2019 equals lib's (describeColumns), to 1e-12 relative.
  const panel = readPanel().filter((r) => r.year >= 2016 && r.year <= 2019);
  const ours =
    panel.reduce((s, r) => s + (r.asym ?? 0), 0) / panel.filter((r) => r.asym !== null).length;
  const theirs = toDanfo(panel).column("asym").mean();
  assert.ok(Math.abs(theirs - ours) <= 1e-12 * Math.abs(ours), `${theirs} vs ${ours}`);
});

test("columnsOf with only: those columns, as the full conversion gives them; every name listed", () => {
  const rows = readPanel();
  const record: Record<string, unknown[]> = {};
  for (const c of PANEL_COLUMNS) record[c] = rows.map((r) => r[c]);
  const inputs = [aq.from(rows), rows, record];
  for (const data of inputs) {
    const all = columnsOf(data);
    const some = columnsOf(data, ["year", "ICTtrade", "not_a_column"]);
    assert.deepEqual(some.names, [...PANEL_COLUMNS]);
    assert.deepEqual(some.columns, { year: all.columns.year, ICTtrade: all.columns.ICTtrade });
  }
});

test("clear errors for empty or ragged input", () => {
  assert.throws(() => toDanfo({}), /no columns/);
  assert.throws(() => toDanfo({ a: [] }), /no rows/);
  assert.throws(() => toDanfo({ a: [1, 2], b: [1] }), /column "b" has 1 rows, "a" has 2/);
});

test("df.print() shows an HTML table (index first, numbers right-aligned) with a plain-text fallback, not danfo's console box", () => {
  const df = toDanfo({ iso3: ["KOR", "JPN"], asym: [1.5, 0.25] });
  const shown = captureDisplays(() => df.print());
  assert.equal(shown.length, 1);
  const html = String(shown[0]["text/html"]);
  assert.match(
    html,
    /^<table>\n<thead><tr><th style="text-align:right"><\/th><th style="text-align:left">iso3<\/th><th style="text-align:right">asym<\/th>/,
  );
  assert.match(
    html,
    /<td style="text-align:right">0<\/td><td style="text-align:left">KOR<\/td><td style="text-align:right">1\.500<\/td>/,
  );
  const text = String(shown[0]["text/plain"]).split("\n");
  // the plain-text form is the report renderer's (lib/report/render.ts renderText)
  assert.deepEqual(text, [
    "==============",
    "   iso3  asym",
    "--------------",
    "0  KOR   1.500",
    "1  JPN   0.250",
    "==============",
    "",
  ]);
  // a wide frame (12 columns) stays one table, no column cut to "..."
  const wide = toDanfo(
    Object.fromEntries(Array.from({ length: 12 }, (_, j) => [`c${j}`, [j, j + 1]])),
  );
  const w = captureDisplays(() => wide.print());
  assert.equal((String(w[0]["text/html"]).match(/<th /g) ?? []).length, 13);
  // frames danfo makes (head, describe, group means) are danfo-base DataFrames: they print as tables too
  for (const made of [
    df.head(1),
    df.loc({ columns: ["asym"] }).describe(),
    df.groupby(["iso3"]).col(["asym"]).mean(),
  ]) {
    const out = captureDisplays(() => made.print());
    assert.equal(out.length, 1);
    assert.match(String(out[0]["text/html"]), /^<table>\n<thead>/);
  }
  const means = captureDisplays(() => df.groupby(["iso3"]).col(["asym"]).mean().print());
  assert.match(String(means[0]["text/plain"]), /KOR\s+1\.500/);
  // a Series keeps danfo's own print (nothing displayed)
  const log0 = console.log;
  console.log = () => undefined;
  try {
    assert.deepEqual(
      captureDisplays(() => df.column("asym").print()),
      [],
    );
  } finally {
    console.log = log0;
  }
  // danfo's own box is still there
  const logged: string[] = [];
  const log = console.log;
  console.log = (...a: unknown[]) => void logged.push(a.join(" "));
  try {
    danfoPrint(df);
  } finally {
    console.log = log;
  }
  assert.match(logged.join("\n"), /║/);
});
