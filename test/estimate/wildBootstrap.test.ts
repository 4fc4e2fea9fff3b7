import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feols } from "../../lib/estimate/feols";
import { qrLeastSquares } from "../../lib/estimate/qr";
import { computeVcov } from "../../lib/estimate/vcov";
import { bootSetup, bootT, bootWeights, wildClusterBootstrap } from "../../lib/estimate/wildBootstrap";

// synthetic panel from the oracle fixtures (30 units x 8 periods)
const fx = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "oracle", "balanced.json"), "utf8")) as { data: Record<string, number[]> };
const fit = feols({ data: fx.data, y: "y", x: ["x1", "x2", "x3"], fe: ["unit", "time"], cluster: "unit", ssc: "stata" });

test("the O(G k) bootstrap t equals a brute-force refit on y* = X b_r + ẽ w", () => {
  const d = fit.design;
  const j = 1, beta0 = -0.3;
  const others = d.X.filter((_, h) => h !== j);
  const yr = Float64Array.from(d.yw, (v, i) => v - beta0 * d.X[j][i]);
  const rfit = qrLeastSquares(others, yr);
  const w = Float64Array.from({ length: d.cluster!.nLevels }, (_, g) => [1, -1, 0.7071, -1.2247][g % 4]);
  const ystar = Float64Array.from(d.yw, (_, i) => yr[i] - rfit.resid[i] + beta0 * d.X[j][i] + rfit.resid[i] * w[d.cluster!.codes[i]]);
  const q = qrLeastSquares(d.X, ystar);
  const v = computeVcov({ X: d.X, resid: q.resid, bread: q.xtxInv, dofFe: fit.dofFe, firstFeLevels: d.firstFeLevels, nestedDof: d.nestedDof, cluster: d.cluster }, "cluster", "stata");
  const k = d.X.length;
  const tBrute = (q.coef[j] - beta0) / Math.sqrt(v.V[j * k + j]);
  const tFast = bootT(bootSetup(fit, "x2"), beta0, w);
  assert.ok(Math.abs(tFast - tBrute) < 1e-9 * Math.abs(tBrute), `${tFast} vs ${tBrute}`);
});

test("seeded, reproducible; p-value and CI are consistent", () => {
  const a = wildClusterBootstrap(fit, { term: "x1", B: 999, seed: "s1" });
  const b = wildClusterBootstrap(fit, { term: "x1", B: 999, seed: "s1" });
  assert.deepEqual(a, b);
  assert.equal(a.B, 999);
  assert.equal(a.enumerated, false);
  // x1 has a true effect of 0.8 in the simulation: strongly rejected
  assert.ok(a.p_value < 0.01);
  assert.ok(a.ci![0] < a.estimate && a.estimate < a.ci![1]);
  // at the CI bounds the test is at the margin of rejection
  const lo = wildClusterBootstrap(fit, { term: "x1", B: 999, seed: "s1", null: a.ci![0] - 1e-6, ci: false });
  const lo2 = wildClusterBootstrap(fit, { term: "x1", B: 999, seed: "s1", null: a.ci![0] + 1e-6, ci: false });
  assert.ok(lo.p_value <= 0.05 && lo2.p_value > 0.05);
  const webb = wildClusterBootstrap(fit, { term: "x1", B: 199, seed: "s1", weights: "webb", ci: false });
  assert.equal(webb.weights, "webb");
});

test("Rademacher weights are enumerated when 2^G ≤ B", () => {
  const { W, enumerated } = bootWeights(4, 999, "rademacher", "x");
  assert.equal(enumerated, true);
  assert.equal(W.length, 16);
  assert.equal(new Set(W.map((w) => w.join(","))).size, 16);
  const webb = bootWeights(3, 50, "webb", "x").W.flatMap((w) => Array.from(w));
  for (const v of webb) assert.ok([0.5, 1, 1.5].some((s) => Math.abs(v * v - s) < 1e-12));
});

test("needs a clustered model", () => {
  const iid = feols({ data: fx.data, y: "y", x: ["x1"], fe: ["unit"] });
  assert.throws(() => wildClusterBootstrap(iid, { term: "x1" }), /cluster-robust/);
});
