/**
 * The notebooks in a real JupyterLab (`npm run test:lab`; part of `npm test`).
 *
 * JupyterLab (the project's Jupyter, scripts/jupyter/env.ts level "lab") runs
 * on 127.0.0.1 with a free port and a random token; headless Chromium opens
 * every notebook of notebooks/, runs "Run All Cells" and waits for the kernel
 * to be idle. Then: no error or stderr output, every code cell has its
 * execution count (1, 2, ... in order, as tslab returns them), every plotly
 * output drew its SVG. A screenshot per notebook goes to build/lab/.
 *
 * Then one executed notebook in build/notebooks/ (executed by nbconvert, as
 * `npm run replicate` does, and never trusted) is opened without running
 * anything: its charts must show from the saved plotly JSON alone.
 *
 * Needs chromium (apt-get install chromium); the Jupyter is created on first
 * use like everywhere else.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/dataRoot";
import { ensureJupyter } from "../../scripts/jupyter/env";
import { executeNotebook, formatRun, listNotebooks, numberCells, readNotebook } from "../../scripts/jupyter/execute";
import { startLab, type LabServer } from "../../scripts/jupyter/lab";
import { checkNotebooksInLab, formatLabCheck, labTestSettings, type LabNotebookCheck } from "../../scripts/jupyter/labCheck";
import { chromiumPath } from "../../scripts/jupyter/prereqs";

const shots = path.join(REPO_ROOT, "build", "lab");
const notebooks = listNotebooks().map((f) => path.relative(REPO_ROOT, f));
let server: LabServer | undefined;
let settings: { dir: string; args: string[] } | undefined;
let python = "";
const checkpoints = path.join(REPO_ROOT, "notebooks", ".ipynb_checkpoints");
const hadCheckpoints = fs.existsSync(checkpoints);

before(async () => {
  assert.ok(chromiumPath(), "chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  python = (await ensureJupyter({ level: "lab" })).python;
  fs.rmSync(shots, { recursive: true, force: true });
  settings = labTestSettings();
  server = await startLab({ python, rootDir: REPO_ROOT, extra: settings.args, strictChecks: true });
});

after(async () => {
  await server?.stop();
  if (!hadCheckpoints) assert.ok(!fs.existsSync(checkpoints), "the Lab test wrote checkpoints into notebooks/");
  if (settings) fs.rmSync(settings.dir, { recursive: true, force: true });
});

/** Fail naming each notebook and cell with a problem. */
function assertClean(checks: readonly LabNotebookCheck[], extra: { blockedRequests: string[]; pageErrors: string[] }): void {
  const bad = checks.filter((c) => c.problems.length > 0);
  assert.equal(bad.length, 0, `problems in JupyterLab:\n${bad.map(formatLabCheck).join("\n")}\n(screenshots in build/lab/)`);
  assert.deepEqual(extra.blockedRequests, [], "JupyterLab tried to reach the internet");
  assert.deepEqual(extra.pageErrors, [], "uncaught errors in the JupyterLab page");
}

test("every notebook runs in JupyterLab (Run All): no error output, counts 1..n, every chart drawn", { timeout: 1_200_000 }, async () => {
  assert.ok(server, "JupyterLab did not start");
  const r = await checkNotebooksInLab(server, notebooks, { run: true, screenshotDir: shots, parallel: 2, onDone: (c) => console.log(formatLabCheck(c)) });
  assertClean(r.checks, r);
  for (const c of r.checks) {
    assert.deepEqual(c.counts, c.counts.map((_, i) => i + 1), `${c.notebook}: execution counts in Lab`);
    assert.ok(fs.statSync(c.screenshot).size > 20_000, `${c.notebook}: screenshot ${c.screenshot} missing or blank`);
  }
  // the notebooks that draw charts in the HTML export draw them in Lab too
  assert.ok(r.checks.filter((c) => c.plotlyOutputs > 0).length >= notebooks.length - 2, "most notebooks show charts");
});

test("an executed notebook from build/notebooks/ shows its charts in Lab without running anything (untrusted)", { timeout: 600_000 }, async () => {
  assert.ok(server, "JupyterLab did not start");
  const source = listNotebooks().find((f) => path.basename(f).startsWith("01-"))!;
  const run = await executeNotebook(source, path.join(REPO_ROOT, "build", "notebooks"), { python });
  assert.equal(run.exitCode, 0, formatRun(run));
  const saved = readNotebook(run.output);
  const expectedCounts = numberCells(saved).cells.filter((c) => c.cell_type === "code" && typeof c.execution_count === "number").map((c) => c.execution_count);
  const r = await checkNotebooksInLab(server, [path.relative(REPO_ROOT, run.output)], { run: false, screenshotDir: shots, parallel: 1 });
  assertClean(r.checks, r);
  const [c] = r.checks;
  assert.ok(c.plotlyOutputs > 0, `${c.notebook} has no plotly output to show`);
  assert.equal(c.rendered, c.plotlyOutputs, `${c.notebook}: ${c.rendered} of ${c.plotlyOutputs} charts drawn`);
  assert.equal(c.untrusted, true, `${c.notebook} was trusted: the check would not prove that untrusted charts show`);
  assert.deepEqual(c.counts, expectedCounts, "the saved execution counts are shown");
});
