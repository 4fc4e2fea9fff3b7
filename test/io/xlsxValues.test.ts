/**
 * The values-only OOXML reader (lib/io/xlsxValues.ts) against SheetJS, the
 * parser it stands in for: on the deposit's .xlsx workbooks (the IMF DOTS
 * files) every sheet's rows and the DOTS rows and load report built from them
 * are identical; on generated workbooks (shared strings or `str` cells,
 * entities, non-ASCII text, booleans, sparse rows) the rows are identical; a
 * construct it leaves to SheetJS (a date, error or inline-string cell) is
 * read by SheetJS with the same rows as before; rich text and phonetic runs
 * come out as SheetJS gives them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as XLSX from "xlsx";
import fc from "fast-check";
import { parseWorkbook, readWorkbook, sheetRows, type Cell } from "../../lib/io/spreadsheet";
import { readRaw } from "../../lib/io/manifest";
import { DOTS_FILES, parseDotsWorkbook, type DotsReporter } from "../../lib/sources/dots";
import { newReport } from "../../lib/io/loadReport";

/** Every sheet's rows, by name, through both readers; asserts which reader took `bytes`. */
function bothReaders(bytes: Buffer, expected: "xlsx-values" | "sheetjs") {
  const fast = parseWorkbook(bytes, "t.xlsx");
  const slow = parseWorkbook(bytes, "t.xlsx", "", { reader: "sheetjs" });
  assert.equal(fast.reader, expected);
  assert.equal(slow.reader, "sheetjs");
  assert.deepEqual(fast.sheetNames, slow.sheetNames);
  return slow.sheetNames.map((name) => ({
    name,
    fast: sheetRows(fast, name),
    slow: sheetRows(slow, name),
  }));
}

function write(sheets: Record<string, Cell[][]>, opts: { bookSST?: boolean } = {}): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
  return XLSX.write(wb, { type: "buffer", bookType: "xlsx", bookSST: opts.bookSST }) as Buffer;
}

/** SheetJS's zip reader and writer (`XLSX.CFB`, typed `any` by SheetJS), the calls used here. */
const CFB = XLSX.CFB as {
  read(bytes: Buffer, o: { type: "buffer" }): unknown;
  find(zip: unknown, name: string): { content: Uint8Array };
  write(zip: unknown, o: { type: "buffer"; fileType: "zip" }): Buffer;
  utils: {
    cfb_del(zip: unknown, name: string): void;
    cfb_add(zip: unknown, name: string, content: Buffer): void;
  };
};

/** One part of an .xlsx as text. */
function part(bytes: Buffer, name: string): string {
  const zip = CFB.read(bytes, { type: "buffer" });
  return Buffer.from(CFB.find(zip, `/${name}`).content).toString("utf8");
}

/** Replace one part of an .xlsx (SheetJS's zip writer). */
function withPart(bytes: Buffer, name: string, edit: (xml: string) => string): Buffer {
  const zip = CFB.read(bytes, { type: "buffer" });
  const xml = part(bytes, name);
  const edited = edit(xml);
  assert.notEqual(edited, xml, `the edit of ${name} took`);
  CFB.utils.cfb_del(zip, `/${name}`);
  CFB.utils.cfb_add(zip, `/${name}`, Buffer.from(edited, "utf8"));
  return CFB.write(zip, { type: "buffer", fileType: "zip" });
}

test("deposit: both DOTS workbooks give SheetJS's rows, DOTS rows and report", () => {
  for (const rep of Object.keys(DOTS_FILES) as DotsReporter[]) {
    const rel = DOTS_FILES[rep].file;
    const book = readWorkbook(rel);
    assert.equal(book.reader, "xlsx-values", rel);
    const { bytes, sha256 } = readRaw(rel, { verify: true });
    const old = parseWorkbook(bytes, rel, sha256, { reader: "sheetjs" });
    assert.deepEqual(book.sheetNames, ["Exports, FOB", "Imports, CIF"]);
    for (const name of book.sheetNames) {
      const rows = sheetRows(book, name);
      assert.ok(rows.length > 200 && rows[7].length > 100, `${rel} ${name}`);
      assert.deepEqual(rows, sheetRows(old, name), `${rel} ${name}`);
    }
    const [r1, r2] = [newReport(), newReport()];
    assert.deepEqual(parseDotsWorkbook(book, rep, r1), parseDotsWorkbook(old, rep, r2));
    assert.deepEqual(r1, r2);
  }
});

test("generated workbooks: shared strings and str cells, entities, non-ASCII, booleans, gaps", () => {
  const aoa: Cell[][] = [
    ["a&<b>\"c'", 1, true, null, "é 中 😀", false],
    [],
    [null, -1.5e-7, 1e21, 0, "  spaced  ", "_ x41 &#65;"],
    [123456789.123, "line\nbreak", null, null, null, "tab\there"],
  ];
  for (const bookSST of [false, true])
    for (const s of bothReaders(
      write({ One: aoa, "Two & <three>": [[1], [null, "x"]] }, { bookSST }),
      "xlsx-values",
    ))
      assert.deepEqual(s.fast, s.slow, `${s.name} (bookSST ${bookSST})`);
});

test("generated workbooks: random grids give SheetJS's rows", () => {
  const cell = fc.oneof(
    fc.constant(null),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: "grapheme", maxLength: 4 }),
    fc.string({ unit: "binary", maxLength: 6 }), // control characters: SheetJS writes _xHHHH_
  );
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { maxLength: 6 }), { minLength: 1, maxLength: 6 }),
      fc.boolean(),
      (aoa, bookSST) => {
        if (!aoa.some((r) => r.some((c) => c !== null))) return; // SheetJS writes no range
        const bytes = write({ S: aoa }, { bookSST });
        const xml = part(bytes, "xl/worksheets/sheet1.xml");
        // left to SheetJS: a one-cell sheet (<dimension ref="A1"> is no range), escapes in a str cell
        const left =
          /<dimension ref="[A-Z]+\d+"\/>|t="str"[^>]*><v[^>]*>[^<]*(&#|_x[\da-fA-F]{4}_)/;
        for (const s of bothReaders(bytes, left.test(xml) ? "sheetjs" : "xlsx-values"))
          assert.deepEqual(s.fast, s.slow);
      },
    ),
    { numRuns: 150 },
  );
});

test("what the reader leaves to SheetJS is read by SheetJS, rows unchanged", () => {
  const dated = withPart(write({ S: [["d", 1]] }), "xl/worksheets/sheet1.xml", (x) =>
    x.replace(/<c r="B1"><v>1<\/v><\/c>/, '<c r="B1" t="d"><v>2020-01-01T00:00:00Z</v></c>'),
  );
  const inline = withPart(write({ S: [["a", 1]] }), "xl/worksheets/sheet1.xml", (x) =>
    x.replace(/<c r="A1" t="str"><v>a<\/v><\/c>/, '<c r="A1" t="inlineStr"><is><t>a</t></is></c>'),
  );
  const error = withPart(write({ S: [["e", 1]] }), "xl/worksheets/sheet1.xml", (x) =>
    x.replace(/<c r="B1"><v>1<\/v><\/c>/, '<c r="B1" t="e"><v>#N/A</v></c>'),
  );
  // SheetJS unescapes a str cell's _xHHHH_ before decoding UTF-8: left to SheetJS
  const escaped = write({ S: [["_x0041_ and _x00e9_", 1]] });
  for (const bytes of [dated, inline, error, escaped])
    for (const s of bothReaders(bytes, "sheetjs")) assert.deepEqual(s.fast, s.slow);
  assert.deepEqual(sheetRows(parseWorkbook(inline, "i.xlsx")), [["a", 1]]);
});

test("rich text runs are joined and phonetic runs left out, as SheetJS does", () => {
  const sst = (si: string) =>
    withPart(write({ S: [["x", 1]] }, { bookSST: true }), "xl/sharedStrings.xml", (x) =>
      x.replace(/<si>.*?<\/si>/, si),
    );
  const rich = sst(
    '<si><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> &amp; plain</t></r>' +
      '<rPh sb="0" eb="1"><t>ボ</t></rPh></si>',
  );
  const phonetic = sst('<si><t>日本</t><rPh sb="0" eb="2"><t>ニホン</t></rPh></si>');
  const [r] = bothReaders(rich, "xlsx-values");
  assert.deepEqual(r.fast, [["bold & plain", 1]]);
  assert.deepEqual(r.fast, r.slow);
  const [p] = bothReaders(phonetic, "xlsx-values");
  assert.deepEqual(p.fast, [["日本", 1]]);
  assert.deepEqual(p.fast, p.slow);
});
