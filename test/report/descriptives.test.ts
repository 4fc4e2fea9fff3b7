import { test } from "node:test";
import assert from "node:assert/strict";
import {
  correlation,
  withinShare,
  describeColumns,
  descriptivesTable,
} from "../../lib/report/descriptives";
import { matchSnapshot } from "./snapshot";

const data = { a: [1, 2, 3, 4, null], b: [10, NaN, -2, 4, 0] };

test("N, mean, sd (n-1), min, max by hand", () => {
  const [a, b] = describeColumns(data, ["a", "b"]);
  // a: 1..4 -> mean 2.5, sd = sqrt(5/3)
  assert.deepEqual(
    { ...a, sd: undefined },
    { variable: "a", n: 4, mean: 2.5, sd: undefined, min: 1, max: 4 },
  );
  assert.ok(Math.abs(a.sd - Math.sqrt(5 / 3)) < 1e-15);
  // b: 10, -2, 4, 0 -> mean 3, deviations 7,-5,1,-3 -> ss 84, sd sqrt(28)
  assert.equal(b.n, 4);
  assert.equal(b.mean, 3);
  assert.ok(Math.abs(b.sd - Math.sqrt(28)) < 1e-15);
  assert.equal(b.min, -2);
});

test("markdown and html snapshots with labels escaped", () => {
  const labels = { a: "asym <ln>", b: "ICT_trade" };
  matchSnapshot("descriptives.md", descriptivesTable(data, ["a", "b"], "markdown", { labels }));
  const html = descriptivesTable(data, ["a", "b"], "html", { labels });
  matchSnapshot("descriptives.html", html);
  assert.ok(html.includes("asym &lt;ln&gt;"));
});

test("correlation: hand-computed r, missing pairs left out", () => {
  // a = 1,2,3,4; b = 2,4,5,9: ā = 2.5, b̄ = 5; Σ(a−ā)(b−b̄) = 1.5*3+0.5*1+0.5*0+1.5*4 = 11; Σ(a−ā)² = 5; Σ(b−b̄)² = 26
  const { r, n } = correlation([1, 2, 3, 4, null], [2, 4, 5, 9, 7]);
  assert.equal(n, 4);
  assert.ok(Math.abs(r - 11 / Math.sqrt(5 * 26)) < 1e-12);
  assert.throws(() => correlation([1, 2], [1, 2]), /at least 3 complete pairs/);
});

test("withinShare: variation around group means over variation around the grand mean", () => {
  // groups A: 1,3 (mean 2), B: 5,7 (mean 6); grand mean 4; within = 1+1+1+1 = 4; total = 9+1+1+9 = 20
  assert.ok(Math.abs(withinShare([1, 3, 5, 7], ["A", "A", "B", "B"]) - 0.2) < 1e-12);
  assert.equal(withinShare([1, 1, 5, 5], ["A", "A", "B", "B"]), 0);
  assert.throws(() => withinShare([2, 2], ["A", "B"]), /constant/);
});
