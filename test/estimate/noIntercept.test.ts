/**
 * Least squares through the origin against R: Grunfeld (the oracle fixture's
 * data), golden values printed by R 4.2.2 with sandwich 3.0.2:
 *
 *   m <- lm(inv ~ 0 + value + capital, data = g)
 *   coef(m); sqrt(diag(vcov(m))); sqrt(diag(vcovHC(m, type = "HC1")))
 *   sqrt(diag(vcovCL(m, cluster = ~firm, type = "HC1"))); summary(m)$r.squared, $adj.r.squared, $fstatistic
 *
 * Tolerance 1e-10 relative (R printed 17 significant digits).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feols } from "../../lib/estimate/model";
import { olsNoIntercept } from "../../lib/estimate/noIntercept";
import { summary } from "../../lib/estimate/summary";

const fx = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "oracle", "grunfeld.json"), "utf8"),
) as { data: Record<string, number[]> };
const R = {
  coef: [0.10763842564502346, 0.18320624121791276],
  iid: [0.0058255828827650088, 0.024274988583620462],
  hc1: [0.007157222743767907, 0.045848483655002208],
  cluster: [0.018368739167695273, 0.091581574190960788],
  r2: 0.8578932101329837,
  adj: 0.85645778801311478,
  F: 597.65918210272923,
};
const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-10 * Math.abs(b), `${what}: ${a} vs R ${b}`);

test("y ~ 0 + x and y ~ x - 1 equal R's lm through the origin: b, iid / HC1 / cluster SEs, R², F", () => {
  for (const f of ["inv ~ 0 + value + capital", "inv ~ value + capital - 1"]) {
    const iid = feols(f, fx.data);
    iid.coefficients.forEach((c, j) => {
      close(c.estimate, R.coef[j], `${f} b${j}`);
      close(c.std_error, R.iid[j], `${f} iid se${j}`);
    });
    close(iid.r2, R.r2, "R² (uncentred)");
    close(iid.adj_r2, R.adj, "adjusted R²");
    close(iid.f_test.stat, R.F, "F");
    assert.equal(iid.f_test.df2, 198);
    const het = feols(f, fx.data, { vcov: "hetero" });
    het.coefficients.forEach((c, j) => close(c.std_error, R.hc1[j], `HC1 se${j}`));
    const cl = feols(f, fx.data, { cluster: "firm" });
    cl.coefficients.forEach((c, j) => close(c.std_error, R.cluster[j], `cluster se${j}`));
    assert.equal(cl.nclusters, 10);
    // summary() recomputes from the design: equal to the refit to 1e-12
    const s = summary(iid, { cluster: "firm", data: fx.data });
    s.coefficients.forEach((c, j) =>
      assert.ok(
        Math.abs(c.std_error - cl.coefficients[j].std_error) <=
          1e-12 * cl.coefficients[j].std_error,
      ),
    );
  }
});

test("with fixed effects, 0 + changes nothing; missing rows are counted; FE refused by olsNoIntercept", () => {
  const a = feols("inv ~ 0 + value + capital | firm", fx.data);
  const b = feols("inv ~ value + capital | firm", fx.data);
  assert.deepEqual(a.coefficients, b.coefficients);
  const y = fx.data.inv.slice();
  y[0] = NaN;
  const m = feols("inv ~ 0 + value + capital", { ...fx.data, inv: y });
  assert.deepEqual(m.dropped, { "missing inv": 1 });
  assert.equal(m.nobs, 199);
  assert.throws(
    () => olsNoIntercept({ data: fx.data, y: "inv", x: ["value"], fe: ["firm"] }),
    /absorb the intercept/,
  );
  assert.throws(
    () => feols("y ~ 0 + x", { y: [1, "a"], x: [1, 2] }),
    /column "y", row 2: not a finite number/,
  );
});

test("two-way clustering without intercept and fixed effects is refused, not done one way", () => {
  // before: cluster2 was ignored, so the SEs were clustered by firm alone without a word
  assert.throws(
    () => feols("inv ~ value + capital - 1", fx.data, { cluster: "firm + year", ssc: "fixest" }),
    /two-way clustering \(firm \+ year\) is not implemented for a model without intercept/,
  );
  assert.throws(
    () =>
      olsNoIntercept({ data: fx.data, y: "inv", x: ["value"], cluster: "firm", cluster2: "year" }),
    /cluster by one variable/,
  );
  // one-way clustering is unchanged (R's lm through the origin, sandwich::vcovCL; fixture above)
  const m = feols("inv ~ value + capital - 1", fx.data, { cluster: "firm" });
  close(m.coefficients[0].std_error, R.cluster[0], "cluster SE of value");
});
