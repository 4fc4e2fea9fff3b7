/**
 * plotly.js charts in notebooks, offline.
 *
 * A chart is a plain plotly figure `{ data, layout, config }` (the JSON schema
 * of plotly.js, https://plotly.com/javascript/reference/). {@link show} sends
 * it as one MIME bundle with three renderings; each frontend shows the richest
 * one it can render:
 *
 * - `application/vnd.plotly.v1+json`: the figure itself (the MIME type
 *   plotly.py emits). JupyterLab and Notebook 7 render it with the
 *   jupyterlab-plotly extension (installed by the python `plotly` package of
 *   requirements/jupyter.txt), VS Code with its built-in renderer. That
 *   renderer is "safe", so a saved notebook opened later, untrusted, still
 *   shows its charts, and the notebook carries no plotly.js at all.
 * - `text/html`: a `<div>` plus a script calling `Plotly.newPlot` once
 *   `window.Plotly` exists: the fallback for frontends without a plotly
 *   renderer. The HTML export (scripts/jupyter/htmlExport.ts) adds plotly.js
 *   once per page; in Notebook 6, call `loadPlotly({ inline: true })` (or set
 *   `ALLIANCE_PLOTLY_INLINE=1` for the kernel) to inline plotly.js once per
 *   notebook, as this module did by default before (4.6 MB per saved notebook).
 * - `text/plain`: a one-line description.
 *
 * Year axes are categorical (`type: "category"`): a panel year is a label, not
 * a point on a continuous time line, and plotly would otherwise draw 2017.5.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import { displayBundle, type MimeBundle } from "../display";
import { entry } from "../lookup";

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
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the installed package's own package.json, read at run time
  return (require("plotly.js-dist-min/package.json") as { version: string }).version;
}

/**
 * The `<script>` elements that define `window.Plotly` (about 4.6 MB). Where
 * require.js is loaded (Notebook 6), plotly.js's UMD header would register an
 * anonymous AMD module instead of `window.Plotly` and require.js would throw;
 * so `window.define` is hidden while plotly.js runs and put back after.
 */
export function plotlyLoaderHtml(): string {
  const src = fs.readFileSync(plotlyJsPath(), "utf8");
  if (/<\/script/i.test(src))
    throw new Error("plotly.min.js contains '</script' and cannot be inlined safely");
  return (
    `<script type="text/javascript">window.__allianceDefine = window.define; window.define = undefined;</script>\n` +
    `<script type="text/javascript">/* plotly.js ${plotlyVersion()} inlined from node_modules/plotly.js-dist-min */\n${src}\n</script>\n` +
    `<script type="text/javascript">window.define = window.__allianceDefine; delete window.__allianceDefine;</script>`
  );
}

let loaded = false;
/** Random per-kernel prefix so that chart ids never clash across kernel restarts. */
const session = crypto.randomBytes(4).toString("hex");
let counter = 0;

/**
 * For frontends without a plotly renderer (Notebook 6): with `inline: true`,
 * or when the environment variable `ALLIANCE_PLOTLY_INLINE` is "1", inline
 * plotly.js into the notebook as an HTML output, once (later calls do nothing
 * unless `force`). Otherwise it does nothing: JupyterLab, Notebook 7 and VS
 * Code render the plotly MIME type, and the HTML export adds plotly.js itself.
 */
export function loadPlotly(opts: { inline?: boolean; force?: boolean } = {}): void {
  const inline = opts.inline ?? process.env.ALLIANCE_PLOTLY_INLINE === "1";
  if (!inline || (loaded && !opts.force)) return;
  displayBundle({
    "text/html": plotlyLoaderHtml(),
    "text/plain": `plotly.js ${plotlyVersion()} loaded (inlined from node_modules)`,
  });
  loaded = true;
}

/** Whether plotly.js has been inlined by {@link loadPlotly} in this process. */
export function plotlyLoaded(): boolean {
  return loaded;
}

/** What the HTML fallback shows when no plotly.js ever arrives. */
export const NO_PLOTLY_MESSAGE =
  "This chart needs a plotly renderer: open the notebook in JupyterLab, Notebook 7 or VS Code, " +
  "or (Notebook 6) run loadPlotly({ inline: true }) before it.";

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
  return JSON.stringify(v)
    .replace(/<\//g, "<\\/")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Height (px) of the band at the top of a figure that plotly's toolbar (modebar) covers on hover. */
export const TOOLBAR_BAND = 34;
/** Longest title line (characters) before {@link wrapText} breaks it: about 480 px at 16 px. */
export const TITLE_LINE_CHARS = 60;
const TITLE_SIZE = 16;
const TITLE_LINE_PX = 22;
const TITLE_PAD = 14;
/** Where the title's block starts, px below the top of the figure (below the toolbar band). */
const TITLE_TOP = TOOLBAR_BAND + 8;

/**
 * Break a text into lines of at most `max` characters at spaces (plotly
 * titles do not wrap by themselves), joined by `<br>`; existing `<br>` breaks
 * are kept, a single word longer than `max` stays whole.
 */
export function wrapText(text: string, max = TITLE_LINE_CHARS): string {
  return text
    .split(/<br\s*\/?>/i)
    .flatMap((para) => {
      const lines: string[] = [];
      let cur = "";
      for (const w of para.split(/\s+/).filter(Boolean)) {
        if (cur && cur.length + 1 + w.length > max) {
          lines.push(cur);
          cur = w;
        } else cur = cur ? `${cur} ${w}` : w;
      }
      return [...lines, cur];
    })
    .join("<br>");
}

/**
 * The figure with the default layout and config filled in, laid out so that
 * it shows what it holds (checked by scripts/jupyter/chartGeometry.ts):
 *
 * - the title is wrapped ({@link wrapText}) and its block starts below the
 *   toolbar band ({@link TOOLBAR_BAND} + 8 px from the top), with the top
 *   margin grown to hold it: margin.t ≥ band + 8 + lines · 22 px + 14;
 * - every cartesian axis gets `automargin: true` unless it says otherwise,
 *   so long or rotated tick labels and axis titles push the margin instead of
 *   being cut off;
 * - the figure's margin is merged with the default one side by side.
 */
export function withDefaults(fig: Figure): Required<Figure> {
  const layout: Layout = { ...DEFAULT_LAYOUT, ...fig.layout };
  const margin = {
    ...(DEFAULT_LAYOUT.margin as Record<string, number>),
    ...((fig.layout.margin as Record<string, number> | undefined) ?? {}),
  };
  for (const k of Object.keys(layout)) {
    const ax = layout[k];
    if (/^[xy]axis\d*$/.test(k) && ax && typeof ax === "object")
      layout[k] = { automargin: true, ...ax };
  }
  for (const k of ["xaxis", "yaxis"]) if (!layout[k]) layout[k] = { automargin: true };
  const t = layout.title;
  const title =
    typeof t === "string"
      ? { text: t }
      : t && typeof t === "object"
        ? (t as Record<string, unknown>)
        : undefined;
  if (title && typeof title.text === "string" && title.text.trim()) {
    const text = wrapText(title.text);
    const lines = text.split("<br>").length;
    // Anchored by its top in the container: plotly 3 places a multi-line title anchored
    // "bottom" by its first line, so its other lines would hang into the plot area.
    const height = Number(layout.height) || 420;
    layout.title = {
      font: { size: TITLE_SIZE },
      ...title,
      text,
      yref: "container",
      y: 1 - TITLE_TOP / height,
      yanchor: "top",
    };
    margin.t = Math.max(entry(margin, "t") ?? 0, TITLE_TOP + lines * TITLE_LINE_PX + TITLE_PAD);
  }
  layout.margin = margin;
  return {
    data: fig.data,
    layout,
    config: { ...DEFAULT_CONFIG, ...(fig.config ?? {}) },
  };
}

/** A short plain-text description of a figure (the `text/plain` fallback). */
function describe(fig: Figure): string {
  const t = fig.layout.title;
  const text: unknown = t && typeof t === "object" ? (t as { text?: unknown }).text : undefined;
  const title =
    typeof t === "string"
      ? t
      : typeof text === "string" || typeof text === "number"
        ? String(text)
        : "";
  return `[plotly chart${title ? `: ${title}` : ""}; ${fig.data.length} trace(s)]`;
}

/**
 * The MIME bundle of a figure: the plotly JSON, the HTML fallback (div +
 * newPlot script that waits up to 10 s for `window.Plotly`), and a text line.
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
    `    else if (el) el.textContent = ${JSON.stringify(NO_PLOTLY_MESSAGE)};\n` +
    `  }\n` +
    `  draw(0);\n` +
    `})();</script>`;
  return {
    [PLOTLY_MIME]: { data: f.data, layout: f.layout, config: f.config },
    "text/html": html,
    "text/plain": describe(f),
  };
}

/** Show a figure as the output of the current cell. */
export function show(fig: Figure): void {
  loadPlotly();
  displayBundle(figureBundle(fig));
}

/** A categorical year axis (years are labels: 2017, 2018, ... never 2017.5). */
export function yearAxis(title = "year"): Layout {
  return { type: "category", title: { text: title } };
}
