/**
 * coefplot: intervals b ± t_{0.975, df} · se (t quantiles from tables:
 * t_{0.975, 9} = 2.262157, z_{0.975} = 1.959964), terms top-down in order,
 * labels from dict, the predicted side of zero shaded per term.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feols } from "../../lib/estimate/model";
import { coefplot } from "../../lib/viz/coefplot";
import { publishedModel, TABLE2 } from "../../lib/replication/published";

const fx = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "oracle", "grunfeld.json"), "utf8"),
) as { data: Record<string, number[]> };
const fit = feols("inv ~ value + capital | firm + year", fx.data, { cluster: "firm" });

test("intervals use t with the vcov's df (G − 1 = 9); terms top-down; labels from dict", () => {
  const f = coefplot([fit], { dict: { value: "Firm value" } });
  const tr = f.data[0] as {
    x: number[];
    y: string[];
    error_x: { array: number[]; arrayminus: number[] };
  };
  assert.deepEqual(tr.y, ["Firm value", "capital"]);
  const se = fit.coefficients[0].std_error;
  assert.ok(Math.abs(tr.error_x.array[0] - 2.262157 * se) < 1e-6 * se);
  assert.ok(Math.abs(tr.error_x.arrayminus[0] - 2.262157 * se) < 1e-6 * se);
  assert.deepEqual((f.layout.yaxis as { categoryarray: string[] }).categoryarray, [
    "capital",
    "Firm value",
  ]);
  assert.equal(f.layout.showlegend, false);
});

test("published column: normal quantile; predicted sign shades the right side of zero on the right row", () => {
  const f = coefplot([publishedModel("(4)"), { fit, title: "Grunfeld" }], {
    keep: ["asym", "ideal", "value"],
    predictedSign: { asym: 1, value: -1 },
  });
  const pub = f.data[0] as { y: string[]; error_x: { array: number[] } };
  assert.deepEqual(pub.y, ["asym (H: +)", "ideal"]);
  assert.ok(Math.abs(pub.error_x.array[0] - 1.959964 * TABLE2["(4)"].asym.se) < 1e-5);
  const shapes = f.layout.shapes as { x0: number; x1: number; y0: number; y1: number }[];
  assert.equal(shapes.length, 2);
  const rows = (f.layout.yaxis as { categoryarray: string[] }).categoryarray;
  assert.deepEqual(rows, ["value (H: −)", "ideal", "asym (H: +)"]);
  assert.equal(shapes[0].x0, 0);
  assert.ok(shapes[0].x1 > 0 && shapes[1].x1 < 0);
  assert.equal((shapes[0].y0 + shapes[0].y1) / 2, 2); // asym is the top row (index 2)
  assert.equal((shapes[1].y0 + shapes[1].y1) / 2, 0);
  assert.equal(f.layout.showlegend, true);
  assert.throws(() => coefplot([fit], { keep: ["nope"] }), /no model has the term\(s\) nope/);
});

test("intervals from another method: drawn as given (asymmetric ends), method on hover, bad interval refused", () => {
  const boot = {
    kind: "intervals" as const,
    name: "(1) bootstrap",
    method: "wild cluster bootstrap",
    rows: [
      { term: "asym", estimate: 2, lo: 1, hi: 4 },
      { term: "ideal", estimate: -1, lo: -3, hi: 0 },
    ],
  };
  const f = coefplot([boot, fit], { keep: ["asym", "ideal", "value"], predictedSign: { asym: 1 } });
  const tr = f.data[0] as {
    x: number[];
    y: string[];
    error_x: { array: number[]; arrayminus: number[] };
    hovertemplate: string;
    name: string;
  };
  assert.equal(tr.name, "(1) bootstrap");
  assert.deepEqual(tr.y, ["asym (H: +)", "ideal"]);
  assert.deepEqual(tr.error_x.array, [2, 1]);
  assert.deepEqual(tr.error_x.arrayminus, [1, 2]);
  assert.match(tr.hovertemplate, /interval: wild cluster bootstrap/);
  assert.match((f.data[1] as { hovertemplate: string }).hovertemplate, /95% CI, t\(9\)/);
  const bad = { ...boot, rows: [{ term: "asym", estimate: 5, lo: 1, hi: 4 }] };
  assert.throws(
    () => coefplot([bad]),
    /\(1\) bootstrap asym: interval 1\.\.4 does not hold the estimate 5/,
  );
});
