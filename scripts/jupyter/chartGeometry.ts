/**
 * Does a chart show its data? Measures the drawn geometry of plotly figures
 * in headless Chromium and judges it by four rules:
 *
 * 1. **fill**: on every cartesian axis that carries a visible trace, the data
 *    cover at least {@link MIN_FILL} (a quarter) of the axis range:
 *    |[d_lo, d_hi] ∩ [r_lo, r_hi]| / (r_hi − r_lo) ≥ 0.25, where the data
 *    extent runs over every point, error-bar end, and bar from its base to
 *    its value, in plotly's linear axis coordinates (`ax.c2l`: category
 *    index, milliseconds for dates, log10 on a log axis); a category axis
 *    gives each category its slot of width 1 (index ± 0.5), as plotly's own
 *    default range [−0.5, n − 0.5] does;
 * 2. **outside**: at most {@link MAX_OUTSIDE} (5%) of the points (bar ends
 *    and error-bar ends included) fall outside the axis range;
 * 3. **clipped**: no tick label, axis title or chart title reaches beyond the
 *    figure's SVG box (`getBoundingClientRect()`, 1 px tolerance);
 * 4. **toolbar**: none of those texts is covered by plotly's toolbar
 *    (`.modebar`; it shows on hover, over the top right of the figure), and
 *    the chart title does not reach into the plot area (over the data).
 *
 * The measuring runs in the page ({@link GEOMETRY_PAGE_LIB}, a string: this
 * module is compiled without the DOM library) and reads what plotly drew:
 * `gd._fullLayout` (axis types and ranges), `gd.calcdata` (the data in axis
 * coordinates) and the bounding boxes of the SVG texts. The rules are judged
 * in Node ({@link judgeGeometry}), so that the same measurement serves the
 * figures of executed notebooks ({@link checkFiguresInBrowser}, rendered with
 * the project's plotly.js, `plotly.js-dist-min`) and the charts JupyterLab
 * draws (scripts/jupyter/labCheck.ts).
 *
 * The failure this catches: an annotation at `x: "2019"` on a category axis
 * is read by plotly as category number 2019, so the axis range becomes
 * −125..2142 and four yearly categories fill 0.2% of it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLOTLY_MIME, plotlyJsPath, type Figure } from "../../lib/viz/plotly";
import { CHROMIUM_FLAGS } from "./browserCheck";
import { readNotebook, type NbJson } from "./execute";
import { chromiumPath } from "./prereqs";

/** Least share of an axis range the data must cover (rule 1). */
export const MIN_FILL = 0.25;
/** Largest share of points allowed outside an axis range (rule 2). */
export const MAX_OUTSIDE = 0.05;
/** Widths (px) of the chart's container at which each figure is drawn: a narrow and a wide notebook. */
export const WIDTHS = [720, 1100] as const;

export interface AxisMeasure {
  /** plotly axis name, e.g. "xaxis", "yaxis2". */
  name: string;
  /** Axis type as plotly resolved it: linear, log, date, category. */
  type: string;
  /** Range in linear axis coordinates (sorted). */
  range: [number, number];
  /** Data extent in the same coordinates (category slots included), or null without data. */
  data: [number, number] | null;
  /** Points (values, bar ends, error-bar ends) on this axis, and how many fall outside the range. */
  points: number;
  outside: number;
}

export interface TextMeasure {
  kind: "tick label" | "axis title" | "chart title";
  text: string;
  /** Pixels beyond the SVG box on each side (0 when inside). */
  beyond: { left: number; right: number; top: number; bottom: number };
  /** Whether the box meets the toolbar's box. */
  underToolbar: boolean;
  /** For the chart title: whether its box reaches into the plot area (over the data). */
  overPlot?: boolean;
}

export interface ChartMeasure {
  width: number;
  axes: AxisMeasure[];
  texts: TextMeasure[];
}

export interface GeometryProblem {
  rule: "fill" | "outside" | "clipped" | "toolbar" | "title over plot";
  text: string;
}

/**
 * Browser-side measurement: defines `window.__chartGeometry(gd)` for a drawn
 * plotly div; returns a {@link ChartMeasure} without `width` (the caller adds it).
 */
export const GEOMETRY_PAGE_LIB = `
window.__chartGeometry = function (gd) {
  var fl = gd._fullLayout, svg = gd.querySelector(".main-svg");
  if (!fl || !svg) return null;
  var box = svg.getBoundingClientRect();
  var axes = [];
  Object.keys(fl).filter(function (k) { return /^[xy]axis\\d*$/.test(k); }).forEach(function (name) {
    var ax = fl[name], letter = name[0], cat = ax.type === "category" || ax.type === "multicategory";
    var traces = (gd._fullData || []).filter(function (t) { return t.visible === true && t[letter + "axis"] === ax._id; });
    if (!traces.length) return;
    var lo = Infinity, hi = -Infinity, points = 0, outside = 0;
    var r = [ax.r2l(ax.range[0]), ax.r2l(ax.range[1])].sort(function (a, b) { return a - b; });
    var eps = (r[1] - r[0]) * 1e-9;
    function add(c, pad) {
      if (c === undefined || c === null || typeof c !== "number" || !isFinite(c)) return;
      var l = ax.c2l(c);
      if (!isFinite(l)) return;
      var p = pad || 0;
      if (l - p < lo) lo = l - p;
      if (l + p > hi) hi = l + p;
      points++;
      if (l < r[0] - eps || l > r[1] + eps) outside++;
    }
    traces.forEach(function (t) {
      var cd = gd.calcdata && gd.calcdata[t.index];
      if (!cd) return;
      var isBar = t.type === "bar";
      var posLetter = isBar ? (t.orientation === "h" ? "y" : "x") : null;
      cd.forEach(function (pt) {
        if (isBar) {
          if (letter === posLetter) add(pt.p, cat ? 0.5 : (pt.w || 0) / 2);
          else { add(pt.b || 0); add((pt.b || 0) + pt.s); }
        } else {
          add(pt[letter], cat ? 0.5 : 0);
          if (pt[letter + "s"] !== undefined) add(pt[letter + "s"]);
          if (pt[letter + "h"] !== undefined) add(pt[letter + "h"]);
        }
      });
    });
    axes.push({ name: name, type: ax.type, range: r, data: lo <= hi ? [lo, hi] : null, points: points, outside: outside });
  });
  var bar = gd.querySelector(".modebar");
  var mb = bar ? bar.getBoundingClientRect() : null;
  if (mb && (mb.width === 0 || mb.height === 0)) mb = null;
  var texts = [], sz = fl._size;
  var plot = sz ? { left: box.left + sz.l, top: box.top + sz.t, right: box.left + sz.l + sz.w, bottom: box.top + sz.t + sz.h } : null;
  function measure(kind, sel) {
    Array.prototype.forEach.call(gd.querySelectorAll(sel), function (el) {
      var b = el.getBoundingClientRect(), s = window.getComputedStyle(el);
      if (b.width === 0 || b.height === 0 || s.display === "none" || s.visibility === "hidden") return;
      if (!(el.textContent || "").trim()) return;
      texts.push({
        kind: kind,
        text: (el.textContent || "").trim().slice(0, 80),
        beyond: {
          left: Math.max(0, box.left - b.left), right: Math.max(0, b.right - box.right),
          top: Math.max(0, box.top - b.top), bottom: Math.max(0, b.bottom - box.bottom),
        },
        underToolbar: !!mb && b.left < mb.right && mb.left < b.right && b.top < mb.bottom && mb.top < b.bottom,
        overPlot: kind === "chart title" && !!plot && b.left < plot.right && plot.left < b.right && b.bottom > plot.top + 1 && b.top < plot.bottom,
      });
    });
  }
  measure("tick label", "g.xtick > text, g.ytick > text, g[class*='tick'] > text");
  measure("axis title", "text[class$='title']:not(.gtitle)");
  measure("chart title", "text.gtitle");
  var seen = {};
  texts = texts.filter(function (t) { var k = t.kind + "|" + t.text + "|" + JSON.stringify(t.beyond); if (seen[k]) return false; seen[k] = 1; return true; });
  return { axes: axes, texts: texts };
};
`;

const fmt = (v: number): string =>
  Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)
    ? v.toExponential(2)
    : String(Number(v.toFixed(3)));

/** Judge one measurement by the four rules of the module doc; one problem per broken rule and element. */
export function judgeGeometry(m: ChartMeasure): GeometryProblem[] {
  const out: GeometryProblem[] = [];
  for (const a of m.axes) {
    const [r0, r1] = a.range;
    const span = r1 - r0;
    if (a.data && span > 0) {
      const covered = Math.max(0, Math.min(a.data[1], r1) - Math.max(a.data[0], r0));
      const fill = covered / span;
      if (fill < MIN_FILL) {
        out.push({
          rule: "fill",
          text: `${a.name} (${a.type}): data ${fmt(a.data[0])}..${fmt(a.data[1])} fill ${(100 * fill).toFixed(1)}% of the range ${fmt(r0)}..${fmt(r1)} (at least ${100 * MIN_FILL}%)`,
        });
      }
    }
    if (a.points > 0 && a.outside / a.points > MAX_OUTSIDE) {
      out.push({
        rule: "outside",
        text: `${a.name}: ${a.outside} of ${a.points} points outside the range ${fmt(r0)}..${fmt(r1)} (at most ${100 * MAX_OUTSIDE}%)`,
      });
    }
  }
  for (const t of m.texts) {
    const sides = Object.entries<number>(t.beyond)
      .filter(([, v]) => v > 1)
      .map(([k, v]) => `${Math.round(v)} px ${k}`);
    if (sides.length)
      out.push({
        rule: "clipped",
        text: `${t.kind} "${t.text}" cut off: ${sides.join(", ")} beyond the figure`,
      });
    if (t.underToolbar)
      out.push({ rule: "toolbar", text: `${t.kind} "${t.text}" under the plotly toolbar` });
    if (t.overPlot)
      out.push({
        rule: "title over plot",
        text: `${t.kind} "${t.text}" reaches into the plot area`,
      });
  }
  return out;
}

export interface NamedFigure {
  /** e.g. "02-power figure 3 (cell 14)". */
  id: string;
  title: string;
  figure: Figure;
}

interface Out {
  data?: Record<string, unknown>;
}

/** The plotly figures of an executed notebook (outputs with the plotly MIME type), named by notebook, order and cell. */
export function notebookFigures(file: string): NamedFigure[] {
  const stem = path.basename(file, ".ipynb");
  const out: NamedFigure[] = [];
  readNotebook(file).cells.forEach((cell, i) => {
    for (const o of (cell.outputs ?? []) as Out[]) {
      const fig = o.data?.[PLOTLY_MIME] as Figure | undefined;
      if (!fig) continue;
      const t = fig.layout.title as { text?: string } | string | undefined;
      const title = (typeof t === "string" ? t : (t?.text ?? "")).replace(/<br\s*\/?>/gi, " ");
      out.push({ id: `${stem} figure ${out.length + 1} (cell ${i + 1})`, title, figure: fig });
    }
  });
  return out;
}

/** The markdown line that follows every figure's cell in the notebooks: a one-line caption saying what to see. */
export const CAPTION_PREFIX = "*What to see:*";

/**
 * Cells (1-based) with a plotly output that are not followed by a one-line
 * markdown caption starting with {@link CAPTION_PREFIX}.
 */
export function uncaptionedFigures(nb: NbJson): number[] {
  const out: number[] = [];
  nb.cells.forEach((cell, i) => {
    if (!(cell.outputs ?? []).some((o) => o.data && PLOTLY_MIME in o.data)) return;
    const next = nb.cells.at(i + 1);
    const text =
      next && next.cell_type === "markdown"
        ? ([] as string[]).concat(next.source).join("").trim()
        : "";
    if (!text.startsWith(CAPTION_PREFIX) || text.includes("\n")) out.push(i + 1);
  });
  return out;
}

export interface FigureCheck {
  id: string;
  title: string;
  /** One measurement per width of {@link WIDTHS}. */
  measures: ChartMeasure[];
  /** Problems at any width, each prefixed by the width. */
  problems: string[];
}

/** Problems of several measurements of one chart, each with its width; the same problem at two widths is listed once. */
export function problemsAtWidths(measures: readonly ChartMeasure[]): string[] {
  const byText = new Map<string, number[]>();
  for (const m of measures)
    for (const p of judgeGeometry(m))
      byText.set(`${p.rule}: ${p.text}`, [...(byText.get(`${p.rule}: ${p.text}`) ?? []), m.width]);
  return [...byText].map(([t, ws]) => `${t} [at ${ws.join(", ")} px]`);
}

/**
 * Draw each figure with the project's plotly.js in headless Chromium (fresh
 * profile, flags of DEVELOPERS.md, no network) at each of `widths`, measure
 * it, and judge it. A figure that plotly cannot draw is reported as a problem.
 */
export async function checkFiguresInBrowser(
  figures: readonly NamedFigure[],
  opts: { widths?: readonly number[] } = {},
): Promise<FigureCheck[]> {
  const exe = chromiumPath();
  if (!exe)
    throw new Error("chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)");
  const { chromium } = await import("playwright-core");
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-geometry-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: exe,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  const widths = opts.widths ?? WIDTHS;
  const out: FigureCheck[] = [];
  try {
    await context.route("**/*", (route) =>
      route.request().url().startsWith("about:") ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.setContent(
      "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body style='margin:0'><div id='host'></div></body></html>",
    );
    await page.addScriptTag({ content: fs.readFileSync(plotlyJsPath(), "utf8") });
    await page.addScriptTag({ content: GEOMETRY_PAGE_LIB });
    for (const f of figures) {
      const measures: ChartMeasure[] = [];
      const problems: string[] = [];
      for (const width of widths) {
        const r = await page.evaluate<
          (Omit<ChartMeasure, "width"> & { error?: undefined }) | { error: string }
        >(
          `(async () => {
            const host = document.getElementById("host");
            host.innerHTML = "";
            const gd = document.createElement("div");
            gd.style.width = ${width} + "px";
            host.appendChild(gd);
            const f = ${JSON.stringify(f.figure)};
            try { await window.Plotly.newPlot(gd, f.data, f.layout, f.config); }
            catch (e) { return { error: String(e && e.message || e) }; }
            const m = window.__chartGeometry(gd);
            window.Plotly.purge(gd);
            return m || { error: "nothing drawn" };
          })()`,
        );
        if (r.error !== undefined)
          problems.push(`plotly could not draw it at ${width} px: ${r.error}`);
        else measures.push({ width, ...r });
      }
      out.push({
        id: f.id,
        title: f.title,
        measures,
        problems: [...problems, ...problemsAtWidths(measures)],
      });
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return out;
}

/** A readable report: one line per figure, its problems indented below. */
export function formatGeometry(checks: readonly FigureCheck[]): string {
  return checks
    .map((c) =>
      [
        `${c.problems.length ? "FAIL" : "ok  "}  ${c.id}: ${c.title || "(no title)"}`,
        ...c.problems.map((p) => `      ${p}`),
      ].join("\n"),
    )
    .join("\n");
}

/** CLI: `tsx scripts/jupyter/chartGeometry.ts EXECUTED.ipynb...` prints the report; exit 1 on a problem. */
if (require.main === module) {
  const files = process.argv.slice(2);
  checkFiguresInBrowser(files.flatMap(notebookFigures))
    .then((checks) => {
      console.log(formatGeometry(checks));
      const bad = checks.filter((c) => c.problems.length).length;
      console.log(`\n${checks.length} figure(s), ${bad} with problems`);
      process.exit(bad ? 1 : 0);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
}
