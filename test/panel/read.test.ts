import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { columnValues, moments, readPanel } from "../../lib/panel/read";
import { PANEL_COLUMNS, PANEL_ROWS, PANEL_SCHEMA } from "../../lib/panel/schema";

test("moments: hand-computed mean, sample sd, min, max; missing values skipped", () => {
  const m = moments([1, 2, null, 3, 6]);
  assert.equal(m.n, 4);
  assert.equal(m.mean, 3);
  assert.ok(Math.abs(m.sd - Math.sqrt(14 / 3)) < 1e-12); // (4 + 1 + 0 + 9) / 3
  assert.equal(m.min, 1);
  assert.equal(m.max, 6);
  assert.ok(Number.isNaN(moments([]).mean));
});

/** A panel file with the schema's columns; `cells` overrides some cells of each row. */
function panelText(rows: Record<string, string>[]): string {
  const base: Record<string, string> = Object.fromEntries(
    PANEL_COLUMNS.map((c) => [
      c,
      PANEL_SCHEMA[c] === "text" ? "X" : PANEL_SCHEMA[c] === "integer" ? "1" : "",
    ]),
  );
  return (
    [
      PANEL_COLUMNS.join(","),
      ...rows.map((r) => PANEL_COLUMNS.map((c) => r[c] ?? base[c]).join(",")),
    ].join("\n") + "\n"
  );
}

test("readPanel: typed rows, empty cells null, text kept; errors name file, row and column", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-panel-"));
  const f = path.join(dir, "panel.csv");
  const two: Record<string, string>[] = [
    {
      iso3: "KOR",
      country: "Korea",
      year: "2017",
      asym: "3.5",
      huawei_confidence: "high",
      asymmetric: "1",
    },
    { iso3: "KOR", country: "Korea", year: "2018", asymmetric: "0" },
  ];
  try {
    fs.writeFileSync(f, panelText(two));
    const rows = readPanel(f, { expectedRows: 2 });
    assert.equal(rows[0].asym, 3.5);
    assert.equal(rows[0].huawei_confidence, "high");
    assert.equal(rows[1].asym, null);
    assert.equal(rows[1].huawei_confidence, null);
    assert.equal(rows[1].year, 2018);
    assert.deepEqual(Object.keys(rows[0]), [...PANEL_COLUMNS]);
    assert.deepEqual(columnValues(rows, "asym", [2017]), [3.5]);
    assert.throws(() => columnValues(rows, "iso3"), /is text/);
    assert.throws(() => readPanel(f), /2 data rows, expected 156/);
    fs.writeFileSync(f, panelText([{ ...two[0], asym: "abc" }]));
    assert.throws(
      () => readPanel(f, { expectedRows: 1 }),
      /panel\.csv \(row 2, column "asym"\): not a number: "abc"/,
    );
    fs.writeFileSync(f, panelText([{ ...two[0], year: "2017.5" }]));
    assert.throws(
      () => readPanel(f, { expectedRows: 1 }),
      /row 2, column "year"\): not an integer/,
    );
    fs.writeFileSync(f, panelText([{ ...two[0], iso3: "" }]));
    assert.throws(() => readPanel(f, { expectedRows: 1 }), /row 2, column "iso3"\): missing value/);
    fs.writeFileSync(f, panelText([two[0], two[0]]));
    assert.throws(
      () => readPanel(f, { expectedRows: 2 }),
      /KOR 2017 appears twice \(rows 2 and 3\)/,
    );
    fs.writeFileSync(f, "iso3,country,year,extra\nKOR,Korea,2017,1\n");
    assert.throws(
      () => readPanel(f, { expectedRows: null }),
      /missing column\(s\) asym, gdp.*; unexpected column\(s\) extra/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the committed data/panel.csv passes the schema: 156 rows, 26 allies x 2015-2020", () => {
  const rows = readPanel();
  assert.equal(rows.length, PANEL_ROWS);
  assert.equal(PANEL_ROWS, 156);
  assert.equal(new Set(rows.map((r) => r.iso3)).size, 26);
  assert.deepEqual(
    [...new Set(rows.map((r) => r.year))].sort(),
    [2015, 2016, 2017, 2018, 2019, 2020],
  );
});
