/**
 * plotly.js charts in notebooks, offline.
 *
 * A chart is a plain plotly figure `{ data, layout, config }` (the JSON schema
 * of plotly.js, https://plotly.com/javascript/reference/). {@link show} sends
 * it as one MIME bundle with two renderings:
 *
 * - `text/html`: a `<div>` plus a script calling `Plotly.newPlot`. This is what
 *   Jupyter Notebook 6, JupyterLab (trusted notebooks) and nbconvert's HTML
 *   export render. It needs `window.Plotly`, which {@link loadPlotly} defines
 *   by inlining `plotly.min.js` from node_modules (package plotly.js-dist-min)
 *   ONCE per notebook: no CDN, so the HTML export works offline.
 * - `application/vnd.plotly.v1+json`: the figure itself, which VS Code and
 *   JupyterLab's plotly renderer draw natively (the same MIME type plotly.py
 *   emits).
 *
 * Year axes are categorical (`type: "category"`): a panel year is a label, not
 * a point on a continuous time line, and plotly would otherwise draw 2017.5.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { displayBundle, type MimeBundle } from "../notebook/display";

export type Trace = Record<string, unknown>;
export type Layout = Record<string, unknown>;

export interface Figure {
  data: Trace[];
  layout: Layout;
  config?: Record<string, unknown>;
}

/** The MIME type plotly.py and the VS Code / JupyterLab renderers use. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** CSS class of the `<div>` of every chart (the browser test counts them). */
export const CHART_CLASS = "alliance-plotly-chart";

/** Absolute path of the plotly.js bundle that gets inlined. */
export function plotlyJsPath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/** Version of the inlined plotly.js (from its package.json). */
export function plotlyVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return (require("plotly.js-dist-min/package.json") as { version: string }).version;
}

/** The `<script>` element that defines `window.Plotly` (about 4.6 MB). */
export function plotlyLoaderHtml(): string {
  const src = fs.readFileSync(plotlyJsPath(), "utf8");
  if (/<\/script/i.test(src)) throw new Error("plotly.min.js contains '</script' and cannot be inlined safely");
  return `<script type="text/javascript">/* plotly.js ${plotlyVersion()} inlined from node_modules/plotly.js-dist-min */\n${src}\n</script>`;
}

let loaded = false;
/** Random per-kernel prefix so that chart ids never clash across kernel restarts. */
const session = crypto.randomBytes(4).toString("hex");
let counter = 0;

/**
 * Inline plotly.js into the notebook (once; later calls do nothing unless
 * `force`). Call it in an early cell; {@link show} calls it if you forgot.
 */
export function loadPlotly(opts: { force?: boolean } = {}): void {
  if (loaded && !opts.force) return;
  displayBundle({
    "text/html": plotlyLoaderHtml(),
    "text/plain": `plotly.js ${plotlyVersion()} loaded (inlined from node_modules)`,
  });
  loaded = true;
}

/** Whether {@link loadPlotly} has run in this process. */
export function plotlyLoaded(): boolean {
  return loaded;
}

/** Shared look: readable font, white background, no plotly logo. */
export const DEFAULT_CONFIG = { displaylogo: false, responsive: true };
const DEFAULT_LAYOUT: Layout = {
  font: { family: "Helvetica, Arial, sans-serif", size: 13 },
  margin: { l: 60, r: 30, t: 50, b: 50 },
  height: 420,
  plot_bgcolor: "white",
  paper_bgcolor: "white",
};

/** JSON safe to embed in a `<script>`: `</` and U+2028/9 escaped. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/<\//g, "<\\/").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** The figure with the default layout and config filled in. */
export function withDefaults(fig: Figure): Required<Figure> {
  return {
    data: fig.data,
    layout: { ...DEFAULT_LAYOUT, ...fig.layout },
    config: { ...DEFAULT_CONFIG, ...(fig.config ?? {}) },
  };
}

/** A short plain-text description of a figure (the `text/plain` fallback). */
function describe(fig: Figure): string {
  const t = fig.layout.title;
  const title = typeof t === "string" ? t : t && typeof t === "object" ? String((t as { text?: unknown }).text ?? "") : "";
  return `[plotly chart${title ? `: ${title}` : ""}; ${fig.data.length} trace(s)]`;
}

/**
 * The MIME bundle of a figure: HTML (div + newPlot script that waits for
 * `window.Plotly`), the plotly JSON, and a text fallback.
 */
export function figureBundle(fig: Figure, id = `plot-${session}-${++counter}`): MimeBundle {
  const f = withDefaults(fig);
  const html =
    `<div id="${id}" class="${CHART_CLASS}" style="width:100%;min-height:${Number(f.layout.height) || 420}px;"></div>\n` +
    `<script type="text/javascript">(function () {\n` +
    `  var fig = ${scriptJson(f)};\n` +
    `  function draw(tries) {\n` +
    `    var el = document.getElementById(${JSON.stringify(id)});\n` +
    `    if (window.Plotly && el) { window.Plotly.newPlot(el, fig.data, fig.layout, fig.config); return; }\n` +
    `    if (tries < 200) setTimeout(function () { draw(tries + 1); }, 50);\n` +
    `    else if (el) el.textContent = "plotly.js is not loaded: run the cell that calls loadPlotly()";\n` +
    `  }\n` +
    `  draw(0);\n` +
    `})();</script>`;
  return { "text/html": html, [PLOTLY_MIME]: { data: f.data, layout: f.layout, config: f.config }, "text/plain": describe(f) };
}

/** Show a figure as the output of the current cell (loads plotly.js first if needed). */
export function show(fig: Figure): void {
  loadPlotly();
  displayBundle(figureBundle(fig));
}

/** A categorical year axis (years are labels: 2017, 2018, ... never 2017.5). */
export function yearAxis(title = "year"): Layout {
  return { type: "category", title: { text: title } };
}
