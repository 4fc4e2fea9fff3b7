/**
 * The one CSV tokenizer (lib/io/csvTokenizer.ts), driven directly. Expected
 * records and lines are written out by hand; every case is run at every block
 * size from 1 byte up, so each boundary falls inside a quote, a CRLF and a
 * multi-byte character somewhere. The readers built on it are tested in
 * csv.test.ts, csv.property.test.ts and test/ingest/.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  bytesSource,
  crOnlyLineEnds,
  CsvTokenizer,
  fileSource,
  firstInvalidUtf8,
  type ByteSource,
  type TokenizerOptions,
} from "../../lib/io/csvTokenizer";

interface Tokens {
  records: string[][];
  lines: number[];
  notes: { line: number; text: string }[];
}

function tokens(
  src: ByteSource,
  opts: TokenizerOptions & { skip?: number; encoding?: BufferEncoding } = {},
  range?: { start: number; end: number },
): Tokens {
  const t = new CsvTokenizer(src, "t.csv", opts, range);
  const out: Tokens = { records: [], lines: [], notes: [] };
  if (range === undefined && !t.begin()) return out;
  t.skipLines(opts.skip ?? 0);
  for (let r = t.nextRecord(); r !== null; r = t.nextRecord()) {
    if (!r) continue;
    out.records.push(t.fields(opts.encoding));
    out.lines.push(t.recordLine());
  }
  out.notes = t.notes.map((n) => ({ line: n.line, text: n.bytes.toString("utf8") }));
  return out;
}

/** The same tokens at every block size from 1 to the input's length + 1. */
function atEveryBlock(input: string | Buffer, opts: Parameters<typeof tokens>[1] = {}): Tokens {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const whole = tokens(bytesSource(bytes), opts);
  for (let blockSize = 1; blockSize <= bytes.length + 1; blockSize++)
    assert.deepEqual(
      tokens(bytesSource(bytes), { ...opts, blockSize }),
      whole,
      `block ${blockSize}`,
    );
  return whole;
}

test("RFC 4180 records: quoted delimiters and line breaks, doubled quotes, CRLF, empty lines", () => {
  const t = atEveryBlock('a,b\n"x,\ny",2\n\n3,"q""r"\r\n"",\n\r\n4,5');
  assert.deepEqual(t.records, [
    ["a", "b"],
    ["x,\ny", "2"],
    ["3", 'q"r'],
    ["", ""],
    ["4", "5"],
  ]);
  // each record on the line where it ends; the empty lines 5 and 7 are skipped
  assert.deepEqual(t.lines, [1, 3, 5, 6, 8]);
});

test("a UTF-8 BOM is dropped; multi-byte characters are whole at every block size", () => {
  const t = atEveryBlock("\ufeffnom,€\nCôte d'Ivoire,😀\n");
  assert.deepEqual(t.records, [
    ["nom", "€"],
    ["Côte d'Ivoire", "😀"],
  ]);
  // not UTF-8: the BOM's bytes are data (Latin-1 ï»¿)
  const l1 = tokens(bytesSource(Buffer.from("\ufeffa\n1\n", "utf8")), {
    utf8: false,
    encoding: "latin1",
  });
  assert.deepEqual(l1.records[0], ["ï»¿a"]);
});

test("skipLines skips physical lines, quotes or not; comments mode takes # lines where a record starts", () => {
  const t = atEveryBlock('pre "open\n\nh,k\n1,"#not a note"\n# note\r\n#\n', {
    skip: 2,
    comments: true,
  });
  assert.deepEqual(t.records, [
    ["h", "k"],
    ["1", "#not a note"],
  ]);
  assert.deepEqual(t.lines, [3, 4]);
  assert.deepEqual(t.notes, [
    { line: 5, text: "# note" },
    { line: 6, text: "#" },
  ]);
  // without comments mode a # line is a record
  assert.deepEqual(tokens(bytesSource(Buffer.from("a\n#b\n"))).records, [["a"], ["#b"]]);
});

test("a byte range is tokenized on its own, its lines counted from its start", () => {
  const bytes = Buffer.from("a\n1\n2\n3\n");
  const part = tokens(bytesSource(bytes), {}, { start: 4, end: 8 });
  assert.deepEqual(part, { records: [["2"], ["3"]], lines: [1, 2], notes: [] });
});

test("a file descriptor and bytes in memory give the same tokens", () => {
  const text = 'u,v\n"a\nb",1\n\n2,3';
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "tok-")), "t.csv");
  fs.writeFileSync(f, text);
  const fd = fs.openSync(f, "r");
  try {
    for (const blockSize of [1, 3, 1000])
      assert.deepEqual(
        tokens(fileSource(fd, fs.fstatSync(fd).size), { blockSize }),
        tokens(bytesSource(Buffer.from(text)), { blockSize }),
      );
  } finally {
    fs.closeSync(fd);
  }
});

test("refusals name the line: quotes, CR-only line ends, gzip, bad delimiters", () => {
  const refuse = (input: string | Buffer, re: RegExp, opts: TokenizerOptions = {}) => {
    const bytes = typeof input === "string" ? Buffer.from(input, "latin1") : input;
    for (const blockSize of [1, 2, 5, undefined])
      assert.throws(
        () => tokens(bytesSource(bytes), { ...opts, blockSize }),
        re,
        `block ${String(blockSize)}`,
      );
  };
  refuse('a\n1\n"open\n2\n', /^DataError: t\.csv \(row 3\): unclosed quoted field at the end/);
  refuse('a,b\n1,x"y\n', /\(row 2\): a quote inside unquoted field 2 /);
  refuse('a,b\n1,"x\ny"z\n', /\(row 3\): unexpected character after the closing quote of field 2 /);
  refuse("a,b\r1,2\r", /\(row 1\): lines end with CR alone/);
  refuse(Buffer.from([0x1f, 0x8b, 8, 0]), /\(row 1\): the file is gzip-compressed/);
  assert.throws(() => tokens(bytesSource(Buffer.from("a")), { delimiter: ";;" }), /bad delimiter/);
  assert.throws(() => tokens(bytesSource(Buffer.from("a")), { delimiter: '"' }), /bad delimiter/);
  // a CR inside a quoted field of the first line is data, not a CR-only line end
  assert.equal(crOnlyLineEnds(Buffer.from('"a\rb",c\n')), false);
  assert.equal(crOnlyLineEnds(Buffer.from("a\rb\n")), true);
  assert.equal(crOnlyLineEnds(Buffer.from("a\r\nb\r\n")), false);
});

test("invalid UTF-8 comes in file order: the records before it first, then its line and bytes", () => {
  const bytes = Buffer.concat([
    Buffer.from("a\n1\n2,"),
    Buffer.from([0xe2, 0x82]),
    Buffer.from("x\n"),
  ]);
  for (const blockSize of [1, 2, 3, 4, 7, undefined]) {
    const t = new CsvTokenizer(bytesSource(bytes), "u.csv", { blockSize, utf8Hint: "Fix it." });
    assert.ok(t.begin());
    const seen: string[][] = [];
    assert.throws(
      () => {
        for (let r = t.nextRecord(); r !== null; r = t.nextRecord()) if (r) seen.push(t.fields());
      },
      (e: Error) =>
        e.message ===
        "u.csv (row 3): invalid UTF-8 (bytes 0xE2 0x82 0x78 0x0A); the file is not UTF-8. Fix it.",
    );
    assert.deepEqual(seen, [["a"], ["1"]], `block ${String(blockSize)}`);
  }
  // another encoding is not validated
  assert.deepEqual(tokens(bytesSource(bytes), { utf8: false, encoding: "latin1" }).records[2], [
    "2",
    "â\u0082x",
  ]);
});

test("firstInvalidUtf8: offsets of hand-made bad sequences, -1 when valid, within a range", () => {
  assert.equal(firstInvalidUtf8(Buffer.from("€ 😀", "utf8")), -1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf])), 1); // overlong "/"
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xed, 0xa0, 0x80])), 2); // surrogate
  assert.equal(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80])), 0); // above U+10FFFF
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82])), 1); // cut off
  // the same cut-off sequence is complete when the range reaches its end
  const b = Buffer.from([0xe2, 0x82, 0xac, 0xff]);
  assert.equal(firstInvalidUtf8(b, 0, 3), -1);
  assert.equal(firstInvalidUtf8(b, 0, 2), 0);
  assert.equal(firstInvalidUtf8(b), 3);
});
