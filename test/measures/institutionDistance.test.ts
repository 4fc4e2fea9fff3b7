import { test } from "node:test";
import assert from "node:assert/strict";
import {
  euclideanDistance,
  sampleSd,
  wgiScales,
  institutionDistancePanel,
} from "../../lib/measures/institutionDistance";
import { loadWgi, type WgiRow } from "../../lib/sources/wgi";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const all = (iso3: string, year: number, v: number): WgiRow => ({
  iso3,
  year,
  VA: v,
  PV: v,
  GE: v,
  RQ: v,
  RL: v,
  CC: v,
});

test("hand-computed: Euclidean distance and sample sd", () => {
  assert.equal(euclideanDistance([0, 0], [3, 4]), 5);
  close(euclideanDistance([0, 0], [3, 4], [1, 2]), Math.sqrt(13));
  close(sampleSd([1, 2, 3, 4]), Math.sqrt(5 / 3));
  assert.throws(() => euclideanDistance([1], [1, 2]), /different length/);
});

// Three reference countries, every estimate equal within a country:
// 2016: USA 1, CHN -1, JPN 0.5  -> sd = sqrt(39)/6 = 1.0408330 per estimate
// 2017: USA 2, CHN -2, JPN 1    -> pooled sd over the six values = 1.4747881
const ROWS = [
  all("USA", 2016, 1),
  all("CHN", 2016, -1),
  all("JPN", 2016, 0.5),
  all("USA", 2017, 2),
  all("CHN", 2017, -2),
  all("JPN", 2017, 1),
];
const REF = ["USA", "CHN", "JPN"];

test("hand-computed: the three standardizations", () => {
  const id = (partner: string, standardize: "sd-by-year" | "pooled-sd" | "raw", year: number) =>
    institutionDistancePanel(ROWS, {
      partner,
      standardize,
      allies: ["JPN"],
      years: [2016, 2017],
      reference: REF,
    }).find((r) => r.year === year)!.value;
  close(id("USA", "sd-by-year", 2016), 1.176696810829104); // sqrt(6) x 0.5 / 1.0408330
  close(id("CHN", "sd-by-year", 2016), 3.5300904324873126); // sqrt(6) x 1.5 / 1.0408330
  close(id("USA", "sd-by-year", 2017), 1.176696810829104); // scale-free: 2017 is 2016 doubled
  close(id("USA", "pooled-sd", 2016), 0.8304547985373996); // sqrt(6) x 0.5 / 1.4747881
  close(id("USA", "pooled-sd", 2017), 1.6609095970747991); // sqrt(6) x 1 / 1.4747881
  close(id("USA", "raw", 2016), Math.sqrt(6) * 0.5);
  close(wgiScales(ROWS, "sd-by-year", [2016], REF).get(2016)![0], Math.sqrt(39) / 6);
});

test("a missing reference country or estimate is an error", () => {
  assert.throws(
    () =>
      institutionDistancePanel(ROWS.slice(1), {
        partner: "USA",
        allies: ["JPN"],
        years: [2016],
        reference: REF,
      }),
    /2 reference rows for year 2016, expected 3/,
  );
  assert.throws(
    () =>
      institutionDistancePanel(ROWS, {
        partner: "USA",
        allies: ["GBR"],
        years: [2016],
        reference: REF,
        standardize: "raw",
      }),
    /no WGI estimates for GBR 2016/,
  );
});

test("real data: 104 ally-years; allies sit closer to the US than to China under every standardization", () => {
  const wgi = loadWgi().table.objects() as unknown as WgiRow[];
  for (const standardize of ["sd-by-year", "pooled-sd", "raw"] as const) {
    const us = institutionDistancePanel(wgi, { partner: "USA", standardize });
    const ch = institutionDistancePanel(wgi, { partner: "CHN", standardize });
    assert.equal(us.length, 104);
    const mean = (xs: { value: number }[]) => xs.reduce((a, r) => a + r.value, 0) / xs.length;
    assert.ok(mean(us) < mean(ch), standardize);
  }
});
