/**
 * fixest-style accessors (lib/estimate/accessors.ts): hand-checked against the
 * fit's own rows, and against pyfixest 0.60.0's Feols.tidy() and
 * Feols.confint(alpha = 0.10) on two real panels (Grunfeld; the project's
 * model-(7) sample), iid, hetero and clustered, fixest's ssc
 * (fixture test/fixtures/oracle/python/accessors.json, scripts/oracle/py_accessors.py).
 * Tolerance: 1e-8 relative for estimates, SEs, t and intervals; p-values 1e-8 absolute.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  coef,
  confint,
  coeftable,
  criticalValue,
  pvalue,
  se,
  tidy,
  tstat,
} from "../../lib/estimate/accessors";
import { feols } from "../../lib/estimate/model";
import { summary } from "../../lib/estimate/summary";

const FIX = path.join(__dirname, "..", "fixtures", "oracle");
const TOL = 1e-8;

function close(a: number, b: number, what: string, tol = TOL): void {
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

const data = {
  g: ["a", "a", "b", "b", "c", "c", "d", "d"],
  x: [1, 2, 3, 5, 2, 4, 1, 3],
  z: [0, 1, 1, 0, 2, 1, 3, 1],
  y: [1.5, 2.1, 3.9, 6.2, 2.0, 4.4, 0.9, 3.0],
};

test("coef, se, tstat, pvalue are the fit's rows by term, in order; the reported constant comes first", () => {
  const m = feols("y ~ x + z | g", data, { cluster: "g", constant: "stata" });
  assert.deepEqual(Object.keys(coef(m)), ["(Intercept)", "x", "z"]);
  const c = m.coefficients[0];
  assert.equal(coef(m).x, c.estimate);
  assert.equal(se(m).x, c.std_error);
  assert.equal(tstat(m).x, c.statistic);
  assert.equal(pvalue(m).x, c.p_value);
  assert.equal(se(m)["(Intercept)"], m.constant?.std_error);
  assert.deepEqual(coeftable(m).z, m.coefficients[1]);
  const plain = feols("y ~ x + z | g", data);
  assert.deepEqual(Object.keys(se(plain)), ["x", "z"], "no constant unless the model reports one");
});

test("vcov options recompute the SEs as summary() does, without touching the fit", () => {
  const m = feols("y ~ x + z | g", data, { cluster: "g" });
  const h = summary(m, { vcov: "hetero" });
  assert.equal(se(m, { vcov: "hetero" }).x, h.coefficients[0].std_error);
  assert.equal(pvalue(m, { vcov: "iid" }).z, summary(m, { vcov: "iid" }).coefficients[1].p_value);
  assert.equal(se(m).x, m.coefficients[0].std_error, "the fit keeps its clustered SEs");
  assert.notEqual(se(m).x, se(m, { vcov: "hetero" }).x);
});

test("confint: b ± t(1 - (1 - level)/2, df) se with the vcov's df (G - 1 when clustered)", () => {
  const m = feols("y ~ x + z | g", data, { cluster: "g" });
  assert.equal(m.vcovInfo.df, 3);
  // t(0.975, 3) = 3.182446305284263 (R: qt(0.975, 3))
  close(criticalValue(m), 3.182446305284263, "t quantile", 1e-9);
  const [lo, hi] = confint(m).x;
  close(
    lo,
    m.coefficients[0].estimate - 3.182446305284263 * m.coefficients[0].std_error,
    "lower",
    1e-9,
  );
  close(
    hi,
    m.coefficients[0].estimate + 3.182446305284263 * m.coefficients[0].std_error,
    "upper",
    1e-9,
  );
  const [lo90, hi90] = confint(m, { level: 0.9 }).x;
  assert.ok(lo < lo90 && hi90 < hi, "a 90% interval lies inside the 95% one");
  assert.throws(() => confint(m, { level: 95 }), /level must be between 0 and 1/);
  const t = tidy(m, { confInt: true });
  assert.deepEqual(Object.keys(t[0]), [
    "term",
    "estimate",
    "std.error",
    "statistic",
    "p.value",
    "conf.low",
    "conf.high",
  ]);
  assert.deepEqual(Object.keys(tidy(m)[0]), [
    "term",
    "estimate",
    "std.error",
    "statistic",
    "p.value",
  ]);
  assert.equal(t[1]["conf.low"], confint(m).z[0]);
});

interface OracleFit {
  dataset: string;
  formula: string;
  vcov: "iid" | "hetero" | "cluster";
  cluster: string | null;
  tidy: Record<
    string,
    {
      estimate: number;
      "std.error": number;
      statistic: number;
      "p.value": number;
      "conf.low": number;
      "conf.high": number;
    }
  >;
  confint90: Record<string, [number, number]>;
}

test("tidy(m, { confInt: true }) and confint(m, { level: 0.9 }) equal pyfixest's tidy() and confint(alpha = 0.1)", () => {
  const oracle = JSON.parse(
    fs.readFileSync(path.join(FIX, "python", "accessors.json"), "utf8"),
  ) as { fits: OracleFit[] };
  assert.equal(oracle.fits.length, 6);
  for (const o of oracle.fits) {
    const d = (
      JSON.parse(fs.readFileSync(path.join(FIX, `${o.dataset}.json`), "utf8")) as {
        data: Record<string, unknown[]>;
      }
    ).data;
    const m = feols(o.formula, d, { vcov: o.vcov, cluster: o.cluster ?? undefined, ssc: "fixest" });
    const what = `${o.dataset} ${o.vcov}`;
    const rows = tidy(m, { confInt: true });
    assert.deepEqual(
      rows.map((r) => r.term),
      Object.keys(o.tidy),
      what,
    );
    for (const r of rows) {
      const p = o.tidy[r.term];
      close(r.estimate, p.estimate, `${what} ${r.term} estimate`);
      close(r["std.error"], p["std.error"], `${what} ${r.term} se`);
      close(r.statistic, p.statistic, `${what} ${r.term} t`);
      assert.ok(Math.abs(r["p.value"] - p["p.value"]) < 1e-8, `${what} ${r.term} p`);
      close(r["conf.low"] ?? NaN, p["conf.low"], `${what} ${r.term} conf.low`);
      close(r["conf.high"] ?? NaN, p["conf.high"], `${what} ${r.term} conf.high`);
      const [lo, hi] = confint(m, { level: 0.9 })[r.term];
      close(lo, o.confint90[r.term][0], `${what} ${r.term} 90% lower`);
      close(hi, o.confint90[r.term][1], `${what} ${r.term} 90% upper`);
    }
  }
});
