import { test } from "node:test";
import assert from "node:assert/strict";
import {
  bar,
  lineByCountry,
  placeLabels,
  scatterLabels,
  sliderFigure,
  spreadLabels,
  timeline,
} from "../../lib/viz/charts";

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
  const h = bar(
    [
      { name: "a", x: ["x"], y: [1] },
      { name: "b", x: ["x"], y: [2] },
    ],
    { horizontal: true },
  );
  assert.equal(h.data[1].orientation, "h");
  assert.deepEqual(h.data[1].x, [2]);
  assert.equal(h.layout.showlegend, true);
});

test("scatterLabels: labels as text, groups as traces, optional y = x line over the data range", () => {
  const f = scatterLabels(
    [
      { x: 1, y: 3, label: "A", group: "g1" },
      { x: 2, y: -1, label: "B", group: "g2" },
    ],
    { diagonal: true },
  );
  assert.equal(f.data.length, 3);
  assert.deepEqual(f.data[0].text, ["A"]);
  assert.deepEqual(f.data[2].x, [-1, 3]);
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
  const f = sliderFigure(
    [
      { label: "1", traces: [t("a"), t("b")] },
      { label: "2", traces: [t("c")] },
    ],
    { active: 1 },
  );
  assert.deepEqual(
    f.data.map((d) => d.visible),
    [false, false, true],
  );
  const steps = (f.layout.sliders as { steps: { args: [{ visible: boolean[] }] }[] }[])[0].steps;
  assert.deepEqual(steps[0].args[0].visible, [true, true, false]);
  assert.deepEqual(steps[1].args[0].visible, [false, false, true]);
  assert.throws(() => sliderFigure([]));
});

test("spreadLabels: neighbours at least `gap` apart, moved as little as possible, order kept", () => {
  assert.deepEqual(spreadLabels([1, 1, 1], 0.5), [1, 1.5, 2]);
  assert.deepEqual(spreadLabels([3, 0, 3.1], 1), [3, 0, 4]);
  // capped at hi = 3: the stack shifts down
  assert.deepEqual(spreadLabels([2, 2, 2], 1, -Infinity, 3), [1, 2, 3]);
});

test("lineByCountry with highlight: labels at the end of the highlighted lines, no legend, others grey; coded axis in words", () => {
  const rows = ["A", "B", "C"].flatMap((c, k) =>
    [2017, 2018].map((year) => ({ country: c, year, value: k === 2 ? 1 : year === 2018 ? 1 : 0 })),
  );
  const f = lineByCountry(rows, {
    highlight: ["A", "B"],
    names: { A: "Alpha" },
    valueLabels: { 0: "0 none", 1: "1 partial", 2: "2 ban" },
  });
  assert.equal(f.layout.showlegend, false);
  assert.deepEqual(
    f.data.map((d) => d.name),
    ["C", "Alpha", "B"],
  ); // highlighted drawn last (on top)
  assert.match((f.data[0].line as { color: string }).color, /150/);
  const ann = f.layout.annotations as { x: number; y: number; text: string }[];
  // x is the category's serial number (2018 is the 2nd year): plotly reads "2018" as category number 2018
  assert.deepEqual(
    ann.map((a) => [a.text, a.x]),
    [
      ["Alpha", 1],
      ["B", 1],
    ],
  );
  // A and B both end at 1: their labels are pulled apart by 6% of the value range
  assert.ok(Math.abs(ann[0].y - ann[1].y) >= 0.06 - 1e-12);
  assert.deepEqual((f.layout.yaxis as { ticktext: string[] }).ticktext, [
    "0 none",
    "1 partial",
    "2 ban",
  ]);
  assert.equal(lineByCountry(rows).layout.showlegend, true);
});

test("placeLabels: placed label boxes never overlap; priority labels first; a dense cloud of 78 points gets a subset", () => {
  const box = (
    p: { x: number; y: number; label: string },
    pos: string,
    toPx: (p: { x: number; y: number }) => { X: number; Y: number },
  ) => {
    const { X, Y } = toPx(p);
    const w = 6 * p.label.length,
      h = 12,
      pad = 4,
      [v, hz] = pos.split(" ");
    const l = hz === "right" ? X + pad : hz === "left" ? X - pad - w : X - w / 2;
    const t = v === "top" ? Y - pad - h : v === "bottom" ? Y + pad : Y - h / 2;
    return { l, r: l + w, t, b: t + h };
  };
  let seed = 7;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const pts = Array.from({ length: 78 }, (_, i) => ({
    x: rnd(),
    y: rnd(),
    label: `C${String(i).padStart(2, "0")}`,
  }));
  const pos = placeLabels(pts, { priority: ["C05"] });
  const xs = pts.map((p) => p.x),
    ys = pts.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const toPx = (p: { x: number; y: number }) => ({
    X: ((p.x - x0) / (x1 - x0)) * 700,
    Y: ((y1 - p.y) / (y1 - y0)) * 450,
  });
  const boxes = pts.flatMap((p, i) => (pos[i] ? [box(p, pos[i]!, toPx)] : []));
  for (let a = 0; a < boxes.length; a++)
    for (let b = a + 1; b < boxes.length; b++) {
      const A = boxes[a],
        B = boxes[b];
      assert.ok(
        !(A.l < B.r && B.l < A.r && A.t < B.b && B.t < A.b),
        `labels ${a} and ${b} overlap`,
      );
    }
  assert.ok(pos[5] !== null, "priority label placed");
  assert.ok(boxes.length > 10, `${boxes.length} labels placed`);
  // on a small canvas not all 78 fit: a subset is labelled, the rest only on hover
  const small = placeLabels(pts, { width: 200, height: 150 }).filter((p) => p !== null).length;
  assert.ok(small > 5 && small < 78, `${small} labels on a small canvas`);
  assert.equal(placeLabels(pts, { max: 5 }).filter((p) => p !== null).length, 5);
  // scatterLabels: every point keeps its label for hover
  const f = scatterLabels(pts);
  assert.equal((f.data[0].customdata as string[]).length, 78);
  assert.equal((f.data[0].text as string[]).filter((t) => t !== "").length, boxes.length);
});
