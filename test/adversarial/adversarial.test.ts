import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CASES } from "./cases";
import { adversarialTable, runAll } from "./table";

test("adversarial suite: every case answered as expected; docs/adversarial.md is current", async () => {
  assert.ok(CASES.length >= 150, `${CASES.length} cases`);
  const outcomes = await runAll();
  const wrong = outcomes
    .map((o, i) => ({ o, c: CASES[i], i }))
    .filter(({ o }) => o.verdict !== o.expected);
  assert.deepEqual(
    wrong.map(({ c, o, i }) => `#${i + 1} ${c.area}: ${c.input} -> ${o.verdict}: ${o.response}`),
    [],
  );
  const doc = readFileSync(join(__dirname, "..", "..", "docs", "adversarial.md"), "utf8");
  assert.equal(
    doc,
    adversarialTable(outcomes),
    "docs/adversarial.md is stale: run npm run adversarial:table",
  );
});
