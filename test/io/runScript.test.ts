import { test } from "node:test";
import assert from "node:assert/strict";
import { DataError } from "../../lib/io/dataError";
import { errorLine, isExpectedError } from "../../lib/io/runScript";

test("expected failures: DataError, file-system errors, download errors; anything else is a bug", () => {
  assert.equal(isExpectedError(new DataError("f.csv", "bad", { row: 3 })), true);
  assert.equal(isExpectedError(Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" })), true);
  assert.equal(isExpectedError(Object.assign(new Error("x"), { name: "DownloadError" })), true);
  assert.equal(isExpectedError(new TypeError("cannot read properties of undefined")), false);
  assert.equal(isExpectedError(new RangeError("non-finite value NaN in the panel")), false);
  assert.equal(isExpectedError("a string"), false);
});

test("the error line folds line breaks into one line", () => {
  assert.equal(errorLine(new DataError("wdi/gdp.csv", "raw file not found: wdi/gdp.csv\n  looked in /x.\n  Set ALLIANCE_DATA_DIR")),
    "error: wdi/gdp.csv: raw file not found: wdi/gdp.csv looked in /x. Set ALLIANCE_DATA_DIR");
});
