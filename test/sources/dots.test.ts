import { test } from "node:test";
import assert from "node:assert/strict";
import * as XLSX from "xlsx";
import { loadDots, parseDotsWorkbook, type DotsRow } from "../../lib/sources/dots";
import { parseWorkbook, type Cell } from "../../lib/io/spreadsheet";
import { newReport } from "../../lib/io/loadReport";
import { ALLIES } from "../../lib/countries";

const MONTHS = Array.from(
  { length: 24 },
  (_, k) => `${2016 + Math.floor(k / 12)}M${String((k % 12) + 1).padStart(2, "0")}`,
);

/** A hand-written DOTS-like sheet: six title rows, month labels in row 7, partners from row 8. */
function sheet(reporter: string, title: string, partners: [string, Cell[]][]): Cell[][] {
  return [
    [],
    [null, title],
    [],
    [null, reporter],
    [null, "US Dollars, Millions"],
    [],
    [null, null, ...MONTHS],
    ...partners.map(([n, v]) => [null, n, ...v] as Cell[]),
  ];
}
function book(ex: Cell[][], im: Cell[][], file = "dots.xlsx") {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(ex), "Exports, FOB");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(im), "Imports, CIF");
  return parseWorkbook(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer, file);
}
const ones = (v: Cell = 1): Cell[] => Array.from({ length: 24 }, () => v);
const CN = "China, P.R.: Mainland";
const real = loadDots();

test("real data: annual sums quoted in imf_dots/SOURCE.md", () => {
  const { table, report } = real;
  const rows = table.objects() as unknown as DotsRow[];
  const at = (rep: string, iso3: string, y: number) =>
    rows.find((r) => r.reporter === rep && r.iso3 === iso3 && r.year === y)!;
  assert.equal(Math.round(at("CHN", "GBR", 2015).exports), 59664);
  assert.equal(Math.round(at("CHN", "GBR", 2020).exports), 72666);
  assert.equal(Math.round(at("USA", "GBR", 2015).imports), 57805);
  assert.equal(Math.round(at("USA", "GBR", 2020).imports), 50280);
  const g = at("CHN", "GBR", 2015);
  assert.equal(g.total, g.exports + g.imports);
  // every ally, both reporters, 2016-2019
  for (const rep of ["CHN", "USA"])
    for (const a of ALLIES)
      for (const y of [2016, 2017, 2018, 2019])
        assert.ok(at(rep, a, y).total > 0, `${rep} ${a} ${y}`);
  // the US file has China as a partner, the China file the US
  assert.ok(at("USA", "CHN", 2018).total > 0 && at("CHN", "USA", 2018).total > 0);
  assert.equal(report.dropped["duplicate partner row (identical values)"], 4); // "Australia" twice in each sheet
  assert.match(report.notes.join(" "), /108 cell\(s\) carried a revision flag/);
  assert.ok(!rows.some((r) => r.year === 2023)); // imports end in 2022M12: 2023 refused
});

test("real data: mirror statistics agree roughly (China's exports to the US vs US imports from China)", () => {
  const rows = real.table.objects() as unknown as DotsRow[];
  for (const y of [2016, 2017, 2018, 2019]) {
    const cnEx = rows.find(
      (r) => r.reporter === "CHN" && r.iso3 === "USA" && r.year === y,
    )!.exports;
    const usIm = rows.find(
      (r) => r.reporter === "USA" && r.iso3 === "CHN" && r.year === y,
    )!.imports;
    // the two customs records differ (CIF vs FOB, re-exports via Hong Kong) but by well under a third
    assert.ok(usIm > cnEx && usIm / cnEx < 1.33, `${y}: ${usIm} vs ${cnEx}`);
  }
});

test("hand-written workbook: revision flags and thousands commas parsed, months summed, aggregates dropped", () => {
  const report = newReport(["dots.xlsx"]);
  const ex = ones(1);
  ex[0] = "3,384.77 r";
  const rows = parseDotsWorkbook(
    book(
      sheet(CN, "Exports, FOB to Partner Countries", [
        ["World", ones(9)],
        ["Japan", ex],
        ["Korea, Dem. People's Rep. of", ones()],
      ]),
      sheet(CN, "Imports", [["Japan", ones(2)]]),
    ),
    "CHN",
    report,
    { years: [] },
  );
  assert.deepEqual(rows, [
    {
      iso3: "JPN",
      year: 2016,
      reporter: "CHN",
      exports: 3384.77 + 11,
      imports: 24,
      total: 3384.77 + 11 + 24,
    },
    { iso3: "JPN", year: 2017, reporter: "CHN", exports: 12, imports: 24, total: 36 },
  ]);
  assert.deepEqual(report.dropped, { "area aggregate": 1, "not a study country": 1 });
  assert.match(report.notes[0], /1 cell\(s\) carried a revision flag/);
});

test("a year with a missing month is refused: error when required, left out otherwise", () => {
  const ex = ones(1);
  ex[14] = null; // 2017M03
  const b = () =>
    book(sheet(CN, "E", [["Japan", ex]]), sheet(CN, "I", [["Japan", ones()]]), "gap.xlsx");
  const report = newReport();
  const rows = parseDotsWorkbook(b(), "CHN", report, { years: [] });
  assert.deepEqual(
    rows.map((r) => r.year),
    [2016],
  );
  assert.match(report.notes.join(" "), /1 partner-year\(s\) left out because a month is missing/);
  assert.throws(
    () => parseDotsWorkbook(b(), "CHN", newReport(), { years: [2017] }),
    /gap\.xlsx: a month is missing for required ally-year\(s\): JPN 2017/,
  );
});

test("bad input: wrong reporter, wrong unit, non-numeric cell, conflicting duplicate, unknown partner, missing sheet, coverage", () => {
  const ok = () => sheet(CN, "I", [["Japan", ones()]]);
  const run = (ex: Cell[][], im: Cell[][] = ok(), years: number[] = []) =>
    parseDotsWorkbook(book(ex, im, "b.xlsx"), "CHN", newReport(), { years });
  assert.throws(
    () => run(sheet("United States", "E", [["Japan", ones()]])),
    /b\.xlsx \[Exports, FOB\] \(row 4, column "B"\): reporter in B4 is "United States"/,
  );
  const unit = sheet(CN, "E", [["Japan", ones()]]);
  unit[4] = [null, "US Dollars"];
  assert.throws(() => run(unit), /\(row 5, column "B"\): unit in B5 is "US Dollars"/);
  const bad = ones();
  bad[3] = "12..5";
  assert.throws(
    () => run(sheet(CN, "E", [["Japan", bad]])),
    /b\.xlsx \[Exports, FOB\] \(row 8, column "F \(2016M04\)"\): not a number: "12\.\.5"/,
  );
  assert.throws(
    () =>
      run(
        sheet(CN, "E", [
          ["Japan", ones(1)],
          ["Japan", ones(2)],
        ]),
      ),
    /\(row 9, column "B"\): duplicate partner JPN with different values \(also row 8\)/,
  );
  assert.throws(
    () => run(sheet(CN, "E", [["Atlantis", ones()]])),
    /\(row 8, column "B"\): unknown country name "Atlantis"/,
  );
  assert.throws(
    () => run(sheet(CN, "E", [["Japan", ones()]]), sheet(CN, "I", [["Korea, Rep. of", ones()]])),
    /partner JPN is in "Exports, FOB" but not in "Imports, CIF"/,
  );
  assert.throws(
    () => run(sheet(CN, "E", [["Japan", ones()]]), ok(), [2016]),
    /b\.xlsx: no annual trade for 25 required country-year\(s\): GBR 2016/,
  );
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(ok()), "Exports, FOB");
  assert.throws(
    () =>
      parseDotsWorkbook(
        parseWorkbook(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer, "s.xlsx"),
        "CHN",
        newReport(),
      ),
    /s\.xlsx: no sheet "Imports, CIF"/,
  );
});
