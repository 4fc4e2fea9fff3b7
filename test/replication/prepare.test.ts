import { test } from "node:test";
import assert from "node:assert/strict";
import { prepareSample } from "../../lib/replication/prepare";
import { readPanel } from "../../lib/panel/read";
import type { PanelRow } from "../../lib/panel/schema";
import { fitSpecs } from "../../lib/replication/hypotheses";
import { TABLE2_SPECS } from "../../lib/study";

// 3 countries x 2016-2018, one regressor x, outcome y; country C has no x in 2016 (a gap)
const mini = (): PanelRow[] =>
  [
    ["A", 2016, 1, null],
    ["A", 2017, 2, 10],
    ["A", 2018, 4, 11],
    ["B", 2016, 3, null],
    ["B", 2017, 5, 12],
    ["B", 2018, 6, 14],
    ["C", 2016, null, null],
    ["C", 2017, 7, 13],
    ["C", 2018, 9, 15],
  ].map(([iso3, year, x, y]) => ({ iso3, year, x, y }) as unknown as PanelRow);

test("lags by (country, year), keeps outcome years, drops incomplete rows with a reason", () => {
  const p = prepareSample(mini(), {
    outcome: "y" as never,
    regressors: ["x"],
    years: [2017, 2018],
    winsorize: false,
    standardize: false,
  });
  assert.deepEqual(p.dropped, { "outcome year outside 2017-2018": 3, "missing x (lag 1)": 1 });
  assert.deepEqual(p.data.iso3, ["A", "A", "B", "B", "C"]);
  assert.deepEqual(Array.from(p.data.x as ArrayLike<number>), [1, 2, 3, 5, 7]); // x of the previous year
  assert.deepEqual(Array.from(p.data.y as ArrayLike<number>), [10, 11, 12, 14, 15]);
  assert.equal(p.n, 5);
});

test("standardizes regressors with the n-1 sd of the sample; the outcome only on request", () => {
  const p = prepareSample(mini(), {
    outcome: "y" as never,
    regressors: ["x"],
    years: [2017, 2018],
    winsorize: false,
    standardizeOutcome: true,
  });
  const x = [1, 2, 3, 5, 7],
    mean = 18 / 5,
    sd = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / 4);
  assert.ok(Math.abs(p.scale.x.mean - mean) < 1e-12 && Math.abs(p.scale.x.sd - sd) < 1e-12);
  assert.ok(Math.abs((p.data.x as Float64Array)[4] - (7 - mean) / sd) < 1e-12);
  assert.ok(Math.abs(p.scale.y.mean - 62 / 5) < 1e-12);
});

test("winsorizing at 20/80 (Stata quantiles) clips the sample's extremes, after or before the lag", () => {
  // after the lag, n = 5 lagged x = 1,2,3,5,7: h = 5 * 0.2 = 1 (integer) -> (x1 + x2) / 2 = 1.5; h = 4 -> (5 + 7) / 2 = 6
  const p = prepareSample(mini(), {
    outcome: "y" as never,
    regressors: ["x"],
    years: [2017, 2018],
    winsorize: { lower: 0.2, upper: 0.8 },
    standardize: false,
  });
  assert.deepEqual(Array.from(p.data.x as ArrayLike<number>), [1.5, 2, 3, 5, 6]);
  assert.deepEqual(p.winsorized.x, { low: 1, high: 1 });
  // before the lag, over all 8 levels 1,2,3,4,5,6,7,9: h = 1.6 -> x(2) = 2; h = 6.4 -> x(7) = 7
  const q = prepareSample(mini(), {
    outcome: "y" as never,
    regressors: ["x"],
    years: [2017, 2018],
    winsorize: { lower: 0.2, upper: 0.8, stage: "before-lag" },
    standardize: false,
  });
  assert.deepEqual(Array.from(q.data.x as ArrayLike<number>), [2, 2, 3, 5, 7]);
});

test("an unknown column is an error", () => {
  assert.throws(
    () => prepareSample(mini(), { outcome: "y" as never, regressors: ["nope"] }),
    /the panel has no column "nope"/,
  );
});

test("on the real panel: 26 allies x 2017-2020 = 104 rows for the Huawei outcome, the other 52 ally-years counted", () => {
  const p = prepareSample(readPanel(), { outcome: "huawei_stance" });
  assert.equal(p.n, 104);
  assert.deepEqual(p.dropped, { "outcome year outside 2017-2020": 52 });
  for (const c of p.regressors) {
    const x = p.data[c] as Float64Array;
    const m = x.reduce((a, v) => a + v, 0) / x.length;
    assert.ok(Math.abs(m) < 1e-12, `${c} has mean 0 after standardizing`);
  }
});

test('standardize "panel": scale from all levels before the lag, so the sample mean is not 0 and the constant has an SE', () => {
  const p = prepareSample(mini(), {
    outcome: "y" as never,
    regressors: ["x"],
    years: [2017, 2018],
    winsorize: false,
    standardize: "panel",
  });
  const lv = [1, 2, 4, 3, 5, 6, 7, 9],
    mean = 37 / 8,
    sd = Math.sqrt(lv.reduce((a, v) => a + (v - mean) ** 2, 0) / 7);
  assert.ok(Math.abs(p.scale.x.mean - mean) < 1e-12 && Math.abs(p.scale.x.sd - sd) < 1e-12);
  assert.deepEqual(
    Array.from(p.data.x as ArrayLike<number>).map((v) => Math.round((v * sd + mean) * 1e9) / 1e9),
    [1, 2, 3, 5, 7],
  );
  assert.equal(p.options.standardize, "panel");
  const real = readPanel();
  // fitSpecs (the tables) standardizes on the panel by default
  const f = fitSpecs(real, [TABLE2_SPECS[6]], "huawei_stance").models[0].fit;
  const g = fitSpecs(real, [TABLE2_SPECS[6]], "huawei_stance", {
    prepare: { standardize: "sample" },
  }).models[0].fit;
  assert.ok(f.constant!.std_error > 0 && Number.isFinite(f.constant!.p_value));
  assert.equal(g.constant!.std_error, 0);
  // same model up to the scale of each regressor: t statistics are identical
  for (const c of f.coefficients) {
    const d = g.coefficients.find((r) => r.term === c.term)!;
    assert.ok(Math.abs(c.statistic - d.statistic) < 1e-8 * Math.abs(d.statistic), c.term);
  }
});
