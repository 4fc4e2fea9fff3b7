/**
 * The notebooks in a real JupyterLab (`npm run test:lab`; part of `npm test`).
 *
 * JupyterLab (the project's Jupyter, scripts/jupyter/env.ts level "lab") runs
 * on 127.0.0.1 with a free port and a random token (kernels with strict
 * checks); headless Chromium opens notebooks in it. In every check: no error
 * or stderr output, every code cell shows its count, every plotly output drew
 * its SVG, every chart as Lab draws it shows its data
 * (scripts/jupyter/chartGeometry.ts: axes filled, no text clipped, under the
 * toolbar or over the plot), and no news or update pop-up shows (the
 * project's Lab settings). A screenshot per notebook goes to build/lab/.
 *
 * 1. Every notebook as executed once per `npm test` by nbconvert (as
 *    `npm run replicate` does; test/helpers/executedNotebooks.ts, shared with
 *    test/notebooks/notebooks.test.ts) is opened without running anything,
 *    untrusted and with no kernel (JupyterLab's "Open With > Notebook (no
 *    kernel)", one Lab page for all; scripts/jupyter/labCheck.ts): no error
 *    or stderr output, every code cell shows its count (1, 2, ... in order),
 *    every plotly output draws its SVG from the saved JSON alone.
 * 2. One notebook runs in Lab itself (opened by its URL, so Lab starts its
 *    tslab kernel as for a student; "Run All Cells", then wait for idle):
 *    the same checks on what Lab computed. Running every
 *    notebook again in Lab would execute them a second time for little more
 *    (the execution counts that tslab returns are what nbconvert's copies
 *    carry: scripts/jupyter/execute.ts numberCells).
 *
 * Needs chromium (apt-get install chromium); the Jupyter is created on first
 * use like everywhere else.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { ensureJupyter } from "../../scripts/jupyter/env";
import { formatRun, listNotebooks } from "../../scripts/jupyter/execute";
import { KERNEL_NAME } from "../../scripts/jupyter/kernel";
import { executedNotebooks } from "../helpers/executedNotebooks";
import { startLab, type LabServer } from "../../scripts/jupyter/lab";
import {
  checkNotebooksInLab,
  formatLabCheck,
  labTestSettings,
  type LabNotebookCheck,
} from "../../scripts/jupyter/labCheck";
import { chromiumPath } from "../../scripts/jupyter/prereqs";

const shots = path.join(REPO_ROOT, "build", "lab");
/** The notebook that Run All executes in Lab itself (charts, a fit, a few seconds). */
const LAB_RUN_NOTEBOOK = "02";
const notebooks = listNotebooks().map((f) => path.relative(REPO_ROOT, f));
let server: LabServer | undefined;
let settings: { dir: string; args: string[] } | undefined;
let python = "";
const checkpoints = path.join(REPO_ROOT, "notebooks", ".ipynb_checkpoints");
const hadCheckpoints = fs.existsSync(checkpoints);

before(async () => {
  assert.ok(
    chromiumPath(),
    "chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)",
  );
  python = (await ensureJupyter({ level: "lab" })).python;
  fs.rmSync(shots, { recursive: true, force: true });
  settings = labTestSettings();
  server = await startLab({ python, rootDir: REPO_ROOT, extra: settings.args, strictChecks: true });
});

after(async () => {
  await server?.stop();
  if (!hadCheckpoints)
    assert.ok(!fs.existsSync(checkpoints), "the Lab test wrote checkpoints into notebooks/");
  if (settings) fs.rmSync(settings.dir, { recursive: true, force: true });
});

/** Fail naming each notebook and cell with a problem. */
function assertClean(
  checks: readonly LabNotebookCheck[],
  extra: { blockedRequests: string[]; pageErrors: string[] },
): void {
  const bad = checks.filter((c) => c.problems.length > 0);
  assert.equal(
    bad.length,
    0,
    `problems in JupyterLab:\n${bad.map(formatLabCheck).join("\n")}\n(screenshots in build/lab/)`,
  );
  assert.deepEqual(extra.blockedRequests, [], "JupyterLab tried to reach the internet");
  assert.deepEqual(extra.pageErrors, [], "uncaught errors in the JupyterLab page");
}

test(
  "the executed notebooks open in JupyterLab (untrusted, nothing run): no error output, counts 1..n, every chart drawn and showing its data",
  { timeout: 1_200_000 },
  async () => {
    assert.ok(server, "JupyterLab did not start");
    // executed once per npm test, shared with test/notebooks/notebooks.test.ts
    const { results } = await executedNotebooks(python);
    const bad = results.filter((r) => r.exitCode !== 0 || r.problems.length > 0);
    assert.equal(bad.length, 0, bad.map(formatRun).join("\n"));
    const saved = results.map((r) => path.relative(REPO_ROOT, r.output));
    const r = await checkNotebooksInLab(server, saved, {
      run: false,
      screenshotDir: shots,
      parallel: 2,
      onDone: (c) => console.log(formatLabCheck(c)),
    });
    assertClean(r.checks, r);
    for (const c of r.checks) {
      assert.deepEqual(
        c.counts,
        c.counts.map((_, i) => i + 1),
        `${c.notebook}: execution counts in Lab`,
      );
      assert.equal(
        c.rendered,
        c.plotlyOutputs,
        `${c.notebook}: ${c.rendered} of ${c.plotlyOutputs} charts drawn`,
      );
      assert.equal(c.kernel, null, `${c.notebook}: a kernel started for a saved notebook`);
      assert.equal(
        c.untrusted,
        true,
        `${c.notebook} was trusted: the check would not prove that untrusted charts show`,
      );
      assert.ok(
        fs.statSync(c.screenshot).size > 20_000,
        `${c.notebook}: screenshot ${c.screenshot} missing or blank`,
      );
      assert.equal(
        c.measured,
        c.rendered,
        `${c.notebook}: ${c.measured} of ${c.rendered} drawn charts measured`,
      );
    }
    assert.ok(
      r.checks.filter((c) => c.plotlyOutputs > 0).length >= notebooks.length - 2,
      "most notebooks show charts",
    );
  },
);

test(
  "a notebook runs in JupyterLab itself (Run All on a fresh kernel): no error output, counts 1..n, every chart drawn and showing its data",
  { timeout: 600_000 },
  async () => {
    assert.ok(server, "JupyterLab did not start");
    // one notebook with charts: the kernel, the import and the charts work in Lab; the others are checked from their executed copies above
    const one = notebooks.filter((f) => path.basename(f).startsWith(LAB_RUN_NOTEBOOK));
    assert.equal(one.length, 1, `no notebook ${LAB_RUN_NOTEBOOK}-*`);
    const r = await checkNotebooksInLab(server, one, {
      run: true,
      screenshotDir: shots,
      parallel: 1,
      onDone: (c) => console.log(formatLabCheck(c)),
    });
    assertClean(r.checks, r);
    const [c] = r.checks;
    assert.equal(c.kernel, KERNEL_NAME, `${c.notebook}: ran on ${c.kernel ?? "no kernel"}`);
    assert.deepEqual(
      c.counts,
      c.counts.map((_, i) => i + 1),
      `${c.notebook}: execution counts in Lab`,
    );
    assert.ok(
      c.plotlyOutputs > 0 && c.rendered === c.plotlyOutputs,
      `${c.notebook}: ${c.rendered} of ${c.plotlyOutputs} charts drawn`,
    );
    assert.equal(
      c.measured,
      c.rendered,
      `${c.notebook}: ${c.measured} of ${c.rendered} drawn charts measured`,
    );
  },
);
