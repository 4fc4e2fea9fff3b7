import { test } from "node:test";
import assert from "node:assert/strict";
import * as aq from "arquero";
import { typedRows } from "../../lib/notebook/typedRows";

test("typedRows: arquero table, schema columns only, NaN/null as null for number?", () => {
  const t = aq.table({
    iso3: ["KOR", "JPN"],
    year: [2018, 2019],
    s: [0.25, NaN],
    extra: ["a", "b"],
  });
  const rows = typedRows(t, { iso3: "string", year: "number", s: "number?" }, "dyads");
  assert.deepEqual(rows, [
    { iso3: "KOR", year: 2018, s: 0.25 },
    { iso3: "JPN", year: 2019, s: null },
  ]);
});

test("typedRows: object rows and column records", () => {
  assert.deepEqual(typedRows([{ a: 1, b: "x" }], { a: "number" }), [{ a: 1 }]);
  assert.deepEqual(typedRows({ a: [1, 2] }, { a: "number" }), [{ a: 1 }, { a: 2 }]);
});

test("typedRows: errors name the table, row and column", () => {
  const t = aq.table({ iso3: ["KOR", "JPN"], year: [2018, null] });
  assert.throws(
    () => typedRows(t, { year: "number" }, "dyads"),
    /dyads row 2 column "year" is null, expected number/,
  );
  assert.throws(
    () => typedRows(t, { iso3: "number" }, "dyads"),
    /dyads row 1 column "iso3" is "KOR", expected number/,
  );
  assert.throws(() => typedRows(t, { s: "number" }, "dyads"), /dyads has no column "s"/);
  assert.throws(
    () => typedRows({ a: [Infinity] }, { a: "number?" }),
    /row 1 column "a" is Infinity, expected number\?/,
  );
});
