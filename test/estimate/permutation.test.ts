import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { permutationTest, permuteWithin } from "../../lib/estimate/permutation";

test("permuteWithin keeps every stratum's rows within the stratum", () => {
  const strata = ["a", "b", "a", "b", "a", "c"];
  const p = permuteWithin(6, strata, seedrandom("p"));
  assert.deepEqual(Array.from(p).sort(), [0, 1, 2, 3, 4, 5]);
  p.forEach((src, i) => assert.equal(strata[src], strata[i]));
  assert.equal(p[5], 5); // a stratum of one cannot move
});

test("a strong effect gets the smallest attainable p; the result is reproducible", () => {
  const rng = seedrandom("data");
  const unit = Array.from({ length: 40 }, (_, i) => Math.floor(i / 5));
  const x = unit.map(() => rng());
  const y = x.map((v, i) => 3 * v + unit[i] + 0.05 * (rng() - 0.5));
  const opts = { data: { unit, x, y }, y: "y", x: ["x"], fe: ["unit"] };
  const r = permutationTest(opts, { term: "x", B: 199, seed: "perm" });
  assert.equal(r.p_value, 1 / 200);
  assert.deepEqual(permutationTest(opts, { term: "x", B: 199, seed: "perm" }), r);
  const s = permutationTest(opts, { term: "x", B: 99, seed: "perm", strata: "unit" });
  assert.equal(s.strata, "unit");
  assert.ok(s.p_value >= 1 / 100 && s.p_value <= 1);
});
