import { test } from "node:test";
import assert from "node:assert/strict";
import { quantileSorted, winsorize } from "../../lib/estimate/winsorize";

// sorted: 1 1 2 3 3 4 5 5 6 9 (n = 10)
const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
const s = Float64Array.from(x).sort();

test("Stata _pctile definition (= R quantile type 2), worked by hand", () => {
  // p = .10: h = 1 (integer) -> (x(1) + x(2)) / 2 = 1; p = .25: h = 2.5 -> x(3) = 2
  // p = .90: h = 9 -> (x(9) + x(10)) / 2 = 7.5; p = .95: h = 9.5 -> x(10) = 9
  assert.deepEqual(
    [0.1, 0.25, 0.9, 0.95].map((p) => quantileSorted(s, p, "stata")),
    [1, 2, 7.5, 9],
  );
});

test("R type 7 definition, worked by hand", () => {
  // p = .25: h = 9 * .25 = 2.25 -> x(3) + .25 (x(4) - x(3)) = 2.25; p = .9: h = 8.1 -> 6 + .1 * 3 = 6.3
  assert.equal(quantileSorted(s, 0.25, "r7"), 2.25);
  assert.ok(Math.abs(quantileSorted(s, 0.9, "r7") - 6.3) < 1e-12);
});

test("pooled winsorizing at 10/90 clips the tails", () => {
  const w = winsorize(x, { lower: 0.1, upper: 0.9 });
  assert.deepEqual(Array.from(w.values), [3, 1, 4, 1, 5, 7.5, 2, 6, 5, 3]);
  assert.equal(w.changedHigh, 1);
  assert.equal(w.changedLow, 0);
});

test("by-group winsorizing uses each group's cut points; NaN stays NaN", () => {
  const v = [1, 2, 3, 4, NaN, 10, 20, 30, 40];
  const g = [1, 1, 1, 1, 1, 2, 2, 2, 2];
  const w = winsorize(v, { lower: 0.25, upper: 0.75, by: g });
  // group 1: n = 4, p=.25: h = 1 -> (1+2)/2 = 1.5; p=.75: h = 3 -> (3+4)/2 = 3.5
  // group 2: 15 and 35
  assert.deepEqual(
    Array.from(w.values).map((z) => (Number.isNaN(z) ? null : z)),
    [1.5, 2, 3, 3.5, null, 15, 20, 30, 35],
  );
  assert.deepEqual(w.cuts.get(2), { lo: 15, hi: 35 });
});

test("1%/99% on 100 values: h = 1 and 99 are integers -> averages of neighbours", () => {
  const v = Array.from({ length: 100 }, (_, i) => i + 1);
  const w = winsorize(v);
  assert.deepEqual(w.cuts.get("all"), { lo: 1.5, hi: 99.5 });
});
