import { test } from "node:test";
import assert from "node:assert/strict";
import {
  checksEnv,
  notebookProblems,
  numberCells,
  outputCount,
  unnumberedCells,
  type NbJson,
} from "../../scripts/jupyter/execute";
import { draftToNotebook } from "../../scripts/jupyter/makeNotebook";
import { plotlyOutputCount } from "../../scripts/jupyter/browserCheck";

const nb = (outputs: unknown[][]): NbJson => ({
  cells: outputs.map((o) => ({ cell_type: "code", source: "x", outputs: o as never })),
  metadata: {},
  nbformat: 4,
  nbformat_minor: 4,
});

test("notebookProblems reports error outputs and stderr streams with their cell, and nothing else", () => {
  const problems = notebookProblems(
    nb([
      [{ output_type: "stream", name: "stdout", text: "26\n" }],
      [
        {
          output_type: "stream",
          name: "stderr",
          text: ["1:7 - Type 'string' is not ", "assignable to type 'number'.\n"],
        },
      ],
      [{ output_type: "error", ename: "Error", evalue: "boom", traceback: ["at x"] }],
      [{ output_type: "display_data", data: { "text/plain": "ok" } }],
    ]),
  );
  assert.deepEqual(problems, [
    { cell: 2, kind: "stderr", text: "1:7 - Type 'string' is not assignable to type 'number'." },
    { cell: 3, kind: "error", text: "Error: boom\nat x" },
  ]);
});

test("outputCount and plotlyOutputCount count what they say", () => {
  const n = nb([
    [
      {
        output_type: "display_data",
        data: { "application/vnd.plotly.v1+json": {}, "text/html": "" },
      },
      { output_type: "stream", name: "stdout", text: "" },
    ],
    [],
  ]);
  assert.equal(outputCount(n), 2);
  assert.equal(plotlyOutputCount(n), 1);
});

test("draftToNotebook splits cells at %%md / %%code, trims blank edges, clears outputs", () => {
  const out = draftToNotebook("%%md\n# T\n\ntext\n%%code\n\nconst a = 1;\na\n\n");
  assert.equal(out.cells.length, 2);
  assert.deepEqual(out.cells[0].source, ["# T\n", "\n", "text"]);
  assert.deepEqual(out.cells[1].source, ["const a = 1;\n", "a"]);
  assert.deepEqual(out.cells[1].outputs, []);
  assert.equal((out.metadata.kernelspec as { name: string }).name, "tslab-alliance");
  assert.equal(
    (out.metadata.kernelspec as { display_name: string }).display_name,
    "TypeScript (alliance)",
  );
  assert.throws(() => draftToNotebook("stray\n%%md\nx"));
});

test("numberCells numbers code cells with source 1, 2, ... as nbclient does; unnumberedCells finds the rest", () => {
  const n: NbJson = {
    cells: [
      { cell_type: "markdown", source: "# t" },
      { cell_type: "code", source: "a", outputs: [], execution_count: null },
      { cell_type: "code", source: ["  \n"], outputs: [], execution_count: null },
      { cell_type: "code", source: ["b", "c"], outputs: [], execution_count: null },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 4,
  };
  assert.deepEqual(unnumberedCells(n), [2, 4]);
  const numbered = numberCells(n);
  assert.deepEqual(
    numbered.cells.map((c) => c.execution_count),
    [undefined, 1, null, 2],
  );
  assert.deepEqual(unnumberedCells(numbered), []);
  assert.equal(n.cells[1].execution_count, null, "the input is not changed");
});

test("checksEnv: strict kernels get ALLIANCE_STRICT_CHECKS=1, lenient ones lose it; the rest of the environment is kept", () => {
  assert.deepEqual(checksEnv({ A: "x" }), { A: "x", ALLIANCE_STRICT_CHECKS: "1" });
  assert.deepEqual(checksEnv({ A: "x", ALLIANCE_STRICT_CHECKS: "1" }, false), { A: "x" });
});
