import { test } from "node:test";
import assert from "node:assert/strict";
import { standardize } from "../../lib/estimate/standardize";

test("z-scores with the n-1 standard deviation, missing ignored", () => {
  // 2, 4, 6: mean 4, sd = sqrt((4 + 0 + 4) / 2) = 2
  const r = standardize([2, NaN, 4, 6]);
  assert.equal(r.mean, 4);
  assert.equal(r.sd, 2);
  assert.equal(r.n, 3);
  assert.deepEqual(
    Array.from(r.values).map((v) => (Number.isNaN(v) ? null : v)),
    [-1, null, 0, 1],
  );
});

test("a constant column is an error", () => {
  assert.throws(() => standardize([3, 3, 3]), /constant/);
});
