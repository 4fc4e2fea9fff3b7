/**
 * The exercise solutions (notebooks/solutions/NN-name.md) still run.
 *
 * For every notebook with a solutions file, one TypeScript program is built
 * in build/solutions-check/NN-name.ts (build/ is git-ignored) by
 * test/helpers/solutionPrograms.ts: the notebook's code cells in order, then
 * the ```ts blocks of the solution in order. All `import` lines are hoisted to
 * the top (named imports merged per module) and the rest is wrapped in
 * `async function main()`, so top-level `await` of a cell works. Display
 * helpers print their plain-text part outside a kernel
 * (lib/display.ts), and loadPlotly()/show() go through them too; the
 * program routes them to a sink that swallows them, so the only output left is
 * what a failing block writes.
 *
 * Each program runs with `node --import tsx` from the repository root: the
 * test fails when it exits non-zero or writes anything to stderr. tsx does
 * not type-check, so the programs are also checked with `tsc --noEmit` under
 * the repository's compiler options.
 *
 * What tslab allows and a plain program does not: a later cell may redeclare
 * a `const` of an earlier cell. Solution blocks therefore use fresh names.
 *
 * It runs nine notebooks' worth of code: about 20 s in all on the
 * development machine (2 cores), most of it the tsc check.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { listNotebooks } from "../../scripts/jupyter/execute";
import { OUT_DIR, SOLUTIONS_DIR, tsBlocks, writePrograms } from "../helpers/solutionPrograms";

const notebooks = listNotebooks();
const programs = writePrograms();

test("every notebook has a solutions file with at least one ts block", () => {
  assert.equal(programs.length, notebooks.length);
  for (const nb of notebooks) {
    const md = fs.readFileSync(path.join(SOLUTIONS_DIR, path.basename(nb, ".ipynb") + ".md"), "utf8");
    assert.ok(tsBlocks(md).length > 0, path.basename(nb));
  }
});

test("the generated programs type-check (tsc --noEmit, repository options)", { timeout: 300_000 }, () => {
  const tsconfig = path.join(OUT_DIR, "tsconfig.json");
  fs.writeFileSync(tsconfig, JSON.stringify({ extends: "../../tsconfig.json", include: programs.map((p) => path.basename(p)) }, null, 2));
  const r = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "-p", tsconfig], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    timeout: 240_000,
  });
  assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
});

for (const program of programs) {
  test(`${path.basename(program, ".ts")}: notebook cells + solution blocks run without error`, { timeout: 180_000 }, () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", program], {
      cwd: REPO_ROOT,
      // every claim of the notebook and its solutions is enforced (lib/notebook/check.ts)
      env: { ...process.env, ALLIANCE_STRICT_CHECKS: "1" },
      encoding: "utf8",
      timeout: 150_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(r.error, undefined, `${program}: ${String(r.error)}`);
    assert.equal(r.status, 0, `${program} exited with ${String(r.status)} (signal ${String(r.signal)}):\n${r.stderr}`);
    assert.equal(r.stderr.trim(), "", `${program} wrote to stderr:\n${r.stderr}`);
  });
}
