/** DataError: the message names file, row and column; the fields are kept. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../lib/io/dataError";

test("file only", () => {
  const e = new DataError("wdi/gdp.csv", "no header");
  assert.equal(e.message, "wdi/gdp.csv: no header");
  assert.equal(e.name, "DataError");
  assert.equal(String(e), "DataError: wdi/gdp.csv: no header");
  assert.equal(e.file, "wdi/gdp.csv");
  assert.equal(e.row, undefined);
  assert.equal(e.column, undefined);
  assert.ok(e instanceof Error && e instanceof DataError);
});

test("row and column, each alone and together", () => {
  const rc = new DataError("a.csv", 'not a number: "x"', { row: 12, column: "value" });
  assert.equal(rc.message, 'a.csv (row 12, column "value"): not a number: "x"');
  assert.equal(rc.row, 12);
  assert.equal(rc.column, "value");
  assert.equal(new DataError("a.csv", "m", { row: 3 }).message, "a.csv (row 3): m");
  assert.equal(new DataError("a.csv", "m", { column: "iso3" }).message, 'a.csv (column "iso3"): m');
});

test("row 0 and an empty column name still count as given (checked with !== undefined)", () => {
  const e = new DataError("b.csv", "m", { row: 0, column: "" });
  assert.equal(e.message, 'b.csv (row 0, column ""): m');
  assert.equal(e.row, 0);
  assert.equal(e.column, "");
});

test("reason: the bare message, so the error can be rebuilt with another row (parallel CSV parts)", () => {
  const e = new DataError("a.csv", "expected 3 fields, found 2", { row: 7 });
  assert.equal(e.reason, "expected 3 fields, found 2");
  const moved = new DataError(e.file, e.reason, {
    row: e.row === undefined ? undefined : e.row + 100,
  });
  assert.equal(moved.message, "a.csv (row 107): expected 3 fields, found 2");
});
