import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { balancedData } from "../helpers/balancedPanel";
import { join } from "node:path";
import { jackknife } from "../../lib/estimate/jackknife";

const DIR = join(__dirname, "..", "fixtures", "oracle");
const data = balancedData;
// leave-one-unit-out plm fits written by scripts/oracle/fe_oracle.R
const gold = JSON.parse(readFileSync(join(DIR, "jackknife_balanced.json"), "utf8")) as {
  omitted: number[];
  coef: Record<string, number>[];
};

test("leave-one-cluster-out coefficients match plm to 1e-8", () => {
  const r = jackknife({
    data,
    y: "y",
    x: ["x1", "x2", "x3"],
    fe: ["unit", "time"],
    cluster: "unit",
  });
  assert.deepEqual(r.omitted, gold.omitted);
  gold.coef.forEach((row, g) => {
    for (const t of ["x1", "x2", "x3"]) {
      const a = r.coef[t][g],
        b = row[t];
      assert.ok(
        Math.abs(a - b) <= 1e-8 * Math.abs(b),
        `${t} without unit ${gold.omitted[g]}: ${a} vs ${b}`,
      );
    }
  });
  // jackknife SE from the same numbers
  const G = gold.coef.length;
  const v = gold.coef.map((row) => row.x1);
  const m = v.reduce((s, x) => s + x, 0) / G;
  const se = Math.sqrt(((G - 1) / G) * v.reduce((s, x) => s + (x - m) ** 2, 0));
  assert.ok(Math.abs(r.se.x1 - se) < 1e-8 * se);
});
