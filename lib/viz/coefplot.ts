/**
 * Coefficient plot of several models, fixest's `coefplot(list(m1, m2), dict = LABELS)`
 * (R) or Stata's `coefplot m1 m2`: one row per term, each model's estimate
 * with its (1 − alpha) confidence interval
 *
 *   b ± q · se,   q = t_{1 − alpha/2, df}  with the df of the model's vcov
 *                 (G − 1 when clustered; the normal quantile for dist "normal")
 *
 * and a zero line. Published models (lib/replication/published.ts) carry no
 * df; their intervals use the normal quantile, said in the hover text.
 *
 * `predictedSign` marks what a hypothesis predicts: for each term with a
 * predicted sign (+1 / −1) the predicted side of zero is shaded on that row
 * and the row's label ends in "(H: +)" or "(H: −)", so an estimate that lands
 * in the shade has the predicted sign and an interval that stays inside it is
 * significant in that direction.
 *
 * Intervals from another inference method (a bootstrap, a permutation test,
 * another vcov) are passed as {@link CoefIntervals}: the plot draws their
 * ends as given (asymmetric ends allowed) and names the method on hover.
 *
 * Returns a plotly figure (lib/viz/plotly.ts `show(fig)` displays it).
 */
import type { FeolsResult } from "../estimate/feols";
import { qT } from "../estimate/distributions";
import { termLabel, type EtableModel, type PublishedColumn } from "../report/etable";
import type { Figure, Trace } from "./plotly";
import { entry } from "../lookup";

export interface CoefplotOptions {
  /** Labels of the terms (study.ts LABELS). */
  dict?: Readonly<Record<string, string>>;
  /** Predicted sign per term: +1 or −1 (e.g. from study.ts PREDICTED_SIGN). */
  predictedSign?: Readonly<Record<string, 1 | -1>>;
  /** Terms to show, in this order (default: every slope of every model, in order of first appearance). */
  keep?: readonly string[];
  /** Terms to leave out (e.g. the controls). */
  drop?: readonly string[];
  /** Confidence level (default 0.95). */
  level?: number;
  /** Model names in the legend (default the published name, "(1)", "(2)", …). */
  headers?: readonly string[];
  title?: string;
  height?: number;
}

/** One term's estimate and the two ends of its interval. */
export interface CoefInterval {
  term: string;
  estimate: number;
  lo: number;
  hi: number;
}

/**
 * A model's intervals computed elsewhere, by the inference method `method`
 * (shown on hover, e.g. "wild cluster bootstrap, 9999 draws"); coefplot draws
 * them as given, whatever `level` says.
 */
export interface CoefIntervals {
  kind: "intervals";
  /** The model's name in the legend. */
  name: string;
  method: string;
  rows: readonly CoefInterval[];
}

/** Intervals computed elsewhere, as coefplot takes them: `intervals("bootstrap", "wild cluster bootstrap, 999 draws", rows)`. */
export function intervals(
  name: string,
  method: string,
  rows: readonly CoefInterval[],
): CoefIntervals {
  return { kind: "intervals", name, method, rows };
}

/** What coefplot takes per model: a fit, a published column, either with a title, or intervals computed elsewhere. */
export type CoefplotModel = EtableModel | CoefIntervals;

type Point = CoefInterval;

function isIntervals(m: CoefplotModel): m is CoefIntervals {
  return "kind" in m && m.kind === "intervals";
}

function isPublished(m: FeolsResult | PublishedColumn): m is PublishedColumn {
  return "kind" in m; // a fit has no kind
}

function points(
  m: FeolsResult | PublishedColumn,
  level: number,
): { points: Point[]; note: string } {
  const p = 1 - (1 - level) / 2;
  if (isPublished(m)) {
    const q = qT(p, Infinity);
    const pts = Object.entries(m.coefficients)
      .filter(([t]) => t !== "(Intercept)")
      .map(([term, c]) => ({
        term,
        estimate: c.estimate,
        lo: c.estimate - q * c.se,
        hi: c.estimate + q * c.se,
      }));
    return { points: pts, note: "normal quantile (published: no df)" };
  }
  // a fit copied through JSON has no design (it is not enumerable)
  const df = "design" in m && m.design.dist === "normal" ? Infinity : m.vcovInfo.df;
  const q = qT(p, df);
  const pts = m.coefficients.map((c) => ({
    term: c.term,
    estimate: c.estimate,
    lo: c.estimate - q * c.std_error,
    hi: c.estimate + q * c.std_error,
  }));
  return { points: pts, note: Number.isFinite(df) ? `t(${df})` : "normal" };
}

/** The coefficient plot (see module doc). */
export function coefplot(models: readonly CoefplotModel[], opts: CoefplotOptions = {}): Figure {
  if (models.length === 0) throw new Error("coefplot: no models");
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`coefplot: level must be in (0, 1), got ${level}`);
  if (opts.headers && opts.headers.length !== models.length)
    throw new Error(`coefplot: ${opts.headers.length} headers for ${models.length} models`);
  const dict = opts.dict ?? {};
  const cols = models.map((m, i) => modelSeries(m, i, level, opts.headers));
  const terms = plotTerms(cols, opts.keep, opts.drop);
  const sign = opts.predictedSign ?? {};
  const label = (t: string): string => {
    const s = entry(sign, t);
    return termLabel(t, dict) + (s === 1 ? " (H: +)" : s === -1 ? " (H: −)" : "");
  };
  const data: Trace[] = cols.map((c) => markerTrace(c, terms, label));
  // Rows top-down in the order of `terms`: a category axis draws the array bottom-up.
  const rows = terms.map(label).reverse();
  let reach = 0;
  for (const c of cols)
    for (const p of c.points)
      if (terms.includes(p.term)) reach = Math.max(reach, Math.abs(p.lo), Math.abs(p.hi));
  reach = reach > 0 ? reach * 1.15 : 1;
  const shapes = hypothesisShades(terms, sign, (t) => rows.indexOf(label(t)), reach);
  const anyShade = shapes.length > 0;
  return {
    data,
    layout: {
      title: {
        text: opts.title ?? `Estimates with ${Math.round(level * 100)}% confidence intervals`,
      },
      scattermode: "group",
      showlegend: cols.length > 1,
      xaxis: {
        title: {
          text: anyShade ? "estimate (shaded: side of zero the hypothesis predicts)" : "estimate",
        },
        range: [-reach, reach],
        zeroline: true,
        zerolinecolor: "black",
        zerolinewidth: 1,
      },
      yaxis: { type: "category", categoryorder: "array", categoryarray: rows, automargin: true },
      shapes,
      height: opts.height ?? Math.max(300, 80 + 45 * terms.length),
    },
  };
}

/** One model's series: its name, its intervals (checked, when given) and how they were made. */
interface Series {
  name: string;
  points: Point[];
  note: string;
}

/** The series of model i: given intervals as they are, a fit or published column at `level`. */
function modelSeries(
  m: CoefplotModel,
  i: number,
  level: number,
  headers: readonly string[] | undefined,
): Series {
  if (isIntervals(m)) {
    for (const r of m.rows) {
      if (!(r.lo <= r.estimate && r.estimate <= r.hi))
        throw new Error(
          `coefplot: ${m.name} ${r.term}: interval ${r.lo}..${r.hi} does not hold the estimate ${r.estimate}`,
        );
    }
    return {
      name: headers?.[i] ?? m.name,
      points: m.rows.filter((r) => r.term !== "(Intercept)"),
      note: `interval: ${m.method}`,
    };
  }
  const fit = "fit" in m ? m.fit : m;
  const name =
    headers?.[i] ??
    ("fit" in m && m.title ? m.title : isPublished(fit) ? `Published ${fit.name}` : `(${i + 1})`);
  const p = points(fit, level);
  return { name, points: p.points, note: `${Math.round(level * 100)}% CI, ${p.note}` };
}

/** The terms to plot, in order: `keep`, else every term in order of first appearance; less `drop`. */
function plotTerms(
  cols: readonly Series[],
  keep: readonly string[] | undefined,
  dropList: readonly string[] | undefined,
): string[] {
  const drop = new Set(dropList ?? []);
  let terms: string[];
  if (keep) terms = keep.filter((t) => !drop.has(t));
  else {
    terms = [];
    for (const c of cols)
      for (const p of c.points)
        if (!terms.includes(p.term) && !drop.has(p.term)) terms.push(p.term);
  }
  const missing = terms.filter((t) => !cols.some((c) => c.points.some((p) => p.term === t)));
  if (missing.length) throw new Error(`coefplot: no model has the term(s) ${missing.join(", ")}`);
  return terms;
}

/** A model's markers with horizontal error bars (lo..hi) on the plotted terms. */
function markerTrace(c: Series, terms: readonly string[], label: (t: string) => string): Trace {
  const pts = terms
    .map((t) => c.points.find((p) => p.term === t))
    .filter((p): p is Point => p !== undefined);
  return {
    type: "scatter",
    mode: "markers",
    name: c.name,
    orientation: "h",
    offsetgroup: c.name,
    x: pts.map((p) => p.estimate),
    y: pts.map((p) => label(p.term)),
    error_x: {
      type: "data",
      symmetric: false,
      array: pts.map((p) => p.hi - p.estimate),
      arrayminus: pts.map((p) => p.estimate - p.lo),
    },
    hovertemplate: `${c.name} %{y}: %{x:.3f} (${c.note})<extra></extra>`,
  };
}

/** A shaded band on the side of zero the hypothesis predicts, for each term with a predicted sign. */
function hypothesisShades(
  terms: readonly string[],
  sign: Readonly<Record<string, number>>,
  rowOf: (t: string) => number,
  reach: number,
) {
  return terms
    .filter((t) => sign[t] === 1 || sign[t] === -1)
    .map((t) => {
      const y = rowOf(t);
      return {
        type: "rect",
        xref: "x",
        yref: "y",
        layer: "below",
        line: { width: 0 },
        fillcolor: "rgba(46, 139, 87, 0.15)",
        x0: 0,
        x1: sign[t] * reach,
        y0: y - 0.45,
        y1: y + 0.45,
      };
    });
}
