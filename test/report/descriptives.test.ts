import { test } from "node:test";
import assert from "node:assert/strict";
import { describeColumns, descriptivesTable } from "../../lib/report/descriptives";
import { matchSnapshot } from "./snapshot";

const data = { a: [1, 2, 3, 4, null], b: [10, NaN, -2, 4, 0] };

test("N, mean, sd (n-1), min, max by hand", () => {
  const [a, b] = describeColumns(data, ["a", "b"]);
  // a: 1..4 -> mean 2.5, sd = sqrt(5/3)
  assert.deepEqual({ ...a, sd: undefined }, { variable: "a", n: 4, mean: 2.5, sd: undefined, min: 1, max: 4 });
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
