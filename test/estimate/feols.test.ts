import { test } from "node:test";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { Matrix, solve } from "ml-matrix";
import { FEW_CLUSTERS, feols } from "../../lib/estimate/feols";
import { buildEtable } from "../../lib/report/etable";
import { fmt } from "../../lib/report/format";

const near = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

// Two units x three periods, worked by hand (see comments).
const D = {
  unit: ["A", "A", "A", "B", "B", "B"],
  time: [1, 2, 3, 1, 2, 3],
  x: [1, 2, 3, 2, 4, 6],
  y: [1, 3, 8, 0, 3, 3],
};

test("one-way FE by hand: b = Σx̃ỹ/Σx̃² = 13/10, iid and clustered SE, Stata constant", () => {
  // x̃ = (-1,0,1,-2,0,2), ỹ = (-3,-1,4,-2,1,1); residuals (-1.7,-1,2.7,0.6,1,-1.6), RSS 15.1, df 6-1-2 = 3
  const r = feols({ data: D, y: "y", x: ["x"], fe: ["unit"], constant: "stata" });
  near(r.coefficients[0].estimate, 1.3);
  near(r.rss, 15.1);
  assert.equal(r.dfResid, 3);
  near(r.coefficients[0].std_error, Math.sqrt(15.1 / 3 / 10));
  near(r.constant!.estimate, 3 - 1.3 * 3); // ȳ − b x̄ = -0.9
  // clustered by unit: u_A = 4.4, u_B = -4.4, meat 38.72, bread 1/10; plm-sss factor 2 · 5/5
  const c = feols({ data: D, y: "y", x: ["x"], fe: ["unit"], cluster: "unit", ssc: "plm-sss" });
  near(c.coefficients[0].std_error, Math.sqrt((2 * 38.72) / 100));
  assert.equal(c.vcovInfo.df, 1);
  const c0 = feols({ data: D, y: "y", x: ["x"], fe: ["unit"], cluster: "unit", ssc: "plm" });
  near(c0.coefficients[0].std_error, Math.sqrt(38.72 / 100));
});

test("two-way FE by hand (balanced 2 x 3): b = -2, RSS = 3, df = 1", () => {
  // x̃ = (.5,0,-.5,-.5,0,.5), ỹ = (-.5,-1,1.5,.5,1,-1.5): Σx̃ỹ = -2, Σx̃² = 1
  const r = feols({ data: D, y: "y", x: ["x"], fe: ["unit", "time"] });
  near(r.coefficients[0].estimate, -2);
  near(r.rss, 3);
  assert.equal(r.dofFe, 4);
  assert.equal(r.dfResid, 1);
  near(r.coefficients[0].std_error, Math.sqrt(3));
  assert.deepEqual(r.groups, { unit: 2, time: 3 });
});

test("equals the LSDV (dummy-variable) regression solved directly, unbalanced two-way", () => {
  const unit = [1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4];
  const time = [1, 2, 4, 1, 3, 1, 2, 3, 4, 2, 3, 4];
  const x1 = [0.3, 1.2, -0.4, 2.2, 0.1, -1.3, 0.8, 0.5, 1.9, -0.7, 0.2, 1.1];
  const x2 = [1.0, 0.1, 0.7, -0.2, 0.9, 0.4, -1.1, 0.6, 0.3, 1.4, -0.5, 0.8];
  const y = [1.1, 2.3, -0.2, 3.1, 0.4, -0.9, 1.8, 1.2, 3.3, 0.1, 0.6, 2.2];
  const r = feols({
    data: { unit, time, x1, x2, y },
    y: "y",
    x: ["x1", "x2"],
    fe: ["unit", "time"],
  });
  // Design: x1, x2, unit dummies 1-4, time dummies 2-4 (time 1 is the reference)
  const rowsZ = unit.map((u, i) => [
    x1[i],
    x2[i],
    ...[1, 2, 3, 4].map((g) => (u === g ? 1 : 0)),
    ...[2, 3, 4].map((t) => (time[i] === t ? 1 : 0)),
  ]);
  const Z = new Matrix(rowsZ);
  const b = solve(Z.transpose().mmul(Z), Z.transpose().mmul(Matrix.columnVector(y)));
  near(r.coefficients[0].estimate, b.get(0, 0), 1e-10);
  near(r.coefficients[1].estimate, b.get(1, 0), 1e-10);
  assert.equal(r.dofFe, 7);
  const fitted = Z.mmul(b);
  let rss = 0,
    tss = 0;
  const ybar = y.reduce((s, v) => s + v, 0) / y.length;
  y.forEach((v, i) => {
    rss += (v - fitted.get(i, 0)) ** 2;
    tss += (v - ybar) ** 2;
  });
  near(r.rss, rss, 1e-10);
  near(r.r2, 1 - rss / tss, 1e-10);
});

test("no FE: ordinary least squares with an intercept", () => {
  // y = 1 + 2x + e, e = (.5, -.5, -.5, .5) orthogonal to 1 and x: b = 2, intercept 1, RSS 1
  const r = feols({
    data: { x: [0, 1, 2, 3], y: [1.5, 2.5, 4.5, 7.5] },
    y: "y",
    x: ["x"],
    constant: "stata",
  });
  near(r.coefficients[0].estimate, 2);
  near(r.constant!.estimate, 1);
  near(r.rss, 1);
  assert.equal(r.dofFe, 1);
  // classical OLS: se(b) = sqrt(s² / Σ(x − x̄)²) = sqrt((1/2) / 5); se(a) = sqrt(s² (1/n + x̄²/Σ(x − x̄)²))
  near(r.coefficients[0].std_error, Math.sqrt(0.5 / 5));
  near(r.constant!.std_error, Math.sqrt(0.5 * (1 / 4 + 2.25 / 5)));
});

test("missing values are dropped and counted by reason; arquero input works", () => {
  const t = aq.table({
    unit: ["A", "A", "A", "B", "B", "B", "C"],
    time: [1, 2, 3, 1, 2, 3, null],
    x: [1, 2, 3, 2, 4, 6, 1],
    y: [1, 3, 8, 0, 3, NaN, 2],
  });
  const r = feols({ data: t, y: "y", x: ["x"], fe: ["unit", "time"] });
  assert.equal(r.nobs, 5);
  assert.deepEqual(r.dropped, { "missing y": 1, "missing time": 1 });
  assert.equal(r.rowsIn, 7);
});

test("absorbed and collinear regressors are reported and dropped", () => {
  const data = {
    ...D,
    z: [5, 5, 5, 7, 7, 7],
    w: [2, 4, 6, 4, 8, 12],
    v: [0.1, 0.5, -0.3, 0.2, 0.9, 0.4],
  };
  const r = feols({ data, y: "y", x: ["x", "z", "w", "v"], fe: ["unit"] });
  assert.deepEqual(r.collinear, [
    { term: "z", reason: "absorbed by fixed effects" },
    { term: "w", reason: "collinear" },
  ]);
  assert.deepEqual(r.terms, ["x", "v"]);
});

test("clear errors: missing column, non-numeric value, nothing left after absorbing, one cluster", () => {
  assert.throws(() => feols({ data: D, y: "y", x: ["nope"], fe: ["unit"] }), /no column "nope"/);
  assert.throws(
    () => feols({ data: { ...D, x: [1, "two", 3, 2, 4, 6] }, y: "y", x: ["x"], fe: ["unit"] }),
    /column "x", row 2: not a number/,
  );
  assert.throws(
    () => feols({ data: { ...D, z: [5, 5, 5, 7, 7, 7] }, y: "y", x: ["z"], fe: ["unit"] }),
    /no variation left in z/,
  );
  assert.throws(
    () =>
      feols({
        data: { ...D, one: [1, 1, 1, 1, 1, 1] },
        y: "y",
        x: ["x"],
        fe: ["unit"],
        cluster: "one",
      }),
    /at least 2 clusters/,
  );
});

test("singletons are counted; dropped on request", () => {
  const data = {
    unit: [1, 1, 2, 2, 3],
    time: [1, 2, 1, 2, 1],
    x: [1, 2, 2, 5, 3],
    y: [1, 2, 3, 5, 9],
  };
  const keep = feols({ data, y: "y", x: ["x"], fe: ["unit"] });
  assert.deepEqual(keep.singletons, { count: 1, dropped: false });
  assert.equal(keep.nobs, 5);
  const dropS = feols({ data, y: "y", x: ["x"], fe: ["unit"], dropSingletons: true });
  assert.equal(dropS.nobs, 4);
  assert.deepEqual(dropS.dropped, { singleton: 1 });
  near(dropS.coefficients[0].estimate, keep.coefficients[0].estimate); // a singleton carries no within information
});

test("normal-based inference on request", () => {
  const t = feols({ data: D, y: "y", x: ["x"], fe: ["unit"], dist: "normal" });
  const c = t.coefficients[0];
  // z = 1.3 / sqrt(15.1/30); p = 2 Φ(−|z|)
  near(c.statistic, 1.3 / Math.sqrt(15.1 / 30));
  assert.ok(Math.abs(c.p_value - 0.0668948488) < 1e-9); // R: 2 * pnorm(-1.3 / sqrt(15.1 / 30))
  const tt = feols({ data: D, y: "y", x: ["x"], fe: ["unit"] });
  assert.ok(c.p_value < tt.coefficients[0].p_value); // normal tails are thinner than t(3)
  assert.equal(t.f_test.df2, Infinity);
  assert.ok(Math.abs(t.f_test.p_value - c.p_value) < 1e-9); // one restriction: chi2(1) tail = normal two-sided tail
});

test("Stata constant with zero-mean regressors clustered by the unit FE: SE 0, t and p undefined (as Stata's '.')", () => {
  // 3 units x 3 periods; x centred to mean 0 over the sample, y arbitrary
  const unit = [1, 1, 1, 2, 2, 2, 3, 3, 3];
  const time = [1, 2, 3, 1, 2, 3, 1, 2, 3];
  const x = [-1, 0.5, 2, -2, 1, 0, 0.5, -1.5, 0.5];
  const y = [1, 3, 2, 5, 4, 7, 2, 2, 5];
  const f = feols({
    data: { unit, time, x, y },
    y: "y",
    x: ["x"],
    fe: ["unit"],
    cluster: "unit",
    constant: "stata",
  });
  assert.ok(Math.abs(f.constant!.estimate - 31 / 9) < 1e-12);
  assert.equal(f.constant!.std_error, 0);
  assert.ok(Number.isNaN(f.constant!.p_value) && Number.isNaN(f.constant!.statistic));
});

test("zero residual degrees of freedom: no SE, statistic, p-value or F, and a warning that says why", () => {
  // 2 units x 2 periods, two-way FE: n = 4, d_FE = 3, k = 1 → n − k − d_FE = 0 (the fit is exact)
  const data = { unit: [1, 1, 2, 2], time: [1, 2, 1, 2], x: [0.5, 1.5, 2, 0.2], y: [1, 3, 2, 7] };
  for (const vcov of ["iid", "hc1", "cluster"] as const) {
    const r = feols({
      data,
      y: "y",
      x: ["x"],
      fe: ["unit", "time"],
      cluster: "unit",
      vcov,
      constant: "stata",
    });
    assert.equal(r.dfResid, 0);
    const c = r.coefficients[0];
    assert.ok(Number.isFinite(c.estimate));
    assert.ok(
      Number.isNaN(c.std_error) && Number.isNaN(c.statistic) && Number.isNaN(c.p_value),
      `${vcov}: ${JSON.stringify(c)}`,
    );
    assert.ok(Number.isNaN(r.f_test.p_value));
    assert.ok(Number.isNaN(r.constant!.std_error));
    assert.ok(
      r.warnings.some((w) =>
        /^zero residual degrees of freedom: 4 observations, 1 slope and 3 parameters absorbed/.test(
          w,
        ),
      ),
      r.warnings.join("|"),
    );
  }
  // the table prints no stars and no "(0.000)"
  const t = buildEtable([feols({ data, y: "y", x: ["x"], fe: ["unit", "time"] })]);
  assert.equal(
    t.rows[0][1],
    fmt(feols({ data, y: "y", x: ["x"], fe: ["unit", "time"] }).coefficients[0].estimate, 3),
  );
  assert.equal(t.rows[1][1], "(—)"); // no SE: "(—)", never "(0.000)" or an empty line
  assert.ok(t.notes!.some((n) => /^Warning \(1\): zero residual degrees of freedom/.test(n)));
});

test("more regressors than observations: the surplus is dropped as collinear and the fit says it is exact", () => {
  const data = { x1: [1, 2, 4], x2: [0, 1, 0], x3: [3, 1, 2], x4: [1, 1, 5], y: [1, 2, 0] };
  const r = feols({ data, y: "y", x: ["x1", "x2", "x3", "x4"] });
  assert.deepEqual(
    r.collinear.map((c) => c.term),
    ["x3", "x4"],
  );
  assert.equal(r.dfResid, 0);
  assert.ok(r.coefficients.every((c) => Number.isNaN(c.std_error)));
  assert.ok(r.warnings.some((w) => w.startsWith("zero residual degrees of freedom")));
});

test("few clusters are flagged (G < 42, Angrist & Pischke; Cameron & Miller); 42 clusters are not", () => {
  const r = feols({ data: D, y: "y", x: ["x"], fe: ["time"], cluster: "unit" });
  assert.ok(
    r.warnings.some((w) =>
      /^only 2 clusters: cluster-robust standard errors .* below about 42 clusters/.test(w),
    ),
    r.warnings.join("|"),
  );
  assert.deepEqual(feols({ data: D, y: "y", x: ["x"], fe: ["unit"] }).warnings, []);
  const unit = Array.from({ length: 84 }, (_, i) => Math.floor(i / 2));
  const x = unit.map((u, i) => Math.sin(i * 1.3) + u / 50);
  const y = x.map((v, i) => 2 * v + Math.cos(i * 0.7));
  assert.deepEqual(feols({ data: { unit, x, y }, y: "y", x: ["x"], cluster: "unit" }).warnings, []);
  assert.equal(FEW_CLUSTERS, 42);
});

test("messages name the cause: constant outcome, outcome among the regressors, no rows, all rows dropped", () => {
  assert.throws(
    () => feols({ data: { ...D, c: [5, 5, 5, 5, 5, 5] }, y: "c", x: ["x"], fe: ["unit"] }),
    /^Error: the outcome "c" is constant \(5 in all 6 observations used\)/,
  );
  assert.throws(
    () => feols({ data: D, y: "y", x: ["x", "y"], fe: ["unit"] }),
    /the outcome "y" is also listed among the regressors/,
  );
  assert.throws(
    () => feols({ data: { unit: [], x: [], y: [] }, y: "y", x: ["x"], fe: ["unit"] }),
    /^Error: no observations: the data have 0 rows$/,
  );
  assert.throws(
    () =>
      feols({
        data: { unit: [1, 2, 3], x: [1, null, 2], y: [null, 1, NaN] },
        y: "y",
        x: ["x"],
        fe: ["unit"],
      }),
    /^Error: all 3 rows dropped: missing y 2, missing x 1$/,
  );
});

test("units never decide collinearity: a regressor ×1e200 or ×1e-200 gives the same fit, rescaled", () => {
  const data = { ...D, v: [0.1, 0.5, -0.3, 0.2, 0.9, 0.4] };
  const base = feols({
    data,
    y: "y",
    x: ["x", "v"],
    fe: ["unit"],
    cluster: "unit",
    ssc: "plm-sss",
    constant: "stata",
  });
  for (const s of [1e200, 1e-200, 2 ** 600]) {
    const r = feols({
      data: { ...data, v: data.v.map((v) => v * s) },
      y: "y",
      x: ["x", "v"],
      fe: ["unit"],
      cluster: "unit",
      ssc: "plm-sss",
      constant: "stata",
    });
    assert.deepEqual(r.collinear, [], `×${s}`);
    assert.deepEqual(r.terms, ["x", "v"]);
    near(r.coefficients[0].estimate, base.coefficients[0].estimate, 1e-13);
    near(r.coefficients[1].estimate * s, base.coefficients[1].estimate, 1e-13);
    near(r.coefficients[1].std_error * s, base.coefficients[1].std_error, 1e-13);
    near(r.coefficients[1].statistic, base.coefficients[1].statistic, 1e-13);
    near(r.constant!.estimate, base.constant!.estimate, 1e-12);
    near(r.rss, base.rss, 1e-13);
  }
  // the outcome too
  const yBig = feols({
    data: { ...data, y: D.y.map((v) => v * 1e250) },
    y: "y",
    x: ["x"],
    fe: ["unit"],
  });
  near(
    yBig.coefficients[0].statistic,
    feols({ data, y: "y", x: ["x"], fe: ["unit"] }).coefficients[0].statistic,
    1e-13,
  );
  // a regressor that is truly absorbed stays absorbed at any scale
  const z = [5, 5, 5, 7, 7, 7].map((v) => v * 1e200);
  assert.deepEqual(feols({ data: { ...data, z }, y: "y", x: ["x", "z"], fe: ["unit"] }).collinear, [
    { term: "z", reason: "absorbed by fixed effects" },
  ]);
});

test("two-way clustering by cluster and cluster2; bootstrap and two-way Stata are refused with a reason", () => {
  const unit = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4];
  const time = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3];
  const x = [0.3, 1.2, -0.4, 2.2, 0.1, -1.3, 0.8, 0.5, 1.9, -0.7, 0.2, 1.1];
  const y = [1.1, 2.3, -0.2, 3.1, 0.4, -0.9, 1.8, 1.2, 3.3, 0.1, 0.6, 2.2];
  const r = feols({
    data: { unit, time, x, y },
    y: "y",
    x: ["x"],
    fe: ["unit"],
    cluster: "unit",
    cluster2: "time",
    ssc: "fixest",
  });
  assert.deepEqual(r.vcovInfo.Gs, [4, 3, 12]);
  assert.equal(r.vcovInfo.df, 2);
  assert.equal(r.cluster2, "time");
  assert.throws(
    () =>
      feols({
        data: { unit, time, x, y },
        y: "y",
        x: ["x"],
        fe: ["unit"],
        cluster: "unit",
        cluster2: "time",
      }),
    /two-way clustering is defined for ssc "fixest" or "full"/,
  );
  assert.throws(
    () => feols({ data: { unit, time, x, y }, y: "y", x: ["x"], cluster2: "time" }),
    /cluster2 needs cluster/,
  );
});

test("typed columns (Float64Array values, Int32Array codes, as the CLI hands them over) and plain arrays give the same fit, bit for bit, with and without missing rows and singletons", () => {
  // unit-sorted panel with a gap in the unit codes and an incomplete unit (unit 6 has one row: a singleton)
  const unit: number[] = [],
    time: number[] = [],
    x1: number[] = [],
    x2: number[] = [],
    y: number[] = [];
  let s = 7;
  const draw = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 10 - 3;
  for (const u of [0, 1, 3, 4, 5, 6])
    for (let t = 0; t < (u === 6 ? 1 : 5); t++) {
      unit.push(u);
      time.push(t);
      x1.push(draw());
      x2.push(draw() * 1e3);
      y.push(draw() + 0.5 * x1[x1.length - 1]);
    }
  const plain = { unit, time, x1, x2, y };
  const typed = {
    unit: Int32Array.from(unit),
    time: Int32Array.from(time),
    x1: Float64Array.from(x1),
    x2: Float64Array.from(x2),
    y: Float64Array.from(y),
  };
  const withNaN = <T extends number[] | Float64Array>(c: T): T => {
    const d = c.slice() as T;
    d[7] = NaN;
    return d;
  };
  const cases = [
    { fe: ["unit", "time"], cluster: "unit" },
    { fe: ["unit", "time"], cluster: "unit", dropSingletons: true },
    { fe: ["unit"], vcov: "hc1" as const },
    { fe: [], cluster: "time" },
  ];
  for (const c of cases) {
    for (const [p, t] of [
      [plain, typed],
      [
        { ...plain, x2: withNaN(x2) },
        { ...typed, x2: withNaN(typed.x2) },
      ],
    ] as const) {
      const a = feols({ data: p, y: "y", x: ["x1", "x2"], ssc: "fixest", constant: "stata", ...c });
      const b = feols({ data: t, y: "y", x: ["x1", "x2"], ssc: "fixest", constant: "stata", ...c });
      assert.deepEqual(b, a, JSON.stringify(c));
      assert.deepEqual(Array.from(b.design.rows), Array.from(a.design.rows));
      assert.deepEqual(Array.from(b.design.resid), Array.from(a.design.resid));
      assert.deepEqual(
        b.design.X.map((v) => Array.from(v)),
        a.design.X.map((v) => Array.from(v)),
      );
      assert.deepEqual(Array.from(b.design.yw), Array.from(a.design.yw));
    }
  }
  // the design's rows are the input rows used, also when none is dropped
  const all = feols({ data: typed, y: "y", x: ["x1", "x2"], fe: ["unit", "time"] });
  assert.deepEqual(
    Array.from(all.design.rows),
    unit.map((_, i) => i),
  );
  const some = feols({
    data: { ...typed, x2: withNaN(typed.x2) },
    y: "y",
    x: ["x1", "x2"],
    fe: ["unit", "time"],
    dropSingletons: true,
  });
  assert.deepEqual(
    Array.from(some.design.rows),
    unit.map((_, i) => i).filter((i) => i !== 7 && i !== unit.length - 1),
  );
});

// Issue 19: centering before demeaning. Synthetic panel (labelled: generated
// here by an LCG), regressor values on a 1/1024 grid so that x + 1e12 is exact:
// any change in the SEs comes from the algorithm, not the input's rounding.
test("standard errors are invariant to adding 1e12 to a regressor (to 1e-10 relative)", () => {
  const n = 200;
  const unit: number[] = [],
    year: number[] = [],
    x: number[] = [],
    z: number[] = [],
    y: number[] = [];
  let s = 7;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
  for (let i = 0; i < n; i++) {
    unit.push(i % 20);
    year.push(Math.floor(i / 20));
    x.push(Math.round(r() * 4096) / 1024);
    z.push(Math.round(r() * 1024) / 256);
    y.push(0.5 * x[i] - 0.2 * z[i] + r());
  }
  const shifted = x.map((v) => v + 1e12);
  assert.ok(shifted.every((v, i) => v - 1e12 === x[i]));
  for (const fe of [["unit", "year"], []]) {
    for (const vcov of ["iid", "hc1", "cluster"] as const) {
      const o = {
        y: "y",
        x: ["x", "z"],
        fe,
        vcov,
        cluster: vcov === "cluster" ? "unit" : undefined,
        constant: "stata" as const,
      };
      const a = feols({ data: { unit, year, x, z, y }, ...o });
      const b = feols({ data: { unit, year, x: shifted, z, y }, ...o });
      a.coefficients.forEach((c, j) => {
        const rel = Math.abs(b.coefficients[j].std_error / c.std_error - 1);
        assert.ok(rel < 1e-10, `${fe.length} FE, ${vcov}, ${c.term}: SE moved by ${rel}`);
        assert.ok(Math.abs(b.coefficients[j].estimate / c.estimate - 1) < 1e-10);
      });
      // the constant moves by exactly −1e12 · b_x (up to the rounding of that product)
      const want = (a.constant?.estimate ?? NaN) - 1e12 * a.coefficients[0].estimate;
      assert.ok(
        Math.abs((b.constant?.estimate ?? NaN) - want) < 1e-3,
        `${String(b.constant?.estimate)} vs ${want}`,
      );
    }
  }
});

test('keys: a duplicated (unit, time) row is an error, or a warning with duplicateKeys "warn"; 2003 = "2003.0"', async () => {
  const { feols: front } = await import("../../lib/estimate/model");
  // Synthetic (labelled): 3 units x 3 years, the last row repeats (C, 2003) written as "2003.0".
  const rows = [
    ["A", 2001, 1.0, 0.3],
    ["A", 2002, 1.4, 0.9],
    ["A", 2003, 2.1, 0.4],
    ["B", 2001, 0.2, 0.8],
    ["B", 2002, 0.9, 0.1],
    ["B", 2003, 1.1, 0.7],
    ["C", 2001, 3.0, 0.2],
    ["C", 2002, 2.2, 0.6],
    ["C", 2003, 2.9, 0.5],
    ["C", "2003.0", 2.9, 0.5],
  ];
  const data = rows.map(([iso3, year, y, x]) => ({ iso3, year, y, x }));
  assert.throws(
    () => front("y ~ x | iso3 + year", data),
    /1 row\(s\) repeat an earlier \(iso3, year\) key; first: \(C, 2003\) on rows 9 and 10.*duplicateKeys: "warn"/,
  );
  const w = front("y ~ x | iso3 + year", data, { duplicateKeys: "warn" });
  assert.ok(
    w.warnings.some((s) => /duplicate keys .*1 row\(s\)/.test(s)),
    w.warnings.join("\n"),
  );
  assert.equal(w.nobs, 10);
  assert.equal(w.groups.year, 3); // "2003.0" is the level 2003
  assert.doesNotThrow(() => front("y ~ x | iso3 + year", data.slice(0, 9)));
  assert.doesNotThrow(() => front("y ~ x | iso3 + year", data, { keys: false }));
});
