import { test } from "node:test";
import assert from "node:assert/strict";
import { readPanel } from "../../lib/panel/read";
import { describeColumns } from "../../lib/report/descriptives";
import { ALL_REGRESSORS } from "../../lib/study";
import { TABLE1 } from "../../lib/replication/published";
import {
  constantBySdMode,
  pairWithPublished,
  publishedConstants,
  table1Comparison,
  table1Sample,
  table1TreatmentFit,
} from "../../lib/replication/fidelity";

const panel = readPanel();

test("Table 1 treatment fit: d = (|Δmin| + |Δmax|)/sd_pub recomputed by hand for one variable; pooled winsorizing fits best", () => {
  const { fit, perVariable } = table1TreatmentFit(panel);
  assert.deepEqual(
    fit.map((r) => r.treatment),
    ["raw", "winsorized pooled 1/99", "winsorized by year 1/99"],
  );
  const s = table1Sample(panel, "winsorized pooled 1/99");
  const [d] = describeColumns(s.data, ["asym"]);
  const want =
    (Math.abs(d.min - TABLE1.asym.min) + Math.abs(d.max - TABLE1.asym.max)) / TABLE1.asym.sd;
  assert.ok(
    Math.abs(
      Number(perVariable.find((r) => r.variable === "asym")!["winsorized pooled 1/99"]) - want,
    ) < 1e-12,
  );
  const best = [...fit].sort((a, b) => a.meanDistance - b.meanDistance)[0];
  assert.equal(best.treatment, "winsorized pooled 1/99");
  // by-year winsorizing with 26 values a year changes nothing (Stata's 1st pct of 26 values is the minimum)
  const byYear = fit.find((r) => r.treatment === "winsorized by year 1/99")!;
  assert.equal(byYear.valuesChanged, 0);
  assert.equal(byYear.meanDistance, fit[0].meanDistance);
  assert.ok(fit[1].valuesChanged > 0);
});

test("ID/ED rows pair across labels (label swap); others pair with themselves", () => {
  const rows = table1Comparison(panel, "winsorized pooled 1/99");
  assert.deepEqual(
    rows.map((r) => r.variable),
    ALL_REGRESSORS,
  );
  const by = Object.fromEntries(rows.map((r) => [r.variable, r]));
  for (const [ours, pub] of [
    ["ID_us", "ID_ch"],
    ["ID_ch", "ID_us"],
    ["ED_us", "ED_ch"],
    ["ED_ch", "ED_us"],
  ]) {
    assert.equal(by[ours]["published row"], pub);
    assert.match(by[ours].note, /label swap/);
  }
  assert.equal(by.asym["published row"], "asym");
  assert.equal(by.asym.note, "");
  // a made-up case where the printed labels fit: no swap
  const straight = pairWithPublished({ ID_us: TABLE1.ID_us, ID_ch: TABLE1.ID_ch });
  assert.deepEqual(straight.ID_us, { published: "ID_us", swapped: false });
});

test("the constant: SE exactly 0 with sample standardization, > 0 with panel standardization (the paper's pattern)", () => {
  const rows = constantBySdMode(panel, "huawei_stance");
  assert.equal(rows.length, 14);
  for (const r of rows.filter((x) => x.standardize === "sample")) {
    assert.equal(r.se, 0);
    assert.ok(Math.abs(r.constant - r["mean of y"]) < 1e-12); // x̄ = 0: constant = ȳ
  }
  for (const r of rows.filter((x) => x.standardize === "panel"))
    assert.ok(r.se > 0.01, `${r.model} ${r.se}`);
  const pub = publishedConstants();
  assert.equal(pub.length, 7);
  assert.ok(pub.every((p) => p.se > 0.8 && p.se < 1.2));
  assert.deepEqual(pub[0], { model: "(1)", constant: 4.058, se: 1.001 });
});
