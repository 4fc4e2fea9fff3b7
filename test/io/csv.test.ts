import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseCsvText, parseCsvBytes, readCsv, num, int, str } from "../../lib/io/csv";
import { firstInvalidUtf8 } from "../../lib/io/csvTokenizer";
import { DataError } from "../../lib/io/dataError";
import { assertUniqueKeys, assertCoverage } from "../../lib/io/loadReport";

test("parses quoted fields, BOM and a preamble", () => {
  const t = parseCsvText('\ufeffpre\n"a","b"\n"1","x, y"\n', "f.csv", { skipLines: 1 });
  assert.deepEqual(t.header, ["a", "b"]);
  assert.equal(num(t, 0, "a"), 1);
  assert.equal(str(t, 0, "b"), "x, y");
  assert.equal(t.line(0), 3);
});

test("a truncated line is an error naming file and line", () => {
  assert.throws(
    () => parseCsvText("a,b,c\n1,2,3\n4,5\n", "trunc.csv"),
    /trunc\.csv \(row 3\): expected 3 fields, found 2/,
  );
});

test("a missing column is an error naming it", () => {
  assert.throws(
    () => parseCsvText("a,b\n1,2\n", "m.csv", { required: ["a", "year"] }),
    /m\.csv \(row 1, column "year"\): missing required column "year"/,
  );
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
  assert.deepEqual(
    [t.header, t.rows[0]],
    [
      ["a", "b"],
      ["1", "2"],
    ],
  );
});

test("duplicate keys and missing coverage are named", () => {
  assert.throws(
    () => assertUniqueKeys("d.csv", 3, (i) => ["USA:2016", "CHN:2016", "USA:2016"][i]),
    /d\.csv \(row 3\): duplicate key \(USA:2016\) also on row 1/,
  );
  assert.throws(
    () => assertCoverage("c.csv", ["USA:2016"], ["USA", "CHN"], [2016, 2017]),
    /no value for 3 required country-year\(s\): USA 2017, CHN 2016, CHN 2017/,
  );
});

test("line numbers stay exact with blank lines, CRLF and quoted line breaks", () => {
  const a = parseCsvText("a,b\r\n\r\n1,2\r\n3,4\r\n", "crlf.csv");
  assert.deepEqual([a.line(0), a.line(1)], [3, 4]);
  assert.throws(
    () => parseCsvText('a,b\n"x\ny",2\n3,4\n5\n', "q.csv"),
    /q\.csv \(row 5\): expected 2 fields, found 1/,
  );
  const c = parseCsvText('a,b\n"x\ny",2\n3,4\n', "q2.csv");
  // a record with a quoted line break is located by the line on which it ends (csv-parse's convention)
  assert.deepEqual([c.line(0), c.line(1), c.rows[0][0]], [3, 4, "x\ny"]);
});

// ---- issue 11, item 5: inputs refused loudly ----

function tmpFile(name: string, bytes: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csv-"));
  const f = path.join(dir, name);
  fs.writeFileSync(f, bytes);
  return f;
}

test("a duplicate header name is an error naming both positions", () => {
  assert.throws(
    () => parseCsvText("iso3,year,x,year\nUSA,2016,1,2017\n", "dup.csv"),
    /dup\.csv \(row 1, column "year"\): duplicate column name "year" at positions 2 and 4 of the header/,
  );
  // names are compared after trimming, as they are looked up
  assert.throws(
    () => parseCsvText("a, a\n1,2\n", "dup2.csv"),
    /duplicate column name "a" at positions 1 and 2/,
  );
});

test("numbers are decimal only: hex, Infinity, NaN, separators and dangling exponents are refused with file, row, column", () => {
  const t = parseCsvText(
    "x\n0x10\nInfinity\n1_000\n1e\nNaN\n1e400\n+2.5\n-3e-2\n .5 \n7.\n",
    "n.csv",
  );
  assert.throws(
    () => num(t, 0, "x"),
    /n\.csv \(row 2, column "x"\): not a number: "0x10" \(hexadecimal, octal and binary numerals are refused: decimals only\)/,
  );
  assert.throws(
    () => num(t, 1, "x"),
    /n\.csv \(row 3, column "x"\): not a number: "Infinity" \(Infinity and NaN are refused/,
  );
  assert.throws(
    () => num(t, 2, "x"),
    /\(row 4, column "x"\): not a number: "1_000" \(digit separators are refused\)/,
  );
  assert.throws(() => num(t, 3, "x"), /\(row 5, column "x"\): not a number: "1e"$/);
  assert.throws(() => num(t, 4, "x"), /\(row 6, column "x"\): not a number: "NaN"/);
  assert.throws(
    () => num(t, 5, "x"),
    /\(row 7, column "x"\): not a number: "1e400" \(out of the range of a double\)/,
  );
  assert.deepEqual(
    [8, 9, 10, 11].map((i) => num(t, i - 2, "x")),
    [2.5, -0.03, 0.5, 7],
  );
  assert.throws(() => int(t, 0, "x"), DataError);
});

test("decoding is strict UTF-8: an invalid byte is an error naming its line; a BOM is fine", () => {
  const ok = parseCsvBytes(Buffer.from("\ufeffname,v\nCôte d'Ivoire,1\n", "utf8"), "bom.csv");
  assert.deepEqual([ok.header, ok.rows[0][0]], [["name", "v"], "Côte d'Ivoire"]);
  const latin1 = Buffer.from("name,v\nUSA,1\nC\xf4te d'Ivoire,2\n", "latin1");
  assert.throws(
    () => parseCsvBytes(latin1, "l1.csv"),
    /l1\.csv \(row 3\): invalid UTF-8 \(bytes 0xF4 0x74 0x65 0x20\); the file is not UTF-8/,
  );
  assert.equal(parseCsvBytes(latin1, "l1.csv", { encoding: "latin1" }).rows[1][0], "Côte d'Ivoire");
  // a multi-byte sequence cut off at the end of the file
  assert.throws(
    () => parseCsvBytes(Buffer.from([0x61, 0x0a, 0x62, 0xe2, 0x82]), "cut.csv"),
    /cut\.csv \(row 2\): invalid UTF-8 \(bytes 0xE2 0x82\)/,
  );
  // overlong encoding and a UTF-16 surrogate are invalid too (WHATWG)
  assert.throws(
    () => parseCsvBytes(Buffer.from([0x61, 0x0a, 0xc0, 0xaf]), "ov.csv"),
    /ov\.csv \(row 2\): invalid UTF-8/,
  );
  assert.throws(
    () => parseCsvBytes(Buffer.from([0x61, 0x0a, 0x0a, 0xed, 0xa0, 0x80]), "sur.csv"),
    /sur\.csv \(row 3\): invalid UTF-8/,
  );
  assert.equal(firstInvalidUtf8(Buffer.from("€ 😀", "utf8")), -1);
});

test("readCsv: a directory where the file should be is named; a missing file too", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csvdir-"));
  fs.mkdirSync(path.join(dir, "x.csv"));
  assert.throws(
    () => readCsv(path.join(dir, "x.csv")),
    /x\.csv: is a directory \(or not a regular file\) where a data file should be/,
  );
  // an absolute path is named as given, not as "looked in <data root>" (issue 19)
  assert.throws(
    () => readCsv(path.join(dir, "y.csv")),
    (e: unknown) =>
      e instanceof DataError &&
      e.message.includes(`file not found: ${path.join(dir, "y.csv")}`) &&
      !/looked in/.test(e.message),
  );
});

test("a file above the stream threshold is read in chunks and gives the same table", () => {
  const text =
    'id,name,v\n1,"multi\nline, quoted",1.5\n2,Zürich ✓ 😀,-2\n\n3,"""q""",\n# a note, with comma\n# second\n';
  const f = tmpFile("big.csv", text);
  const whole = readCsv(f, { comments: true });
  for (const chunkBytes of [1, 2, 3, 5, 7, 64]) {
    const s = readCsv(f, { comments: true, blockSize: chunkBytes });
    assert.deepEqual(
      [s.header, s.rows, s.notes, s.rows.map((_, i) => s.line(i)), s.sha256],
      [
        whole.header,
        whole.rows,
        whole.notes,
        whole.rows.map((_, i) => whole.line(i)),
        whole.sha256,
      ],
      `chunk ${chunkBytes}`,
    );
  }
  assert.deepEqual(whole.notes, ["a note, with comma", "second"]);
  assert.deepEqual(
    whole.rows.map((_, i) => whole.line(i)),
    [3, 4, 6],
  );
  // errors name the same line when streamed: invalid UTF-8 split over chunks, and a ragged row
  const bad = tmpFile(
    "bad.csv",
    Buffer.concat([
      Buffer.from("a,b\n1,2\n3,"),
      Buffer.from([0xe2, 0x82, 0x41]),
      Buffer.from("\n"),
    ]),
  );
  for (const chunkBytes of [1, 2, 4, 1000]) {
    assert.throws(
      () => readCsv(bad, { blockSize: chunkBytes }),
      /bad\.csv \(row 3\): invalid UTF-8 \(bytes 0xE2 0x82 0x41/,
    );
  }
  const ragged = tmpFile("r.csv", "a,b\n1,2\n3\n");
  assert.throws(
    () => readCsv(ragged, { blockSize: 3 }),
    /r\.csv \(row 3\): expected 2 fields, found 1/,
  );
});

test("a streamed manifest file is checked against its SHA-256", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "root-"));
  fs.mkdirSync(path.join(dir, "oil"));
  fs.writeFileSync(
    path.join(dir, "oil", "wti-year.csv"),
    "Date,Price\n2016-06-30,43.29\n2017,x,y\n",
  );
  // the changed file is reported as changed, not by the parse error a first pass meets
  assert.throws(
    () => readCsv("oil/wti-year.csv", { dataDir: dir, blockSize: 4 }),
    /oil\/wti-year\.csv: SHA-256 .* does not match the manifest/,
  );
});

test("notes: trailing # lines with comments: true; a # line between rows is refused", () => {
  const t = parseCsvText('a,b\n1,"#x"\n# dropped 3 rows\n#\n', "c.csv", { comments: true });
  assert.deepEqual([t.rows, t.notes], [[["1", "#x"]], ["dropped 3 rows", ""]]);
  assert.throws(
    () => parseCsvText("a\n1\n# mid\n2\n", "m.csv", { comments: true }),
    /m\.csv \(row 3\): 1 "#" comment line\(s\) before the last data row/,
  );
  // without comments: true a # line is data (and here a ragged row)
  assert.throws(
    () => parseCsvText("a,b\n1,2\n# note\n", "n.csv"),
    /n\.csv \(row 3\): expected 2 fields, found 1/,
  );
});

test("truncated quotes are a DataError naming the line", () => {
  assert.throws(
    () => parseCsvText('a,b\n1,"open\n2,3\n', "tq.csv"),
    (e: unknown) =>
      e instanceof DataError &&
      e.message === "tq.csv (row 2): unclosed quoted field at the end of the file",
  );
});

// Issue 19: the same refusals as the typed reader (lib/ingest/ingestCsv.ts).
test("CR-only line ends, gzip bytes and an invisible code point are named as the typed reader names them", async () => {
  const { ingestCsv } = await import("../../lib/ingest/ingestCsv");
  const { gzipSync } = await import("node:zlib");
  const cr = "u,y\rA,1\rB,2\r";
  assert.throws(
    () => parseCsvBytes(Buffer.from(cr), "cr.csv"),
    /cr\.csv \(row 1\): lines end with CR alone/,
  );
  assert.throws(
    () => ingestCsv(tmpFile("cr.csv", cr), { numeric: ["y"] }, "cr.csv"),
    /cr\.csv \(row 1\): lines end with CR alone/,
  );
  // a CR inside a quoted field of the header line is data, not a line end
  assert.deepEqual(parseCsvBytes(Buffer.from('u,"a\rb"\n1,2\n'), "q.csv").header, ["u", "a\rb"]);
  const gz = gzipSync(Buffer.from("u,y\nA,1\n"));
  assert.throws(
    () => parseCsvBytes(gz, "d.csv.gz"),
    /d\.csv\.gz \(row 1\): the file is gzip-compressed .*gunzip/,
  );
  assert.throws(
    () => ingestCsv(tmpFile("d.csv.gz", gz), { numeric: ["y"] }, "d.csv.gz"),
    /d\.csv\.gz \(row 1\): the file is gzip-compressed/,
  );
  const nb = "u,y\nA,\u00a00.25\n";
  const t = parseCsvText(nb, "nb.csv");
  assert.throws(
    () => num(t, 0, "y"),
    /nb\.csv \(row 2, column "y"\): not a number: "\u00a00\.25" \(contains U\+00A0 NO-BREAK SPACE at character 1; delete it/,
  );
  assert.throws(
    () => ingestCsv(tmpFile("nb.csv", nb), { numeric: ["y"] }, "nb.csv"),
    /row 2, column "y"\): not a number: "\u00a00\.25" \(contains U\+00A0 NO-BREAK SPACE/,
  );
});
