import { test } from "node:test";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { idealDistance } from "../../lib/measures/idealDistance";
import { loadIdealPoints } from "../../lib/sources/idealPoints";
import { ALLIES } from "../../lib/countries";
import { rowsOf, type IdealPointRow } from "../helpers/rows";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- jstat has no types; typed here
const { jStat } = require("jstat") as {
  jStat: { mean(a: number[]): number; stdev(a: number[], sample: boolean): number };
};

test("hand-made: |ally − partner| per year, gaps listed", () => {
  const t = aq.table({
    iso3: ["USA", "USA", "CHN", "GBR", "GBR", "JPN", null],
    session: [71, 72, 71, 71, 72, 71, 71],
    year: [2016, 2017, 2016, 2016, 2017, 2016, 2016],
    ideal: [2.5, 2.6, -0.5, 1.0, 3.0, 0.75, 9],
  });
  const us = idealDistance(t, "USA");
  const rows = rowsOf<IdealPointRow>(us.table).map((o) => [
    o.iso3,
    o.session,
    o.year,
    +o.ideal.toFixed(12),
  ]);
  // 2016: |1.0 − 2.5| = 1.5, |0.75 − 2.5| = 1.75; 2017: |3.0 − 2.6| = 0.4 (ally above the US still counts positive)
  assert.deepEqual(rows, [
    ["GBR", 71, 2016, 1.5],
    ["JPN", 71, 2016, 1.75],
    ["GBR", 72, 2017, 0.4],
  ]);
  assert.equal(us.missing.length, 24 + 25); // 2016: 24 allies absent; 2017: all but GBR
  const cn = idealDistance(t, "CHN");
  assert.deepEqual(
    rowsOf<IdealPointRow>(cn.table).map((o) => [o.iso3, o.year, o.ideal]),
    [
      ["GBR", 2016, 1.5],
      ["JPN", 2016, 1.25],
    ],
  );
});

const jun = loadIdealPoints().table;

test("real data: every ally has a US distance for 2016-2020 in Jun2024 and July2025, 2016-2019 in Apr2020", () => {
  const years = [2016, 2017, 2018, 2019, 2020];
  const dist = idealDistance(jun, "USA", { years });
  assert.deepEqual(dist.missing, []);
  assert.equal(dist.table.numRows(), 130);
  const july = idealDistance(loadIdealPoints({ release: "July2025" }).table, "USA", { years });
  assert.deepEqual(july.missing, []);
  assert.ok((july.table.array("session") as unknown[]).every((s) => s === null));
  const apr = idealDistance(loadIdealPoints({ release: "Apr2020" }).table, "USA", { years });
  // Apr2020 ends with session 74 (2019): 2020 is missing for all 26 allies.
  assert.deepEqual(
    apr.missing,
    ALLIES.map((c) => `${c} 2020`),
  );
  // Germany 2020 (session 75), Jun2024: |DEU − USA| with USA = 2.707292 (SOURCE.md).
  const deu = rowsOf<IdealPointRow>(dist.table).find((o) => o.iso3 === "DEU" && o.year === 2020)!;
  assert.equal(deu.session, 75);
  const raw = rowsOf<IdealPointRow>(jun).find((o) => o.iso3 === "DEU" && o.session === 75)!.ideal;
  assert.ok(Math.abs(deu.ideal - Math.abs(raw - 2.707292)) < 1e-6);
  // All distances positive: every ally sits below the US on the scale in these years.
  assert.ok((dist.table.array("ideal") as number[]).every((x) => x > 0));
});

test("paper Table 1 comparison (2016-2019, Jun2024): same size as the published `ideal`, not identical", () => {
  const d = (
    idealDistance(jun, "USA", { years: [2016, 2017, 2018, 2019] }).table.array("ideal") as number[]
  ).slice();
  assert.equal(d.length, 104);
  // Published (N = 102): mean 1.687, sd 0.501, min 0.971, max 3.258. Computed here (N = 104):
  const got = [jStat.mean(d), jStat.stdev(d, true), Math.min(...d), Math.max(...d)].map(
    (x) => +x.toFixed(3),
  );
  // Not identical (release, years and the paper's winsorizing may all differ); the sd agrees.
  assert.deepEqual(got, [1.646, 0.501, 0.789, 3.442]);
});
