/**
 * feols against the golden values written by R (scripts/oracle/fe_oracle.R;
 * plm 2.6, sandwich, car). Tolerances: estimates, standard errors, R², Wald
 * statistics, constants and VIF to 1e-8 relative; p-values to 1e-9 relative
 * (our incomplete beta vs R's pt/pf).
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
  assert.ok(Math.abs(actual - expected) <= rel * scale, `${what}: got ${actual}, R gives ${expected} (rel diff ${Math.abs(actual - expected) / scale})`);
}

interface Model {
  y: string; x: string[]; fe: string[]; cluster: string; drop_singletons: boolean;
  nobs: number; groups: Record<string, number>; nclusters: number; dof_fe: number; singletons: number;
  coef: Record<string, number>; dropped: string | string[];
  r2_within: number; adj_r2_within: number; r2: number; rss: number;
  se: Record<string, Record<string, number>>; p_value: Record<string, Record<string, number>>;
  wald: Record<string, { stat: number; df1: number; df2: number; p_value: number }>;
  vif: Record<string, number>; constant: Record<string, { estimate: number; std_error: number }>;
}
const files = readdirSync(DIR).filter((f) => f.endsWith(".json") && !f.startsWith("jackknife") && f !== "threefe.json");
assert.ok(files.length >= 5, "the oracle fixtures are present");

for (const file of files) {
  const fx = JSON.parse(readFileSync(join(DIR, file), "utf8")) as { name: string; data: Record<string, number[]>; models: Model[] };
  fx.models.forEach((m, mi) => {
    const label = `${fx.name} #${mi + 1}: ${m.y} ~ ${m.x.join(" + ")} | ${m.fe.join(" + ")}${m.drop_singletons ? " (singletons dropped)" : ""}`;
    test(label, () => {
      for (const key of Object.keys(m.se)) {
        const [type, ssc] = key.split(":") as [VcovType, SscName | undefined];
        const r = feols({ data: fx.data, y: m.y, x: m.x, fe: m.fe, cluster: m.cluster, vcov: type, ssc: ssc ?? "stata", dropSingletons: m.drop_singletons, constant: "stata" });
        assert.equal(r.nobs, m.nobs);
        assert.equal(r.dofFe, m.dof_fe);
        assert.deepEqual(r.groups, m.groups);
        assert.equal(r.singletons.count, m.singletons);
        const dropped = ([] as string[]).concat(m.dropped);
        assert.deepEqual(r.collinear.map((c) => c.term), dropped);
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
        if (seR < 1e-10 * Math.max(1, Math.abs(m.constant[key].estimate))) assert.equal(r.constant!.std_error, 0, `${key} constant SE`);
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
    models: { y: string; x: string[]; fe: string[]; cluster: string; nobs: number; dof_fe: number; coef: Record<string, number>; se: Record<string, Record<string, number>>; rss: number; r2: number }[];
  };
  const m = fx.models[0];
  for (const key of Object.keys(m.se)) {
    const [type, ssc] = key.split(":") as [VcovType, SscName | undefined];
    const r = feols({ data: fx.data, y: m.y, x: m.x, fe: m.fe, cluster: m.cluster, vcov: type, ssc: ssc ?? "stata" });
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
