import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { awSd, twfeWeights } from "../../lib/estimate/twfeWeights";

const FIX = path.join(__dirname, "..", "fixtures", "oracle");

/** The fixture CSVs are plain numbers and one text column: split on commas. */
function readFixtureCsv(file: string): Record<string, (string | number)[]> {
  const [head, ...lines] = fs.readFileSync(path.join(FIX, file), "utf8").trim().split("\n");
  const cols = head.split(",");
  const out: Record<string, (string | number)[]> = Object.fromEntries(cols.map((c) => [c, []]));
  for (const l of lines)
    l.split(",").forEach((v, j) => out[cols[j]].push(cols[j] === "iso3" ? v : Number(v)));
  return out;
}

interface OracleCase {
  name: string;
  y: string;
  g: string;
  t: string;
  d: string;
  controls: string[];
  beta: number;
  nr_plus: number;
  nr_minus: number;
  sum_plus: number;
  sum_minus: number;
  tot_cells: number;
  sensibility: number;
  sensibility2: number | null;
  weights: { g: string; t: number; weight: number }[];
}
const oracle = JSON.parse(
  fs.readFileSync(path.join(FIX, "python", "twfeweights.json"), "utf8"),
) as { cases: OracleCase[] };
const datasets: Record<string, Record<string, (string | number)[]>> = {
  panel: readFixtureCsv("twfeweights_panel.csv"),
  wagepan: readFixtureCsv("twfeweights_wagepan.csv"),
};

// Tolerance: relative 1e-8 on beta, the sums and both sensitivities, absolute 1e-10 on each cell's weight
// (twowayfeweights solves the normal equations by an eigen-decomposition, we by QR; both in double precision).
const close = (a: number, b: number, rel = 1e-8) =>
  Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

for (const c of oracle.cases) {
  test(`twfeWeights matches twowayfeweights 0.1.0 (feTR): ${c.name}`, () => {
    const data = datasets[c.name.startsWith("panel") ? "panel" : "wagepan"];
    const r = twfeWeights({ data, y: c.y, g: c.g, t: c.t, d: c.d, controls: c.controls });
    assert.ok(close(r.beta, c.beta), `beta ${r.beta} vs ${c.beta}`);
    assert.equal(r.nPositive, c.nr_plus);
    assert.equal(r.nNegative, c.nr_minus);
    assert.equal(r.totalCells, c.tot_cells);
    assert.ok(close(r.sumPositive, c.sum_plus), `sum+ ${r.sumPositive} vs ${c.sum_plus}`);
    assert.ok(close(r.sumNegative, c.sum_minus), `sum- ${r.sumNegative} vs ${c.sum_minus}`);
    assert.ok(close(r.sensitivity, c.sensibility), `sens ${r.sensitivity} vs ${c.sensibility}`);
    if (c.sensibility2 === null) assert.equal(r.sensitivity2, undefined);
    else
      assert.ok(
        r.sensitivity2 !== undefined && close(r.sensitivity2, c.sensibility2),
        `sens2 ${String(r.sensitivity2)} vs ${c.sensibility2}`,
      );
    assert.equal(r.weights.length, c.weights.length);
    r.weights.forEach((w, i) => {
      assert.equal(w.g, c.weights[i].g);
      assert.equal(w.t, c.weights[i].t);
      assert.ok(
        Math.abs(w.weight - c.weights[i].weight) < 1e-10,
        `${w.g} ${w.t}: ${w.weight} vs ${c.weights[i].weight}`,
      );
    });
    assert.ok(Math.abs(r.sumPositive + r.sumNegative - 1) < 1e-9, "the weights sum to one");
  });
}

test("hand case: 2 groups x 2 periods, one switcher: the only weight is 1 on the treated cell", () => {
  // D = 1 only for group B in period 2 (a 2x2 difference in differences): beta = the DiD, weight 1, none negative
  const data = { g: ["A", "A", "B", "B"], t: [1, 2, 1, 2], d: [0, 0, 0, 1], y: [1, 2, 3, 7] };
  const r = twfeWeights({ data, y: "y", g: "g", t: "t", d: "d" });
  assert.ok(Math.abs(r.beta - (7 - 3 - (2 - 1))) < 1e-12);
  assert.equal(r.nNegative, 0);
  assert.equal(r.nPositive, 1);
  assert.ok(Math.abs(r.weights[3].weight - 1) < 1e-12);
  assert.equal(r.sensitivity2, undefined);
});

test("awSd: Stata's analytic-weight sd (hand-computed) and the refusals", () => {
  // x = 1, 2, 4 with weights 1, 1, 2: mean 2.75; Σw(x−m)² / Σw = (3.0625 + 0.5625 + 2·1.5625)/4 = 1.6875; × 3/2
  assert.ok(Math.abs(awSd([1, 2, 4], [1, 1, 2]) - Math.sqrt(1.6875 * 1.5)) < 1e-14);
  assert.ok(Number.isNaN(awSd([1], [1])));
  assert.throws(
    () =>
      twfeWeights({
        data: { g: ["A", "A"], t: [1, 1], d: [1, 0], y: [1, 2] },
        y: "y",
        g: "g",
        t: "t",
        d: "d",
      }),
    /appears twice/,
  );
  assert.throws(
    () => twfeWeights({ data: { g: ["A"], t: [1], d: [1] }, y: "y", g: "g", t: "t", d: "d" }),
    /no column "y"/,
  );
});
