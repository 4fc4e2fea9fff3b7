import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feols } from "../../lib/estimate/feols";
import { waldFit, waldTest } from "../../lib/estimate/wald";

test("one restriction: F = t², p equal to the t test's", () => {
  const fx = JSON.parse(
    readFileSync(join(__dirname, "..", "fixtures", "oracle", "grunfeld.json"), "utf8"),
  ) as { data: Record<string, number[]> };
  const fit = feols({
    data: fx.data,
    y: "inv",
    x: ["value", "capital"],
    fe: ["firm", "year"],
    cluster: "firm",
  });
  const w = waldFit(fit, ["capital"]);
  const c = fit.coefficients[1];
  assert.ok(Math.abs(w.stat - c.statistic ** 2) < 1e-10 * w.stat);
  assert.ok(Math.abs(w.p_value - c.p_value) < 1e-10);
  assert.equal(w.df2, 9);
  // all slopes: same as the model's f_test
  assert.deepEqual(waldFit(fit), fit.f_test);
});

test("hand case: diagonal vcov, two restrictions", () => {
  // b = (1, 2), V = diag(0.25, 1): W = (1/0.25 + 4/1)/2 = 4
  const w = waldTest([1, 2], [0.25, 0, 0, 1], ["a", "b"], 20);
  assert.equal(w.stat, 4);
  // non-zero null: H0 a = 0.5 -> (0.5²/0.25)/1 = 1
  assert.equal(waldTest([1, 2], [0.25, 0, 0, 1], ["a", "b"], 20, ["a"], [0.5]).stat, 1);
  assert.throws(() => waldTest([1], [1], ["a"], 5, ["z"]), /no coefficient named "z"/);
});

test("a singular R V Rᵀ gives no statistic and says so (not 'LU matrix is singular')", () => {
  // V of rank 1 over two coefficients (e.g. two clusters): [1 2; 2 4]
  const r = waldTest([1, 2], [1, 2, 2, 4], ["a", "b"], 1);
  assert.equal(r.singular, true);
  assert.ok(Number.isNaN(r.stat) && Number.isNaN(r.p_value));
  assert.equal(waldTest([1, 2], [1, 0.5, 0.5, 4], ["a", "b"], 10).singular, undefined);
});
