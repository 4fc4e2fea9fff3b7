/**
 * A few chart builders for the notebooks. Each returns a plotly {@link Figure}
 * (pass it to `show` from lib/viz/plotly.ts); none draws anything itself, so
 * tests can check the figure as data.
 *
 * - {@link lineByCountry}: one line per country over the panel years;
 * - {@link bar}: one or more bar series over categories;
 * - {@link scatterLabels}: a scatter with a text label per point;
 * - {@link coefPlot}: point estimates with confidence intervals, by model;
 * - {@link timeline}: dated events, one row each, coloured by lane;
 * - {@link sliderFigure}: precomputed steps switched by a slider (interactive
 *   without a kernel, so it also works in the HTML export).
 */
import { yearAxis, type Figure, type Layout, type Trace } from "./plotly";

export interface ChartText {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  height?: number;
}

function baseLayout(t: ChartText): Layout {
  const l: Layout = {};
  if (t.title) l.title = { text: t.title };
  if (t.height) l.height = t.height;
  return l;
}

function axis(title: string | undefined, extra: Layout = {}): Layout {
  return title ? { title: { text: title }, ...extra } : { ...extra };
}

export interface CountryYearValue {
  country: string;
  year: number;
  value: number | null;
}

/**
 * One line per country, years on a categorical axis. Missing values (null)
 * leave a gap. `highlight` names countries drawn thick; the others are thin.
 */
export function lineByCountry(rows: readonly CountryYearValue[], opts: ChartText & { highlight?: readonly string[] } = {}): Figure {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const countries = [...new Set(rows.map((r) => r.country))];
  const hl = new Set(opts.highlight ?? []);
  const data: Trace[] = countries.map((c) => {
    const byYear = new Map(rows.filter((r) => r.country === c).map((r) => [r.year, r.value]));
    const thin = hl.size > 0 && !hl.has(c);
    return {
      type: "scatter",
      mode: "lines+markers",
      name: c,
      x: years.map(String),
      y: years.map((y) => byYear.get(y) ?? null),
      line: { width: thin ? 1 : 2.5 },
      opacity: thin ? 0.45 : 1,
      hovertemplate: `${c} %{x}: %{y:.3f}<extra></extra>`,
    };
  });
  return {
    data,
    layout: { ...baseLayout(opts), xaxis: yearAxis(opts.xTitle ?? "year"), yaxis: axis(opts.yTitle), hovermode: "closest" },
  };
}

export interface BarSeries {
  name: string;
  x: readonly string[];
  y: readonly (number | null)[];
}

/** Bars over categories; several series are grouped side by side. */
export function bar(series: readonly BarSeries[], opts: ChartText & { horizontal?: boolean; categoricalX?: boolean } = {}): Figure {
  const data: Trace[] = series.map((s) =>
    opts.horizontal
      ? { type: "bar", orientation: "h", name: s.name, y: [...s.x], x: [...s.y] }
      : { type: "bar", name: s.name, x: [...s.x], y: [...s.y] },
  );
  const cat = { type: "category" };
  return {
    data,
    layout: {
      ...baseLayout(opts),
      barmode: "group",
      showlegend: series.length > 1,
      xaxis: axis(opts.xTitle, opts.horizontal ? {} : cat),
      yaxis: axis(opts.yTitle, opts.horizontal ? { ...cat, automargin: true } : {}),
    },
  };
}

export interface LabelledPoint {
  x: number;
  y: number;
  label: string;
  /** Optional group: one colour (trace) per group. */
  group?: string;
}

/** A scatter plot with a text label next to each point. */
export function scatterLabels(points: readonly LabelledPoint[], opts: ChartText & { diagonal?: boolean } = {}): Figure {
  const groups = [...new Set(points.map((p) => p.group ?? ""))];
  const data: Trace[] = groups.map((g) => {
    const ps = points.filter((p) => (p.group ?? "") === g);
    return {
      type: "scatter",
      mode: "markers+text",
      name: g || "points",
      x: ps.map((p) => p.x),
      y: ps.map((p) => p.y),
      text: ps.map((p) => p.label),
      textposition: "top center",
      textfont: { size: 10 },
      hovertemplate: "%{text}: (%{x:.3f}, %{y:.3f})<extra></extra>",
    };
  });
  if (opts.diagonal && points.length) {
    const lo = Math.min(...points.map((p) => Math.min(p.x, p.y)));
    const hi = Math.max(...points.map((p) => Math.max(p.x, p.y)));
    data.push({ type: "scatter", mode: "lines", name: "y = x", x: [lo, hi], y: [lo, hi], line: { dash: "dot", color: "grey" } });
  }
  return {
    data,
    layout: { ...baseLayout(opts), showlegend: groups.length > 1 || !!opts.diagonal, xaxis: axis(opts.xTitle, { zeroline: false }), yaxis: axis(opts.yTitle, { zeroline: false }) },
  };
}

export interface CoefRow {
  model: string;
  term: string;
  estimate: number;
  /** Lower and upper end of the interval shown (e.g. estimate -/+ 1.96 se). */
  lo: number;
  hi: number;
}

/**
 * Coefficient plot: terms on the vertical axis, estimates with interval bars,
 * one colour per model (grouped side by side), and a zero line.
 */
export function coefPlot(rows: readonly CoefRow[], opts: ChartText = {}): Figure {
  const models = [...new Set(rows.map((r) => r.model))];
  const terms = [...new Set(rows.map((r) => r.term))];
  const data: Trace[] = models.map((m) => {
    const rs = rows.filter((r) => r.model === m);
    return {
      type: "scatter",
      mode: "markers",
      name: m,
      orientation: "h",
      offsetgroup: m,
      x: rs.map((r) => r.estimate),
      y: rs.map((r) => r.term),
      error_x: { type: "data", symmetric: false, array: rs.map((r) => r.hi - r.estimate), arrayminus: rs.map((r) => r.estimate - r.lo) },
      hovertemplate: `${m} %{y}: %{x:.3f}<extra></extra>`,
    };
  });
  return {
    data,
    layout: {
      ...baseLayout(opts),
      scattermode: "group",
      xaxis: axis(opts.xTitle ?? "estimate", { zeroline: true, zerolinecolor: "black", zerolinewidth: 1 }),
      yaxis: axis(opts.yTitle, { type: "category", categoryorder: "array", categoryarray: [...terms].reverse(), automargin: true }),
      height: opts.height ?? Math.max(300, 60 + 40 * terms.length),
    },
  };
}

export interface TimelineEvent {
  /** ISO date, "YYYY-MM-DD" or "YYYY-MM". */
  date: string;
  /** Short label shown on the chart. */
  label: string;
  /** Lane (e.g. "5G", "export controls"). */
  lane: string;
  /** Longer text shown on hover. */
  detail?: string;
}

/**
 * Dated events, one row per event (labels on the vertical axis, earliest at
 * the top), coloured by lane; hover shows the detail. One row per event keeps
 * labels legible when events crowd into a few months.
 */
export function timeline(events: readonly TimelineEvent[], opts: ChartText = {}): Figure {
  const sorted = events.slice().sort((a, b) => a.date.localeCompare(b.date));
  const lanes = [...new Set(sorted.map((e) => e.lane))];
  const data: Trace[] = lanes.map((lane) => {
    const es = sorted.filter((e) => e.lane === lane);
    return {
      type: "scatter",
      mode: "markers",
      name: lane,
      x: es.map((e) => e.date),
      y: es.map((e) => e.label),
      marker: { size: 12 },
      hovertext: es.map((e) => `${e.date}: ${e.detail ?? e.label}`),
      hoverinfo: "text",
    };
  });
  return {
    data,
    layout: {
      ...baseLayout(opts),
      showlegend: true,
      legend: { orientation: "h", y: -0.12 },
      height: opts.height ?? 160 + 28 * sorted.length,
      xaxis: axis(opts.xTitle, { type: "date", showgrid: true }),
      yaxis: axis(opts.yTitle, { type: "category", categoryorder: "array", categoryarray: sorted.map((e) => e.label).reverse(), automargin: true }),
    },
  };
}

export interface SliderStep {
  /** Label shown under the slider tick. */
  label: string;
  /** The traces drawn at this step. */
  traces: Trace[];
}

/**
 * Precomputed steps behind a slider: every step's traces are in the figure,
 * and the slider switches which are visible (plotly's "update" method), so the
 * chart stays interactive in a static HTML file.
 */
export function sliderFigure(steps: readonly SliderStep[], opts: ChartText & { sliderLabel?: string; active?: number; layout?: Layout } = {}): Figure {
  if (steps.length === 0) throw new Error("sliderFigure: no steps");
  const active = opts.active ?? 0;
  const data: Trace[] = [];
  const owner: number[] = [];
  steps.forEach((s, i) => {
    for (const t of s.traces) {
      data.push({ ...t, visible: i === active });
      owner.push(i);
    }
  });
  return {
    data,
    layout: {
      ...baseLayout(opts),
      xaxis: axis(opts.xTitle),
      yaxis: axis(opts.yTitle),
      ...(opts.layout ?? {}),
      sliders: [
        {
          active,
          currentvalue: { prefix: opts.sliderLabel ? `${opts.sliderLabel}: ` : "" },
          pad: { t: 70 },
          steps: steps.map((s, i) => ({ label: s.label, method: "update", args: [{ visible: owner.map((o) => o === i) }] })),
        },
      ],
    },
  };
}
