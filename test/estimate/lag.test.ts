import { test } from "node:test";
import assert from "node:assert/strict";
import { lagPanel, leadPanel } from "../../lib/estimate/lag";

// Rows deliberately out of order; unit B has a gap (no 2018).
const unit = ["A", "A", "B", "A", "B", "B"];
const time = [2018, 2017, 2017, 2019, 2019, 2020];
const x = [20, 10, 100, 30, 300, 400];

test("lag by (unit, time): gaps give missing, row order is irrelevant", () => {
  const l = Array.from(lagPanel(x, unit, time, 1));
  assert.deepEqual(
    l.map((v) => (Number.isNaN(v) ? null : v)),
    [10, null, null, 20, null, 300],
  );
});

test("lag 2 and lead 1", () => {
  const l2 = Array.from(lagPanel(x, unit, time, 2)).map((v) => (Number.isNaN(v) ? null : v));
  assert.deepEqual(l2, [null, null, null, 10, 100, null]);
  const f1 = Array.from(leadPanel(x, unit, time, 1)).map((v) => (Number.isNaN(v) ? null : v));
  assert.deepEqual(f1, [30, 20, null, null, 400, null]);
});

test("a missing source value stays missing", () => {
  const l = lagPanel([1, null, 3], ["A", "A", "A"], [1, 2, 3]);
  assert.ok(Number.isNaN(l[0]) && l[1] === 1 && Number.isNaN(l[2]));
});

test("duplicate (unit, time) and fractional time are errors", () => {
  assert.throws(() => lagPanel([1, 2], ["A", "A"], [2000, 2000]), /two rows for time 2000/);
  assert.throws(() => lagPanel([1], ["A"], [2000.5]), /integer/);
});
