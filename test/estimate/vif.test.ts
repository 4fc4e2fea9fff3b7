/**
 * VIF of the within-transformed regressors. With two regressors,
 * VIF = 1 / (1 − r²), r the correlation of the demeaned columns (mean zero, so
 * r = Σx̃₁x̃₂ / √(Σx̃₁² Σx̃₂²)). The demeaning is done by hand here, not by the
 * library. Numbers are illustrative, not data.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Matrix, inverse } from "ml-matrix";
import { feols } from "../../lib/estimate/feols";
import { vif } from "../../lib/estimate/vif";

const near = (a: number, b: number, tol = 1e-10) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const corr = (a: number[], b: number[]) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));

test("one-way FE, 2 units x 3 periods, worked by hand: VIF = 200/53 for both regressors", () => {
  // x̃1 = (-1,0,1,-2,0,2); x̃2 = (-2/3,1/3,1/3,-1,-1,2)
  // Σx̃1x̃2 = 7, Σx̃1² = 10, Σx̃2² = 20/3  =>  r² = 49·3/200 = 0.735, VIF = 1/0.265 = 200/53
  const data = {
    unit: ["A", "A", "A", "B", "B", "B"],
    x1: [1, 2, 3, 2, 4, 6],
    x2: [0, 1, 1, 5, 5, 8],
    y: [1, 3, 2, 0, 4, 3],
  };
  const v = vif(feols({ data, y: "y", x: ["x1", "x2"], fe: ["unit"] }));
  assert.deepEqual(Object.keys(v), ["x1", "x2"]);
  near(v.x1, 200 / 53);
  near(v.x2, 200 / 53);
});

// Balanced 3 units x 4 years (two-way FE): x̃ = x − x̄_unit − x̄_year + x̄
const unit = ["A", "A", "A", "A", "B", "B", "B", "B", "C", "C", "C", "C"];
const year = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4];
const x1 = [0.2, 0.9, 1.4, 2.1, 0.5, 0.4, 1.8, 1.1, 1.2, 0.3, 0.8, 2.0];
const x2 = [1.0, 0.1, 0.7, 0.3, 0.9, 0.4, 0.2, 0.6, 0.5, 0.8, 0.1, 0.3];
const x3 = [0.3, 0.2, 1.9, 0.8, 1.1, 0.0, 0.7, 1.6, 0.4, 1.3, 0.6, 0.9];
const y = [1.1, 2.0, 3.2, 4.4, 1.0, 1.3, 3.9, 2.2, 2.9, 0.8, 1.9, 4.6];

function twoWayDemean(x: number[]): number[] {
  const mean = (idx: number[]) => idx.reduce((s, i) => s + x[i], 0) / idx.length;
  const all = x.map((_, i) => i);
  const g = mean(all);
  const mu = (u: string) => mean(all.filter((i) => unit[i] === u));
  const mt = (t: number) => mean(all.filter((i) => year[i] === t));
  return x.map((v, i) => v - mu(unit[i]) - mt(year[i]) + g);
}

test("two-way FE, balanced 3 x 4: VIF = 1/(1 − r²) of the hand-demeaned regressors, to 1e-10", () => {
  const fit = feols({
    data: { unit, year, x1, x2, y },
    y: "y",
    x: ["x1", "x2"],
    fe: ["unit", "year"],
  });
  const d1 = twoWayDemean(x1);
  const d2 = twoWayDemean(x2);
  near(
    d1.reduce((s, v) => s + v, 0),
    0,
    1e-12,
  ); // sanity: mean zero
  const r = corr(d1, d2);
  assert.ok(Math.abs(r) > 0.05 && Math.abs(r) < 0.99, `r = ${r}`); // a non-trivial case
  const v = vif(fit);
  near(v.x1, 1 / (1 - r * r));
  near(v.x2, 1 / (1 - r * r));
  assert.ok(v.x1 > 1);
});

test("three regressors: VIFs are the diagonal of the inverse correlation matrix of the demeaned columns", () => {
  const fit = feols({
    data: { unit, year, x1, x2, x3, y },
    y: "y",
    x: ["x1", "x2", "x3"],
    fe: ["unit", "year"],
  });
  const d = [x1, x2, x3].map(twoWayDemean);
  const R = new Matrix(d.map((a) => d.map((b) => corr(a, b))));
  const Rinv = inverse(R);
  const v = vif(fit);
  ["x1", "x2", "x3"].forEach((t, j) => near(v[t], Rinv.get(j, j)));
});

test("a single regressor has VIF 1; an uncorrelated pair has VIF 1", () => {
  assert.deepEqual(
    vif(feols({ data: { unit, year, x1, y }, y: "y", x: ["x1"], fe: ["unit", "year"] })),
    { x1: 1 },
  );
  // one-way FE, 1 unit: x̃a = (-1.5,-.5,.5,1.5), x̃b = (1,-1,-1,1): Σ x̃a x̃b = -1.5+.5-.5+1.5 = 0
  const v = vif(
    feols({
      data: { u: [1, 1, 1, 1], a: [1, 2, 3, 4], b: [1, -1, -1, 1], y: [0, 2, 1, 3] },
      y: "y",
      x: ["a", "b"],
      fe: ["u"],
    }),
  );
  near(v.a, 1);
  near(v.b, 1);
});
