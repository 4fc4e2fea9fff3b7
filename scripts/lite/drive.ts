/**
 * Drive the JupyterLite site in headless Chromium (playwright-core with the
 * system's chromium and the flags of DEVELOPERS.md): open a notebook, wait
 * for the browser kernel, Run All (the Run menu's command), and report what
 * a student sees: execution counts, error and stderr outputs, plotly outputs
 * and whether each drew its SVG with a plot area of positive size. Then,
 * optionally, run probe code in the same kernel (the notebook's variables
 * are there) and return what it printed. The site sets `exposeAppInBrowser`,
 * so `window.jupyterapp` gives the notebook model.
 *
 * Every request to anything but the site is aborted and recorded: the site
 * works offline.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Browser, Page } from "playwright-core";
import { PLOTLY_MIME } from "../../lib/viz/plotly";
import { CHROMIUM_FLAGS } from "../jupyter/browserCheck";
import { chromiumPath } from "../jupyter/prereqs";

const PAGE_LIB = `
window.__lite = {
  panel(rel) {
    const app = window.jupyterapp;
    if (!app) return undefined;
    return Array.from(app.shell.widgets("main")).find((w) => w.context && w.context.path === rel && w.content && w.content.widgets);
  },
  kernel(rel) {
    const p = this.panel(rel);
    return p && p.sessionContext.session ? p.sessionContext.session.kernel : null;
  },
  ready(rel) {
    const p = this.panel(rel);
    if (!p || !p.context.isReady || !p.sessionContext.isReady) return false;
    const k = this.kernel(rel);
    return !!k && k.status === "idle";
  },
  report(rel, plotlyMime) {
    const p = this.panel(rel);
    const cells = p.content.widgets.map((c, i) => {
      const m = c.model;
      if (m.type !== "code") return { i: i + 1, type: m.type };
      const outputs = m.outputs.toJSON();
      const plotly = outputs.filter((o) => o.data && plotlyMime in o.data).length;
      const drawn = Array.from(c.node.querySelectorAll(".js-plotly-plot")).filter((d) => {
        const bg = d.querySelector(".main-svg .bglayer rect, .main-svg .draglayer rect, .main-svg");
        const r = bg ? bg.getBoundingClientRect() : { width: 0, height: 0 };
        return r.width > 20 && r.height > 20;
      }).length;
      return { i: i + 1, type: "code", src: m.sharedModel.getSource().trim().length > 0, count: m.executionCount, outputs, plotly, drawn };
    });
    const k = this.kernel(rel);
    return { cells, kernel: k ? k.status : "none" };
  },
  // cheap enough to poll while cells run: no output is serialised
  progress(rel) {
    const p = this.panel(rel);
    const k = this.kernel(rel);
    let counted = true;
    let failed = false;
    for (const c of p.content.widgets) {
      const m = c.model;
      if (m.type !== "code") continue;
      if (m.sharedModel.getSource().trim().length > 0 && typeof m.executionCount !== "number") counted = false;
      for (let i = 0; i < m.outputs.length; i++) if (m.outputs.get(i).type === "error") failed = true;
    }
    return { kernel: k ? k.status : "none", counted, failed };
  },
  async probe(rel, code) {
    const k = this.kernel(rel);
    const fut = k.requestExecute({ code, store_history: false });
    let out = "";
    let err = "";
    fut.onIOPub = (m) => {
      if (m.header.msg_type === "stream") out += m.content.text;
      if (m.header.msg_type === "error") err = m.content.ename + ": " + m.content.evalue;
    };
    await fut.done;
    return { out, err };
  },
};
`;

export interface CellProblem {
  cell: number;
  kind: "error" | "stderr" | "not run" | "chart not drawn";
  text: string;
}

export interface LiteRun {
  notebook: string;
  /** ms from navigation to an idle kernel (the notebook is interactive). */
  interactiveMs: number;
  /** ms of Run All until every code cell has a count and the kernel is idle. */
  runAllMs: number;
  codeCells: number;
  plotly: number;
  drawn: number;
  problems: CellProblem[];
  probe?: { out: string; err: string };
  screenshot?: string;
}

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
  }[];
  plotly?: number;
  drawn?: number;
}

function problemsOf(cells: PageCell[]): CellProblem[] {
  const out: CellProblem[] = [];
  for (const c of cells) {
    if (c.type !== "code") continue;
    for (const o of c.outputs ?? []) {
      if (o.output_type === "error")
        out.push({
          cell: c.i,
          kind: "error",
          text: `${o.ename ?? ""}: ${o.evalue ?? ""}`.slice(0, 800),
        });
      else if (o.output_type === "stream" && o.name === "stderr") {
        const t = Array.isArray(o.text) ? o.text.join("") : (o.text ?? "");
        out.push({ cell: c.i, kind: "stderr", text: t.trim().slice(0, 800) });
      }
    }
    if (c.src && typeof c.count !== "number")
      out.push({ cell: c.i, kind: "not run", text: "no execution count" });
    if ((c.drawn ?? 0) < (c.plotly ?? 0))
      out.push({
        cell: c.i,
        kind: "chart not drawn",
        text: `${c.drawn ?? 0} of ${c.plotly ?? 0} charts drawn`,
      });
  }
  return out;
}

export async function launchBrowser(): Promise<Browser> {
  const exe = chromiumPath();
  if (!exe)
    throw new Error("chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: exe, headless: true, args: CHROMIUM_FLAGS });
}

export interface PageSession {
  page: Page;
  blocked: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

/** A fresh context (own browser storage, so a cold start) with offline routing. */
export async function openPage(browser: Browser, siteUrl: string): Promise<PageSession> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(siteUrl) || url.startsWith("data:") || url.startsWith("blob:"))
      return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.addInitScript(PAGE_LIB);
  return { page, blocked, pageErrors, close: () => context.close() };
}

/** Open `rel` (e.g. notebooks/00-overview.ipynb), Run All, report; `probe` runs afterwards in the same kernel. */
export async function runNotebook(
  s: PageSession,
  siteUrl: string,
  rel: string,
  opts: { probe?: string; screenshotDir?: string; timeoutMs?: number } = {},
): Promise<LiteRun> {
  const timeout = opts.timeoutMs ?? 180_000;
  const page = s.page;
  const t0 = Date.now();
  await page.goto(`${siteUrl}lab/index.html?path=${encodeURIComponent(rel)}`, {
    waitUntil: "load",
  });
  await page.waitForFunction(
    `window.__lite && window.__lite.ready(${JSON.stringify(rel)})`,
    undefined,
    { timeout, polling: 100 },
  );
  const interactiveMs = Date.now() - t0;
  const runAllMs = await runAll(page, rel, timeout);
  // charts draw asynchronously after their output arrives
  const allDrawn = `(() => { const r = window.__lite.report(${JSON.stringify(rel)}, ${JSON.stringify(PLOTLY_MIME)});
     return r.cells.every((c) => (c.drawn || 0) >= (c.plotly || 0)); })()`;
  await page
    .waitForFunction(allDrawn, undefined, { timeout: 30_000, polling: 250 })
    .catch(() => undefined);
  const report = await page.evaluate<{ cells: PageCell[] }>(
    `window.__lite.report(${JSON.stringify(rel)}, ${JSON.stringify(PLOTLY_MIME)})`,
  );
  const cells = report.cells;
  const run: LiteRun = {
    notebook: rel,
    interactiveMs,
    runAllMs,
    codeCells: cells.filter((c) => c.type === "code" && c.src).length,
    plotly: cells.reduce((a, c) => a + (c.plotly ?? 0), 0),
    drawn: cells.reduce((a, c) => a + Math.min(c.drawn ?? 0, c.plotly ?? 0), 0),
    problems: problemsOf(cells),
  };
  if (opts.probe) {
    run.probe = await page.evaluate<{ out: string; err: string }>(
      `window.__lite.probe(${JSON.stringify(rel)}, ${JSON.stringify(opts.probe)})`,
    );
  }
  if (opts.screenshotDir) {
    fs.mkdirSync(opts.screenshotDir, { recursive: true });
    await page.evaluate(`(() => { const p = window.__lite.panel(${JSON.stringify(rel)});
      const el = p && p.node.querySelector(".js-plotly-plot"); if (el) el.scrollIntoView({ block: "center" }); })()`);
    run.screenshot = path.join(opts.screenshotDir, `${path.basename(rel, ".ipynb")}.png`);
    await page.screenshot({ path: run.screenshot });
  }
  return run;
}

/** Run All in an open notebook; ms until the kernel is idle with every cell counted (or one failed). */
export async function runAll(page: Page, rel: string, timeoutMs = 180_000): Promise<number> {
  // Clear first (as a student does before a re-run): counts go back to none, so "every cell
  // counted" means this run finished. (The connection's status is no signal: it is not seen busy.)
  await page.evaluate(`window.jupyterapp.commands.execute("notebook:clear-all-cell-outputs")`);
  const t1 = Date.now();
  await page.evaluate(`window.jupyterapp.commands.execute("notebook:run-all-cells")`);
  // Run All stops at the first error: then the rest never gets a count
  await page.waitForFunction(
    `(() => { const r = window.__lite.progress(${JSON.stringify(rel)}); return r.kernel === "idle" && (r.counted || r.failed); })()`,
    undefined,
    { timeout: timeoutMs, polling: 100 },
  );
  return Date.now() - t1;
}
