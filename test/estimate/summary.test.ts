/**
 * summary(fit, { vcov, cluster, ssc }) recomputes the vcov from fit.design:
 * it must equal a refit with those options to 1e-12 (relative), for every
 * vcov type and small-sample convention, and match R's golden SEs on the
 * Grunfeld fixture to 1e-8. The Stata-style constant likewise: its SE, t and
 * p equal a refit's (1e-12; p 1e-10) on the real Grunfeld panel and the
 * project's panel, and linearmodels' / plm's constant SE to 1e-8.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feols } from "../../lib/estimate/model";
import type { CoefRow, FeolsOptions } from "../../lib/estimate/feols";
import { summary, vcov, type SummaryOptions } from "../../lib/estimate/summary";
import { SSC_NAMES, type SscName, type VcovType } from "../../lib/estimate/vcov";

const fx = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "oracle", "grunfeld.json"), "utf8"),
) as {
  data: Record<string, number[]>;
  models: { se: Record<string, Record<string, number>> }[];
};
type PySe = Record<string, { se: Record<string, number> }>;
/** linearmodels (stata preset) and pyfixest (fixest preset) on the same data. */
const py = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "oracle", "python", "grunfeld.json"), "utf8"),
) as {
  models: { pyfixest: PySe; linearmodels: PySe }[];
};
const TOL = 1e-12;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

for (const fe of ["firm + year", "firm"]) {
  test(`summary equals a refit, every vcov × ssc (FE: ${fe})`, () => {
    const f = `inv ~ value + capital | ${fe}`;
    const base = feols(f, fx.data); // iid, no cluster
    for (const type of ["iid", "hc1", "cluster"] as VcovType[]) {
      for (const ssc of SSC_NAMES) {
        const opts =
          type === "cluster" ? { vcov: type, cluster: "firm", ssc } : { vcov: type, ssc };
        const s = summary(base, opts);
        const r = feols(f, fx.data, opts);
        for (let a = 0; a < 2; a++) {
          for (let b = 0; b < 2; b++)
            assert.ok(rel(s.vcov[a][b], r.vcov[a][b]) < TOL, `${type}/${ssc} V[${a}][${b}]`);
          assert.ok(
            rel(s.coefficients[a].p_value, r.coefficients[a].p_value) < 1e-10,
            `${type}/${ssc} p`,
          );
          assert.equal(s.coefficients[a].estimate, r.coefficients[a].estimate);
        }
        assert.ok(rel(s.f_test.stat, r.f_test.stat) < TOL);
        assert.equal(s.vcovInfo.df, r.vcovInfo.df);
        assert.equal(s.vcovInfo.label, r.vcovInfo.label);
      }
    }
  });
}

test("summary against the oracles: Grunfeld two-way, from an iid fit to cluster(firm) and hetero", () => {
  const base = feols("inv ~ value + capital | firm + year", fx.data);
  const cl = summary(base, { cluster: "~firm" });
  const lm = py.models[0].linearmodels["cluster:stata"].se.value;
  assert.ok(rel(cl.coefficients[0].std_error, lm) < 1e-8, "stata cluster vs linearmodels");
  assert.equal(cl.nclusters, 10);
  const het = summary(base, { vcov: "hetero", ssc: "fixest" });
  const pf = py.models[0].pyfixest["hc1:fixest"].se.capital;
  assert.ok(rel(het.coefficients[1].std_error, pf) < 1e-8, "fixest hetero vs pyfixest");
  assert.deepEqual(vcov(base, { cluster: "firm" }), cl.vcov);
});

test("clustering by a column that is not a FE needs the data; the Stata constant follows the new vcov", () => {
  const data = { ...fx.data, half: fx.data.firm.map((f) => (f <= 5 ? "a" : f <= 8 ? "b" : "c")) };
  const base = feols("inv ~ value + capital | year", data, { constant: "stata" });
  assert.throws(() => summary(base, { cluster: "half" }), /pass the fitted data/);
  const s = summary(base, { cluster: "half", data });
  const r = feols("inv ~ value + capital | year", data, { cluster: "half", constant: "stata" });
  assert.ok(rel(s.coefficients[0].std_error, r.coefficients[0].std_error) < TOL);
  assert.equal(s.nclusters, 3);
  sameConstant(s.constant, r.constant, "cluster(half)");
  assert.throws(
    () => summary(JSON.parse(JSON.stringify(base)), { vcov: "hc1" }),
    /carries no design/,
  );
});

// ---- The Stata-style constant (constant: "stata") under summary() ----

/**
 * summary's constant equals the refit's: the same estimate (carried over),
 * SE and t to TOL relative, p to 1e-10 relative; an SE that is 0 (zero up to
 * rounding) or NaN (no SE) must be so in both.
 */
function sameConstant(s: CoefRow | undefined, r: CoefRow | undefined, what: string): void {
  assert.ok(s && r, `${what}: both report the constant`);
  assert.equal(s.estimate, r.estimate, `${what}: constant estimate`);
  if (!(r.std_error > 0)) {
    assert.equal(s.std_error, r.std_error, `${what}: constant SE (0 or NaN)`);
    assert.equal(s.statistic, r.statistic, `${what}: constant t`);
    assert.equal(s.p_value, r.p_value, `${what}: constant p`);
    return;
  }
  assert.ok(
    rel(s.std_error, r.std_error) < TOL,
    `${what}: constant SE ${s.std_error} vs refit ${r.std_error}`,
  );
  assert.ok(rel(s.statistic, r.statistic) < TOL, `${what}: constant t`);
  assert.ok(
    rel(s.p_value, r.p_value) < 1e-10,
    `${what}: constant p ${s.p_value} vs refit ${r.p_value}`,
  );
}

const ORACLE = join(__dirname, "..", "fixtures", "oracle");
interface RModel {
  y: string;
  x: string[];
  fe: string[];
  cluster: string;
  constant: Record<string, { estimate: number; std_error: number }>;
}
type PyConst = Record<string, { constant: { estimate: number; std_error: number } }>;
interface PyModel {
  fe: string[];
  cluster2: string;
  linearmodels: PyConst;
  linearmodels_centered?: PyConst;
}
/** The real Grunfeld panel and the project's panel (model (7)'s sample), each with a two-way and a one-way (unit) FE model. */
const SETS = ["grunfeld", "panel_huawei"].map((name) => ({
  name,
  r: JSON.parse(readFileSync(join(ORACLE, `${name}.json`), "utf8")) as {
    data: Record<string, number[]>;
    models: RModel[];
  },
  py: JSON.parse(readFileSync(join(ORACLE, "python", `${name}.json`), "utf8")) as {
    models: PyModel[];
  },
}));
/** Outside checks (linearmodels 7.1 for the stata preset, plm 2.6 for the plm presets): 1e-8 relative. */
const REL_ORACLE = 1e-8;

/** The oracle's SE, or (when it is zero in exact arithmetic, ~1e-12 noise in R/Python) exactly 0 in ours. */
function oracleConstantSe(
  actual: number,
  o: { estimate: number; std_error: number },
  what: string,
): void {
  if (o.std_error < 1e-10 * Math.max(1, Math.abs(o.estimate))) assert.equal(actual, 0, what);
  else
    assert.ok(rel(actual, o.std_error) < REL_ORACLE, `${what}: ${actual} vs oracle ${o.std_error}`);
}

for (const { name, r: fxr, py: fxp } of SETS) {
  fxr.models.forEach((m, mi) => {
    const label = `${name}: ${m.y} ~ ${m.x.length} regressors | ${m.fe.join(" + ")}`;
    const engine = (o: Partial<FeolsOptions>) =>
      feols({ data: fxr.data, y: m.y, x: m.x, fe: m.fe, constant: "stata", ...o });
    // the other panel dimension: a FE of the two-way model, a plain column (passed as data) of the one-way one
    const other = fxp.models[mi].cluster2;

    test(`${label}: summary's constant equals a refit, iid / hetero / cluster(unit) / cluster(${other}) × every ssc`, () => {
      for (const base of [engine({}), engine({ cluster: m.cluster, ssc: "fixest" })]) {
        for (const ssc of SSC_NAMES) {
          const cases: [string, Partial<FeolsOptions>, SummaryOptions][] = [
            ["iid", { vcov: "iid", ssc }, { vcov: "iid", ssc }],
            ["hetero", { vcov: "hc1", ssc }, { vcov: "hetero", ssc }],
            [`cluster(${m.cluster})`, { cluster: m.cluster, ssc }, { cluster: m.cluster, ssc }],
            [
              `cluster(${other})`,
              { cluster: other, ssc },
              { cluster: `~${other}`, ssc, data: fxr.data },
            ],
          ];
          for (const [what, fo, so] of cases) {
            const s = summary(base, so);
            const refit = engine(fo);
            sameConstant(s.constant, refit.constant, `${what}/${ssc} from ${base.vcovInfo.label}`);
            // the summary's design carries x̄ on: a summary of a summary is still a refit
            sameConstant(
              summary(s, { vcov: "hetero", ssc }).constant,
              engine({ vcov: "hc1", ssc }).constant,
              `${what}/${ssc} → hetero`,
            );
          }
        }
      }
    });

    test(`${label}: summary's constant against linearmodels (xtreg, fe) and plm`, () => {
      const base = engine({}); // iid
      const py = fxp.models[mi];
      // one FE: xtreg's own _cons; unit + year FE: xtreg with the year dummies centred (docs/estimation.md)
      const lm = m.fe.length === 1 ? py.linearmodels : (py.linearmodels_centered ?? {});
      assert.equal(Object.keys(lm).length, 3, "iid, hetero and cluster pinned by linearmodels");
      for (const [key, o] of Object.entries(lm)) {
        const [type] = key.split(":") as [VcovType];
        const s = summary(
          base,
          type === "cluster" ? { cluster: m.cluster, ssc: "stata" } : { vcov: type, ssc: "stata" },
        );
        assert.ok(
          rel(s.constant!.estimate, o.constant.estimate) < REL_ORACLE,
          `${key} constant vs linearmodels`,
        );
        oracleConstantSe(s.constant!.std_error, o.constant, `${key} constant SE vs linearmodels`);
      }
      for (const [key, o] of Object.entries(m.constant)) {
        const [type, ssc] = key.split(":") as [VcovType, SscName | undefined];
        const s = summary(
          base,
          type === "cluster" ? { cluster: m.cluster, ssc } : { vcov: type, ssc: ssc ?? "stata" },
        );
        oracleConstantSe(s.constant!.std_error, o, `${key} constant SE vs plm`);
      }
    });
  });
}

test("the constant under two-way clustering has no SE, in summary as in the fit; another vcov gives it back", () => {
  const o: FeolsOptions = {
    data: fx.data,
    y: "inv",
    x: ["value", "capital"],
    fe: ["firm", "year"],
    cluster: "firm",
    cluster2: "year",
    ssc: "fixest",
    constant: "stata",
  };
  const two = feols(o);
  assert.ok(Number.isNaN(two.constant!.std_error));
  const s = summary(two, { ssc: "full" }); // keeps the two-way clustering
  assert.equal(s.vcovInfo.Gs?.length, 3);
  sameConstant(s.constant, feols({ ...o, ssc: "full" }).constant, "two-way, full");
  assert.ok(Number.isNaN(s.constant!.std_error));
  const het = summary(two, { vcov: "hetero" });
  assert.ok(het.constant!.std_error > 0);
  sameConstant(
    het.constant,
    feols({ ...o, cluster: undefined, cluster2: undefined, vcov: "hc1" }).constant,
    "two-way → hetero",
  );
  // one-way by the unit from the two-way fit: the refit clustered by firm alone
  sameConstant(
    summary(two, { cluster: "firm" }).constant,
    feols({ ...o, cluster2: undefined }).constant,
    "two-way → cluster(firm)",
  );
});

test("zero residual degrees of freedom: no constant SE in summary either", () => {
  // 2 units × 2 periods, two-way FE: n = 4 = k + d_FE (1 + 3)
  const data = { u: [1, 1, 2, 2], t: [1, 2, 1, 2], x: [0.5, 1.5, 2, 1], y: [1, 3, 2, 7] };
  const o: FeolsOptions = { data, y: "y", x: ["x"], fe: ["u", "t"], constant: "stata" };
  const base = feols(o);
  assert.equal(base.dfResid, 0);
  for (const so of [{ vcov: "hetero" as const }, { vcov: "iid" as const }]) {
    const s = summary(base, so);
    assert.ok(Number.isNaN(s.constant!.std_error) && Number.isNaN(s.constant!.p_value));
    sameConstant(
      s.constant,
      feols({ ...o, vcov: so.vcov === "hetero" ? "hc1" : "iid" }).constant,
      so.vcov,
    );
  }
});

test("the design keeps x̄ of the kept regressors in original units (hand check on Grunfeld)", () => {
  const fit = feols({
    data: fx.data,
    y: "inv",
    x: ["value", "capital"],
    fe: ["firm"],
    constant: "stata",
  });
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const { xbar } = fit.design.constant!;
  assert.ok(
    rel(xbar[0], mean(fx.data.value)) < 1e-14 && rel(xbar[1], mean(fx.data.capital)) < 1e-14,
  );
  // _cons = ȳ − x̄ᵀb
  const b = fit.coefficients.map((c) => c.estimate);
  assert.ok(
    rel(fit.constant!.estimate, mean(fx.data.inv) - xbar[0] * b[0] - xbar[1] * b[1]) < 1e-12,
  );
  assert.equal(
    feols({ data: fx.data, y: "inv", x: ["value"], fe: ["firm"] }).design.constant,
    undefined,
  );
});

test("the zero-SE rule is the fit's in summary too: relative to max(|_cons|, the outcome's power-of-two unit)", () => {
  // y ≈ 10⁶ x, so _cons ≈ 0 and its SE (about 1.2e-5) is below 1e-10 · 2^20 (max |y| < 2^20 · 2):
  // feols reports SE 0 with t and p undefined; a rule relative to max(1, |_cons|) would not.
  const u = Array.from({ length: 40 }, (_, i) => i % 8);
  const x = u.map((g, i) => 1 + 0.01 * Math.sin(i * 1.7) + 0.001 * g);
  const y = x.map((v, i) => 1e6 * v + 1e-6 * Math.cos(i * 2.3));
  const o: FeolsOptions = { data: { u, x, y }, y: "y", x: ["x"], fe: ["u"], constant: "stata" };
  const base = feols(o);
  assert.equal(base.design.constant!.unit, 2 ** 20);
  for (const [so, fo] of [
    [{ vcov: "hetero" }, { vcov: "hc1" }],
    [{ cluster: "u" }, { cluster: "u" }],
  ] as [SummaryOptions, Partial<FeolsOptions>][]) {
    const refit = feols({ ...o, ...fo });
    assert.equal(refit.constant!.std_error, 0);
    sameConstant(summary(base, so).constant, refit.constant, JSON.stringify(so));
  }
});

test('vcov: "bogus" names the valid choices (engine, front door and summary)', async () => {
  const { feols: front } = await import("../../lib/estimate/model");
  const data = { y: [1, 2, 4, 3, 5], x: [0.5, 1, 2.5, 1.5, 2] };
  assert.throws(
    () => feols({ data, y: "y", x: ["x"], vcov: "bogus" as never }),
    /vcov must be one of "iid", "hc1", "cluster" \(got "bogus"\)/,
  );
  assert.throws(
    () => front("y ~ x", data, { vcov: "bogus" as never }),
    /vcov must be one of "iid", "hc1", "cluster" \(got "bogus"\)/,
  );
  assert.throws(
    () => feols({ data, y: "y", x: ["x"], ssc: "nope" as never }),
    /ssc must be one of "plm", .* \(got "nope"\)/,
  );
  assert.throws(
    () => summary(feols({ data, y: "y", x: ["x"] }), { vcov: "bogus" as never }),
    /summary: vcov must be "iid", "hc1" \(or "hetero"\) or "cluster" \(got "bogus"\)/,
  );
});
