/**
 * summary(fit, { vcov, cluster, ssc }) recomputes the vcov from fit.design:
 * it must equal a refit with those options to 1e-12 (relative), for every
 * vcov type and small-sample convention, and match R's golden SEs on the
 * Grunfeld fixture to 1e-8.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feols } from "../../lib/estimate/model";
import { summary, vcov } from "../../lib/estimate/summary";
import { SSC_NAMES, type VcovType } from "../../lib/estimate/vcov";

const fx = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "oracle", "grunfeld.json"), "utf8")) as {
  data: Record<string, number[]>;
  models: { se: Record<string, Record<string, number>> }[];
};
const TOL = 1e-12;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

for (const fe of ["firm + year", "firm"]) {
  test(`summary equals a refit, every vcov × ssc (FE: ${fe})`, () => {
    const f = `inv ~ value + capital | ${fe}`;
    const base = feols(f, fx.data); // iid, no cluster
    for (const type of ["iid", "hc1", "cluster"] as VcovType[]) {
      for (const ssc of SSC_NAMES) {
        const opts = type === "cluster" ? { vcov: type, cluster: "firm", ssc } : { vcov: type, ssc };
        const s = summary(base, opts);
        const r = feols(f, fx.data, opts);
        for (let a = 0; a < 2; a++) {
          for (let b = 0; b < 2; b++) assert.ok(rel(s.vcov[a][b], r.vcov[a][b]) < TOL, `${type}/${ssc} V[${a}][${b}]`);
          assert.ok(rel(s.coefficients[a].p_value, r.coefficients[a].p_value) < 1e-10, `${type}/${ssc} p`);
          assert.equal(s.coefficients[a].estimate, r.coefficients[a].estimate);
        }
        assert.ok(rel(s.f_test.stat, r.f_test.stat) < TOL);
        assert.equal(s.vcovInfo.df, r.vcovInfo.df);
        assert.equal(s.vcovInfo.label, r.vcovInfo.label);
      }
    }
  });
}

test("summary against R: Grunfeld two-way, from an iid fit to cluster(firm) and hetero", () => {
  const base = feols("inv ~ value + capital | firm + year", fx.data);
  const gold = fx.models[0].se;
  const cl = summary(base, { cluster: "~firm" });
  assert.ok(rel(cl.coefficients[0].std_error, gold["cluster:stata"].value) < 1e-8);
  assert.equal(cl.nclusters, 10);
  const het = summary(base, { vcov: "hetero", ssc: "fixest" });
  assert.ok(rel(het.coefficients[1].std_error, gold["hc1:fixest"].capital) < 1e-8);
  assert.deepEqual(vcov(base, { cluster: "firm" }), cl.vcov);
});

test("clustering by a column that is not a FE needs the data; the Stata constant keeps its estimate, loses its SE", () => {
  const data = { ...fx.data, half: fx.data.firm.map((f) => (f <= 5 ? "a" : f <= 8 ? "b" : "c")) };
  const base = feols("inv ~ value + capital | year", data, { constant: "stata" });
  assert.throws(() => summary(base, { cluster: "half" }), /pass the fitted data/);
  const s = summary(base, { cluster: "half", data });
  const r = feols("inv ~ value + capital | year", data, { cluster: "half", constant: "stata" });
  assert.ok(rel(s.coefficients[0].std_error, r.coefficients[0].std_error) < TOL);
  assert.equal(s.nclusters, 3);
  assert.equal(s.constant?.estimate, r.constant?.estimate);
  assert.ok(Number.isNaN(s.constant?.std_error));
  assert.throws(() => summary(JSON.parse(JSON.stringify(base)), { vcov: "hc1" }), /carries no design/);
});
