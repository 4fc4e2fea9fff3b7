import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { resolveDataRoot } from "../../lib/io/dataRoot";
import {
  atLeast,
  codingRules,
  codingRulesFromText,
  confidenceTable,
  documentedTotals,
  maskStanceBelow,
  stanceMismatches,
  stanceRows,
  STANCE_LABEL,
} from "../../lib/notebook/huaweiCoding";
import type { HuaweiRow } from "../../lib/sources/huawei5g";
import { readPanel } from "../../lib/panel/read";
import { prepareSample } from "../../lib/replication/prepare";

const md =
  "# T\n\nintro\n\n## Coding rules\n\n- **0** none\n\nTotals: 2 high, 1 medium, 0 low.\n\n## Events\n\nx\n";

test("codingRulesFromText: the section between its heading and the next, verbatim; errors name the file", () => {
  const s = codingRulesFromText(md);
  assert.equal(s, "- **0** none\n\nTotals: 2 high, 1 medium, 0 low.");
  assert.deepEqual(documentedTotals(s), { high: 2, medium: 1, low: 0 });
  assert.equal(codingRulesFromText("## Coding rules\nlast section"), "last section");
  assert.throws(
    () => codingRulesFromText("# nothing", "x/SOURCES.md"),
    /x\/SOURCES\.md: no "## Coding rules" section/,
  );
  assert.throws(() => documentedTotals("no totals"), /Totals/);
  assert.equal(STANCE_LABEL[2], "2 formal exclusion");
});

const code = (
  iso3: string,
  year: number,
  stance: 0 | 1 | 2,
  confidence: HuaweiRow["confidence"],
): HuaweiRow => ({ iso3, year, stance, confidence, eventDate: "" });

test("maskStanceBelow: low codes masked, codes after the panel listed, other rows copied unchanged; mismatches refused", () => {
  const stance = [
    code("A", 1, 1, "low"),
    code("A", 2, 2, "high"),
    code("B", 1, 0, "medium"),
    code("B", 2, 0, "low"),
    code("B", 3, 1, "low"),
  ];
  const panel = [
    { iso3: "A", year: 1, huawei_stance: 1, x: 0.5 },
    { iso3: "A", year: 2, huawei_stance: 2, x: 0.6 },
    { iso3: "B", year: 1, huawei_stance: 0, x: 0.7 },
    { iso3: "B", year: 2, huawei_stance: 0, x: 0.8 },
    { iso3: "B", year: 0, huawei_stance: null, x: 0.9 },
  ];
  const m = maskStanceBelow(panel, stance, "medium");
  assert.deepEqual(
    m.panel.map((r) => r.huawei_stance),
    [null, 2, 0, null, null],
  );
  assert.deepEqual(
    m.panel.map((r) => r.x),
    [0.5, 0.6, 0.7, 0.8, 0.9],
  );
  assert.deepEqual(m.masked, ["A 1", "B 2"]);
  assert.deepEqual(m.notInPanel, ["B 3"]); // low, but the panel has no year 3
  assert.equal(panel[0].huawei_stance, 1, "the input is not modified");
  assert.deepEqual(maskStanceBelow(panel, stance, "high").masked, ["A 1", "B 1", "B 2"]);
  assert.deepEqual(maskStanceBelow(panel, stance, "low").masked, []);
  assert.deepEqual(stanceMismatches(panel, stance), []);
  const wrong = [
    ...panel,
    { iso3: "A", year: 3, huawei_stance: 1, x: 0 },
    { iso3: "C", year: 1, huawei_stance: 0, x: 0 },
  ];
  wrong[1] = { ...wrong[1], huawei_stance: 1 };
  assert.deepEqual(stanceMismatches(wrong, stance), ["A 2", "A 3", "C 1"]);
  assert.throws(
    () => maskStanceBelow(wrong, stance, "medium"),
    /not the deposit's code for A 2, A 3, C 1/,
  );
});

const root = resolveDataRoot().dir;
const have = fs.existsSync(path.join(root, "huawei_5g", "SOURCES.md"));

test(
  "on the deposit: the rules name the 0/1/2 scale, and the documented totals equal the CSV's confidence counts",
  { skip: have ? false : `no deposit at ${root}` },
  () => {
    const rules = codingRules();
    assert.match(rules, /\*\*0\*\* no restriction/);
    assert.match(rules, /\*\*2\*\* formal exclusion/);
    const rows = stanceRows();
    assert.equal(rows.length, 130);
    const totals = documentedTotals(rules);
    const table = confidenceTable(rows);
    for (const c of ["high", "medium", "low"] as const) {
      assert.equal(
        table.filter((r) => r.confidence === c).reduce((a, r) => a + Number(r.total), 0),
        totals[c],
        c,
      );
    }
    assert.equal(atLeast(rows, "medium").length, totals.high + totals.medium);
    assert.equal(atLeast(rows, "low").length, 130);
  },
);

test(
  'on the deposit: maskStanceBelow("medium") masks the 4 low codes of 2020 and lists the 6 of 2021; 10 = the documented low total',
  { skip: have ? false : `no deposit at ${root}` },
  () => {
    const panel = readPanel(),
      stance = stanceRows();
    assert.deepEqual(stanceMismatches(panel, stance), []);
    const m = maskStanceBelow(panel, stance, "medium");
    assert.equal(m.masked.length + m.notInPanel.length, documentedTotals(codingRules()).low);
    assert.equal(m.masked.length + m.notInPanel.length, 10);
    // The panel ends in 2020: the low codes of 2020 are masked, those of 2021 have no panel row.
    assert.deepEqual([...m.masked].sort(), ["ESP 2020", "GRC 2020", "LUX 2020", "PRT 2020"]);
    assert.deepEqual([...m.notInPanel].sort(), [
      "ESP 2021",
      "EST 2021",
      "GRC 2021",
      "ISL 2021",
      "LUX 2021",
      "PRT 2021",
    ]);
    assert.equal(m.panel.length, panel.length);
    const count = (rows: typeof panel) => rows.filter((r) => r.huawei_stance !== null).length;
    assert.equal(count(panel), 104);
    assert.equal(count(m.panel), 100);
    // Model (7)'s sample loses exactly the masked ally-years.
    const n = (rows: typeof panel) =>
      prepareSample(rows, { outcome: "huawei_stance", standardize: "panel" }).n;
    assert.equal(n(panel) - n(m.panel), 4);
  },
);
