import { test } from "node:test";
import assert from "node:assert/strict";
import { gdeltColumnNames, loadCameo } from "../../lib/sources/cameo";
import { V1_DAILY_COLUMNS, V2_COLUMNS, V2_DESC_COLUMNS } from "../../lib/sources/gdelt";

test("the parser's GDELT 1.0 schema equals the raw column list (58 = 57 + SOURCEURL)", () => {
  const v1 = gdeltColumnNames("1.0");
  assert.equal(v1.length, 58);
  assert.deepEqual(v1, [...V1_DAILY_COLUMNS]);
});

test("the parser's GDELT 2.0 schema equals GDELT's own 61-column list", () => {
  const v2 = gdeltColumnNames("2.0");
  assert.equal(v2.length, 61);
  assert.deepEqual(v2, [...V2_COLUMNS]);
  assert.equal(V2_DESC_COLUMNS.length, 62);
  assert.equal(V2_DESC_COLUMNS[V2_DESC_COLUMNS.indexOf("EventCode") + 1], "CAMEOCodeDescription");
});

test("CAMEO codes join their Goldstein weights one to one", () => {
  const { table, report } = loadCameo();
  assert.equal(table.numRows(), 311);
  assert.equal(report.rowsKept, 311);
  const row = (c: string) =>
    table.filter(`d => d.code === '${c}'`).object() as { description: string; goldstein: number };
  assert.equal(row("010").goldstein, 0);
  assert.equal(row("011").goldstein, -0.1);
  assert.equal(row("042").description, "Make a visit");
  assert.equal(row("042").goldstein, 1.9);
  const g = table.array("goldstein") as number[];
  assert.equal(Math.min(...g), -10);
  assert.equal(Math.max(...g), 10);
});
