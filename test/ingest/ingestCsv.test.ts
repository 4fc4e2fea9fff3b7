/**
 * The streaming typed-array CSV reader: values exactly as Number(text), the
 * rules of lib/io/csv.ts + lib/io/decimal.ts, every refusal with its message,
 * and identical results whatever the block size (records crossing blocks).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ingestCsv, type IngestSpec } from "../../lib/ingest/ingestCsv";
import { parseCsvText } from "../../lib/io/csv";
import { tempFiles } from "../helpers/tempFiles";

const { file } = tempFiles("ingest-csv-");
const read = (text: string | Buffer, spec: IngestSpec, name = "t.csv") =>
  ingestCsv(file(text), spec, name);

test("numbers equal Number(text) bit for bit, on the fast path and past it", () => {
  const cells = [
    "0",
    "-0",
    "1",
    "+3",
    ".5",
    "5.",
    "-1.5",
    "1e-7",
    "2.5E+21",
    "0.1",
    "0.30000000000000004",
    "123456789012345",
    "1234567890123456789",
    "9007199254740993",
    "1.7976931348623157e308",
    "4.9e-324",
    "2.2250738585072014e-308",
    "0.000000000000000000000000123",
    "1e22",
    "1e23",
    "123.456e-20",
    "00012.5000",
    "-2.44650071975519",
  ];
  const t = read(`v\n${cells.join("\n")}\n`, { numeric: ["v"] });
  assert.equal(t.nrows, cells.length);
  cells.forEach((c, i) =>
    assert.ok(
      Object.is(t.numeric.v[i], Number(c)),
      `${c}: got ${t.numeric.v[i]}, want ${Number(c)}`,
    ),
  );
});

test("missing tokens give NaN / code -1 and are counted; cells are trimmed", () => {
  const t = read("u,y,x\nA, 1 ,NA\n B ,.,2\nNA,,3\n", { numeric: ["y", "x"], categorical: ["u"] });
  assert.deepEqual(Array.from(t.numeric.y), [1, NaN, NaN]);
  assert.deepEqual(Array.from(t.numeric.x), [NaN, 2, 3]);
  assert.deepEqual(Array.from(t.categorical.u.codes), [0, 1, -1]);
  assert.deepEqual(t.categorical.u.levels, ["A", "B"]);
  assert.deepEqual(t.missing, { y: 2, x: 1, u: 1 });
});

test("categories keep their text: 01 and 1 are different levels, first-appearance order", () => {
  const t = read("g\n01\n1\n01\nb\n1\n", { categorical: ["g"] });
  assert.deepEqual(t.categorical.g.levels, ["01", "1", "b"]);
  assert.deepEqual(Array.from(t.categorical.g.codes), [0, 1, 0, 2, 1]);
});

test("BOM, CRLF, blank lines and quoted fields (delimiter, doubled quote, line break) with exact lines", () => {
  const t = read('\ufeffu,"y",x\r\n\r\n"a, b",1,2\r\n"say ""hi""",3,4\n"two\nlines",5,6\n\nc,7,8', {
    numeric: ["y", "x"],
    categorical: ["u"],
  });
  assert.deepEqual(t.header, ["u", "y", "x"]);
  assert.deepEqual(t.categorical.u.levels, ["a, b", 'say "hi"', "two\nlines", "c"]);
  assert.deepEqual(Array.from(t.numeric.x), [2, 4, 6, 8]);
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => t.line(i)),
    [3, 4, 6, 8],
  );
});

test("unused columns are not parsed; only requested ones are checked", () => {
  const t = read("a,b,c\n1,zzz,3\n", { numeric: ["a", "c"] });
  assert.deepEqual([t.numeric.a[0], t.numeric.c[0]], [1, 3]);
});

test("the same result for any block size (records and quoted line breaks cross blocks)", () => {
  const lines = ["id,y,x,name"];
  for (let i = 0; i < 500; i++)
    lines.push(
      `${i % 37},${(i * 1.37).toFixed(3)},${i % 5 === 0 ? "NA" : `${i}e-3`},${i % 7 === 0 ? `"q,${i}\n""x"""` : `n${i % 11}`}`,
    );
  const text = lines.join("\r\n") + "\r\n";
  const spec: IngestSpec = { numeric: ["y", "x"], categorical: ["id", "name"] };
  const ref = read(text, spec);
  for (const blockSize of [7, 64, 1000]) {
    const t = read(text, { ...spec, blockSize });
    assert.equal(t.nrows, 500);
    assert.deepEqual(Array.from(t.numeric.y), Array.from(ref.numeric.y));
    assert.deepEqual(Array.from(t.numeric.x), Array.from(ref.numeric.x));
    assert.deepEqual(Array.from(t.categorical.name.codes), Array.from(ref.categorical.name.codes));
    assert.deepEqual(t.categorical.name.levels, ref.categorical.name.levels);
    assert.deepEqual([t.line(0), t.line(499)], [ref.line(0), ref.line(499)]);
  }
  // Line numbers agree with the csv-parse reader (lib/io/csv.ts).
  const old = parseCsvText(text, "t.csv");
  for (const i of [0, 7, 8, 250, 499]) assert.equal(ref.line(i), old.line(i));
});

const bad = (text: string | Buffer, spec: IngestSpec, re: RegExp, opts: Partial<IngestSpec> = {}) =>
  assert.throws(
    () => read(text, { ...spec, ...opts }, "bad.csv"),
    (e: Error) => e.name === "DataError" && re.test(e.message),
    String(re),
  );

test("numbers are decimal only: hex, octal, binary, Infinity, separators, overflow refused with line and column", () => {
  const s = { numeric: ["x"] };
  bad(
    "x\n1\n0x10\n",
    s,
    /^bad\.csv \(row 3, column "x"\): not a number: "0x10" \(numbers must be decimal; hexadecimal, octal and binary numerals are refused\)$/,
  );
  bad("x\n0o7\n", s, /row 2, column "x"\): not a number: "0o7" \(numbers must be decimal/);
  bad("x\n-0b1\n", s, /not a number: "-0b1" \(numbers must be decimal/);
  bad("x\nInfinity\n", s, /row 2, column "x"\): not a number: "Infinity"$/);
  bad("x\n1_000\n", s, /not a number: "1_000"/);
  bad("x\n1e\n", s, /not a number: "1e"/);
  bad("x\n1e400\n", s, /row 2, column "x"\): not a finite number: "1e400" \(overflows a double\)/);
  bad("x\nabc\n", s, /not a number: "abc"/);
});

test("strict UTF-8: an invalid byte is refused with its line; a BOM is fine", () => {
  const latin1 = Buffer.concat([
    Buffer.from("u,x\nA,1\n"),
    Buffer.from([0x4d, 0xfc, 0x6e]),
    Buffer.from(",2\n"),
  ]);
  bad(
    latin1,
    { categorical: ["u"] },
    /^bad\.csv \(row 3\): invalid UTF-8 \(bytes 0xFC 0x6E 0x2C 0x32\); the file is not UTF-8\. Convert it/,
  );
  // Across block boundaries too, and an overlong encoding of "/" is invalid.
  const big = Buffer.concat([
    Buffer.from("u,x\n" + "A,1\n".repeat(100)),
    Buffer.from([0xc0, 0xaf]),
    Buffer.from(",2\n"),
  ]);
  bad(big, { categorical: ["u"] }, /\(row 102\): invalid UTF-8 \(bytes 0xC0 0xAF 0x2C 0x32\)/, {
    blockSize: 16,
  });
  assert.equal(read("\ufeffu\nä\n", { categorical: ["u"] }).categorical.u.levels[0], "ä");
});

test("header checks: duplicate names, missing columns, empty file", () => {
  bad(
    "a,b,a\n1,2,3\n",
    { numeric: ["b"] },
    /^bad\.csv \(row 1, column "a"\): duplicate column name "a" \(columns 1 and 3\); rename one of them$/,
  );
  bad(" x ,x\n1,2\n", { numeric: ["x"] }, /duplicate column name "x" \(columns 1 and 2\)/);
  bad(
    "a,b\n1,2\n",
    { numeric: ["a", "year"] },
    /^bad\.csv \(row 1, column "year"\): missing required column "year" \(header has: a, b\)$/,
  );
  bad("", { numeric: ["a"] }, /^bad\.csv: file is empty \(no header row\)$/);
  bad("\n\r\n", { numeric: ["a"] }, /file is empty/);
  bad(
    "a,b\r1,2\r3,4\r",
    { numeric: ["a"] },
    /^bad\.csv \(row 1\): lines end with CR alone \(classic Mac line ends\); convert the file to LF or CRLF line ends$/,
  );
  const t = read("a,b\n", { numeric: ["a"] });
  assert.equal(t.nrows, 0);
});

test("record shape: wrong widths, stray and unclosed quotes, over-long records", () => {
  const s = { numeric: ["a"] };
  bad(
    "a,b,c\n1,2,3\n4,5\n",
    s,
    /^bad\.csv \(row 3\): expected 3 fields, found 2 \(truncated or malformed line\)$/,
  );
  bad("a,b\n1,2,3\n", s, /\(row 2\): expected 2 fields, found 3/);
  bad('a,b\n1,x"y\n', s, /\(row 2\): a quote inside unquoted field 2/);
  bad('a,b\n1,"x"y\n', s, /\(row 2\): unexpected character after the closing quote of field 2/);
  bad('a,b\n1,2\n3,"open\n4,5\n', s, /\(row 3\): unclosed quoted field at the end of the file/);
  bad(
    `a,b\n1,"${"z".repeat(5000)}\n`,
    s,
    /\(row 2\): a record longer than 1024 bytes starts here \(an unclosed quote\?\)/,
    { blockSize: 256, maxRecord: 1024 },
  );
});
