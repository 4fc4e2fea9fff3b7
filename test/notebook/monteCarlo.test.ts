import { test } from "node:test";
import assert from "node:assert/strict";
import { monteCarlo, normal } from "../../lib/notebook/monteCarlo";
import seedrandom from "seedrandom";

// A small hand-made panel: 6 units x 4 years, two regressors that vary within units.
const iso3: string[] = [], year: number[] = [], x1: number[] = [], x2: number[] = [];
for (let u = 0; u < 6; u++) for (let t = 0; t < 4; t++) { iso3.push(`U${u}`); year.push(2017 + t); x1.push(((u * 7 + t * 3) % 5) - 2); x2.push(((u * 3 + t * t) % 4) - 1.5); }
const data = { iso3, year, x1, x2 };

test("with (almost) no noise, FE recovers the true coefficients exactly, whatever the fixed effects drawn", () => {
  const { summary } = monteCarlo({ data, x: ["x1", "x2"], beta: { x1: 2, x2: -1 }, sigma: 1e-9, R: 20, seed: "t" });
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
  assert.ok(Math.abs(s2.meanEstimate) < 3 * (s2.sdEstimate / Math.sqrt(200)), `mean ${s2.meanEstimate} sd ${s2.sdEstimate}`);
  assert.ok(s2.coverage > 0.5 && s2.coverage <= 1);
  assert.throws(() => monteCarlo({ data, x: ["x1"], beta: { nope: 1 }, sigma: 1, R: 1 }), /no column "nope"/);
});

test("normal(): mean about 0 and variance about 1 over many draws", () => {
  const rng = seedrandom("n");
  const z = Array.from({ length: 20000 }, () => normal(rng));
  const m = z.reduce((a, b) => a + b, 0) / z.length;
  const v = z.reduce((a, b) => a + (b - m) ** 2, 0) / (z.length - 1);
  assert.ok(Math.abs(m) < 0.03 && Math.abs(v - 1) < 0.05, `${m} ${v}`);
});
