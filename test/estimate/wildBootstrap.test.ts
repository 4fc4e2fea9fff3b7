import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feols } from "../../lib/estimate/feols";
import { qrLeastSquares } from "../../lib/estimate/qr";
import { computeVcov } from "../../lib/estimate/vcov";
import {
  bootNull,
  bootSetup,
  bootT,
  bootTAt,
  bootWeights,
  wildClusterBootstrap,
} from "../../lib/estimate/wildBootstrap";
import { balancedClusteredFit, balancedData } from "../helpers/balancedPanel";

// SYNTHETIC panel from the oracle fixtures (30 units x 8 periods)
const fit = balancedClusteredFit();

test("the O(G k) bootstrap t equals a brute-force refit on y* = X b_r + ẽ w", () => {
  const d = fit.design;
  const j = 1,
    beta0 = -0.3;
  const others = d.X.filter((_, h) => h !== j);
  const yr = Float64Array.from(d.yw, (v, i) => v - beta0 * d.X[j][i]);
  const rfit = qrLeastSquares(others, yr);
  const w = Float64Array.from(
    { length: d.cluster!.nLevels },
    (_, g) => [1, -1, 0.7071, -1.2247][g % 4],
  );
  const ystar = Float64Array.from(
    d.yw,
    (_, i) => yr[i] - rfit.resid[i] + beta0 * d.X[j][i] + rfit.resid[i] * w[d.cluster!.codes[i]],
  );
  const q = qrLeastSquares(d.X, ystar);
  const v = computeVcov(
    {
      X: d.X,
      resid: q.resid,
      bread: q.xtxInv,
      dofFe: fit.dofFe,
      firstFeLevels: d.firstFeLevels,
      nestedDof: d.nestedDof,
      cluster: d.cluster,
    },
    "cluster",
    "stata",
  );
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
  const lo = wildClusterBootstrap(fit, {
    term: "x1",
    B: 999,
    seed: "s1",
    null: a.ci![0] - 1e-6,
    ci: false,
  });
  const lo2 = wildClusterBootstrap(fit, {
    term: "x1",
    B: 999,
    seed: "s1",
    null: a.ci![0] + 1e-6,
    ci: false,
  });
  assert.ok(lo.p_value <= 0.05 && lo2.p_value > 0.05);
  const webb = wildClusterBootstrap(fit, {
    term: "x1",
    B: 199,
    seed: "s1",
    weights: "webb",
    ci: false,
  });
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
  const iid = feols({ data: balancedData, y: "y", x: ["x1"], fe: ["unit"] });
  assert.throws(() => wildClusterBootstrap(iid, { term: "x1" }), /cluster-robust/);
});

test("enumerated Rademacher bootstrap (G = 10, all 2^10 sign vectors) equals wildboottest (WCR11)", () => {
  // scripts/oracle/py_oracle.py: wildboottest WildboottestCL on the within-transformed data, bootstrap_type "11"
  // (null imposed, CRV1 with (N−1)/(N−k)·G/(G−1), k = slopes: our "plm-sss" factor on the within data).
  const wb = JSON.parse(
    readFileSync(join(__dirname, "..", "fixtures", "oracle", "python", "wildboot.json"), "utf8"),
  ) as {
    data: Record<string, number[]>;
    tests: { term: string; t_stat: number; t_boot: number[]; p_value: number }[];
  };
  const G = 10;
  const f = feols({
    data: wb.data,
    y: "y",
    x: ["x1", "x2", "x3"],
    fe: ["unit", "time"],
    cluster: "unit",
    ssc: "plm-sss",
  });
  const levels = f.design.cluster!.levels.map(Number);
  for (const o of wb.tests) {
    const c = f.coefficients.find((x) => x.term === o.term)!;
    assert.ok(
      Math.abs(c.statistic - o.t_stat) <= 1e-10 * Math.abs(o.t_stat),
      `${o.term} t: ${c.statistic} vs ${o.t_stat}`,
    );
    const s = bootSetup(f, o.term);
    assert.equal(o.t_boot.length, 2 ** G);
    for (let b = 0; b < 2 ** G; b++) {
      // itertools.product([-1, 1], repeat = G): unit 1 is the most significant position, -1 before 1
      const w = levels.map((u) => ((b >> (G - u)) & 1 ? 1 : -1));
      const tb = bootT(s, 0, w);
      assert.ok(
        Math.abs(tb - o.t_boot[b]) <= 1e-9 * Math.abs(o.t_boot[b]),
        `${o.term} t* #${b}: ${tb} vs ${o.t_boot[b]}`,
      );
    }
    // p-values. wildboottest reports mean(|t| < |t*|). Under WCR the sign vectors w = ±1 reproduce |t*| = |t|
    // exactly, so whether it counts those two ties depends on the last bit of rounding; we always count them
    // (p = share of |t*| ≥ |t|). Both rules, applied to wildboottest's own distribution:
    const at = Math.abs(o.t_stat);
    const weak = o.t_boot.filter((v) => Math.abs(v) >= at * (1 - 1e-9)).length;
    const strict = o.t_boot.filter((v) => Math.abs(v) > at * (1 + 1e-9)).length;
    assert.equal(weak - strict, 2, "exactly the two sign vectors ±1 tie");
    assert.ok(
      o.p_value * 2 ** G >= strict && o.p_value * 2 ** G <= weak,
      "wildboottest's p lies between the two rules",
    );
    const r = wildClusterBootstrap(f, { term: o.term, B: 9999, ci: false });
    assert.equal(r.enumerated, true);
    assert.equal(r.p_value, weak / 2 ** G);
    // the small-sample factor cancels in t*/t: the stata preset gives the same p-value
    const fs = feols({
      data: wb.data,
      y: "y",
      x: ["x1", "x2", "x3"],
      fe: ["unit", "time"],
      cluster: "unit",
      ssc: "stata",
    });
    assert.equal(wildClusterBootstrap(fs, { term: o.term, B: 9999, ci: false }).p_value, r.p_value);
  }
});

test("a prepared null reused across draws gives each draw's t exactly (work buffers reset)", () => {
  const setup = bootSetup(fit, "x2");
  const { W } = bootWeights(setup.G, 25, "webb", "reuse");
  const shared = bootNull(setup, -0.3);
  for (const w of W) {
    // a fresh preparation per draw is the reference: equal to the last bit
    assert.equal(bootTAt(shared, w), bootTAt(bootNull(setup, -0.3), w));
    assert.equal(bootTAt(shared, w), bootT(setup, -0.3, w));
  }
});
