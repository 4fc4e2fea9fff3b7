/**
 * The notebooks, end to end: committed copies are clean, every notebook
 * executes headless (once per `npm test`: test/helpers/executedNotebooks.ts;
 * the Lab test opens the same executed copies) through Jupyter with the project-local tslab kernel
 * without a single error output and with its execution counts, saved
 * notebooks carry no plotly.js, and every HTML export renders in a real
 * headless Chromium (all charts drawn, no error shown, plotly.js once per
 * page, index.html lists the chapters), and every figure shows its data
 * (scripts/jupyter/chartGeometry.ts, drawn with the project's plotly.js). The Notebook 6 path
 * (loadPlotly({ inline: true }) under require.js) is checked on a small
 * generated notebook. Screenshots go to build/screenshots/.
 *
 * Jupyter: the same as `npm run replicate` (scripts/jupyter/env.ts; the
 * project venv is created on first use). Chromium: apt-get install chromium.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { checkHtmlInBrowser, plotlyOutputCount } from "../../scripts/jupyter/browserCheck";
import { checkFiguresInBrowser, formatGeometry, notebookFigures, uncaptionedFigures } from "../../scripts/jupyter/chartGeometry";
import { ensureJupyter } from "../../scripts/jupyter/env";
import { executedNotebooks } from "../helpers/executedNotebooks";
import { executeNotebook, formatRun, listNotebooks, outputCount, readNotebook, run, unnumberedCells, type RunResult } from "../../scripts/jupyter/execute";
import { chapterOf, exportHtml } from "../../scripts/jupyter/htmlExport";
import { jupyterEnv, KERNEL_DISPLAY_NAME, KERNEL_NAME } from "../../scripts/jupyter/kernel";
import { draftToNotebook } from "../../scripts/jupyter/makeNotebook";
import { checkPrerequisites, formatPrerequisites } from "../../scripts/jupyter/prereqs";

const notebooks = listNotebooks();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-nbtest-"));
let runs: RunResult[] = [];
let python = "";

test("the committed notebooks are cleared, in order, and name the local kernel", () => {
  assert.ok(notebooks.length >= 2, "at least 00-overview and 01-theory");
  assert.equal(path.basename(notebooks[0]), "00-overview.ipynb");
  for (const f of notebooks) {
    const nb = readNotebook(f);
    assert.equal(outputCount(nb), 0, `${path.basename(f)} has outputs: clear them before committing`);
    assert.equal((nb.metadata.kernelspec as { name: string }).name, KERNEL_NAME, path.basename(f));
    assert.equal((nb.metadata.kernelspec as { display_name: string }).display_name, KERNEL_DISPLAY_NAME, path.basename(f));
    assert.equal(nb.cells[0].cell_type, "markdown", `${path.basename(f)} starts with its learning goals`);
    assert.match(([] as string[]).concat(nb.cells[0].source).join(""), /Learning goals/, path.basename(f));
  }
});

test("every notebook executes headless (nbconvert --execute) without an error output", { timeout: 600_000 }, async () => {
  const missing = checkPrerequisites({ browser: true }).filter((p) => !p.ok);
  assert.equal(missing.length, 0, `missing prerequisites:\n${formatPrerequisites(missing)}`);
  python = (await ensureJupyter()).python;
  // executed once per npm test, shared with the Lab test (test/helpers/executedNotebooks.ts)
  runs = (await executedNotebooks(python)).results;
  const bad = runs.filter((r) => r.exitCode !== 0 || r.problems.length > 0);
  assert.equal(bad.length, 0, bad.map(formatRun).join("\n"));
  for (const r of runs) {
    const name = path.basename(r.notebook);
    const nb = readNotebook(r.output);
    assert.ok(outputCount(nb) > 0, `${name} produced no output at all`);
    assert.deepEqual(unnumberedCells(nb), [], `${name}: code cells without an execution count ("In [ ]:")`);
    const size = fs.statSync(r.output).size;
    assert.ok(!fs.readFileSync(r.output, "utf8").includes("inlined from node_modules/plotly.js"), `${name} carries plotly.js`);
    assert.ok(size < 1_000_000, `${name} is ${size} bytes: a saved notebook should hold figures, not plotly.js (4.6 MB)`);
  }
});

test("every HTML export renders in headless Chromium: all charts drawn, no error shown", { timeout: 600_000 }, async () => {
  assert.ok(runs.length === notebooks.length, "the execution test must run first");
  const executed = runs.map((r) => r.output);
  const html = await exportHtml(executed, path.join(work, "html"), { python });
  const checks = await checkHtmlInBrowser([...html, path.join(work, "html", "index.html")], path.join(REPO_ROOT, "build", "screenshots"));
  const index = checks.pop()!;
  assert.deepEqual(index.pageErrors, [], "index.html raised page errors");
  const indexHtml = fs.readFileSync(index.html, "utf8");
  let at = -1;
  for (const f of executed) {
    const { title, goals } = chapterOf(readNotebook(f), f);
    assert.ok(goals.length >= 2, `${path.basename(f)}: fewer than two learning goals parsed`);
    const link = `<a href="${path.basename(f).replace(/\.ipynb$/, ".html")}">`;
    assert.ok(indexHtml.indexOf(link) > at, `index.html lists ${path.basename(f)} in order`);
    at = indexHtml.indexOf(link);
    assert.ok(indexHtml.includes(title.replace(/&/g, "&amp;")), `index.html shows the title of ${path.basename(f)}`);
  }
  for (let i = 0; i < checks.length; i++) {
    const c = checks[i];
    const name = path.basename(c.html);
    const expected = plotlyOutputCount(readNotebook(executed[i]));
    assert.equal(c.charts, expected, `${name}: ${c.charts} chart divs in the page, ${expected} plotly outputs in the notebook`);
    assert.equal(c.rendered, c.charts, `${name}: only ${c.rendered} of ${c.charts} charts drew an SVG`);
    assert.deepEqual(c.errorOutputs, [], `${name} shows error output`);
    assert.deepEqual(c.pageErrors, [], `${name} raised page errors`);
    assert.deepEqual(c.blockedRequests, [], `${name} tried to load remote resources (other than MathJax)`);
    assert.ok(fs.statSync(c.screenshot).size > 10_000, `${name}: screenshot missing`);
    const page = fs.readFileSync(c.html, "utf8");
    assert.equal(page.split("inlined from node_modules/plotly.js-dist-min").length - 1, expected > 0 ? 1 : 0, `${name}: plotly.js once per page with charts`);
    const prompts = page.match(/In(?:\s|&nbsp;)*\[\d+\]/g) ?? [];
    assert.ok(prompts.length > 0 && !/In(?:\s|&nbsp;)*\[(?:\s|&nbsp;)*\]/.test(page), `${name}: execution counts shown as In [n]`);
  }
});

test("every figure of every executed notebook shows its data: axes filled, nothing clipped or under the toolbar", { timeout: 600_000 }, async () => {
  assert.ok(runs.length === notebooks.length, "the execution test must run first");
  const checks = await checkFiguresInBrowser(runs.flatMap((r) => notebookFigures(r.output)));
  assert.ok(checks.length >= 15, `only ${checks.length} figures found`);
  const bad = checks.filter((c) => c.problems.length > 0);
  assert.equal(bad.length, 0, `charts that do not show their data (scripts/jupyter/chartGeometry.ts):\n${formatGeometry(bad)}`);
  for (const r of runs) assert.deepEqual(uncaptionedFigures(readNotebook(r.output)), [], `${path.basename(r.notebook)}: figure cells without a "*What to see:*" caption line`);
});

test("a failed check(): an error under strict checks (tests, replicate); a note in a student's kernel, and the notebook goes on", { timeout: 300_000 }, async () => {
  assert.ok(python, "the execution test must run first");
  const draft = [
    "%%code",
    'import { check } from "./lib/seminar";',
    "%%code",
    'check(1 + 1 === 3, "one plus one is three");',
    "%%code",
    'console.log("after the claim");',
  ].join("\n");
  const src = path.join(work, "claims", "claims.ipynb");
  fs.mkdirSync(path.dirname(src), { recursive: true });
  fs.writeFileSync(src, JSON.stringify(draftToNotebook(draft)));
  // the two kernels start together (two cores; nothing else runs at this point of npm test)
  const [strict, student] = await Promise.all([
    executeNotebook(src, path.join(work, "claims", "strict"), { python }),
    executeNotebook(src, path.join(work, "claims", "student"), { python, strictChecks: false }),
  ]);
  assert.equal(strict.exitCode, 0, formatRun(strict));
  assert.equal(strict.problems.length, 1, formatRun(strict));
  assert.equal(strict.problems[0].cell, 2);
  assert.match(strict.problems[0].text, /claim no longer true: one plus one is three/);
  assert.deepEqual(student.problems, [], formatRun(student));
  const cells = readNotebook(student.output).cells;
  const text = (k: number): string => JSON.stringify(cells[k].outputs ?? []);
  assert.match(text(1), /this no longer matches the text above: one plus one is three/);
  assert.match(text(2), /after the claim/, "the next cell ran");
});

test("Notebook 6 path: loadPlotly({ inline: true }) draws the text/html fallback where require.js is loaded", { timeout: 300_000 }, async () => {
  assert.ok(python, "the execution test must run first");
  const draft = [
    "%%code",
    'import { loadPlotly, show } from "./lib/viz/plotly";',
    "loadPlotly({ inline: true });",
    "%%code",
    'show({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: "N6" } } });',
  ].join("\n");
  const src = path.join(work, "nb6", "nb6.ipynb");
  fs.mkdirSync(path.dirname(src), { recursive: true });
  fs.writeFileSync(src, JSON.stringify(draftToNotebook(draft)));
  const r = await executeNotebook(src, path.join(work, "nb6", "out"), { python });
  assert.equal(r.exitCode, 0, formatRun(r));
  assert.deepEqual(r.problems, []);
  // nbconvert's own HTML (no finishHtml): the charts depend on the inlined loader alone, as in Notebook 6
  const e = await run(python, ["-m", "nbconvert", "--to", "html", "--output-dir", path.join(work, "nb6"), r.output], jupyterEnv());
  assert.equal(e.code, 0, e.stderr);
  const [c] = await checkHtmlInBrowser([path.join(work, "nb6", "nb6.html")], path.join(work, "nb6"), { simulateRequireJs: true });
  assert.equal(c.charts, 1);
  assert.equal(c.rendered, 1, `the chart did not draw: ${c.pageErrors.join("; ")}`);
  assert.deepEqual(c.pageErrors, []);
  fs.rmSync(work, { recursive: true, force: true });
});
