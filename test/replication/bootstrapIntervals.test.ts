import { test } from "node:test";
import assert from "node:assert/strict";
import { wildClusterBootstrap } from "../../lib/estimate/wildBootstrap";
import { balancedClusteredFit } from "../helpers/balancedPanel";
import { bootstrapIntervals } from "../../lib/replication/bootstrapIntervals";

// SYNTHETIC panel of the oracle fixtures (30 units x 8 periods, simulated; see its generator)
const fit = balancedClusteredFit();

test("bootstrapIntervals: each end is where the bootstrap test starts to reject (test inversion)", () => {
  const iv = bootstrapIntervals(fit, ["x1", "x3", "not_a_term"], "m", { B: 399, seed: "iv" });
  assert.equal(iv.kind, "intervals");
  assert.equal(iv.name, "m");
  assert.match(iv.method, /95% wild cluster bootstrap interval, 399 Webb draws/);
  assert.deepEqual(
    iv.rows.map((r) => r.term),
    ["x1", "x3"],
  ); // a term the model lacks is skipped
  for (const r of iv.rows) {
    const b = fit.coefficients.find((c) => c.term === r.term);
    assert.equal(r.estimate, b?.estimate);
    assert.ok(r.lo < r.estimate && r.estimate < r.hi);
    // just inside either end the test does not reject at 5%, just outside it does
    const se = b?.std_error ?? NaN;
    const p = (b0: number): number =>
      wildClusterBootstrap(fit, {
        term: r.term,
        B: 399,
        weights: "webb",
        seed: `iv|${r.term}`,
        null: b0,
        ci: false,
      }).p_value;
    assert.ok(p(r.lo + 1e-6 * se) > 0.05 && p(r.lo - 1e-6 * se) <= 0.05, `${r.term} lower end`);
    assert.ok(p(r.hi - 1e-6 * se) > 0.05 && p(r.hi + 1e-6 * se) <= 0.05, `${r.term} upper end`);
  }
});

test("bootstrapIntervals: seeded (same seed, same ends), and a 90% interval lies inside the 95% one", () => {
  const a = bootstrapIntervals(fit, ["x2"], "m", { B: 199, seed: "s" });
  const b = bootstrapIntervals(fit, ["x2"], "m", { B: 199, seed: "s" });
  assert.deepEqual(a, b);
  const n90 = bootstrapIntervals(fit, ["x2"], "m", { B: 199, seed: "s", level: 0.9 });
  assert.match(n90.method, /^90% /);
  assert.ok(n90.rows[0].lo > a.rows[0].lo && n90.rows[0].hi < a.rows[0].hi);
});
