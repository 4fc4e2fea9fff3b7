import { test } from "node:test";
import assert from "node:assert/strict";
import {
  computeVcov,
  intersectFactors,
  meat,
  sscFactor,
  type SscName,
} from "../../lib/estimate/vcov";
import { encodeFactor } from "../../lib/estimate/fixedEffects";

// n = 102, k = 10 slopes, FE: 26 countries (nested in the 26 clusters) + 4 years: d_FE = 29
const n = 102,
  k = 10,
  dofFe = 29,
  firstFeLevels = 26,
  nestedDof = 25,
  G = 26;
const f = (type: "hc1" | "cluster", ssc: SscName) =>
  sscFactor({ type, ssc, n, k, dofFe, firstFeLevels, nestedDof, G });
const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-14 * b, `${a} vs ${b}`);

test("cluster factors of each convention", () => {
  near(f("cluster", "plm").factor, 1);
  near(f("cluster", "plm-hc1").factor, 102 / 92);
  near(f("cluster", "plm-sss").factor, (26 / 25) * (101 / 92));
  // stata: 10 slopes + 3 year dummies + the constant xtreg, fe reports: K = 14
  assert.equal(f("cluster", "stata").K, 14);
  near(f("cluster", "stata").factor, (26 / 25) * (101 / 88));
  // fixest: country FE nested → counts 1: K = 10 + 29 − 25 = 14 (equal to Stata's here)
  assert.equal(f("cluster", "fixest").K, 14);
  near(f("cluster", "fixest").factor, (26 / 25) * (101 / 88));
  assert.equal(f("cluster", "full").K, 39);
  near(f("cluster", "full").factor, (26 / 25) * (101 / 63));
});

test("heteroskedasticity-robust factors", () => {
  near(f("hc1", "plm").factor, 1);
  near(f("hc1", "plm-hc1").factor, 102 / 92);
  near(f("hc1", "stata").factor, 102 / 63);
  // fixest: (n − 1)/(n − K) · n/(n − 1) = n/(n − K) (fixest vcov_hetero_internal, pyfixest get_ssc)
  near(f("hc1", "fixest").factor, 102 / 63);
  near(f("hc1", "full").factor, 102 / 63);
});

test("meat by hand: hetero Σ e² x xᵀ and clustered Σ u_g u_gᵀ", () => {
  const X = [Float64Array.from([1, 2, 3, 4]), Float64Array.from([0, 1, 0, 1])];
  const e = Float64Array.from([1, -1, 2, -2]);
  // hetero: [Σe²x1², Σe²x1x2; ·, Σe²x2²] = [1+4+36+64, 0+2+0+16; ·, 1+4] = [105, 18; 18, 5]
  assert.deepEqual(Array.from(meat(X, e)), [105, 18, 18, 5]);
  // clusters {1,2}, {3,4}: u_1 = (1−2, −1) = (−1, −1), u_2 = (6−8, −2) = (−2, −2): Σ u uᵀ = [5, 5; 5, 5]
  assert.deepEqual(Array.from(meat(X, e, encodeFactor([1, 1, 2, 2]))), [5, 5, 5, 5]);
});

test("two-way clustering: V = V1 + V2 − V12 with G_min/(G_min − 1), df G_min − 1; refused for one-way presets", () => {
  const X = [Float64Array.from([1, -2, 3, -1, 0.5, 2, -1.5, 1])];
  const e = Float64Array.from([0.3, -0.1, 0.4, -0.6, 0.2, 0.1, -0.2, 0.5]);
  const a = encodeFactor([1, 1, 2, 2, 3, 3, 4, 4]),
    b = encodeFactor([1, 2, 1, 2, 1, 2, 1, 2]);
  const bread = Float64Array.of(1 / X[0].reduce((s, v) => s + v * v, 0));
  const inp = {
    X,
    resid: e,
    bread,
    dofFe: 0,
    firstFeLevels: 1,
    nestedDof: 0,
    cluster: a,
    cluster2: b,
  };
  const v = computeVcov(inp, "cluster", "full", "a + b");
  const M = meat(X, e, a)[0] + meat(X, e, b)[0] - meat(X, e, intersectFactors(a, b))[0];
  const c = (2 / 1) * (7 / 7); // G_min = 2; n = 8, K = k + d_FE = 1
  near(v.V[0], c * bread[0] * M * bread[0]);
  assert.equal(v.df, 1);
  assert.deepEqual(v.Gs, [4, 2, 8]);
  assert.throws(
    () => computeVcov(inp, "cluster", "stata"),
    /two-way clustering is defined for ssc "fixest" or "full"/,
  );
});

// Issue 19: one degenerate-variance rule for every vcov (hand-built synthetic data).
test("a cluster variance that is exactly zero and an exact fit give no SE, no star and a warning", async () => {
  const { feols } = await import("../../lib/estimate/feols");
  const { summary } = await import("../../lib/estimate/summary");
  const { etable } = await import("../../lib/report/etable");
  // Two units with unit and year effects, clustered by unit: each unit's scores
  // x̃ᵀe sum to zero (the within residuals of a 2-unit two-way model are ± the same
  // per year), so the cluster meat is 0 up to rounding (~3e-16 before the rule).
  const d = {
    unit: [1, 1, 1, 2, 2, 2],
    year: [1, 2, 3, 1, 2, 3],
    x: [0.1, 0.5, 0.2, 0.7, 0.3, 0.9],
    y: [1, 2, 1.5, 3, 2.2, 4],
  };
  const m = feols({ data: d, y: "y", x: ["x"], fe: ["unit", "year"], cluster: "unit" });
  assert.ok(Number.isNaN(m.coefficients[0].std_error));
  assert.ok(Number.isNaN(m.coefficients[0].p_value));
  assert.ok(
    m.warnings.some((w) => /cluster-robust variance of x is zero up to rounding/.test(w)),
    m.warnings.join("\n"),
  );
  const txt = etable([m], { format: "text" });
  assert.match(txt, /^x +2\.438$/m);
  assert.match(txt, /\(—\)/);
  // The same data under iid: a real SE (hand check: s² B with s² = eᵀe/1), no warning.
  const iid = summary(m, { vcov: "iid" });
  assert.ok(Math.abs(iid.coefficients[0].std_error - 0.26099395730489894) < 1e-12);
  assert.ok(!iid.warnings.some((w) => /zero up to rounding/.test(w)));
  assert.ok(
    Number.isNaN(summary(iid, { vcov: "cluster", cluster: "unit" }).coefficients[0].std_error),
  );
  // An exact fit (y = 2x up to the last bit) under iid and hetero.
  const s = { x: [1, 2, 3, 4, 5], y: [2, 4, 6, 8, 10.000000000000002] };
  for (const vcov of ["iid", "hc1"] as const) {
    const e = feols({ data: s, y: "y", x: ["x"], vcov });
    assert.ok(Number.isNaN(e.coefficients[0].std_error), vcov);
    assert.ok(
      e.warnings.some((w) => / variance of x is zero up to rounding/.test(w)),
      vcov,
    );
    assert.ok(
      !/\*/.test(
        etable([e], { format: "text" })
          .split("\n")
          .find((l) => l.startsWith("x")) ?? "",
      ),
    );
  }
  // A tiny but real SE is kept: y = 2x + noise of 1e-6 (relative SE far above 1e-10).
  const t = { x: [1, 2, 3, 4, 5, 6], y: [2, 4 + 1e-6, 6, 8 - 1e-6, 10, 12 + 1e-6] };
  assert.ok(feols({ data: t, y: "y", x: ["x"] }).coefficients[0].std_error > 0);
});
