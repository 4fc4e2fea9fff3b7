import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { feols } from "../../lib/estimate/feols";
import { withinBetween } from "../../lib/estimate/within";
import {
  demeaningTable,
  fwlFigure,
  lessonSample,
  residualAutocorrelation,
  threeWays,
  tradeReading,
} from "../../lib/notebook/fixedEffectsLesson";

function panel(units: number, years: number, seed: string) {
  const rng = seedrandom(seed);
  const iso3: string[] = [],
    year: number[] = [],
    a: number[] = [],
    b: number[] = [],
    y: number[] = [];
  for (let u = 0; u < units; u++) {
    const fe = 2 * rng();
    for (let t = 0; t < years; t++) {
      iso3.push(`U${u}`);
      year.push(2017 + t);
      const av = rng() + fe,
        bv = rng() + 0.3 * t;
      a.push(av);
      b.push(bv);
      y.push(0.5 * av - bv + fe + t + (rng() - 0.5));
    }
  }
  return { iso3, year, a, b, y };
}

test("threeWays: feols = LSDV = demeaned OLS to 1e-10, and it refuses a gap above tol", () => {
  const d = panel(9, 4, "tw");
  const r = threeWays(d, "y", ["a", "b"]);
  assert.ok(r.maxGap <= 1e-10);
  assert.equal(r.dummyColumns, 2 + 9 + 3);
  assert.equal(r.rows[0].term, "a");
  assert.throws(() => threeWays(d, "y", ["a", "b"], -1), /differ by/);
});

test("demeaningTable: the balanced formula equals the iterative demeaning, row by row", () => {
  const d = panel(5, 3, "dm");
  const rows = demeaningTable(d, "a", ["U1", "U3"]);
  assert.equal(rows.length, 6);
  for (const r of rows) assert.ok(Math.abs(r["x̃ (formula)"] - r["x̃ (demeanTwoWay)"]) < 1e-12);
  // by hand for U1's first row: country mean of U1, year mean of 2017, grand mean
  const idx = (u: string, t: number) => d.iso3.findIndex((c, i) => c === u && d.year[i] === t);
  const cm = [2017, 2018, 2019].reduce((s, t) => s + d.a[idx("U1", t)], 0) / 3;
  const ym = [0, 1, 2, 3, 4].reduce((s, u) => s + d.a[idx(`U${u}`, 2017)], 0) / 5;
  assert.ok(
    Math.abs(rows[0]["country mean"] - cm) < 1e-12 && Math.abs(rows[0]["year mean"] - ym) < 1e-12,
  );
});

test("fwlFigure: the plotted slope is the feols coefficient; every point has a hover label", () => {
  const d = panel(8, 4, "fwl");
  const { figure, slope } = fwlFigure(d, "y", "a", ["b"]);
  const fit = feols({ data: d, y: "y", x: ["a", "b"], fe: ["iso3", "year"] });
  assert.ok(Math.abs(slope - fit.coefficients[0].estimate) < 1e-10);
  assert.equal((figure.data[0].customdata as string[]).length, 32);
  assert.ok((figure.data[0].text as string[]).filter((t) => t).length <= 12);
});

test("residualAutocorrelation: with independent errors, demeaning alone gives about −1/(T − 1)", () => {
  const d = panel(600, 4, "ac");
  const fit = feols({ data: d, y: "y", x: ["a", "b"], fe: ["iso3", "year"] });
  const r = residualAutocorrelation(fit, d);
  assert.equal(r.pairs, 600 * 3);
  assert.ok(Math.abs(r.benchmark + 1 / 3) < 1e-15);
  assert.ok(Math.abs(r.rho - r.benchmark) < 0.05, `rho ${r.rho}`);
});

test("tradeReading on the real sample: per-within-sd effects and the 10% effect recomputed from the pieces", () => {
  const s = lessonSample("huawei_stance");
  const fit = feols({
    data: s.data,
    y: "huawei_stance",
    x: ["ICTtrade", "ICTtrade_us", "asym"],
    fe: ["iso3", "year"],
  });
  const r = tradeReading(fit, s);
  const b = (t: string) => fit.coefficients.find((c) => c.term === t)!.estimate;
  const wb = withinBetween(s.data, ["ICTtrade", "ICTtrade_us"], "iso3", "year");
  assert.ok(Math.abs(r.perWithinSdIct - b("ICTtrade") * wb[0].twoWay) < 1e-12);
  assert.ok(
    Math.abs(
      r.effect10pct -
        Math.log(1.1) *
          (b("ICTtrade") / s.scale.ICTtrade.sd + b("ICTtrade_us") / s.scale.ICTtrade_us.sd),
    ) < 1e-12,
  );
  assert.ok(
    r.corrWithin > r.corrPooled,
    "the two move together more within countries than across them",
  );
  assert.throws(() => tradeReading({ coefficients: [] }, s), /no ICTtrade/);
});

test("persistence: share of ally-years equal to the year before, by hand; gaps and nulls skipped", async () => {
  const { persistence } = await import("../../lib/notebook/fixedEffectsLesson");
  const rows = [
    { iso3: "A", year: 2017, s: 0 },
    { iso3: "A", year: 2018, s: 0 },
    { iso3: "A", year: 2019, s: 1 },
    { iso3: "B", year: 2017, s: 2 },
    { iso3: "B", year: 2018, s: null },
    { iso3: "B", year: 2019, s: 2 },
  ];
  assert.deepEqual(persistence(rows, "s"), { same: 1, pairs: 2, share: 0.5 });
});

test("shareRising: last year above first year, by hand (rows in any order)", async () => {
  const { shareRising } = await import("../../lib/notebook/fixedEffectsLesson");
  const d = {
    iso3: ["A", "B", "A", "B", "C", "C"],
    year: [2019, 2017, 2017, 2019, 2017, 2019],
    x: [3, 5, 1, 4, 2, 2],
  };
  assert.deepEqual(shareRising(d, "x"), { rising: 1, units: 3, share: 1 / 3 });
});
