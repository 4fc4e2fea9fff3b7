/**
 * Open HTML exports of executed notebooks in a real headless Chromium
 * (playwright-core driving the system's chromium) and check what a reader
 * would see: every plotly chart drew its SVG (`.main-svg` inside each chart
 * div), no output area shows an error or stderr text, and the page raised no
 * JavaScript error. Saves a full-page screenshot of each.
 *
 * Chromium runs with a fresh, temporary user-data-dir and the flags of
 * DEVELOPERS.md; every request that is not a local file is aborted, so the
 * check proves that the exports render offline. The one remote script the
 * nbconvert template keeps on purpose (MathJax, see htmlExport.ts) is
 * reported apart from the others.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { NbJson } from "./execute";
import { chromiumPath } from "./prereqs";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Browser-side expressions (strings: this module is compiled without the DOM library). */
const ALL_CHARTS = `Array.from(document.querySelectorAll(".alliance-plotly-chart"))`;
/** Output areas that show an error: stderr text and error tracebacks (nbconvert lab and classic templates). */
const ERROR_SELECTOR =
  '[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output[data-mime-type*="error"], .output_error, .output_stderr';

export interface PageCheck {
  html: string;
  /** Chart divs in the page (class alliance-plotly-chart). */
  charts: number;
  /** Chart divs that contain a rendered plotly SVG (.main-svg). */
  rendered: number;
  /** Text of output areas marked as errors or stderr. */
  errorOutputs: string[];
  /** Uncaught page errors and console errors. */
  pageErrors: string[];
  /** Requests to anything but file:// (all aborted), except MathJax's. */
  blockedRequests: string[];
  /** Aborted requests for MathJax (formulas then show as TeX source). */
  mathjaxRequests: string[];
  screenshot: string;
}

/** MathJax from the CDN of nbconvert's template. */
export const MATHJAX_URL = /^https:\/\/cdnjs\.cloudflare\.com\/ajax\/libs\/mathjax\//;

/**
 * Stand-in for require.js (as in Notebook 6): a global AMD `define` that
 * throws, as require.js does for an anonymous define() outside its loader.
 */
export const FAKE_REQUIREJS = `window.define = function () { throw new Error("Mismatched anonymous define() module (simulated require.js)"); }; window.define.amd = {};`;

/**
 * Check each HTML file, `parallel` pages at a time (default 2; results in the
 * given order); screenshots go to `screenshotDir` as <name>.png.
 */
export async function checkHtmlInBrowser(
  htmlFiles: readonly string[],
  screenshotDir: string,
  opts: { timeoutMs?: number; simulateRequireJs?: boolean; parallel?: number } = {},
): Promise<PageCheck[]> {
  const exe = chromiumPath();
  if (!exe)
    throw new Error("chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  // playwright-core is a devDependency, loaded only when the check runs.
  const { chromium } = await import("playwright-core");
  fs.mkdirSync(screenshotDir, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: exe,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  /** Open one page, wait for its charts, look and take the screenshot. */
  const checkPage = async (html: string): Promise<PageCheck> => {
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const blockedRequests: string[] = [];
    const mathjaxRequests: string[] = [];
    if (opts.simulateRequireJs) await page.addInitScript(FAKE_REQUIREJS);
    page.on("pageerror", (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      // the aborted MathJax request is logged as a failed resource load
      if (m.type() === "error" && !/ERR_FAILED/.test(m.text()))
        pageErrors.push(`console.error: ${m.text()}`);
    });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("blob:"))
        return route.continue();
      (MATHJAX_URL.test(url) ? mathjaxRequests : blockedRequests).push(url);
      return route.abort();
    });
    await page.goto("file://" + path.resolve(html), {
      waitUntil: "load",
      timeout: opts.timeoutMs ?? 60000,
    });
    const charts = await page.locator(".alliance-plotly-chart").count();
    if (charts > 0) {
      await page
        .waitForFunction(`${ALL_CHARTS}.every((d) => d.querySelector(".main-svg"))`, undefined, {
          timeout: opts.timeoutMs ?? 60000,
        })
        .catch(() => undefined); // counted below
    }
    const rendered = await page.evaluate<number>(
      `${ALL_CHARTS}.filter((d) => d.querySelector(".main-svg")).length`,
    );
    const errorOutputs = await page.evaluate<string[]>(
      `Array.from(document.querySelectorAll(${JSON.stringify(ERROR_SELECTOR)})).map((e) => (e.textContent || "").trim().slice(0, 500))`,
    );
    const screenshot = path.join(screenshotDir, path.basename(html).replace(/\.html$/, ".png"));
    await page.screenshot({ path: screenshot, fullPage: true });
    await page.close();
    return {
      html,
      charts,
      rendered,
      errorOutputs,
      pageErrors,
      blockedRequests,
      mathjaxRequests,
      screenshot,
    };
  };
  // pages `parallel` at a time: most of a page's time is parsing its inlined plotly.js (4.6 MB)
  const out = new Array<PageCheck>(htmlFiles.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < htmlFiles.length) {
      const k = next++;
      out[k] = await checkPage(htmlFiles[k]);
    }
  };
  try {
    const lanes = Math.max(1, Math.min(opts.parallel ?? 2, htmlFiles.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return out;
}

/** Number of plotly charts an executed notebook contains (outputs with the plotly MIME type). */
export function plotlyOutputCount(nb: NbJson): number {
  return nb.cells.reduce(
    (n, c) =>
      n +
      (c.outputs ?? []).filter((o) => o.data && "application/vnd.plotly.v1+json" in o.data).length,
    0,
  );
}
