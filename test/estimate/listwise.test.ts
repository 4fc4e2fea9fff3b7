import { test } from "node:test";
import assert from "node:assert/strict";
import { listwise } from "../../lib/estimate/listwise";

test("drops rows missing in any column, counted under the first such column", () => {
  const r = listwise({ y: [1, null, 3, NaN, 5], x: [1, 2, null, null, "NA"], z: ["a", "b", "c", "d", "e"] }, ["y", "x"], ["NA"]);
  assert.deepEqual(r.rows, [0]);
  assert.deepEqual(r.report.dropped, { "missing y": 2, "missing x": 2 });
  assert.equal(r.report.rowsRead, 5);
  assert.equal(r.report.rowsKept, 1);
  assert.deepEqual(r.data, { y: [1], x: [1] });
});

test("unknown column is an error", () => {
  assert.throws(() => listwise({ y: [1] }, ["y", "q"]), /no column "q"/);
});
