/**
 * lib/notebook/tradeData.ts: typed DOTS rows equal the loader's table row for
 * row; a bad reporter or a missing value is an error naming the row; tradeRow
 * finds an ally-year or names the missing one; notebook 04's inputs are the
 * rows and load report that SheetJS's parse of the DOTS workbooks gives.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { dotsRows, tradeInputs, tradeRow } from "../../lib/notebook/tradeData";
import { loadDots } from "../../lib/sources/dots";

const good = {
  iso3: ["DEU", "DEU"],
  year: [2018, 2018],
  reporter: ["CHN", "USA"],
  exports: [1.5, 2],
  imports: [3, 4.25],
  total: [4.5, 6.25],
};

test("dotsRows: typed rows, values unchanged", () => {
  const rows = dotsRows(good);
  assert.deepEqual(rows, [
    { iso3: "DEU", year: 2018, reporter: "CHN", exports: 1.5, imports: 3, total: 4.5 },
    { iso3: "DEU", year: 2018, reporter: "USA", exports: 2, imports: 4.25, total: 6.25 },
  ]);
});

test("dotsRows: an unknown reporter and a missing total name the row", () => {
  assert.throws(() => dotsRows({ ...good, reporter: ["CHN", "JPN"] }), /row 2 has reporter "JPN"/);
  assert.throws(() => dotsRows({ ...good, total: [4.5, null] }), /row 2 column "total"/);
});

test("tradeRow: finds the ally-year or names the missing one", () => {
  const rows = [
    { iso3: "DEU", year: 2018, v: 1 },
    { iso3: "FRA", year: 2018, v: 2 },
  ];
  assert.equal(tradeRow(rows, "FRA", 2018).v, 2);
  assert.throws(() => tradeRow(rows, "FRA", 2019), /no row for FRA 2019/);
});

test("tradeInputs: DOTS rows and load report as SheetJS's parse of the workbooks gives them", () => {
  const inputs = tradeInputs();
  assert.equal(inputs.dots.length, 648);
  const viaSheetJS = loadDots({ reader: "sheetjs" });
  assert.deepEqual(inputs.dots, dotsRows(viaSheetJS.table));
  assert.deepEqual(inputs.report, viaSheetJS.report);
  assert.deepEqual(loadDots().table.objects(), viaSheetJS.table.objects());
});
