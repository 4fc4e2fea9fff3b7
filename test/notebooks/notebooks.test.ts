/**
 * The notebooks, end to end: committed copies are clean, every notebook
 * executes headless through Jupyter with the project-local tslab kernel
 * without a single error output, and every HTML export renders in a real
 * headless Chromium (all charts drawn, no error shown). Screenshots go to
 * build/screenshots/.
 *
 * Needs Jupyter (nbconvert, nbclient) and chromium: see DEVELOPERS.md;
 * .ci/run installs them.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/dataRoot";
import { checkHtmlInBrowser, plotlyOutputCount } from "../../scripts/jupyter/browserCheck";
import { executeNotebooks, exportHtml, formatRun, listNotebooks, outputCount, readNotebook, type RunResult } from "../../scripts/jupyter/execute";
import { KERNEL_NAME } from "../../scripts/jupyter/kernel";
import { checkPrerequisites, formatPrerequisites } from "../../scripts/jupyter/prereqs";

const notebooks = listNotebooks();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-nbtest-"));
let runs: RunResult[] = [];

test("the committed notebooks are cleared, in order, and name the local kernel", () => {
  assert.ok(notebooks.length >= 2, "at least 00-overview and 01-theory");
  assert.equal(path.basename(notebooks[0]), "00-overview.ipynb");
  for (const f of notebooks) {
    const nb = readNotebook(f);
    assert.equal(outputCount(nb), 0, `${path.basename(f)} has outputs: clear them before committing`);
    assert.equal((nb.metadata.kernelspec as { name: string }).name, KERNEL_NAME, path.basename(f));
    assert.equal(nb.cells[0].cell_type, "markdown", `${path.basename(f)} starts with its learning goals`);
    assert.match(([] as string[]).concat(nb.cells[0].source).join(""), /Learning goals/, path.basename(f));
  }
});

test("every notebook executes headless (nbconvert --execute) without an error output", { timeout: 600_000 }, async () => {
  const missing = checkPrerequisites({ browser: true }).filter((p) => !p.ok);
  assert.equal(missing.length, 0, `missing prerequisites:\n${formatPrerequisites(missing)}`);
  runs = await executeNotebooks(notebooks, path.join(work, "notebooks"), { parallel: 2 });
  const bad = runs.filter((r) => r.exitCode !== 0 || r.problems.length > 0);
  assert.equal(bad.length, 0, bad.map(formatRun).join("\n"));
  for (const r of runs) assert.ok(outputCount(readNotebook(r.output)) > 0, `${path.basename(r.notebook)} produced no output at all`);
});

test("every HTML export renders in headless Chromium: all charts drawn, no error shown", { timeout: 600_000 }, async () => {
  assert.ok(runs.length === notebooks.length, "the execution test must run first");
  const executed = runs.map((r) => r.output);
  const html = await exportHtml(executed, path.join(work, "html"));
  const checks = await checkHtmlInBrowser(html, path.join(REPO_ROOT, "build", "screenshots"));
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    const name = path.basename(c.html);
    const expected = plotlyOutputCount(readNotebook(executed[i]));
    assert.equal(c.charts, expected, `${name}: ${c.charts} chart divs in the page, ${expected} plotly outputs in the notebook`);
    assert.equal(c.rendered, c.charts, `${name}: only ${c.rendered} of ${c.charts} charts drew an SVG`);
    assert.deepEqual(c.errorOutputs, [], `${name} shows error output`);
    assert.deepEqual(c.pageErrors, [], `${name} raised page errors`);
    assert.deepEqual(c.blockedRequests, [], `${name} tried to load remote resources`);
    assert.ok(fs.statSync(c.screenshot).size > 10_000, `${name}: screenshot missing`);
  }
  fs.rmSync(work, { recursive: true, force: true });
});
