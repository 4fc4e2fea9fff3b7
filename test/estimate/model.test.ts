/**
 * feols(formula, data, opts): the formula front door gives the oracles' numbers
 * on the Grunfeld fixture (plm/sandwich from scripts/oracle/fe_oracle.R for the
 * plm presets; linearmodels PanelOLS for "stata"; pyfixest for "fixest", both
 * from scripts/oracle/py_oracle.py; tolerance 1e-8 relative, as oracle.test.ts),
 * accepts the three data shapes, and builds l()/f() by (unit, time).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as aq from "arquero";
import { feols, engineOptions } from "../../lib/estimate/model";
import { feols as engine } from "../../lib/estimate/feols";
import { parseFormula } from "../../lib/estimate/formula";
import { summary } from "../../lib/estimate/summary";

const fx = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "oracle", "grunfeld.json"), "utf8"),
) as {
  data: Record<string, number[]>;
  models: {
    coef: Record<string, number>;
    se: Record<string, Record<string, number>>;
    fe: string[];
  }[];
};
/** Python oracles on the same data (test/fixtures/oracle/python/grunfeld.json). */
type PySe = Record<string, { se: Record<string, number> }>;
const py = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "oracle", "python", "grunfeld.json"), "utf8"),
) as {
  models: { pyfixest: PySe; linearmodels: PySe }[];
};
/** Golden clustered SE by preset, from the software that defines it. */
const goldCluster = (ssc: "stata" | "fixest" | "plm-sss", term: string): number =>
  ssc === "stata"
    ? py.models[0].linearmodels["cluster:stata"].se[term]
    : ssc === "fixest"
      ? py.models[0].pyfixest["cluster:fixest"].se[term]
      : fx.models[0].se["cluster:plm-sss"][term];
const REL = 1e-8;
const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= REL * Math.abs(b), `${what}: ${a} vs R ${b}`);

test("Grunfeld two-way FE, clustered by firm: formula fit equals plm, linearmodels and pyfixest", () => {
  const r = fx.models[0];
  assert.deepEqual(r.fe, ["firm", "year"]);
  for (const ssc of ["stata", "fixest", "plm-sss"] as const) {
    const fit = feols("inv ~ value + capital | firm + year", fx.data, { cluster: "~firm", ssc });
    for (const t of ["value", "capital"]) {
      const c = fit.coefficients.find((x) => x.term === t)!;
      close(c.estimate, r.coef[t], `${t} estimate`);
      close(c.std_error, goldCluster(ssc, t), `${t} se (${ssc})`);
    }
    assert.equal(fit.formula, "inv ~ value + capital | firm + year");
  }
  const het = feols("inv ~ value + capital | firm + year", fx.data, { vcov: "hetero" });
  close(
    het.coefficients[0].std_error,
    py.models[0].linearmodels["hc1:stata"].se.value,
    "hetero se",
  );
  const iid = feols("inv ~ value + capital | firm + year", fx.data);
  close(iid.coefficients[1].std_error, r.se.iid.capital, "iid se (default without cluster)");
});

test("the formula form and the engine form give the same object fields", () => {
  const a = feols("inv ~ value + capital | firm", fx.data, { cluster: "firm" });
  const b = engine({
    data: fx.data,
    y: "inv",
    x: ["value", "capital"],
    fe: ["firm"],
    cluster: "firm",
  });
  assert.deepEqual(a.coefficients, b.coefficients);
  assert.deepEqual(a.vcov, b.vcov);
  assert.ok(a.design, "the design survives (non-enumerable)");
});

test("data as column record, arquero table or row objects gives identical fits", () => {
  const rows = fx.data.inv.map((_, i) => ({
    firm: fx.data.firm[i],
    year: fx.data.year[i],
    inv: fx.data.inv[i],
    value: fx.data.value[i],
    capital: fx.data.capital[i],
  }));
  const f = "inv ~ value + capital | firm + year";
  const a = feols(f, fx.data, { cluster: "firm" });
  const b = feols(f, aq.table(fx.data), { cluster: "firm" });
  const c = feols(f, rows, { cluster: "firm" });
  assert.deepEqual(b.coefficients, a.coefficients);
  assert.deepEqual(c.coefficients, a.coefficients);
  assert.throws(() => feols(f, [{ inv: 1 }]), /no column "value" in row 1/);
});

test("l(x, k) is x of the same unit k periods earlier; a gap gives a missing value, counted", () => {
  // Unit A has years 1,2,3,5 (gap at 4); unit B has 1..4.
  const data = {
    id: ["A", "A", "A", "A", "B", "B", "B", "B"],
    t: [1, 2, 3, 5, 1, 2, 3, 4],
    x: [10, 20, 30, 50, 1, 2, 3, 4],
    y: [1, 2, 4, 3, 5, 3, 6, 7],
  };
  const o = engineOptions(parseFormula("y ~ l(x, 1) + f(x, 1)"), data, {
    panel: { unit: "id", time: "t" },
  });
  assert.deepEqual(o.x, ["l(x, 1)", "f(x, 1)"]);
  const rec = o.data as Record<string, ArrayLike<number>>;
  assert.deepEqual(Array.from(rec["l(x, 1)"]), [NaN, 10, 20, NaN, NaN, 1, 2, 3]);
  assert.deepEqual(Array.from(rec["f(x, 1)"]), [20, 30, NaN, NaN, 2, 3, 4, NaN]);
  const fit = feols("y ~ l(x, 1) | id", data, { panel: { unit: "id", time: "t" } });
  assert.equal(fit.nobs, 5);
  assert.deepEqual(fit.dropped, { "missing l(x, 1)": 3 });
  // Hand check: within id, regress y on lagged x. A: (10,2),(20,4); B: (1,3),(2,6),(3,7).
  // Demeaned: A x: -5, 5; y: -1, 1. B x: -1, 0, 1; y: -2.333, 0.667, 1.667.
  // b = Σ x̃ ỹ / Σ x̃² = (5 + 5 + 2.333 + 1.667) / (25 + 25 + 1 + 1) = 14 / 52.
  assert.ok(Math.abs(fit.coefficients[0].estimate - 14 / 52) < 1e-12);
});

test("clear errors: bad time column, bad formula", () => {
  assert.throws(
    () =>
      feols(
        "y ~ l(x) | id",
        { id: ["a", "a"], year: [1, 1.5], x: [1, 2], y: [1, 2] },
        { panel: { unit: "id", time: "year" } },
      ),
    /time column "year", row 2: not an integer/,
  );
  assert.throws(() => feols("y ~ x ~ z", {}), /ParseError|unexpected token|expected/);
});

test("two-way clustering in fixest's forms equals pyfixest (cluster = ~firm + year); summary keeps it", () => {
  const gold = py.models[0].pyfixest["cluster2:fixest"].se;
  for (const cluster of ["~firm + year", ["firm", "year"]] as const) {
    const fit = feols("inv ~ value + capital | firm + year", fx.data, { cluster, ssc: "fixest" });
    for (const t of ["value", "capital"]) {
      const c = fit.coefficients.find((x) => x.term === t);
      assert.ok(c, t);
      close(c.std_error, gold[t], `${t} two-way se`);
    }
  }
  const fit = feols("inv ~ value + capital | firm + year", fx.data, {
    cluster: "~firm + year",
    ssc: "fixest",
  });
  const again = summary(fit, { vcov: "cluster" });
  assert.deepEqual(again.vcov, fit.vcov);
  assert.throws(
    () => feols("inv ~ value | firm", fx.data, { cluster: "~firm + year + value" }),
    /at most two/,
  );
});
