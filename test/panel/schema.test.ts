import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  NUMERIC_COLUMNS,
  PANEL_COLUMNS,
  PANEL_ROWS,
  PANEL_SCHEMA,
  isPanelColumn,
} from "../../lib/panel/schema";

test("the schema's columns are data/panel.csv's header, in order; 156 rows expected", () => {
  const header = readFileSync(join(__dirname, "..", "..", "data", "panel.csv"), "utf8")
    .split("\n")[0]
    .split(",");
  assert.deepEqual([...PANEL_COLUMNS], header);
  assert.equal(PANEL_ROWS, 26 * 6);
  assert.equal(NUMERIC_COLUMNS.length, PANEL_COLUMNS.length - 5); // iso3, country, year, huawei_confidence, asymmetric
  assert.equal(PANEL_SCHEMA.huawei_confidence, "text?");
  assert.ok(isPanelColumn("asym"));
  assert.ok(!isPanelColumn("toString"));
});
