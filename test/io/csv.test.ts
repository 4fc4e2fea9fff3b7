import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCsvText, num, int, str } from "../../lib/io/csv";
import { assertUniqueKeys, assertCoverage } from "../../lib/io/loadReport";

test("parses quoted fields, BOM and a preamble", () => {
  const t = parseCsvText('\ufeffpre\n"a","b"\n"1","x, y"\n', "f.csv", { skipLines: 1 });
  assert.deepEqual(t.header, ["a", "b"]);
  assert.equal(num(t, 0, "a"), 1);
  assert.equal(str(t, 0, "b"), "x, y");
  assert.equal(t.line(0), 3);
});

test("a truncated line is an error naming file and line", () => {
  assert.throws(() => parseCsvText("a,b,c\n1,2,3\n4,5\n", "trunc.csv"), /trunc\.csv \(row 3\): expected 3 fields, found 2/);
});

test("a missing column is an error naming it", () => {
  assert.throws(() => parseCsvText("a,b\n1,2\n", "m.csv", { required: ["a", "year"] }), /m\.csv \(row 1, column "year"\): missing required column "year"/);
});

test("a non-numeric cell throws instead of giving NaN; NA tokens give null", () => {
  const t = parseCsvText("a,b\n1.5,x\nNA,2\n", "n.csv");
  assert.throws(() => num(t, 0, "b"), /n\.csv \(row 2, column "b"\): not a number: "x"/);
  assert.equal(num(t, 1, "a", { na: ["NA"] }), null);
  assert.throws(() => num(t, 1, "a"), /not a number: "NA"/);
  assert.throws(() => int(t, 0, "a"), /not an integer/);
});

test("trailing comma lines (WGI bulk format) are accepted when declared", () => {
  const t = parseCsvText('"a","b",\n"1","2",\n', "w.csv", { trailingComma: true });
  assert.deepEqual([t.header, t.rows[0]], [["a", "b"], ["1", "2"]]);
});

test("duplicate keys and missing coverage are named", () => {
  assert.throws(() => assertUniqueKeys("d.csv", 3, (i) => ["USA:2016", "CHN:2016", "USA:2016"][i]), /d\.csv \(row 3\): duplicate key \(USA:2016\) also on row 1/);
  assert.throws(() => assertCoverage("c.csv", ["USA:2016"], ["USA", "CHN"], [2016, 2017]), /no value for 3 required country-year\(s\): USA 2017, CHN 2016, CHN 2017/);
});

test("line numbers stay exact with blank lines, CRLF and quoted line breaks", () => {
  const a = parseCsvText("a,b\r\n\r\n1,2\r\n3,4\r\n", "crlf.csv");
  assert.deepEqual([a.line(0), a.line(1)], [3, 4]);
  assert.throws(() => parseCsvText('a,b\n"x\ny",2\n3,4\n5\n', "q.csv"), /q\.csv \(row 5\): expected 2 fields, found 1/);
  const c = parseCsvText('a,b\n"x\ny",2\n3,4\n', "q2.csv");
  // a record with a quoted line break is located by the line on which it ends (csv-parse's convention)
  assert.deepEqual([c.line(0), c.line(1), c.rows[0][0]], [3, 4, "x\ny"]);
});
