import { test } from "node:test";
import assert from "node:assert/strict";
import { cellProblems, formatLabCheck } from "../../scripts/jupyter/labCheck";
import { labArgs, OFFLINE_ARGS } from "../../scripts/jupyter/lab";

test("cellProblems names each cell with an error, stderr, no count, an undrawn chart, or a chart that hides its data", () => {
  const cells = [
    { i: 1, type: "markdown", trusted: false },
    {
      i: 2,
      type: "code",
      src: true,
      count: 1,
      outputs: [{ output_type: "stream", name: "stdout", text: "ok" }],
      plotly: 0,
      drawn: 0,
      trusted: false,
    },
    {
      i: 3,
      type: "code",
      src: true,
      count: 2,
      outputs: [{ output_type: "stream", name: "stderr", text: ["1:7 - Type ", "error"] }],
      plotly: 0,
      drawn: 0,
      trusted: false,
    },
    {
      i: 4,
      type: "code",
      src: true,
      count: null,
      outputs: [{ output_type: "error", ename: "TypeError", evalue: "x is undefined" }],
      trusted: false,
    },
    { i: 5, type: "code", src: true, count: 4, outputs: [], plotly: 2, drawn: 1, trusted: false },
    { i: 6, type: "code", src: false, count: null, outputs: [], trusted: false },
    {
      i: 7,
      type: "code",
      src: true,
      count: 5,
      outputs: [],
      plotly: 1,
      drawn: 1,
      trusted: false,
      // the per-ally chart of the annotation bug, as Lab drew it: 4 year slots in a range of 2267
      geometry: [
        {
          width: 1000,
          axes: [
            {
              name: "xaxis",
              type: "category",
              range: [-125, 2142] as [number, number],
              data: [-0.5, 3.5] as [number, number],
              points: 4,
              outside: 0,
            },
          ],
          texts: [],
        },
      ],
    },
  ];
  const p = cellProblems(cells, true);
  assert.deepEqual(p, [
    { cell: 3, kind: "stderr", text: "1:7 - Type error" },
    { cell: 4, kind: "error", text: "TypeError: x is undefined" },
    { cell: 4, kind: "no execution count", text: "the cell did not run" },
    { cell: 5, kind: "chart not drawn", text: "1 of 2 plotly outputs drew an SVG" },
    {
      cell: 7,
      kind: "chart geometry",
      text: "fill: xaxis (category): data -0.5..3.5 fill 0.2% of the range -125..2142 (at least 25%) [at 1000 px]",
    },
  ]);
  const line = formatLabCheck({
    notebook: "notebooks/02-power.ipynb",
    ran: true,
    kernel: "tslab-alliance",
    counts: [],
    plotlyOutputs: 2,
    rendered: 1,
    measured: 1,
    untrusted: true,
    problems: p,
    screenshot: "",
    ms: 1500,
  });
  assert.match(
    line,
    /^FAIL {2}notebooks\/02-power\.ipynb \(1\.5 s; kernel tslab-alliance; 1\/2 charts drawn, 1 measured\)\n {4}cell 3: stderr: 1:7 - Type error/,
  );
  // a drawn chart the page could not measure is a problem, not a pass
  const unmeasured = cellProblems(
    [
      {
        i: 1,
        type: "code",
        src: true,
        count: 1,
        outputs: [],
        plotly: 1,
        drawn: 1,
        trusted: false,
        geometry: [{ width: 900 }],
      },
    ],
    true,
  );
  assert.deepEqual(
    unmeasured.map((q) => q.text),
    ["the chart could not be measured (no plotly layout on the element)"],
  );
});

test("labArgs: python -m jupyterlab on the root folder, offline, --allow-root only as root", () => {
  assert.deepEqual(labArgs("/r/notebooks", ["--no-browser"], false), [
    "-m",
    "jupyterlab",
    "--ServerApp.root_dir=/r/notebooks",
    ...OFFLINE_ARGS,
    "--no-browser",
  ]);
  assert.equal(labArgs("/r", [], true).at(-1), "--allow-root");
  assert.ok(OFFLINE_ARGS.includes("--LabApp.news_url=None"));
});
