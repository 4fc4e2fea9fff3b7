/**
 * chartGeometry: the rules on hand-made measurements (pure), then hand-made
 * figures drawn with the project's plotly.js in headless Chromium, each built
 * to break one rule (and its repaired twin that passes). Needs chromium.
 */
import { before, test } from "node:test";
import assert from "node:assert/strict";
import {
  checkFiguresInBrowser,
  judgeGeometry,
  problemsAtWidths,
  uncaptionedFigures,
  type ChartMeasure,
  type FigureCheck,
} from "../../scripts/jupyter/chartGeometry";
import { withDefaults, type Figure } from "../../lib/viz/plotly";

const inside = { left: 0, right: 0, top: 0, bottom: 0 };
const axis = (range: [number, number], data: [number, number] | null, points = 4, outside = 0) => ({
  name: "xaxis",
  type: "linear",
  range,
  data,
  points,
  outside,
});

test("judgeGeometry: fill is the covered share of the range (25% passes, below fails)", () => {
  const m = (data: [number, number]): ChartMeasure => ({
    width: 700,
    axes: [axis([0, 100], data)],
    texts: [],
  });
  assert.deepEqual(judgeGeometry(m([10, 35])), []); // 25/100
  const p = judgeGeometry(m([10, 34]));
  assert.equal(p.length, 1);
  assert.equal(p[0].rule, "fill");
  assert.match(p[0].text, /fill 24\.0% of the range 0\.\.100/);
  // only the part inside the range counts: 90..200 covers 10 of 100
  assert.match(judgeGeometry(m([90, 200]))[0].text, /fill 10\.0%/);
});

test("judgeGeometry: more than 5% of points outside fails; 1 of 20 passes", () => {
  const m = (outside: number): ChartMeasure => ({
    width: 700,
    axes: [axis([0, 1], [0, 1], 20, outside)],
    texts: [],
  });
  assert.deepEqual(judgeGeometry(m(1)), []);
  assert.deepEqual(
    judgeGeometry(m(2)).map((p) => p.rule),
    ["outside"],
  );
});

test("judgeGeometry: a text more than 1 px beyond the SVG is clipped; under the toolbar is reported", () => {
  const m: ChartMeasure = {
    width: 700,
    axes: [],
    texts: [
      {
        kind: "tick label",
        text: "ICTtrade_us",
        beyond: { ...inside, bottom: 14.2 },
        underToolbar: false,
      },
      { kind: "tick label", text: "ok", beyond: { ...inside, left: 0.8 }, underToolbar: false },
      { kind: "chart title", text: "A long title", beyond: inside, underToolbar: true },
    ],
  };
  assert.deepEqual(
    judgeGeometry(m).map((p) => `${p.rule}: ${p.text}`),
    [
      'clipped: tick label "ICTtrade_us" cut off: 14 px bottom beyond the figure',
      'toolbar: chart title "A long title" under the plotly toolbar',
    ],
  );
  assert.deepEqual(problemsAtWidths([m, { ...m, width: 1100 }]).slice(-1), [
    'toolbar: chart title "A long title" under the plotly toolbar [at 700, 1100 px]',
  ]);
});

test("uncaptionedFigures: a figure's cell must be followed by a one-line 'What to see' markdown cell", () => {
  const fig = { output_type: "display_data", data: { "application/vnd.plotly.v1+json": {} } };
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "code", source: "show(a)", outputs: [fig] },
      { cell_type: "markdown", source: ["*What to see:* the lines rise."] },
      { cell_type: "code", source: "show(b)", outputs: [fig] },
      { cell_type: "markdown", source: ["Some prose."] },
      { cell_type: "code", source: "show(c)", outputs: [fig] },
      { cell_type: "markdown", source: ["*What to see:* two\n", "lines."] },
      { cell_type: "code", source: "1 + 1", outputs: [] },
      { cell_type: "code", source: "show(d)", outputs: [fig] },
    ],
  };
  assert.deepEqual(uncaptionedFigures(nb), [3, 5, 8]);
});

// ---- drawn in Chromium --------------------------------------------------------

const years = ["2016", "2017", "2018", "2019"];
const line = (extra: Figure["layout"] = {}): Figure => ({
  data: [{ type: "scatter", mode: "lines", x: years, y: [1, 2, 3, 2] }],
  layout: { xaxis: { type: "category" }, title: { text: "short" }, ...extra },
});
const figures: Record<string, Figure> = {
  lineOk: line(),
  // the bug of the per-ally charts: "2019" on a category axis is category number 2019
  annotationAsIndex: line({
    annotations: [{ x: "2019", y: 2, xref: "x", yref: "y", text: "label", showarrow: false }],
  }),
  annotationAsCategory: line({
    annotations: [{ x: 3, y: 2, xref: "x", yref: "y", text: "label", showarrow: false }],
  }),
  zoomedOut: {
    data: [{ type: "scatter", mode: "markers", x: [1, 2, 3], y: [1, 2, 3] }],
    layout: { xaxis: { range: [0, 100] } },
  },
  zoomedIn: {
    data: [
      {
        type: "scatter",
        mode: "markers",
        x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        y: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      },
    ],
    layout: { xaxis: { range: [0.5, 8.5] } },
  },
  // bars count from their base: 0..6 in 0..100 is 6%; autorange shows 0..6
  barsSquashed: {
    data: [{ type: "bar", x: ["a", "b"], y: [5, 6] }],
    layout: { yaxis: { range: [0, 100] } },
  },
  barsOk: { data: [{ type: "bar", x: ["a", "b"], y: [5, 6] }], layout: {} },
  logOk: {
    data: [{ type: "scatter", mode: "markers", x: [1, 10, 100, 1000], y: [1, 2, 3, 4] }],
    layout: { xaxis: { type: "log" } },
  },
  dateOk: {
    data: [
      {
        type: "scatter",
        mode: "markers",
        x: ["2018-05-01", "2019-05-15", "2020-07-14"],
        y: ["a", "b", "c"],
      },
    ],
    layout: { xaxis: { type: "date" } },
  },
  rotatedCut: {
    data: [{ type: "bar", x: ["ICTtrade_us_long_name", "asym"], y: [1, 2] }],
    layout: { xaxis: { tickangle: -90 }, margin: { b: 20 } },
  },
  rotatedOk: {
    data: [{ type: "bar", x: ["ICTtrade_us_long_name", "asym"], y: [1, 2] }],
    layout: { xaxis: { tickangle: -90, automargin: true }, margin: { b: 20 } },
  },
  titleUnderToolbar: line({
    title: { text: "A chart title long enough to reach the plotly toolbar" },
  }),
  // plotly 3 anchors a multi-line title "bottom" by its first line: the second hangs over the data
  titleOverPlot: line({
    title: { text: "first line<br>second line", y: 1, yref: "paper", yanchor: "bottom" },
  }),
};
let checks: Record<string, FigureCheck> = {};

before(async () => {
  const names = Object.keys(figures);
  // as plotly draws them (the old defaults: fixed margins, no automargin), and through the project's withDefaults
  const raw = (f: Figure): Figure => ({
    ...f,
    layout: { height: 420, margin: { l: 60, r: 30, t: 50, b: 50 }, ...f.layout },
  });
  const r = await checkFiguresInBrowser([
    ...names.map((id) => ({ id, title: id, figure: raw(figures[id]) })),
    ...names.map((id) => ({ id: `${id}+defaults`, title: id, figure: withDefaults(figures[id]) })),
  ]);
  checks = Object.fromEntries(r.map((c) => [c.id, c]));
});

const rules = (id: string): string[] => [
  ...new Set(checks[id].problems.map((p) => p.split(":")[0])),
];

test("drawn: the category-number annotation fails the fill rule, the same label at category index 3 passes", () => {
  assert.deepEqual(checks.lineOk.problems, []);
  assert.deepEqual(checks.annotationAsCategory.problems, []);
  assert.deepEqual(rules("annotationAsIndex"), ["fill"]);
  const x = checks.annotationAsIndex.measures[0].axes.find((a) => a.name === "xaxis");
  assert.ok(x && x.range[1] > 2019, `the annotation stretched the range to ${String(x?.range)}`);
  assert.deepEqual(x.data, [-0.5, 3.5], "four category slots");
});

test("drawn: a fixed range too wide fails fill; one that leaves 2 of 10 points out fails outside", () => {
  assert.deepEqual(rules("zoomedOut"), ["fill"]);
  assert.deepEqual(rules("zoomedIn"), ["outside"]);
  assert.match(checks.zoomedIn.problems[0], /xaxis: 2 of 10 points outside/);
});

test("drawn: bars count from base to value; log and date axes are measured in their own coordinates", () => {
  assert.deepEqual(rules("barsSquashed"), ["fill"]);
  assert.match(checks.barsSquashed.problems[0], /data 0\.\.6 fill 6\.0%/);
  assert.deepEqual(checks.barsOk.problems, []);
  assert.deepEqual(checks.logOk.problems, []);
  const lx = checks.logOk.measures[0].axes.find((a) => a.name === "xaxis");
  assert.ok(
    lx && lx.data && Math.abs(lx.data[0]) < 1e-12 && Math.abs(lx.data[1] - 3) < 1e-12,
    "log10 of 1..1000",
  );
  assert.deepEqual(checks.dateOk.problems, []);
});

test("drawn: rotated tick labels cut off at the bottom fail, automargin makes room", () => {
  assert.deepEqual(rules("rotatedCut"), ["clipped"]);
  assert.match(
    checks.rotatedCut.problems[0],
    /tick label "ICTtrade_us_long_name" cut off: \d+ px bottom/,
  );
  assert.deepEqual(checks.rotatedOk.problems, []);
});

test("drawn: a long title under the toolbar, and a title hanging into the plot area, are reported", () => {
  assert.deepEqual(rules("titleUnderToolbar"), ["toolbar"]);
  assert.deepEqual(rules("titleOverPlot"), ["title over plot"]);
});

test("drawn: the project's withDefaults (wrapped title below the toolbar band, automargin) repairs the layout faults, not the data faults", () => {
  assert.deepEqual(checks["rotatedCut+defaults"].problems, []);
  assert.deepEqual(checks["titleUnderToolbar+defaults"].problems, []);
  assert.deepEqual(checks["titleOverPlot+defaults"].problems, []);
  for (const id of ["lineOk", "annotationAsCategory", "barsOk", "logOk", "dateOk", "rotatedOk"])
    assert.deepEqual(checks[`${id}+defaults`].problems, [], id);
  assert.deepEqual(rules("annotationAsIndex+defaults"), ["fill"]);
  assert.deepEqual(rules("barsSquashed+defaults"), ["fill"]);
});
