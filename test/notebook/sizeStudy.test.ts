import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { feols } from "../../lib/estimate/feols";
import { nullSize, normal, syntheticNullOutcome } from "../../lib/notebook/monteCarlo";
import {
  highLeverageCountries,
  identifyingShares,
  runSizeStudy,
  sizeTable,
  sizeVerdicts,
  supportedMethod,
  type SizeStudyResult,
} from "../../lib/notebook/sizeStudy";

// 8 units x 4 years, two regressors with within variation; unit U0 gets a large swing in x1.
const iso3: string[] = [],
  year: number[] = [],
  x1: number[] = [],
  x2: number[] = [];
for (let u = 0; u < 8; u++)
  for (let t = 0; t < 4; t++) {
    iso3.push(`U${u}`);
    year.push(2017 + t);
    x1.push((u === 0 ? 5 : 1) * (((u * 7 + t * 3) % 5) - 2) + 0.1 * u);
    x2.push(((u * 3 + t * t) % 4) - 1.5);
  }
const data = { iso3, year, x1, x2 };

test("identifyingShares: each unit's share of the squared FWL residual of x1 (checked by the FWL slope identity)", () => {
  const s = identifyingShares(data, ["x1", "x2"], "x1");
  assert.equal(s.length, 8);
  assert.ok(Math.abs(s.reduce((a, r) => a + r.share, 0) - 1) < 1e-12);
  assert.equal(s[0].iso3, "U0"); // the unit with the large swing carries most
  // FWL: the coefficient of x1 equals Σ x̃ y / Σ x̃², with x̃ the residual the shares are built from
  const rng = seedrandom("fwl");
  const y = iso3.map(() => normal(rng));
  const full = feols({
    data: { ...data, y },
    y: "y",
    x: ["x1", "x2"],
    fe: ["iso3", "year"],
    vcov: "iid",
  });
  const aux = feols({ data, y: "x1", x: ["x2"], fe: ["iso3", "year"], vcov: "iid" });
  const xt = aux.design.resid;
  let num = 0,
    den = 0;
  for (let i = 0; i < xt.length; i++) {
    num += xt[i] * y[aux.design.rows[i]];
    den += xt[i] * xt[i];
  }
  assert.ok(Math.abs(num / den - full.coefficients[0].estimate) < 1e-10);
  const u0 = xt.reduce((a, v, i) => a + (iso3[aux.design.rows[i]] === "U0" ? v * v : 0), 0);
  assert.ok(Math.abs(u0 / den - s[0].share) < 1e-12);
  assert.throws(() => identifyingShares(data, ["x2"], "x1"), /not among the regressors/);
});

test("highLeverageCountries: the fewest units reaching half (hand case)", () => {
  const shares = [
    { iso3: "A", share: 0.3 },
    { iso3: "B", share: 0.15 },
    { iso3: "C", share: 0.1 },
    { iso3: "D", share: 0.45 },
  ].sort((a, b) => b.share - a.share);
  assert.deepEqual(highLeverageCountries(shares), { countries: ["D", "A"], share: 0.75 });
  assert.deepEqual(highLeverageCountries(shares, 0.4).countries, ["D"]);
});

test("sdMultiplier scales a unit's errors by exactly its factor and leaves the random stream unchanged", () => {
  // every other unit's noise is multiplied by 1e-12, so its rows are α_i + γ_t and reveal γ_t − γ_0
  const quiet = Object.fromEntries(iso3.filter((g) => g !== "U3").map((g) => [g, 1e-12]));
  const a = syntheticNullOutcome(iso3, year, seedrandom("m"), 0.5, 0, quiet);
  const b = syntheticNullOutcome(iso3, year, seedrandom("m"), 0.5, 0, { ...quiet, U3: 4 });
  for (let i = 0; i < iso3.length; i++) if (iso3[i] !== "U3") assert.equal(a[i], b[i]);
  const u3 = iso3.flatMap((g, i) => (g === "U3" ? [i] : []));
  const u0 = iso3.flatMap((g, i) => (g === "U0" ? [i] : []));
  for (let t = 1; t < 4; t++) {
    const gamma = a[u0[t]] - a[u0[0]];
    const ua = a[u3[t]] - a[u3[0]] - gamma,
      ub = b[u3[t]] - b[u3[0]] - gamma;
    assert.ok(Math.abs(ua) > 1e-3);
    assert.ok(Math.abs(ub - 4 * ua) < 1e-9, `${ua} ${ub}`);
  }
});

test("nullSize: one clustered-t row per ssc, MC s.e. from the observed size; runSizeStudy is deterministic", () => {
  const rows = nullSize({
    data,
    x: ["x1", "x2"],
    term: "x1",
    R: 30,
    B: 19,
    bootB: 49,
    seed: "t",
    sscs: ["stata", "plm"],
    permutations: [{ scheme: "unit-blocks", statistic: "t" }],
  });
  assert.deepEqual(rows.map((r) => r.method).slice(0, 2), ["cluster (Stata)", "cluster (ssc plm)"]);
  for (const r of rows) {
    assert.ok(Math.abs(r.mcse - Math.sqrt((r.size * (1 - r.size)) / 30)) < 1e-15);
    assert.ok(Math.abs(r.mcseNominal - Math.sqrt((0.05 * 0.95) / 30)) < 1e-15);
  }
  // plm's factor is 1 < Stata's: its t is larger, so it rejects at least as often
  assert.ok(rows[1].rejections >= rows[0].rejections);
  const a = runSizeStudy({ data, x: ["x1", "x2"], term: "x1", R: 8, B: 9, bootB: 19, seed: "d" });
  const b = runSizeStudy({ data, x: ["x1", "x2"], term: "x1", R: 8, B: 9, bootB: 19, seed: "d" });
  assert.deepEqual(a, b);
  assert.equal(a.scenarios.length, 4);
  assert.equal(a.scenarios[2].scenario, `${a.leverage.countries.join("/")} sd ×2`);
  assert.equal(sizeTable(a).length, a.scenarios[0].rows.length);
});

test("sizeVerdicts and supportedMethod on a hand-made result", () => {
  const row = (method: string, size: number) => ({
    method,
    size,
    mcse: 0,
    mcseNominal: Math.sqrt((0.05 * 0.95) / 1000),
    rejections: size * 1000,
    R: 1000,
  });
  const r: SizeStudyResult = {
    term: "x",
    R: 1000,
    B: 99,
    bootB: 199,
    alpha: 0.05,
    leverage: { countries: [], share: 0, shares: [] },
    scenarios: [
      {
        scenario: "equal",
        rows: [
          row("cluster (Stata)", 0.08),
          row("wild cluster bootstrap", 0.055),
          row("jackknife", 0.04),
        ],
      },
      {
        scenario: "x4",
        rows: [
          row("cluster (Stata)", 0.15),
          row("wild cluster bootstrap", 0.052),
          row("jackknife", 0.066),
        ],
      },
    ],
  };
  const v = sizeVerdicts(r);
  assert.deepEqual(
    v.map((x) => x.holds),
    [false, true, false],
  ); // 0.066 − 0.05 > 2 × 0.00689
  assert.equal(v[0].worstScenario, "x4");
  assert.deepEqual(supportedMethod(r), {
    method: "wild cluster bootstrap",
    worstSize: 0.055,
    worstScenario: "equal",
    holds: true,
  });
  // when the bootstrap breaks down in one scenario, the least over-rejecting alternative is chosen and flagged
  r.scenarios[1].rows[1].size = 0.2;
  assert.deepEqual(supportedMethod(r), {
    method: "jackknife",
    worstSize: 0.066,
    worstScenario: "x4",
    holds: false,
  });
});
