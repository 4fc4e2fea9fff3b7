/**
 * feols against golden values from independent software (`npm run oracle`):
 *  - R (scripts/oracle/fe_oracle.R; plm 2.6, sandwich, car): the plm presets,
 *    iid, R², Wald, VIF, the constant construction;
 *  - Python (scripts/oracle/py_oracle.py, test/fixtures/oracle/python/):
 *    pyfixest 0.60 for the fixest and full presets (iid, hetero, one- and
 *    two-way clustered) and linearmodels 7.1 PanelOLS for the stata preset
 *    (Stata's xtreg, fe: slopes and the constant);
 *  - Stata itself, through the one figure the fixest vignette prints.
 * Tolerances: estimates, standard errors, R², Wald statistics, constants and
 * VIF to 1e-8 relative; p-values to 1e-9 relative against R (our incomplete
 * beta vs R's pt/pf) and to 1e-8 relative + 1e-14 absolute against pyfixest
 * (scipy's t tail loses relative precision below about 1e-12).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { feols } from "../../lib/estimate/feols";
import { vif } from "../../lib/estimate/vif";
import type { SscName, VcovType } from "../../lib/estimate/vcov";

const DIR = join(__dirname, "..", "fixtures", "oracle");
const REL = 1e-8;
const REL_P = 1e-9;

function close(actual: number, expected: number, rel: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(
    Math.abs(actual - expected) <= rel * scale,
    `${what}: got ${actual}, R gives ${expected} (rel diff ${Math.abs(actual - expected) / scale})`,
  );
}

interface Model {
  y: string;
  x: string[];
  fe: string[];
  cluster: string;
  drop_singletons: boolean;
  nobs: number;
  groups: Record<string, number>;
  nclusters: number;
  dof_fe: number;
  singletons: number;
  coef: Record<string, number>;
  dropped: string | string[];
  r2_within: number;
  adj_r2_within: number;
  r2: number;
  rss: number;
  se: Record<string, Record<string, number>>;
  p_value: Record<string, Record<string, number>>;
  wald: Record<string, { stat: number; df1: number; df2: number; p_value: number }>;
  vif: Record<string, number>;
  constant: Record<string, { estimate: number; std_error: number }>;
}
const files = readdirSync(DIR).filter(
  (f) =>
    f.endsWith(".json") &&
    !f.startsWith("jackknife") &&
    f !== "threefe.json" &&
    f !== "stata_published.json",
);
assert.ok(files.length >= 5, "the oracle fixtures are present");

for (const file of files) {
  const fx = JSON.parse(readFileSync(join(DIR, file), "utf8")) as {
    name: string;
    data: Record<string, number[]>;
    models: Model[];
  };
  fx.models.forEach((m, mi) => {
    const label = `${fx.name} #${mi + 1}: ${m.y} ~ ${m.x.join(" + ")} | ${m.fe.join(" + ")}${m.drop_singletons ? " (singletons dropped)" : ""}`;
    test(label, () => {
      for (const key of Object.keys(m.se)) {
        const [type, ssc] = key.split(":") as [VcovType, SscName | undefined];
        const r = feols({
          data: fx.data,
          y: m.y,
          x: m.x,
          fe: m.fe,
          cluster: m.cluster,
          vcov: type,
          ssc: ssc ?? "stata",
          dropSingletons: m.drop_singletons,
          constant: "stata",
        });
        assert.equal(r.nobs, m.nobs);
        assert.equal(r.dofFe, m.dof_fe);
        assert.deepEqual(r.groups, m.groups);
        assert.equal(r.singletons.count, m.singletons);
        const dropped = ([] as string[]).concat(m.dropped);
        assert.deepEqual(
          r.collinear.map((c) => c.term),
          dropped,
        );
        assert.deepEqual(r.terms, Object.keys(m.coef));
        for (const c of r.coefficients) {
          close(c.estimate, m.coef[c.term], REL, `${key} ${c.term} estimate`);
          close(c.std_error, m.se[key][c.term], REL, `${key} ${c.term} SE`);
          close(c.p_value, m.p_value[key][c.term], REL_P, `${key} ${c.term} p`);
        }
        close(r.r2_within, m.r2_within, REL, "r2_within");
        close(r.adj_r2_within, m.adj_r2_within, REL, "adj_r2_within");
        close(r.r2, m.r2, REL, "r2");
        close(r.rss, m.rss, REL, "rss");
        const w = m.wald[key];
        close(r.f_test.stat, w.stat, REL, `${key} Wald F`);
        assert.equal(r.f_test.df1, w.df1);
        assert.equal(r.f_test.df2, w.df2);
        close(r.f_test.p_value, w.p_value, REL_P, `${key} Wald p`);
        close(r.constant!.estimate, m.constant[key].estimate, REL, `${key} constant`);
        // A constant SE that is zero in exact arithmetic (unit-clustered, zero-mean regressors) comes out of R
        // as rounding noise (~1e-12) and out of feols as exactly 0 (see stataConstant): compare those absolutely.
        const seR = m.constant[key].std_error;
        if (seR < 1e-10 * Math.max(1, Math.abs(m.constant[key].estimate)))
          assert.equal(r.constant!.std_error, 0, `${key} constant SE`);
        else close(r.constant!.std_error, seR, REL, `${key} constant SE`);
        const v = vif(r);
        for (const t of r.terms) close(v[t], m.vif[t], REL, `VIF ${t}`);
      }
    });
  });
}

test("three FE (unit + time + sector, unbalanced): iterative demeaning matches the LSDV fit of lm + sandwich", () => {
  const fx = JSON.parse(readFileSync(join(DIR, "threefe.json"), "utf8")) as {
    data: Record<string, number[]>;
    models: {
      y: string;
      x: string[];
      fe: string[];
      cluster: string;
      nobs: number;
      dof_fe: number;
      coef: Record<string, number>;
      se: Record<string, Record<string, number>>;
      rss: number;
      r2: number;
    }[];
  };
  const m = fx.models[0];
  for (const key of Object.keys(m.se)) {
    const [type, ssc] = key.split(":") as [VcovType, SscName | undefined];
    const r = feols({
      data: fx.data,
      y: m.y,
      x: m.x,
      fe: m.fe,
      cluster: m.cluster,
      vcov: type,
      ssc: ssc ?? "stata",
    });
    assert.equal(r.nobs, m.nobs);
    assert.equal(r.dofFe, m.dof_fe);
    for (const c of r.coefficients) {
      close(c.estimate, m.coef[c.term], REL, `${c.term} estimate`);
      close(c.std_error, m.se[key][c.term], REL, `${key} ${c.term} SE`);
    }
    close(r.rss, m.rss, REL, "rss");
    close(r.r2, m.r2, REL, "r2");
  }
});

// ---- Python oracles: pyfixest (fixest's conventions) and linearmodels (Stata's xtreg, fe) ----

interface PyRows {
  coef: Record<string, number>;
  se: Record<string, number>;
  t?: Record<string, number>;
  p?: Record<string, number>;
  df_t?: number;
  nobs: number;
  constant?: { estimate: number; std_error: number };
}
interface PyModel {
  y: string;
  x: string[];
  fe: string[];
  cluster: string;
  cluster2: string;
  drop_singletons: boolean;
  pyfixest: Record<string, PyRows>;
  linearmodels?: Record<string, PyRows>;
  linearmodels_centered?: Record<string, PyRows>;
}
const PY = join(DIR, "python");
// wildboot.json, twfeweights.json and accessors.json have their own tests (wildBootstrap, twfeWeights, accessors).
const pyFiles = readdirSync(PY).filter(
  (f) =>
    f.endsWith(".json") && !["wildboot.json", "twfeweights.json", "accessors.json"].includes(f),
);
assert.ok(pyFiles.length >= 7, "the Python oracle fixtures are present");

const closeP = (actual: number, expected: number, what: string): void =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-8 * expected + 1e-14,
    `${what}: got ${actual}, oracle gives ${expected}`,
  );

/** A constant SE that is zero in exact arithmetic comes out of the oracle as ~1e-12 noise and out of feols as 0. */
function closeConstantSe(
  actual: number,
  r: { estimate: number; std_error: number },
  what: string,
): void {
  if (r.std_error < 1e-10 * Math.max(1, Math.abs(r.estimate))) assert.equal(actual, 0, what);
  else close(actual, r.std_error, REL, what);
}

function fitFor(data: Record<string, unknown[]>, m: PyModel, key: string) {
  const [type, ssc] = key.split(":") as [VcovType | "cluster2", SscName];
  const twoWay = type === "cluster2";
  return feols({
    data,
    y: m.y,
    x: m.x,
    fe: m.fe,
    cluster: m.cluster,
    cluster2: twoWay ? m.cluster2 : undefined,
    vcov: twoWay ? "cluster" : type,
    ssc,
    dropSingletons: m.drop_singletons,
    constant: "stata",
  });
}

for (const file of pyFiles) {
  const py = JSON.parse(readFileSync(join(PY, file), "utf8")) as {
    name: string;
    versions: Record<string, string>;
    models: PyModel[];
  };
  const data = (
    JSON.parse(readFileSync(join(DIR, file), "utf8")) as { data: Record<string, unknown[]> }
  ).data;
  py.models.forEach((m, mi) => {
    const label = `${py.name} #${mi + 1} (${m.fe.join(" + ")}${m.drop_singletons ? ", singletons dropped" : ""})`;
    test(`${label}: fixest, full, iid, hetero and two-way clustered equal pyfixest ${py.versions.pyfixest}`, () => {
      for (const [key, r] of Object.entries(m.pyfixest)) {
        const f = fitFor(data, m, key);
        assert.equal(f.nobs, r.nobs, `${key} nobs`);
        assert.deepEqual(
          f.terms,
          Object.keys(r.coef),
          `${key} terms kept (pyfixest drops the same collinear ones)`,
        );
        assert.equal(f.vcovInfo.df, r.df_t, `${key} t degrees of freedom`);
        for (const c of f.coefficients) {
          close(c.estimate, r.coef[c.term], REL, `${key} ${c.term} estimate`);
          close(c.std_error, r.se[c.term], REL, `${key} ${c.term} SE`);
          close(c.statistic, r.t![c.term], REL, `${key} ${c.term} t`);
          closeP(c.p_value, r.p![c.term], `${key} ${c.term} p`);
        }
      }
    });
    if (m.linearmodels) {
      test(`${label}: the stata preset equals linearmodels ${py.versions.linearmodels} PanelOLS (xtreg, fe)`, () => {
        for (const [key, r] of Object.entries(m.linearmodels!)) {
          const f = fitFor(data, m, key);
          assert.equal(f.nobs, r.nobs);
          for (const c of f.coefficients) {
            close(c.estimate, r.coef[c.term], REL, `${key} ${c.term} estimate`);
            close(c.std_error, r.se[c.term], REL, `${key} ${c.term} SE`);
          }
          // one-way: xtreg's _cons; two-way: see linearmodels_centered
          if (m.fe.length === 1) {
            close(f.constant!.estimate, r.constant!.estimate, REL, `${key} constant`);
            closeConstantSe(f.constant!.std_error, r.constant!, `${key} constant SE`);
          }
        }
        // With year dummies, the constant feols reports (ȳ − x̄ᵀb) is xtreg's with the dummies centred on their means.
        for (const [key, r] of Object.entries(m.linearmodels_centered ?? {})) {
          const f = fitFor(data, m, key);
          close(
            f.constant!.estimate,
            r.constant!.estimate,
            REL,
            `${key} constant (centred year dummies)`,
          );
          closeConstantSe(
            f.constant!.std_error,
            r.constant!,
            `${key} constant SE (centred year dummies)`,
          );
        }
      });
    }
  });
}

test("the stata preset reproduces the Stata xtreg, fe vce(cluster id) SE printed in fixest's vignette (0.165385)", () => {
  const fx = JSON.parse(readFileSync(join(DIR, "stata_published.json"), "utf8")) as {
    data: Record<string, number[]>;
    y: string;
    x: string;
    fe: string[];
    cluster: string;
    stata_se: { x: number };
  };
  const f = feols({
    data: fx.data,
    y: fx.y,
    x: [fx.x],
    fe: fx.fe,
    cluster: fx.cluster,
    ssc: "stata",
  });
  // printed to 6 digits: |se − 0.165385| ≤ 5e-7
  assert.ok(
    Math.abs(f.coefficients[0].std_error - fx.stata_se.x) <= 5e-7,
    `stata preset SE ${f.coefficients[0].std_error}`,
  );
  assert.equal(f.vcovInfo.K, 6); // x + 4 time dummies + the constant
  // leaving the constant out of K (the convention before issue 11) misses the printed figure
  const offByOne = f.coefficients[0].std_error * Math.sqrt((20 - 6) / (20 - 5));
  assert.ok(Math.abs(offByOne - fx.stata_se.x) > 1e-3);
});
