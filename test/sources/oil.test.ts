import { test } from "node:test";
import assert from "node:assert/strict";
import { loadOil, parseOilText, type OilRow } from "../../lib/sources/oil";

test("real data: annual WTI and Brent averages quoted in oil/SOURCE.md", () => {
  const wti = loadOil().table.objects() as unknown as OilRow[];
  const brent = loadOil({ series: "brent" }).table.objects() as unknown as OilRow[];
  const at = (rows: OilRow[], y: number) => rows.find((r) => r.year === y)!.price;
  assert.deepEqual(
    [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021].map((y) => at(wti, y)),
    [93.17, 48.66, 43.29, 50.8, 65.23, 56.99, 39.16, 68.13],
  );
  assert.deepEqual([at(brent, 2016), at(brent, 2020)], [43.64, 41.96]);
  assert.equal(wti.length, 40); // 1986-2025
});

test("hand-written rows: June 30 is the annual average of that year", () => {
  assert.deepEqual(
    parseOilText("Date,Price\n2016-06-30,43.29\n2017-06-30,50.8\n", "o.csv", [2016, 2017]),
    [
      { year: 2016, price: 43.29 },
      { year: 2017, price: 50.8 },
    ],
  );
});

test("bad input: monthly date, truncated line, missing column, text price, duplicate year, missing year", () => {
  assert.throws(
    () => parseOilText("Date,Price\n2016-01-15,30.3\n", "m.csv", []),
    /m\.csv \(row 2, column "Date"\): expected an annual date YYYY-06-30, found "2016-01-15"/,
  );
  assert.throws(
    () => parseOilText("Date,Price\n2016-06-30\n", "t.csv", []),
    /t\.csv \(row 2\): expected 2 fields, found 1/,
  );
  assert.throws(
    () => parseOilText("Date,Value\n2016-06-30,1\n", "c.csv", []),
    /c\.csv \(column "Price"\): missing column "Price"/,
  );
  assert.throws(
    () => parseOilText("Date,Price\n2016-06-30,n/a\n", "n.csv", []),
    /n\.csv \(row 2, column "Price"\): not a number: "n\/a"/,
  );
  assert.throws(
    () => parseOilText("Date,Price\n2016-06-30,1\n2016-06-30,2\n", "d.csv", []),
    /d\.csv \(row 3\): duplicate key \(2016\) also on row 2/,
  );
  assert.throws(
    () => parseOilText("Date,Price\n2016-06-30,1\n", "y.csv", [2016, 2017]),
    /y\.csv: no price for year\(s\) 2017/,
  );
});
