/**
 * LoadReport bookkeeping: newReport, drop, formatReport (exact text), and the
 * messages of assertUniqueKeys / assertCoverage beyond the two cases already
 * in csv.test.ts (custom line numbers, no-throw cases, the 20-cell cut-off).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  assertCoverage,
  assertUniqueKeys,
  drop,
  formatReport,
  newReport,
} from "../../lib/io/loadReport";
import { DataError } from "../../lib/io/dataError";

test("newReport starts empty and keeps the files and hashes given", () => {
  assert.deepEqual(newReport(), {
    files: [],
    sha256: [],
    rowsRead: 0,
    rowsKept: 0,
    dropped: {},
    notes: [],
  });
  const r = newReport(["wdi/gdp.csv"], ["ab12"]);
  assert.deepEqual(r.files, ["wdi/gdp.csv"]);
  assert.deepEqual(r.sha256, ["ab12"]);
  // fresh objects each call: one report's drops never leak into another
  drop(r, "x");
  assert.deepEqual(newReport().dropped, {});
});

test("drop adds 1 by default, or n, per reason, in first-seen order", () => {
  const r = newReport();
  drop(r, "not a study country");
  drop(r, "missing value", 3);
  drop(r, "not a study country");
  drop(r, "not a study country", 5);
  assert.deepEqual(r.dropped, { "not a study country": 7, "missing value": 3 });
  assert.deepEqual(Object.keys(r.dropped), ["not a study country", "missing value"]);
});

test("formatReport: exact one-line text, with drops and notes", () => {
  const r = newReport(["a.csv", "b.csv"]);
  r.rowsRead = 10;
  r.rowsKept = 6;
  assert.equal(formatReport(r), "a.csv, b.csv: read 10 rows, kept 6");
  drop(r, "aggregate", 3);
  drop(r, "blank");
  assert.equal(formatReport(r), "a.csv, b.csv: read 10 rows, kept 6; dropped 3 aggregate; 1 blank");
  r.notes.push("Kosovo coded XKX", "2020 from the 2021 release");
  assert.equal(
    formatReport(r),
    "a.csv, b.csv: read 10 rows, kept 6; dropped 3 aggregate; 1 blank\n  note: Kosovo coded XKX\n  note: 2020 from the 2021 release",
  );
  // notes without drops
  const q = newReport(["c.csv"]);
  q.notes.push("n1");
  assert.equal(formatReport(q), "c.csv: read 0 rows, kept 0\n  note: n1");
});

test("assertUniqueKeys: silent on distinct keys; a duplicate is a DataError naming both lines (custom lineOf)", () => {
  const keys = ["USA:2016", "CHN:2016", "JPN:2016"];
  assert.doesNotThrow(() => assertUniqueKeys("k.csv", 3, (i) => keys[i]));
  assert.doesNotThrow(() => assertUniqueKeys("k.csv", 0, () => "same"));
  // header on line 1 plus one preamble line: data row i sits on line i + 3
  const dup = ["JPN:2017", "KOR:2017", "FRA:2017", "KOR:2017", "JPN:2017"];
  let err: unknown;
  try {
    assertUniqueKeys(
      "k.csv",
      5,
      (i) => dup[i],
      (i) => i + 3,
    );
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof DataError);
  // the first repeat found (row index 3 = line 6) repeats index 1 (line 4)
  assert.equal(err.message, "k.csv (row 6): duplicate key (KOR:2017) also on row 4");
  assert.equal(err.file, "k.csv");
  assert.equal(err.row, 6);
  assert.equal(err.column, undefined);
});

test("assertCoverage: silent when complete; names missing cells in grid order; cuts the list at 20", () => {
  assert.doesNotThrow(() =>
    assertCoverage(
      "c.csv",
      ["USA:2016", "USA:2017", "CHN:2016", "CHN:2017", "extra"],
      ["USA", "CHN"],
      [2016, 2017],
    ),
  );
  assert.doesNotThrow(() => assertCoverage("c.csv", [], [], [2016]));
  // the `what` word and a generator as input
  function* have() {
    yield "JPN:2018";
  }
  assert.throws(
    () => assertCoverage("g.csv", have(), ["JPN", "KOR"], [2018], "GDP"),
    (e: unknown) =>
      e instanceof DataError &&
      e.message === "g.csv: no GDP for 1 required country-year(s): KOR 2018" &&
      e.row === undefined,
  );
  // 3 countries x 8 years = 24 missing: 20 listed then ", ..."
  const years = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020];
  const listed = [
    ...["AUS", "CAN"].flatMap((c) => years.map((y) => `${c} ${y}`)),
    "DEU 2013",
    "DEU 2014",
    "DEU 2015",
    "DEU 2016",
  ];
  assert.throws(
    () => assertCoverage("z.csv", [], ["AUS", "CAN", "DEU"], years),
    (e: unknown) =>
      e instanceof DataError &&
      e.message === `z.csv: no value for 24 required country-year(s): ${listed.join(", ")}, ...`,
  );
  // exactly 20 missing: no ellipsis
  assert.throws(
    () => assertCoverage("t.csv", [], ["AUS", "CAN"], [...years, 2021, 2022]),
    (e: unknown) =>
      e instanceof DataError &&
      e.message.endsWith("CAN 2022") &&
      e.message.includes("for 20 required"),
  );
});
