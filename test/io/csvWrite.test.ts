import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  formatCsv,
  formatCsvCounted,
  formatCsvNumber,
  neutralizeCell,
  quoteCsvField,
  writeCsvAtomic,
  writeFileAtomic,
} from "../../lib/io/csvWrite";

test("RFC 4180 quoting: delimiter, quote, CR and LF are quoted, quotes doubled", () => {
  const text = formatCsv(
    [["a,b", 'say "hi"', "two\nlines", "cr\rx", "plain"]],
    ["c1", "c2", "c3", "c4", "c5"],
  );
  assert.equal(text, 'c1,c2,c3,c4,c5\n"a,b","say ""hi""","two\nlines","cr\rx",plain\n');
  assert.equal(quoteCsvField("x;y", ";"), '"x;y"');
  assert.equal(quoteCsvField("x,y", ";"), "x,y");
});

test("objects are read by column name; null/undefined are empty; a missing field is an error", () => {
  const rows = [
    { iso3: "USA", year: 2016, v: null },
    { iso3: "CHN", year: 2017, v: 0.5 },
  ];
  assert.equal(formatCsv(rows, ["iso3", "year", "v"]), "iso3,year,v\nUSA,2016,\nCHN,2017,0.5\n");
  assert.throws(() => formatCsv(rows, ["iso3", "yaer"]), /row 1 has no field "yaer"/);
  assert.throws(() => formatCsv([[1, 2]], ["a"]), /row 1 has 2 values for 1 columns/);
  assert.throws(() => formatCsv([], ["a", "b", "a"]), /duplicate column "a" \(positions 1 and 3\)/);
});

test("numbers: 12 significant digits by default, -0 as 0, shortest on request, non-finite refused", () => {
  assert.equal(formatCsvNumber(0.1 + 0.2), "0.3");
  assert.equal(formatCsvNumber(0.1 + 0.2, "shortest"), "0.30000000000000004");
  assert.equal(formatCsvNumber(-0), "0");
  assert.equal(formatCsvNumber(1234567.891234567), "1234567.89123");
  assert.equal(formatCsvNumber(1e-7), "1e-7");
  assert.equal(formatCsvNumber(2.5e21), "2.5e+21");
  assert.throws(
    () => formatCsv([[NaN]], ["x"]),
    /non-finite number NaN to CSV \(row 1, column "x"\)/,
  );
  assert.throws(() => formatCsv([[Infinity]], ["x"]), /non-finite number Infinity/);
  assert.equal(formatCsv([[NaN, 1]], ["x", "y"], { nonFinite: "empty" }), "x,y\n,1\n");
  assert.equal(formatCsv([[true, 10n]], ["b", "n"]), "b,n\ntrue,10\n");
  assert.throws(
    () => formatCsv([[{}]], ["o"]),
    /cannot write a value of type object to CSV \(row 1, column "o"\)/,
  );
});

test("OWASP: formula-leading text cells get a leading quote; decimal numerals stay numeric", () => {
  assert.equal(neutralizeCell("=1+2"), "'=1+2");
  assert.equal(neutralizeCell("+cmd"), "'+cmd");
  assert.equal(neutralizeCell("-Kosovo"), "'-Kosovo");
  assert.equal(neutralizeCell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(neutralizeCell("\tx"), "'\tx");
  assert.equal(neutralizeCell("\rx"), "'\rx");
  assert.equal(neutralizeCell("-1.5"), "-1.5");
  assert.equal(neutralizeCell("+3"), "+3");
  assert.equal(neutralizeCell("-2e-3"), "-2e-3");
  assert.equal(neutralizeCell("-"), "'-");
  assert.equal(neutralizeCell("a=b"), "a=b");
  const text = formatCsv(
    [['=HYPERLINK("http://x","y")', -1.5, "-1.5", "\rz"]],
    ["name", "num", "numText", "cr"],
  );
  assert.equal(text, 'name,num,numText,cr\n"\'=HYPERLINK(""http://x"",""y"")",-1.5,-1.5,"\'\rz"\n');
  assert.equal(formatCsv([["=x"]], ["a"], { neutralize: false }), "a\n=x\n");
  // header cells are neutralized too
  assert.equal(formatCsv([], ["=a"]), "'=a\n");
});

test("plain CSV: header and rows only; a text cell starting with # is quoted; the neutralized cells are counted", () => {
  const r = formatCsvCounted(
    [
      ["#1", 2, "=x"],
      ["-y", -3, "@z"],
    ],
    ["a", "b", "c"],
  );
  assert.equal(r.text, "a,b,c\n\"#1\",2,'=x\n'-y,-3,'@z\n");
  assert.equal(r.neutralized, 3); // the number -3 is a number, never a formula: not counted, not changed
  assert.equal(formatCsvCounted([["=x"]], ["a"], { neutralize: false }).neutralized, 0);
  assert.equal(
    formatCsv([["#1", 2]], ["a", "b"]),
    r.text.split("\n")[0].slice(0, 3) + '\n"#1",2\n',
  );
});

test('a one-column row with an empty cell is written as "" (not an empty line); CRLF and no header on request', () => {
  assert.equal(formatCsv([[null], ["x"]], ["a"]), 'a\n""\nx\n');
  assert.equal(formatCsv([[1, 2]], ["a", "b"], { eol: "\r\n", header: false }), "1,2\r\n");
  assert.equal(formatCsv([[1, 2]], ["a", "b"], { delimiter: ";" }), "a;b\n1;2\n");
  assert.throws(() => formatCsv([], ["a"], { delimiter: '"' }), /bad delimiter/);
  assert.throws(() => formatCsv([], ["a"], { digits: 0 }), /digits must be 1\.\.21/);
});

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "csvwrite-"));
}

test("writeFileAtomic writes the file, creates the folder and leaves no temporary file", () => {
  const dir = tmpdir();
  const f = path.join(dir, "sub", "out.csv");
  writeFileAtomic(f, "a\n1\n");
  assert.equal(fs.readFileSync(f, "utf8"), "a\n1\n");
  writeFileAtomic(f, ["a\n", Buffer.from("2\n")]);
  assert.equal(fs.readFileSync(f, "utf8"), "a\n2\n");
  writeCsvAtomic(f, [[3]], ["a"]);
  assert.equal(fs.readFileSync(f, "utf8"), "a\n3\n");
  assert.deepEqual(fs.readdirSync(path.dirname(f)), ["out.csv"]);
});

test("a write that fails half-way leaves the old file intact and removes the temporary file", () => {
  const dir = tmpdir();
  const f = path.join(dir, "panel.csv");
  fs.writeFileSync(f, "old,complete\n1,2\n");
  function* chunks(): Generator<string> {
    yield "new,half\n";
    yield "1,".repeat(100000);
    throw new Error("disk full (simulated)");
  }
  assert.throws(() => writeFileAtomic(f, chunks()), /disk full \(simulated\)/);
  assert.equal(fs.readFileSync(f, "utf8"), "old,complete\n1,2\n");
  assert.deepEqual(fs.readdirSync(dir), ["panel.csv"]);
});

test("a directory standing where the file should be is named; nothing is left behind", () => {
  const dir = tmpdir();
  const f = path.join(dir, "out.csv");
  fs.mkdirSync(f);
  assert.throws(
    () => writeFileAtomic(f, "x\n"),
    /out\.csv: is a directory; cannot write a file there/,
  );
  assert.deepEqual(fs.readdirSync(dir), ["out.csv"]);
});

test("with mkdir: false a missing folder is an error and nothing is created", () => {
  const dir = tmpdir();
  assert.throws(
    () => writeFileAtomic(path.join(dir, "nope", "out.csv"), "x", { mkdir: false }),
    /ENOENT/,
  );
  assert.deepEqual(fs.readdirSync(dir), []);
});

test("the directory error carries code EISDIR, like a file-system error", () => {
  const dir = tmpdir();
  fs.mkdirSync(path.join(dir, "d"));
  assert.throws(
    () => writeFileAtomic(path.join(dir, "d"), "x"),
    (e: unknown) => (e as NodeJS.ErrnoException).code === "EISDIR",
  );
});
