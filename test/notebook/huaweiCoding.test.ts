import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveDataRoot } from "../../lib/dataRoot";
import {
  atLeast, codingRules, codingRulesFromText, confidenceTable, documentedTotals, stanceRows, STANCE_LABEL,
} from "../../lib/notebook/huaweiCoding";

const md = "# T\n\nintro\n\n## Coding rules\n\n- **0** none\n\nTotals: 2 high, 1 medium, 0 low.\n\n## Events\n\nx\n";

test("codingRulesFromText: the section between its heading and the next, verbatim; errors name the file", () => {
  const s = codingRulesFromText(md);
  assert.equal(s, "- **0** none\n\nTotals: 2 high, 1 medium, 0 low.");
  assert.deepEqual(documentedTotals(s), { high: 2, medium: 1, low: 0 });
  assert.equal(codingRulesFromText("## Coding rules\nlast section"), "last section");
  assert.throws(() => codingRulesFromText("# nothing", "x/SOURCES.md"), /x\/SOURCES\.md: no "## Coding rules" section/);
  assert.throws(() => documentedTotals("no totals"), /Totals/);
  assert.equal(STANCE_LABEL[2], "2 formal exclusion");
});

const root = resolveDataRoot().dir;
const have = fs.existsSync(path.join(root, "huawei_5g", "SOURCES.md"));

test("on the deposit: the rules name the 0/1/2 scale, and the documented totals equal the CSV's confidence counts", { skip: have ? false : `no deposit at ${root}` }, () => {
  const rules = codingRules();
  assert.match(rules, /\*\*0\*\* no restriction/);
  assert.match(rules, /\*\*2\*\* formal exclusion/);
  const rows = stanceRows();
  assert.equal(rows.length, 130);
  const totals = documentedTotals(rules);
  const table = confidenceTable(rows);
  for (const c of ["high", "medium", "low"] as const) {
    assert.equal(table.filter((r) => r.confidence === c).reduce((a, r) => a + Number(r.total), 0), totals[c], c);
  }
  assert.equal(atLeast(rows, "medium").length, totals.high + totals.medium);
  assert.equal(atLeast(rows, "low").length, 130);
});
