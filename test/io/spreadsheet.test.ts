import { test } from "node:test";
import assert from "node:assert/strict";
import * as XLSX from "xlsx";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  parseWorkbook,
  readWorkbook,
  sheetRows,
  colLetter,
  cellNum,
} from "../../lib/io/spreadsheet";
import { DataError } from "../../lib/io/dataError";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { efiFile, loadEfi } from "../../lib/sources/efi";

function book(sheets: Record<string, unknown[][]>, type: "xlsx" | "biff8" = "xlsx"): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of Object.entries(sheets))
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
  return XLSX.write(wb, { type: "buffer", bookType: type }) as Buffer;
}

test("rows are read from A1 with empty cells as null, in .xlsx and legacy .xls", () => {
  for (const type of ["xlsx", "biff8"] as const) {
    const b = parseWorkbook(
      book(
        {
          S: [
            ["a", null, 3],
            [1.5, "x", null],
          ],
        },
        type,
      ),
      `t.${type}`,
    );
    assert.deepEqual(sheetRows(b, "S"), [
      ["a", null, 3],
      [1.5, "x", null],
    ]);
  }
});

test("a missing sheet and an unreadable file are named errors", () => {
  const b = parseWorkbook(book({ One: [[1]] }), "w.xlsx");
  assert.throws(() => sheetRows(b, "Two"), /w\.xlsx: no sheet "Two" \(sheets: One\)/);
  assert.throws(
    () => parseWorkbook(Buffer.from([0x50, 0x4b, 3, 4, 1, 2]), "bad.xlsx"),
    /bad\.xlsx: not a readable spreadsheet/,
  );
});

test("column letters", () => {
  assert.deepEqual([0, 25, 26, 27, 51, 52, 701, 702].map(colLetter), [
    "A",
    "Z",
    "AA",
    "AB",
    "AZ",
    "BA",
    "ZZ",
    "AAA",
  ]);
});

test("cellNum: numbers, thousands commas, revision flags, NA tokens; text is an error", () => {
  const w = { file: "d.xlsx", row: 9, column: "C" };
  assert.equal(cellNum(12.5, w), 12.5);
  assert.equal(cellNum("3,384.77 r", w, { flags: "r" }), 3384.77);
  assert.equal(cellNum("N/A", w, { na: ["N/A"] }), null);
  assert.equal(cellNum(null, w), null);
  assert.throws(
    () => cellNum("3,384.77 r", w),
    /d\.xlsx \(row 9, column "C"\): not a number: "3,384.77 r"/,
  );
  assert.throws(() => cellNum("abc", w, { flags: "r" }), /not a number: "abc"/);
});

/**
 * The xlsx mitigation (lib/io/spreadsheet.ts): a spreadsheet reaches the SheetJS parser only after
 * its SHA-256 matched data/sources.json. A spy on XLSX.read counts the parses: an unverified
 * .xls (a well-formed BIFF8 workbook put where the 2019 EFI file belongs), an absolute path and a
 * file outside the manifest are refused with no parse at all; the genuine file is parsed once.
 */
test("an unverified .xls is refused before the parser sees it; the genuine one is parsed", (t) => {
  // the CommonJS module object: lib/io/spreadsheet.ts reads XLSX.read through it at call time
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the spy needs the module object itself; an ES import gives a copy
  const sheetjs = require("xlsx") as typeof XLSX;
  const spy = t.mock.method(sheetjs, "read");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xls-gate-"));
  try {
    const rel = efiFile(2019);
    fs.mkdirSync(path.join(dir, "efi"));
    fs.cpSync(path.join(REPO_ROOT, "data", "raw", "crosswalk"), path.join(dir, "crosswalk"), {
      recursive: true,
    }); // loadEfi resolves names first
    const forged = book(
      {
        "EFI Data": [
          ["Country Name", "Index Year", "Overall Score"],
          ["Nowhere", 2019, 99],
        ],
      },
      "biff8",
    );
    fs.writeFileSync(path.join(dir, rel), forged);
    const before = spy.mock.callCount();
    assert.throws(
      () => readWorkbook(rel, { dataDir: dir }),
      (e: Error) =>
        e instanceof DataError &&
        /efi\/index2019_data\.xls: SHA-256 [0-9a-f]{64} does not match the manifest/.test(
          e.message,
        ),
    );
    assert.throws(
      () => loadEfi({ dataDir: dir, editions: [2019] }),
      /efi\/index2019_data\.xls: SHA-256 .* does not match the manifest/,
    );
    assert.throws(() => readWorkbook(path.join(dir, rel)), /absolute path is not verified/);
    fs.writeFileSync(path.join(dir, "efi", "extra.xls"), forged);
    assert.throws(
      () => readWorkbook("efi/extra.xls", { dataDir: dir }),
      /efi\/extra\.xls: not listed in data\/sources\.json/,
    );
    assert.equal(spy.mock.callCount(), before, "XLSX.read was called on an unverified file");
    // the forged bytes are a readable workbook: the refusal above is the hash, not a parse failure
    assert.deepEqual(sheetRows(parseWorkbook(forged, "forged.xls"))[1], ["Nowhere", 2019, 99]);
    const genuine = readWorkbook(rel);
    assert.equal(spy.mock.callCount(), before + 2);
    assert.equal(genuine.sha256.length, 64);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
