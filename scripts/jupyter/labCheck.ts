/**
 * Drive a real JupyterLab in headless Chromium (playwright-core with the
 * system's chromium, flags of DEVELOPERS.md, fresh user-data-dir) and report,
 * per notebook, what a reader sees: execution counts, error and stderr
 * outputs, whether every plotly output drew its SVG (`.main-svg`), the
 * geometry of every drawn chart as Lab draws it (scripts/jupyter/chartGeometry.ts:
 * data fill their axes, no text clipped or under the toolbar), and whether a
 * news or update pop-up shows (the project's Lab settings turn them off).
 *
 * The server is scripts/jupyter/lab.ts `startLab()`; it is started with
 * `--LabApp.expose_app_in_browser=True`, so the page's `window.jupyterapp`
 * gives the notebook model (cells, outputs, counts) and the command
 * `notebook:run-all-cells`, the same command as the Run menu's "Run All
 * Cells". Notebook windowing is switched off (settings in a temporary
 * folder) so that every cell is in the page and every chart can draw;
 * autosave is off and checkpoints go to that folder, so the notebooks on
 * disk are never written.
 *
 * Every request of the page to anything but the Lab server is aborted and
 * recorded: the check also proves that Lab works offline.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLOTLY_MIME } from "../../lib/viz/plotly";
import { CHROMIUM_FLAGS } from "./browserCheck";
import { GEOMETRY_PAGE_LIB, judgeGeometry, type ChartMeasure } from "./chartGeometry";
import { writeLabSettings } from "./kernel";
import type { LabServer } from "./lab";
import { chromiumPath } from "./prereqs";

export interface LabCellProblem {
  /** 1-based index among all cells (as notebookProblems counts). */
  cell: number;
  kind: "error" | "stderr" | "no execution count" | "chart not drawn" | "chart geometry" | "pop-up";
  text: string;
}

export interface LabNotebookCheck {
  /** Path relative to the Lab root. */
  notebook: string;
  ran: boolean;
  /**
   * Name of the kernel the notebook was connected to when checked; null when
   * it had none (saved notebooks are opened without one).
   */
  kernel: string | null;
  /** Execution count of each code cell with source, in order. */
  counts: (number | null)[];
  plotlyOutputs: number;
  /** Plotly outputs whose SVG is in the page. */
  rendered: number;
  /** Drawn charts whose geometry was measured (chartGeometry.ts). */
  measured: number;
  /** False if any cell of the notebook model is trusted. */
  untrusted: boolean;
  problems: LabCellProblem[];
  screenshot: string;
  ms: number;
}

/** Lab settings and workspaces for a test run: a temporary folder with windowing off. */
export function labTestSettings(): { dir: string; args: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-lab-"));
  const settings = path.join(dir, "settings");
  const tracker = path.join(settings, "@jupyterlab", "notebook-extension");
  fs.mkdirSync(tracker, { recursive: true });
  fs.writeFileSync(
    path.join(tracker, "tracker.jupyterlab-settings"),
    JSON.stringify({ windowingMode: "none" }),
  );
  // the project's own settings (no news pop-up over the screenshots, no update check)
  writeLabSettings(settings);
  // never write the notebooks: no autosave; checkpoints go to the temporary folder, not notebooks/.ipynb_checkpoints
  const docmanager = path.join(settings, "@jupyterlab", "docmanager-extension");
  fs.mkdirSync(docmanager, { recursive: true });
  fs.writeFileSync(
    path.join(docmanager, "plugin.jupyterlab-settings"),
    JSON.stringify({ autosave: false }),
  );
  fs.mkdirSync(path.join(dir, "workspaces"));
  return {
    dir,
    args: [
      `--LabApp.user_settings_dir=${settings}`,
      `--LabApp.workspaces_dir=${path.join(dir, "workspaces")}`,
      `--FileCheckpoints.checkpoint_dir=${path.join(dir, "checkpoints")}`,
      "--LabApp.expose_app_in_browser=True",
    ],
  };
}

/** Browser-side helpers (a string: this module is compiled without the DOM library). */
const PAGE_LIB = `
window.__alliance = {
  panel(rel) {
    const app = window.jupyterapp;
    if (!app) return undefined;
    return Array.from(app.shell.widgets("main")).find((w) => w.context && w.context.path === rel && w.content && w.content.widgets);
  },
  ready(rel) {
    const p = this.panel(rel);
    if (!p || !p.context.isReady || !p.sessionContext.isReady) return false;
    const k = p.sessionContext.session && p.sessionContext.session.kernel;
    return !!k && k.status === "idle";
  },
  /** Opened with no kernel: the document is loaded and its session context settled on none. */
  readyNoKernel(rel) {
    const p = this.panel(rel);
    return !!p && p.context.isReady && p.sessionContext.isReady;
  },
  /** "Open With > Notebook (no kernel)" of JupyterLab 4 (jupyterlab#17798): docmanager:open with a kernel preference. */
  openNoKernel(rel) {
    return window.jupyterapp.commands
      .execute("docmanager:open", { path: rel, factory: "Notebook", kernelPreference: { shouldStart: false, shouldReuse: false } })
      .then(() => true);
  },
  /** Close a checked notebook without a dialog (nothing was changed; autosave is off). */
  close(rel) {
    const p = this.panel(rel);
    if (p) p.dispose();
    return true;
  },
  report(rel, plotlyMime) {
    const p = this.panel(rel);
    const cells = p.content.widgets.map((c, i) => {
      const m = c.model;
      const src = m.sharedModel.getSource();
      if (m.type !== "code") return { i: i + 1, type: m.type, trusted: !!m.trusted };
      const outputs = m.outputs.toJSON();
      const plotly = outputs.filter((o) => o.data && plotlyMime in o.data).length;
      const plots = Array.from(c.node.querySelectorAll(".js-plotly-plot")).filter((d) => d.querySelector(".main-svg"));
      const geometry = plots.map((d) => Object.assign({ width: Math.round(d.getBoundingClientRect().width) }, window.__chartGeometry(d)));
      return { i: i + 1, type: "code", src: src.trim().length > 0, count: m.executionCount, outputs, plotly, drawn: plots.length, geometry, trusted: !!m.trusted };
    });
    const toasts = Array.from(document.querySelectorAll(".Toastify__toast")).map((t) => (t.textContent || "").trim());
    const k = p.sessionContext.session && p.sessionContext.session.kernel;
    return { cells, toasts, kernel: k ? k.status : "none", kernelName: k ? k.name : null };
  },
  firstChart(rel) {
    const p = this.panel(rel);
    const el = p && p.node.querySelector(".js-plotly-plot");
    if (el) el.scrollIntoView({ block: "center" });
    return !!el;
  },
};
`;

interface PageCell {
  i: number;
  type: string;
  src?: boolean;
  count?: number | null;
  outputs?: {
    output_type: string;
    name?: string;
    text?: string | string[];
    ename?: string;
    evalue?: string;
    data?: Record<string, unknown>;
  }[];
  plotly?: number;
  drawn?: number;
  /** Measured geometry of each drawn chart (chartGeometry.ts); axes and texts are missing when the element had no plotly layout. */
  geometry?: (Partial<ChartMeasure> & { width: number })[];
  trusted: boolean;
}

const joinText = (t: string | string[] | undefined): string =>
  Array.isArray(t) ? t.join("") : (t ?? "");

/** Problems in one page report: errors, stderr, missing counts, undrawn charts. */
export function cellProblems(cells: readonly PageCell[], ran: boolean): LabCellProblem[] {
  const out: LabCellProblem[] = [];
  for (const c of cells) {
    if (c.type !== "code") continue;
    for (const o of c.outputs ?? []) {
      if (o.output_type === "error")
        out.push({ cell: c.i, kind: "error", text: `${o.ename ?? ""}: ${o.evalue ?? ""}` });
      else if (o.output_type === "stream" && o.name === "stderr")
        out.push({ cell: c.i, kind: "stderr", text: joinText(o.text).trim().slice(0, 500) });
    }
    if (c.src && typeof c.count !== "number")
      out.push({
        cell: c.i,
        kind: "no execution count",
        text: ran ? "the cell did not run" : "the saved notebook has no count",
      });
    if ((c.drawn ?? 0) < (c.plotly ?? 0))
      out.push({
        cell: c.i,
        kind: "chart not drawn",
        text: `${c.drawn ?? 0} of ${c.plotly ?? 0} plotly outputs drew an SVG`,
      });
    for (const g of c.geometry ?? []) {
      if (!Array.isArray(g.axes) || !Array.isArray(g.texts)) {
        out.push({
          cell: c.i,
          kind: "chart geometry",
          text: "the chart could not be measured (no plotly layout on the element)",
        });
        continue;
      }
      for (const p of judgeGeometry({ width: g.width, axes: g.axes, texts: g.texts }))
        out.push({
          cell: c.i,
          kind: "chart geometry",
          text: `${p.rule}: ${p.text} [at ${g.width} px]`,
        });
    }
  }
  return out;
}

type Page = import("playwright-core").Page;
type CheckOpts = {
  run: boolean;
  screenshotDir: string;
  parallel?: number;
  timeoutMs?: number;
  onDone?: (c: LabNotebookCheck) => void;
};

const js = (v: unknown): string => JSON.stringify(v);

/**
 * Wait for the charts of an opened notebook to draw, report what the page
 * shows and take the screenshot (scrolled to the first chart).
 */
async function inspectNotebook(
  page: Page,
  rel: string,
  opts: CheckOpts,
  t0: number,
): Promise<LabNotebookCheck> {
  // charts draw asynchronously after their output arrives
  await page
    .waitForFunction(
      `window.__alliance.report(${js(rel)}, ${js(PLOTLY_MIME)}).cells.every((c) => (c.drawn || 0) >= (c.plotly || 0))`,
      undefined,
      { timeout: 30_000, polling: 250 },
    )
    .catch(() => undefined); // reported below, per cell
  const r = await page.evaluate<{ cells: PageCell[]; toasts: string[]; kernelName: string | null }>(
    `window.__alliance.report(${js(rel)}, ${js(PLOTLY_MIME)})`,
  );
  const popups = r.toasts
    .filter((t) => /news|update/i.test(t))
    .map((t) => ({ cell: 0, kind: "pop-up" as const, text: t.slice(0, 200) }));
  const code = r.cells.filter((c) => c.type === "code");
  await page.evaluate(`window.__alliance.firstChart(${js(rel)})`);
  await page.waitForTimeout(500);
  const screenshot = path.join(
    opts.screenshotDir,
    `${path.basename(rel, ".ipynb")}${opts.run ? "" : "-saved"}.png`,
  );
  await page.screenshot({ path: screenshot });
  return {
    notebook: rel,
    ran: opts.run,
    kernel: r.kernelName,
    counts: code.filter((c) => c.src).map((c) => (typeof c.count === "number" ? c.count : null)),
    plotlyOutputs: code.reduce((n, c) => n + (c.plotly ?? 0), 0),
    rendered: code.reduce((n, c) => n + Math.min(c.drawn ?? 0, c.plotly ?? 0), 0),
    measured: code.reduce(
      (n, c) =>
        n + (c.geometry ?? []).filter((g) => Array.isArray(g.axes) && g.axes.length > 0).length,
      0,
    ),
    untrusted: r.cells.every((c) => !c.trusted),
    problems: [...popups, ...cellProblems(r.cells, opts.run)],
    screenshot,
    ms: Date.now() - t0,
  };
}

/** The check of a notebook the page did not get through (screenshot of where it stopped). */
async function failedCheck(
  page: Page,
  rel: string,
  opts: CheckOpts,
  e: unknown,
  t0: number,
): Promise<LabNotebookCheck> {
  const screenshot = path.join(opts.screenshotDir, `${path.basename(rel, ".ipynb")}-FAILED.png`);
  await page.screenshot({ path: screenshot }).catch(() => undefined);
  return {
    notebook: rel,
    ran: opts.run,
    kernel: null,
    counts: [],
    plotlyOutputs: 0,
    rendered: 0,
    measured: 0,
    untrusted: true,
    problems: [
      {
        cell: 0,
        kind: "error",
        text: `the page did not get there: ${(e as Error).message.split("\n")[0]} (screenshot ${screenshot})`,
      },
    ],
    screenshot,
    ms: Date.now() - t0,
  };
}

/**
 * Check notebooks (paths relative to the Lab root) in JupyterLab and report;
 * one screenshot per notebook in `screenshotDir`, `parallel` pages at a time
 * (default 2).
 *
 * - `run: true`: each notebook in a fresh page opened by its URL
 *   (`lab/tree/<path>`), so Lab starts the notebook's own kernel as it does
 *   for a student; then "Run All Cells", and wait for the kernel to be idle
 *   with every cell counted. The kernel is shut down after the check.
 * - `run: false` (saved notebooks, nothing run): each page loads Lab once and
 *   opens its notebooks one after another with JupyterLab 4's
 *   "Open With > Notebook (no kernel)" (`docmanager:open` with the kernel
 *   preference `{ shouldStart: false, shouldReuse: false }`, jupyterlab#17798),
 *   closing each after its check. No kernel starts (each check records the
 *   kernel it saw: none), so what Lab shows comes from the saved file alone;
 *   starting a tslab kernel only to open a notebook cost most of the ~12 s
 *   per notebook, and loading Lab again per notebook most of the rest.
 */
export async function checkNotebooksInLab(
  server: LabServer,
  notebooks: readonly string[],
  opts: CheckOpts,
): Promise<{ checks: LabNotebookCheck[]; blockedRequests: string[]; pageErrors: string[] }> {
  const exe = chromiumPath();
  if (!exe)
    throw new Error("chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  const { chromium } = await import("playwright-core");
  fs.mkdirSync(opts.screenshotDir, { recursive: true });
  // One browser, one isolated context (own localStorage) per page: JupyterLab's
  // window-name resolver shares localStorage across tabs of one context and, under
  // load, two tabs starting together fail with 'Window name candidate "null" already exists'.
  const browser = await chromium.launch({
    executablePath: exe,
    headless: true,
    args: CHROMIUM_FLAGS, // playwright gives the browser a fresh temporary profile (user data dir)
  });
  const blockedRequests: string[] = [];
  const pageErrors: string[] = [];
  const timeout = opts.timeoutMs ?? 300_000;
  /** A page in its own context; `current()` names the notebook its errors belong to. */
  const newPage = async (current: () => string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:"))
        return route.continue();
      blockedRequests.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(`${current()}: ${e.message}`));
    await page.addInitScript(PAGE_LIB);
    await page.addInitScript(GEOMETRY_PAGE_LIB);
    return page;
  };
  const labUrl = (workspace: string, rel?: string): string =>
    `${server.url}lab/workspaces/${workspace}${rel ? `/tree/${rel.split("/").map(encodeURIComponent).join("/")}` : ""}?reset&token=${server.token}`;
  /** Lab loaded in `page` with no document open, ready for commands. */
  const loadLab = async (page: Page, workspace: string): Promise<void> => {
    await page.goto(labUrl(workspace), { waitUntil: "load" });
    await page.waitForFunction(`!!window.jupyterapp`, undefined, { timeout, polling: 250 });
    await page.evaluate(`window.jupyterapp.restored.then(() => true)`);
  };
  /** Open `rel` as the mode says and wait until it is ready to be inspected. */
  const open = async (page: Page, rel: string, k: number): Promise<void> => {
    if (!opts.run) {
      await page.evaluate(`window.__alliance.openNoKernel(${js(rel)})`);
      await page.waitForFunction(`window.__alliance.readyNoKernel(${js(rel)})`, undefined, {
        timeout,
        polling: 250,
      });
      return;
    }
    await page.goto(labUrl(`w${k}`, rel), { waitUntil: "load" });
    await page.waitForFunction(`window.__alliance.ready(${js(rel)})`, undefined, {
      timeout,
      polling: 500,
    });
    await page.evaluate(`window.jupyterapp.commands.execute("notebook:run-all-cells")`);
    await page.waitForFunction(
      `(() => { const r = window.__alliance.report(${js(rel)}, ${js(PLOTLY_MIME)});
         return r.kernel === "idle" && r.cells.every((c) => c.type !== "code" || !c.src || typeof c.count === "number"); })()`,
      undefined,
      { timeout, polling: 500 },
    );
  };
  const checks = new Array<LabNotebookCheck>(notebooks.length);
  let next = 0;
  const worker = async (w: number): Promise<void> => {
    let current = "";
    let page: Page | undefined;
    while (next < notebooks.length) {
      const k = next++;
      const rel = (current = notebooks[k]);
      const t0 = Date.now();
      // a run gets a fresh page; saved notebooks share one, loaded again only after a failure
      if (!page) {
        page = await newPage(() => current);
        if (!opts.run) await loadLab(page, `saved${w}`).catch(() => undefined); // a failure shows in open()
      }
      const p: Page = page;
      try {
        await open(p, rel, k);
        checks[k] = await inspectNotebook(p, rel, opts, t0);
        // stop this notebook's kernel (if any) and close it before the next one opens
        await p.evaluate(
          `(async () => { const p = window.__alliance.panel(${js(rel)}); if (p) await p.sessionContext.shutdown(); return window.__alliance.close(${js(rel)}); })()`,
        );
      } catch (e) {
        checks[k] = await failedCheck(p, rel, opts, e, t0);
        page = undefined;
      }
      if (opts.run || !page) {
        await p.context().close();
        page = undefined;
      }
      opts.onDone?.(checks[k]);
    }
    if (page) await page.context().close();
  };
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(opts.parallel ?? 2, notebooks.length)) }, (_, w) =>
        worker(w),
      ),
    );
  } finally {
    await browser.close();
  }
  return { checks, blockedRequests, pageErrors };
}

/** One readable line per notebook, with each problem naming its cell. */
export function formatLabCheck(c: LabNotebookCheck): string {
  const head = `${c.problems.length ? "FAIL" : "ok  "}  ${c.notebook} (${(c.ms / 1000).toFixed(1)} s; kernel ${c.kernel ?? "none"}; ${c.rendered}/${c.plotlyOutputs} charts drawn, ${c.measured} measured)`;
  return [
    head,
    ...c.problems.map(
      (p) => `    cell ${p.cell}: ${p.kind}: ${p.text.split("\n").slice(0, 4).join("\n      ")}`,
    ),
  ].join("\n");
}
