import { test } from "node:test";
import assert from "node:assert/strict";
import * as XLSX from "xlsx";
import { parseWorkbook, sheetRows, colLetter, cellNum } from "../../lib/io/spreadsheet";

function book(sheets: Record<string, unknown[][]>, type: "xlsx" | "biff8" = "xlsx"): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
  return XLSX.write(wb, { type: "buffer", bookType: type }) as Buffer;
}

test("rows are read from A1 with empty cells as null, in .xlsx and legacy .xls", () => {
  for (const type of ["xlsx", "biff8"] as const) {
    const b = parseWorkbook(book({ S: [["a", null, 3], [1.5, "x", null]] }, type), `t.${type}`);
    assert.deepEqual(sheetRows(b, "S"), [["a", null, 3], [1.5, "x", null]]);
  }
});

test("a missing sheet and an unreadable file are named errors", () => {
  const b = parseWorkbook(book({ One: [[1]] }), "w.xlsx");
  assert.throws(() => sheetRows(b, "Two"), /w\.xlsx: no sheet "Two" \(sheets: One\)/);
  assert.throws(() => parseWorkbook(Buffer.from([0x50, 0x4b, 3, 4, 1, 2]), "bad.xlsx"), /bad\.xlsx: not a readable spreadsheet/);
});

test("column letters", () => {
  assert.deepEqual([0, 25, 26, 27, 51, 52, 701, 702].map(colLetter), ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
});

test("cellNum: numbers, thousands commas, revision flags, NA tokens; text is an error", () => {
  const w = { file: "d.xlsx", row: 9, column: "C" };
  assert.equal(cellNum(12.5, w), 12.5);
  assert.equal(cellNum("3,384.77 r", w, { flags: "r" }), 3384.77);
  assert.equal(cellNum("N/A", w, { na: ["N/A"] }), null);
  assert.equal(cellNum(null, w), null);
  assert.throws(() => cellNum("3,384.77 r", w), /d\.xlsx \(row 9, column "C"\): not a number: "3,384.77 r"/);
  assert.throws(() => cellNum("abc", w, { flags: "r" }), /not a number: "abc"/);
});
