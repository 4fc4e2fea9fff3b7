import { test } from "node:test";
import assert from "node:assert/strict";
import { bar, coefPlot, lineByCountry, scatterLabels, sliderFigure, timeline } from "../../lib/viz/charts";

test("lineByCountry: one trace per country, years as category labels, gaps as null", () => {
  const f = lineByCountry([
    { country: "KOR", year: 2018, value: 1 },
    { country: "KOR", year: 2017, value: 0.5 },
    { country: "JPN", year: 2018, value: 2 },
  ]);
  assert.equal(f.data.length, 2);
  assert.deepEqual(f.data[0].x, ["2017", "2018"]);
  assert.deepEqual(f.data[0].y, [0.5, 1]);
  assert.deepEqual(f.data[1].y, [null, 2]);
  assert.equal((f.layout.xaxis as { type: string }).type, "category");
});

test("bar: grouped series on a categorical axis; legend only for several series", () => {
  const f = bar([{ name: "a", x: ["2017", "2018"], y: [1, 2] }]);
  assert.equal(f.layout.barmode, "group");
  assert.equal(f.layout.showlegend, false);
  assert.equal((f.layout.xaxis as { type: string }).type, "category");
  const h = bar([{ name: "a", x: ["x"], y: [1] }, { name: "b", x: ["x"], y: [2] }], { horizontal: true });
  assert.equal(h.data[1].orientation, "h");
  assert.deepEqual(h.data[1].x, [2]);
  assert.equal(h.layout.showlegend, true);
});

test("scatterLabels: labels as text, groups as traces, optional y = x line over the data range", () => {
  const f = scatterLabels([{ x: 1, y: 3, label: "A", group: "g1" }, { x: 2, y: -1, label: "B", group: "g2" }], { diagonal: true });
  assert.equal(f.data.length, 3);
  assert.deepEqual(f.data[0].text, ["A"]);
  assert.deepEqual(f.data[2].x, [-1, 3]);
});

test("coefPlot: asymmetric error bars from lo/hi, terms in given order top-down", () => {
  const f = coefPlot([
    { model: "(1)", term: "asym", estimate: 2, lo: 1, hi: 4 },
    { model: "(1)", term: "ideal", estimate: -1, lo: -3, hi: 0 },
  ]);
  const ex = f.data[0].error_x as { array: number[]; arrayminus: number[] };
  assert.deepEqual(ex.array, [2, 1]);
  assert.deepEqual(ex.arrayminus, [1, 2]);
  assert.deepEqual((f.layout.yaxis as { categoryarray: string[] }).categoryarray, ["ideal", "asym"]);
});

test("timeline: one row per event, earliest on top, one trace (colour) per lane", () => {
  const f = timeline([
    { date: "2020-08-05", label: "b", lane: "5G" },
    { date: "2019-05", label: "a", lane: "5G" },
    { date: "2021-03", label: "c", lane: "law" },
  ]);
  assert.equal(f.data.length, 2);
  assert.deepEqual(f.data[0].y, ["a", "b"]);
  assert.deepEqual(f.data[0].x, ["2019-05", "2020-08-05"]);
  assert.deepEqual((f.layout.yaxis as { categoryarray: string[] }).categoryarray, ["c", "b", "a"]);
  assert.equal((f.layout.xaxis as { type: string }).type, "date");
});

test("sliderFigure: only the active step is visible; each slider step shows exactly its own traces", () => {
  const t = (n: string) => ({ type: "scatter", name: n });
  const f = sliderFigure([{ label: "1", traces: [t("a"), t("b")] }, { label: "2", traces: [t("c")] }], { active: 1 });
  assert.deepEqual(f.data.map((d) => d.visible), [false, false, true]);
  const steps = (f.layout.sliders as { steps: { args: [{ visible: boolean[] }] }[] }[])[0].steps;
  assert.deepEqual(steps[0].args[0].visible, [true, true, false]);
  assert.deepEqual(steps[1].args[0].visible, [false, false, true]);
  assert.throws(() => sliderFigure([]));
});
