import { test } from "node:test";
import assert from "node:assert/strict";
import { alternativeInference } from "../../lib/replication/inference";
import { fitSpecs } from "../../lib/replication/hypotheses";
import { TABLE2_SPECS } from "../../lib/replication/models";
import { readPanel } from "../../lib/panel/read";
import { jackknife } from "../../lib/estimate/jackknife";

const panel = readPanel();
const f = fitSpecs(panel, [TABLE2_SPECS[6]], "s_china");

test("one row per focal term, the clustered figures of the fit, p-values in (0, 1], seeded (rerun = same numbers)", () => {
  const rows = alternativeInference(f.models[0], f.sample, { bootB: 199, permB: 49, seed: "t" });
  assert.deepEqual(rows.map((r) => r.term), ["asym", "ideal", "ICTtrade"]);
  const asym = f.models[0].fit.coefficients.find((c) => c.term === "asym")!;
  assert.equal(rows[0].estimate, asym.estimate);
  assert.equal(rows[0].se_cluster, asym.std_error);
  for (const r of rows) for (const p of [r.p_wild_bootstrap, r.p_permutation]) assert.ok(p > 0 && p <= 1);
  // permutation p is a multiple of 1/(B + 1)
  for (const r of rows) assert.ok(Math.abs(r.p_permutation * 50 - Math.round(r.p_permutation * 50)) < 1e-9);
  assert.deepEqual(alternativeInference(f.models[0], f.sample, { bootB: 199, permB: 49, seed: "t" }), rows);
});

test("the jackknife SE is the leave-one-country-out formula over 26 re-fits", () => {
  const rows = alternativeInference(f.models[0], f.sample, { terms: ["ideal"], bootB: 99, permB: 19 });
  const jk = jackknife({ data: f.sample.data as Record<string, ArrayLike<unknown>>, y: "s_china", x: f.models[0].fit.terms, fe: ["iso3", "year"], cluster: "iso3" });
  const b = jk.coef.ideal, G = b.length, mean = b.reduce((a, v) => a + v, 0) / G;
  assert.equal(G, 26);
  assert.ok(Math.abs(rows[0].se_jackknife - Math.sqrt(((G - 1) / G) * b.reduce((a, v) => a + (v - mean) ** 2, 0))) < 1e-12);
  assert.throws(() => alternativeInference(f.models[0], f.sample, { terms: ["gdp"] }), /gdp is not a coefficient of model \(7\)/);
});
