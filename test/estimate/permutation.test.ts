import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { feols } from "../../lib/estimate/feols";
import {
  orthonormalBasis,
  permutationSetup,
  permutationTest,
  permuteBlocks,
  permuteWithin,
  permutedRegressor,
  projectOut,
  scalarFit,
} from "../../lib/estimate/permutation";

test("permuteWithin keeps every stratum's rows within the stratum", () => {
  const strata = ["a", "b", "a", "b", "a", "c"];
  const p = permuteWithin(6, strata, seedrandom("p"));
  assert.deepEqual(Array.from(p).sort(), [0, 1, 2, 3, 4, 5]);
  p.forEach((src, i) => assert.equal(strata[src], strata[i]));
  assert.equal(p[5], 5); // a stratum of one cannot move
});

test("permuteBlocks moves whole unit histories, period by period, and refuses an unbalanced panel", () => {
  // rows deliberately out of order
  const unit = ["A", "B", "C", "A", "B", "C", "C", "A", "B"];
  const time = [1, 1, 1, 2, 2, 2, 3, 3, 3];
  const p = permuteBlocks(unit, time, seedrandom("b"));
  assert.deepEqual(Array.from(p).sort(), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const target = new Map<string, string>();
  p.forEach((src, i) => {
    assert.equal(time[src], time[i]); // same period
    const t = target.get(unit[i]) ?? unit[src];
    target.set(unit[i], t);
    assert.equal(unit[src], t); // one source unit per unit
  });
  assert.equal(new Set(target.values()).size, 3);
  assert.throws(
    () => permuteBlocks(["A", "A", "B"], [1, 2, 1], seedrandom("x")),
    /balanced panel: unit B has periods 1, unit A has 1, 2/,
  );
});

test("orthonormalBasis/projectOut: the residual of a 2-column projection, by hand", () => {
  const W = [
    Float64Array.from([1, 1, 1, 1]),
    Float64Array.from([0, 1, 2, 3]),
    Float64Array.from([2, 2, 2, 2]),
  ];
  const Q = orthonormalBasis(W);
  assert.equal(Q.length, 2); // the third column is 2 × the first
  // residual of v = (0, 1, 0, 5) on [1, t], by hand: t̄ = 1.5, v̄ = 1.5,
  // slope = Σ(t − t̄)(v − v̄)/Σ(t − t̄)² = (2.25 + 0.25 − 0.75 + 5.25)/5 = 1.4,
  // fitted = 1.5 + 1.4 (t − 1.5) = (−0.6, 0.8, 2.2, 3.6); residual = (0.6, 0.2, −2.2, 1.4)
  const r = projectOut(Q, Float64Array.from([0, 1, 0, 5]));
  [0.6, 0.2, -2.2, 1.4].forEach((v, i) => assert.ok(Math.abs(r[i] - v) < 1e-12, `${r[i]} vs ${v}`));
});

// A balanced panel: 8 units × 5 years, x with a common trend, a control w, clustered errors.
function panel(seed: string, effect: number) {
  const rng = seedrandom(seed);
  const unit: string[] = [],
    year: number[] = [],
    x: number[] = [],
    w: number[] = [],
    y: number[] = [];
  for (let u = 0; u < 8; u++) {
    const a = rng() * 3;
    for (let t = 0; t < 5; t++) {
      unit.push(`U${u}`);
      year.push(2015 + t);
      const xv = 2 * t + a + 0.3 * rng();
      const wv = rng() + 0.5 * xv;
      x.push(xv);
      w.push(wv);
      y.push(effect * xv + 0.7 * wv + a + t + rng() - 0.5);
    }
  }
  return {
    data: { unit, year, x, w, y },
    y: "y",
    x: ["x", "w"],
    fe: ["unit", "year"],
    cluster: "unit",
  };
}

test("each replicate by FWL equals a feols refit with the permuted column (b and clustered t to 1e-9)", () => {
  const opts = panel("fwl", 0);
  const s = permutationSetup(opts, "x");
  const full = feols(opts).coefficients.find((c) => c.term === "x")!;
  const obs = scalarFit(s, s.xCheck);
  assert.ok(Math.abs(obs.b - full.estimate) < 1e-9 && Math.abs(obs.t - full.statistic) < 1e-9);
  const rng = seedrandom("r");
  // raw-x scheme: the permuted raw column, refit from scratch
  const perm = permuteWithin(40, opts.data.unit, rng);
  const xs = Array.from(perm, (i) => opts.data.x[i]);
  const refit = feols({ ...opts, data: { ...opts.data, x: xs } }).coefficients.find(
    (c) => c.term === "x",
  )!;
  const fast = scalarFit(s, permutedRegressor(s, "within-unit", perm));
  assert.ok(
    Math.abs(fast.b - refit.estimate) < 1e-9 && Math.abs(fast.t - refit.statistic) < 1e-9,
    `${fast.t} ${refit.statistic}`,
  );
  // block scheme: the permuted residualized column as the regressor
  const pb = permuteBlocks(opts.data.unit, opts.data.year, rng);
  const xb = Array.from(pb, (i) => s.xCheck[i]);
  const refitB = feols({ ...opts, data: { ...opts.data, x: xb } }).coefficients.find(
    (c) => c.term === "x",
  )!;
  const fastB = scalarFit(s, permutedRegressor(s, "unit-blocks", pb));
  assert.ok(
    Math.abs(fastB.b - refitB.estimate) < 1e-9 && Math.abs(fastB.t - refitB.statistic) < 1e-9,
  );
});

test("a strong effect gets the smallest attainable p under every scheme; the result is reproducible", () => {
  const opts = panel("strong", 3);
  for (const scheme of ["unit-blocks", "within-unit", "within-year", "rows"] as const) {
    const r = permutationTest(opts, { term: "x", B: 99, seed: "perm", scheme });
    assert.equal(r.p_value, 1 / 100, scheme);
    assert.equal(r.statisticType, "t");
  }
  const a = permutationTest(opts, { term: "x", B: 49, seed: "perm" });
  assert.equal(a.scheme, "unit-blocks"); // the default with two FE
  assert.deepEqual(permutationTest(opts, { term: "x", B: 49, seed: "perm" }), a);
  const s = permutationTest(opts, { term: "x", B: 49, seed: "perm", strata: "unit" });
  assert.equal(s.scheme, "strata");
  assert.throws(() => permutationTest(opts, { term: "nope", B: 9 }), /no coefficient "nope"/);
});

test("shuffling a trending x within unit inflates its two-way-demeaned variance; blocks do not", () => {
  const opts = panel("trend", 0);
  const within = permutationTest(opts, { term: "x", B: 199, seed: "v", scheme: "within-unit" });
  const blocks = permutationTest(opts, { term: "x", B: 199, seed: "v", scheme: "unit-blocks" });
  // x = 2t + a_u + small noise: after two-way demeaning only the noise is left (var ≈ 0.3²/12);
  // a within-unit shuffle turns the common trend 2t into unit-specific variation (var ≈ 8·(4/5)·... ≫)
  assert.ok(within.varianceRatio > 20, `within-unit ratio ${within.varianceRatio}`);
  assert.ok(
    blocks.varianceRatio > 0.5 && blocks.varianceRatio <= 1 + 1e-12,
    `blocks ratio ${blocks.varianceRatio}`,
  );
});
