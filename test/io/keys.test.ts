import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsvText } from "../../lib/io/csv";
import { DataError } from "../../lib/io/dataError";
import { assertUniqueKeys, checkTableKeys, checkUniqueKeys } from "../../lib/io/keys";

const panel = {
  iso3: ["USA", "CHN", "USA", "CHN", "JPN", "CHN"],
  year: [2016, 2017, 2016, 2017, 2016, 2017],
  y: [1, 2, 3, 4, 5, 6],
};

test("duplicate (unit, time) keys are an error naming the first duplicates: rows and key values", () => {
  assert.throws(
    () =>
      checkUniqueKeys(panel, ["iso3", "year"], { file: "p.csv", flag: "--allow-duplicate-keys" }),
    (e: unknown) =>
      e instanceof DataError &&
      e.row === 4 &&
      e.message ===
        "p.csv (row 4): 3 row(s) repeat an earlier (iso3, year) key; first: (USA, 2016) on rows 2 and 4; (CHN, 2017) on rows 3 and 5; " +
          "(CHN, 2017) on rows 3 and 7. Duplicate keys make standard errors too small: remove them or pass --allow-duplicate-keys to accept them",
  );
  assert.throws(
    () => checkUniqueKeys(panel, ["iso3", "year"], { maxListed: 1, lineOf: (i) => i }),
    /^DataError: data \(row 2\): 3 row\(s\) repeat an earlier \(iso3, year\) key; first: \(USA, 2016\) on rows 0 and 2; and 2 more\. Duplicate keys make standard errors too small: remove them$/,
  );
});

test("with allowDuplicates the duplicates are counted and returned, not thrown", () => {
  const r = checkUniqueKeys(panel, ["iso3", "year"], { allowDuplicates: true });
  assert.equal(r.duplicates, 3);
  assert.deepEqual(r.first[0], { key: ["USA", "2016"], rows: [2, 4] });
  assert.deepEqual(checkUniqueKeys(panel, ["y"]), { duplicates: 0, first: [] });
});

test("a single key column; missing values are the key NA; a missing key column is named", () => {
  assert.throws(
    () => checkUniqueKeys({ id: [1, null, NaN] }, ["id"]),
    /1 row\(s\) repeat an earlier id key; first: NA on rows 3 and 4/,
  );
  assert.throws(
    () => checkUniqueKeys(panel, ["iso3", "month"], { file: "p.csv" }),
    /p\.csv \(column "month"\): key column "month" not found \(columns: iso3, year, y\)/,
  );
});

test("a file appended to itself is caught on a CSV table, by line", () => {
  const body = "USA,2016,1\nCHN,2016,2\n";
  const t = parseCsvText(`iso3,year,y\n${body}\n${body}`, "twice.csv");
  assert.throws(
    () => checkTableKeys(t, ["iso3", "year"]),
    /twice\.csv \(row 5\): 2 row\(s\) repeat an earlier \(iso3, year\) key; first: \(USA, 2016\) on rows 2 and 5; \(CHN, 2016\) on rows 3 and 6\./,
  );
});

test("assertUniqueKeys (the loaders' form) is unchanged", () => {
  assert.throws(
    () => assertUniqueKeys("d.csv", 3, (i) => ["USA:2016", "CHN:2016", "USA:2016"][i]),
    /d\.csv \(row 3\): duplicate key \(USA:2016\) also on row 1/,
  );
});

test("canonicalKey: one spelling per number, exact beyond 2^53; text unchanged", async () => {
  const { canonicalKey, mergeNumericLevels } = await import("../../lib/io/keys");
  const cases: [string, string][] = [
    ["1", "1"],
    ["1.0", "1"],
    ["01", "1"],
    ["+1", "1"],
    ["1e0", "1"],
    ["2003.000", "2003"],
    ["1.50", "1.5"],
    [".5", "0.5"],
    ["-0", "0"],
    ["0.0", "0"],
    ["-1.20", "-1.2"],
    ["1e3", "1000"],
    ["1.5e-3", "0.0015"],
    ["9007199254740993", "9007199254740993"],
    ["9007199254740993.0", "9007199254740993"],
    ["USA", "USA"],
    ["NA", "NA"],
    ["1,5", "1,5"],
    ["", ""],
    [".", "."],
    ["0x10", "0x10"],
  ];
  for (const [a, b] of cases) assert.equal(canonicalKey(a), b, a);
  assert.notEqual(canonicalKey("9007199254740993"), canonicalKey("9007199254740992"));
  const m = mergeNumericLevels({
    codes: Int32Array.from([0, 1, 2, -1, 1]),
    levels: ["1", "1.0", "B"],
  });
  assert.deepEqual(
    [Array.from(m.codes), m.levels, m.merged],
    [[0, 0, 1, -1, 0], ["1", "B"], [["1", "1.0"]]],
  );
  // the key check reads numbers by value too
  assert.throws(
    () => checkUniqueKeys({ u: ["1", "1.0"], t: [2003, "2003.0"] }, ["u", "t"]),
    /1 row\(s\) repeat an earlier \(u, t\) key/,
  );
});
