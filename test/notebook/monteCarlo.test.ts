import { test } from "node:test";
import assert from "node:assert/strict";
import { monteCarlo, normal } from "../../lib/notebook/monteCarlo";
import seedrandom from "seedrandom";

// A small hand-made panel: 6 units x 4 years, two regressors that vary within units.
const iso3: string[] = [],
  year: number[] = [],
  x1: number[] = [],
  x2: number[] = [];
for (let u = 0; u < 6; u++)
  for (let t = 0; t < 4; t++) {
    iso3.push(`U${u}`);
    year.push(2017 + t);
    x1.push(((u * 7 + t * 3) % 5) - 2);
    x2.push(((u * 3 + t * t) % 4) - 1.5);
  }
const data = { iso3, year, x1, x2 };

test("with (almost) no noise, FE recovers the true coefficients exactly, whatever the fixed effects drawn", () => {
  const { summary } = monteCarlo({
    data,
    x: ["x1", "x2"],
    beta: { x1: 2, x2: -1 },
    sigma: 1e-9,
    R: 20,
    seed: "t",
  });
  assert.ok(Math.abs(summary[0].meanEstimate - 2) < 1e-6);
  assert.ok(Math.abs(summary[1].meanEstimate + 1) < 1e-6);
  assert.ok(summary[0].sdEstimate < 1e-6);
});

test("seeded: the same seed gives the same draws; a regressor with beta 0 is centred near 0", () => {
  const a = monteCarlo({ data, x: ["x1", "x2"], beta: { x1: 1 }, sigma: 1, R: 200, seed: "s" });
  const b = monteCarlo({ data, x: ["x1", "x2"], beta: { x1: 1 }, sigma: 1, R: 200, seed: "s" });
  assert.deepEqual(a.draws, b.draws);
  const s2 = a.summary[1];
  assert.equal(s2.beta, 0);
  assert.ok(
    Math.abs(s2.meanEstimate) < 3 * (s2.sdEstimate / Math.sqrt(200)),
    `mean ${s2.meanEstimate} sd ${s2.sdEstimate}`,
  );
  assert.ok(s2.coverage > 0.5 && s2.coverage <= 1);
  assert.throws(
    () => monteCarlo({ data, x: ["x1"], beta: { nope: 1 }, sigma: 1, R: 1 }),
    /no column "nope"/,
  );
});

test("normal(): mean about 0 and variance about 1 over many draws", () => {
  const rng = seedrandom("n");
  const z = Array.from({ length: 20000 }, () => normal(rng));
  const m = z.reduce((a, b) => a + b, 0) / z.length;
  const v = z.reduce((a, b) => a + (b - m) ** 2, 0) / (z.length - 1);
  assert.ok(Math.abs(m) < 0.03 && Math.abs(v - 1) < 0.05, `${m} ${v}`);
});

test("size under the null on the real design: studentized unit-block permutation within MC error of 5%; the within-country coefficient shuffle over-rejects", async () => {
  const { readPanel } = await import("../../lib/panel/read");
  const { prepareSample } = await import("../../lib/replication/prepare");
  const { regressors, TABLE2_SPECS } = await import("../../lib/study");
  const { nullSize, mcStandardError } = await import("../../lib/notebook/monteCarlo");
  const sample = prepareSample(readPanel(), { outcome: "huawei_stance" });
  const R = 160;
  const rows = nullSize({
    data: sample.data,
    x: regressors(TABLE2_SPECS[6]),
    term: "ICTtrade",
    R,
    B: 49,
    bootB: 99,
    seed: "size-test",
    jackknife: false,
    permutations: [
      { scheme: "unit-blocks", statistic: "t" },
      { scheme: "within-unit", statistic: "coef" },
    ],
  });
  const se = mcStandardError(0.05, R);
  assert.equal(rows.length, 4);
  assert.ok(Math.abs(se - Math.sqrt((0.05 * 0.95) / 160)) < 1e-15);
  const valid = rows.find((r) => r.method.startsWith("permutation: unit-blocks, studentized"))!;
  const naive = rows.find((r) => r.method.startsWith("permutation: within-unit, coefficient"))!;
  // two-sided 99% band of the Monte Carlo error around the nominal 5%
  assert.ok(
    Math.abs(valid.size - 0.05) <= 2.576 * se,
    `valid scheme size ${valid.size} (MC se ${se})`,
  );
  assert.ok(naive.size > 0.05 + 3 * se, `naive scheme size ${naive.size}`);
  assert.equal(valid.rejections, Math.round(valid.size * R));
});

test("syntheticNullOutcome: country and year effects plus AR(1) noise; rho = 1 − tiny makes u constant within country", async () => {
  const { syntheticNullOutcome } = await import("../../lib/notebook/monteCarlo");
  const y = syntheticNullOutcome(data.iso3, data.year, seedrandom("y"), 0.999999999, 0);
  // y − year effect is constant within unit when u does not move: check via double differences
  const at = (u: number, t: number) => y[u * 4 + t];
  for (let u = 1; u < 6; u++)
    for (let t = 1; t < 4; t++) {
      const dd = at(u, t) - at(u, 0) - (at(0, t) - at(0, 0));
      assert.ok(Math.abs(dd) < 1e-3, `double difference ${dd}`);
    }
});

test("jackknifeSeFactory equals jackknife() on the same outcome (to 1e-10), on a balanced and an unbalanced panel", async () => {
  const { jackknifeSeFactory } = await import("../../lib/notebook/monteCarlo");
  const { jackknife } = await import("../../lib/estimate/jackknife");
  const rng = seedrandom("jk");
  const y = data.iso3.map(() => normal(rng));
  const se = jackknifeSeFactory(data, ["x1", "x2"], "x1")(y);
  const ref = jackknife({
    data: { ...data, y },
    y: "y",
    x: ["x1", "x2"],
    fe: ["iso3", "year"],
    cluster: "iso3",
  }).se.x1;
  assert.ok(Math.abs(se - ref) < 1e-10 * ref, `${se} vs ${ref}`);
  const keep = data.iso3.map((_, i) => i).filter((i) => i !== 5 && i !== 14);
  const ub = {
    iso3: keep.map((i) => data.iso3[i]),
    year: keep.map((i) => data.year[i]),
    x1: keep.map((i) => data.x1[i]),
    x2: keep.map((i) => data.x2[i]),
  };
  const yu = keep.map((i) => y[i]);
  const se2 = jackknifeSeFactory(ub, ["x1", "x2"], "x2")(yu);
  const ref2 = jackknife({
    data: { ...ub, y: yu },
    y: "y",
    x: ["x1", "x2"],
    fe: ["iso3", "year"],
    cluster: "iso3",
  }).se.x2;
  assert.ok(Math.abs(se2 - ref2) < 1e-8 * ref2, `${se2} vs ${ref2}`);
});

test("sizeKernel: clustered t per ssc and the wild bootstrap p equal feols, summary and wildClusterBootstrap on the same y and weights", async () => {
  const { sizeKernel, kernelProject, kernelClusterT, kernelWildP } =
    await import("../../lib/notebook/monteCarlo");
  const { feols } = await import("../../lib/estimate/feols");
  const { summary } = await import("../../lib/estimate/summary");
  const { wildClusterBootstrap, bootWeights } = await import("../../lib/estimate/wildBootstrap");
  const rng = seedrandom("kern");
  const y = data.iso3.map(() => normal(rng));
  const k = sizeKernel(data, ["x1", "x2"], "x1", ["stata", "plm"]);
  const yc = kernelProject(k, y);
  const ct = kernelClusterT(k, yc);
  const fit = feols({
    data: { ...data, y },
    y: "y",
    x: ["x1", "x2"],
    fe: ["iso3", "year"],
    cluster: "iso3",
    vcov: "cluster",
    ssc: "stata",
  });
  const c = fit.coefficients[0];
  assert.ok(Math.abs(ct.b - c.estimate) < 1e-12);
  assert.ok(Math.abs(ct.p[0] - c.p_value) < 1e-10, `${ct.p[0]} vs ${c.p_value}`);
  const plm = summary(fit, { ssc: "plm" }).coefficients[0];
  assert.ok(Math.abs(ct.p[1] - plm.p_value) < 1e-10);
  const W = bootWeights(k.G, 199, "webb", "w").W;
  const ref = wildClusterBootstrap(fit, {
    term: "x1",
    B: 199,
    weights: "webb",
    seed: "w",
    ci: false,
  });
  assert.equal(kernelWildP(k, yc, ct.t[0], W), ref.p_value);
  assert.ok(Math.abs(ct.t[0] - ref.t) < 1e-10);
});
