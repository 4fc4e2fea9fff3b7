/**
 * lib/notebook/frame.ts: pivot on a hand-made long table (cells checked one by
 * one, absent pair = NaN, duplicate pair = error naming it), and frameRows
 * keeps danfo's index (describe's statistic names) and values.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { toDanfo, danfoColumns } from "../../lib/notebook/frames";
import { pivot, frameRows } from "../../lib/notebook/frame";

const long = {
  iso3: ["A", "A", "B", "B", "C"],
  year: [2018, 2017, 2017, 2018, 2018],
  y: [1, 0, 2, null, 5],
};

test("pivot: one row per country in first-seen order, years ascending, absent pair NaN", () => {
  const w = pivot(toDanfo(long), "iso3", "year", "y");
  assert.deepEqual(w.columns, ["iso3", "2017", "2018"]);
  assert.deepEqual(w.column("iso3").values, ["A", "B", "C"]);
  assert.deepEqual(w.column("2017").values, [0, 2, NaN]);
  assert.deepEqual(w.column("2018").values, [1, NaN, 5]);
  assert.deepEqual(danfoColumns(w)["2018"], [1, null, 5]);
});

test("pivot: a duplicated pair and an unknown column are errors that name them", () => {
  const dup = toDanfo({ iso3: ["A", "A"], year: [2017, 2017], y: [1, 2] });
  assert.throws(() => pivot(dup, "iso3", "year", "y"), /iso3 = A, year = 2017 occurs twice/);
  assert.throws(() => pivot(dup, "iso3", "year", "z"), /no column "z"/);
});

test("frameRows: the index first (describe's row names), then the values", () => {
  const d = toDanfo({ x: [1, 2, 3, 4] }).describe();
  // danfo returns its base DataFrame here; the converters take either (FrameLike)
  const rows = frameRows(d, "statistic");
  const byStat = new Map(rows.map((r) => [r.statistic, r.x]));
  assert.equal(byStat.get("count"), 4);
  assert.equal(byStat.get("mean"), 2.5);
  assert.equal(byStat.get("min"), 1);
  assert.equal(byStat.get("max"), 4);
  assert.ok(Math.abs(Number(byStat.get("std")) - Math.sqrt(5 / 3)) < 1e-12);
});
