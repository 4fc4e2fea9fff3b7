import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  alternativeInference,
  seConventions,
  seConventionTable,
  seRange,
  type SeConventionRow,
} from "../../lib/replication/inference";
import { feols } from "../../lib/fixest"; // the study bound (..controls, iso3 x year)
import { summary } from "../../lib/estimate/summary";
import { formulaOf } from "../../lib/study";
import { prepareSample } from "../../lib/replication/prepare";
import { fitSpecs } from "../../lib/replication/hypotheses";
import { TABLE2_SPECS } from "../../lib/study";
import { readPanel } from "../../lib/panel/read";
import { jackknife } from "../../lib/estimate/jackknife";

const panel = readPanel();
const f = fitSpecs(panel, [TABLE2_SPECS[6]], "s_china");

test("one row per focal term, the clustered figures of the fit, p-values in (0, 1], seeded (rerun = same numbers)", () => {
  const rows = alternativeInference(f.models[0], f.sample, { bootB: 199, permB: 49, seed: "t" });
  assert.deepEqual(
    rows.map((r) => r.term),
    ["asym", "ideal", "ICTtrade"],
  );
  const asym = f.models[0].fit.coefficients.find((c) => c.term === "asym")!;
  assert.equal(rows[0].estimate, asym.estimate);
  assert.equal(rows[0].se_cluster, asym.std_error);
  for (const r of rows)
    for (const p of [r.p_wild_bootstrap, r.p_permutation]) assert.ok(p > 0 && p <= 1);
  // permutation p is a multiple of 1/(B + 1)
  for (const r of rows)
    assert.ok(Math.abs(r.p_permutation * 50 - Math.round(r.p_permutation * 50)) < 1e-9);
  assert.deepEqual(
    alternativeInference(f.models[0], f.sample, { bootB: 199, permB: 49, seed: "t" }),
    rows,
  );
});

test("the jackknife SE is the leave-one-country-out formula over 26 re-fits", () => {
  const rows = alternativeInference(f.models[0], f.sample, {
    terms: ["ideal"],
    bootB: 99,
    permB: 19,
  });
  const jk = jackknife({
    data: f.sample.data,
    y: "s_china",
    x: f.models[0].fit.terms,
    fe: ["iso3", "year"],
    cluster: "iso3",
  });
  const b = jk.coef.ideal,
    G = b.length,
    mean = b.reduce((a, v) => a + v, 0) / G;
  assert.equal(G, 26);
  assert.ok(
    Math.abs(
      rows[0].se_jackknife - Math.sqrt(((G - 1) / G) * b.reduce((a, v) => a + (v - mean) ** 2, 0)),
    ) < 1e-12,
  );
  assert.throws(
    () => alternativeInference(f.models[0], f.sample, { terms: ["gdp"] }),
    /gdp is not a coefficient of model \(7\)/,
  );
});

// Model (7) on the Huawei stance, as notebook 09 fits it.
const sample = prepareSample(panel, { outcome: "huawei_stance", standardize: "panel" });
const m7 = feols(formulaOf("(7)", "huawei_stance"), sample.data, {
  cluster: "iso3",
  constant: "stata",
});
const focal = ["asym", "ideal", "ICTtrade"];

test("seConventions: iid, HC1, then clustered under each SSC preset; every row is summary(fit, row.options)", () => {
  const rows = seConventions(m7, focal);
  assert.deepEqual(
    rows.map((r) => r.convention),
    [
      "iid",
      "HC1",
      "cluster, plm",
      "cluster, plm-hc1",
      "cluster, plm-sss",
      "cluster, stata",
      "cluster, fixest",
      "cluster, full",
    ],
  );
  assert.deepEqual(rows[1].options, { vcov: "hetero" });
  assert.deepEqual(rows[5].options, { cluster: "iso3", ssc: "stata" });
  for (const r of rows) {
    const s = summary(m7, r.options);
    for (const t of focal) {
      const c = s.coefficients.find((x) => x.term === t)!;
      assert.equal(r.se[t], c.std_error, `${r.convention} ${t} SE`);
      assert.equal(r.p[t], c.p_value, `${r.convention} ${t} p`);
    }
  }
  // The fit's own SE (clustered, Stata's factor) is the "cluster, stata" row.
  assert.equal(rows[5].se.ICTtrade, m7.coefficients.find((c) => c.term === "ICTtrade")!.std_error);
  assert.deepEqual(
    seConventions(m7, ["ICTtrade"], { ssc: ["plm"] }).map((r) => r.convention),
    ["iid", "HC1", "cluster, plm"],
  );
  assert.throws(
    () => seConventions(m7, ["gdp"]),
    /"gdp" is not a coefficient of the model of huawei_stance/,
  );
  const unclustered = feols(formulaOf("(7)", "huawei_stance"), sample.data, { vcov: "iid" });
  assert.throws(() => seConventions(unclustered, focal), /not clustered/);
});

// Golden values: R (plm vcovHC(cluster = "group", type = "HC0"), test/fixtures/oracle/panel_huawei.json)
// and pyfixest (vcov = {"CRV1": "iso3"}, default ssc; python/panel_huawei.json), model 1 of each file:
// model (7) on the Huawei stance, on the fixture's copy of this sample (regressors standardized on the
// sample, written to 10 decimals). Tolerance 1e-8 relative, as test/estimate/oracle.test.ts.
const ORACLE = join(__dirname, "..", "fixtures", "oracle");
type RModel = {
  se: Record<string, Record<string, number>>;
  p_value: Record<string, Record<string, number>>;
};
const rOracle = JSON.parse(readFileSync(join(ORACLE, "panel_huawei.json"), "utf8")) as {
  data: Record<string, (string | number)[]>;
  models: RModel[];
};
const pyOracle = JSON.parse(readFileSync(join(ORACLE, "python", "panel_huawei.json"), "utf8")) as {
  models: { pyfixest: Record<string, { se: Record<string, number> }> }[];
};
const REL = 1e-8;
const close = (got: number, want: number, what: string) =>
  assert.ok(
    Math.abs(got - want) <= REL * Math.abs(want),
    `${what}: got ${got}, oracle ${want} (rel ${Math.abs(got - want) / Math.abs(want)})`,
  );

test("seConventions against the oracles: cluster/plm = R's plm, cluster/fixest = pyfixest, iid = R (1e-8 relative)", () => {
  const fit = feols(formulaOf("(7)", "huawei_stance"), rOracle.data, {
    cluster: "iso3",
    constant: "stata",
  });
  const rows = seConventions(fit, focal);
  const row = (label: string) => rows.find((r) => r.convention === label)!;
  const r = rOracle.models[0];
  for (const t of focal) {
    close(row("cluster, plm").se[t], r.se["cluster:plm"][t], `cluster, plm ${t} SE`);
    close(row("cluster, plm").p[t], r.p_value["cluster:plm"][t], `cluster, plm ${t} p`);
    close(
      row("cluster, fixest").se[t],
      pyOracle.models[0].pyfixest["cluster:fixest"].se[t],
      `cluster, fixest ${t} SE`,
    );
    close(row("iid").se[t], r.se.iid[t], `iid ${t} SE`);
  }
  // The notebook standardizes on the panel, not the sample: a linear change of each regressor
  // rescales its coefficient and SE alike, so t and p are those of the oracle sample.
  const nb = seConventions(m7, focal).find((x) => x.convention === "cluster, plm")!;
  for (const t of focal)
    close(nb.p[t], r.p_value["cluster:plm"][t], `notebook fit, cluster, plm ${t} p`);
  assert.ok(
    Math.abs(nb.se.asym / row("cluster, plm").se.asym - 1) > 1e-3,
    "the SEs themselves differ (scale)",
  );
});

test("seConventionTable flattens to convention, se/p per term; seRange gives min, max and their ratio", () => {
  const rows: SeConventionRow[] = [
    { convention: "a", options: { vcov: "iid" }, se: { x: 0.5, z: 1 }, p: { x: 0.01, z: 0.2 } },
    { convention: "b", options: { vcov: "hetero" }, se: { x: 2, z: 1.5 }, p: { x: 0.3, z: 0.4 } },
  ];
  assert.deepEqual(seConventionTable(rows), [
    { convention: "a", "se x": 0.5, "p x": 0.01, "se z": 1, "p z": 0.2 },
    { convention: "b", "se x": 2, "p x": 0.3, "se z": 1.5, "p z": 0.4 },
  ]);
  assert.deepEqual(Object.keys(seConventionTable(rows)[0]), [
    "convention",
    "se x",
    "p x",
    "se z",
    "p z",
  ]);
  assert.deepEqual(seRange(rows, "x"), { min: 0.5, max: 2, factor: 4 });
  assert.deepEqual(seRange(rows, "z"), { min: 1, max: 1.5, factor: 1.5 });
  assert.throws(() => seRange(rows, "w"), /no SE of "w"/);
});
