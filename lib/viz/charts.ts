/**
 * A few chart builders for the notebooks. Each returns a plotly {@link Figure}
 * (pass it to `show` from lib/viz/plotly.ts); none draws anything itself, so
 * tests can check the figure as data.
 *
 * - {@link lineByCountry}: one line per country over the panel years;
 * - {@link bar}: one or more bar series over categories;
 * - {@link scatterLabels}: a scatter with a text label per point;
 * - {@link timeline}: dated events, one row each, coloured by lane;
 * - {@link sliderFigure}: precomputed steps switched by a slider (interactive
 *   without a kernel, so it also works in the HTML export).
 *
 * Coefficient plots: lib/viz/coefplot.ts (`coefplot`, from fits or from
 * intervals computed by any inference method).
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

/** Tick labels in words for a coded axis, e.g. { 0: "0 no restriction", 1: …, 2: … }. */
export type ValueLabels = Readonly<Record<number, string>>;

function codedAxis(labels: ValueLabels | undefined): Layout {
  if (!labels) return {};
  const vals = Object.keys(labels)
    .map(Number)
    .sort((a, b) => a - b);
  return {
    tickmode: "array",
    tickvals: vals,
    ticktext: vals.map((v) => labels[v]),
    automargin: true,
  };
}

/**
 * Spread labels placed at heights `ys` so that neighbours are at least `gap`
 * apart, moving each as little as possible (sorted sweep up, then a shift down
 * if the top label left [lo, hi]). Returns the new heights in input order.
 */
export function spreadLabels(
  ys: readonly number[],
  gap: number,
  lo = -Infinity,
  hi = Infinity,
): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const out = order.map((o) => o.y);
  for (let k = 1; k < out.length; k++) out[k] = Math.max(out[k], out[k - 1] + gap);
  const over = out.length ? out[out.length - 1] - hi : 0;
  if (over > 0) for (let k = 0; k < out.length; k++) out[k] -= over;
  for (let k = out.length - 2; k >= 0; k--) out[k] = Math.min(out[k], out[k + 1] - gap);
  if (out.length && out[0] < lo) {
    const up = lo - out[0];
    for (let k = 0; k < out.length; k++) out[k] += up;
  }
  const res = new Array<number>(ys.length);
  order.forEach((o, k) => (res[o.i] = out[k]));
  return res;
}

/**
 * One line per country, years on a categorical axis. Missing values (null)
 * leave a gap. With `highlight`, the named countries are drawn thick and in
 * colour and labelled at the end of their own line (no legend to search);
 * the others are thin grey lines without legend entries. End labels are
 * spread vertically (spreadLabels) so that they do not overlap. `names` maps
 * a country code to the label shown; `valueLabels` writes a coded y axis in
 * words (e.g. the Huawei stance 0/1/2).
 */
export function lineByCountry(
  rows: readonly CountryYearValue[],
  opts: ChartText & {
    highlight?: readonly string[];
    names?: Readonly<Record<string, string>>;
    valueLabels?: ValueLabels;
  } = {},
): Figure {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const countries = [...new Set(rows.map((r) => r.country))];
  const hl = new Set(opts.highlight ?? []);
  const name = (c: string): string => opts.names?.[c] ?? c;
  // highlighted lines last, so they are drawn on top
  const drawOrder = [...countries.filter((c) => !hl.has(c)), ...countries.filter((c) => hl.has(c))];
  const data: Trace[] = drawOrder.map((c) => {
    const byYear = new Map(rows.filter((r) => r.country === c).map((r) => [r.year, r.value]));
    const thin = hl.size > 0 && !hl.has(c);
    return {
      type: "scatter",
      mode: "lines+markers",
      name: name(c),
      x: years.map(String),
      y: years.map((y) => byYear.get(y) ?? null),
      line: thin ? { width: 1, color: "rgba(150,150,150,0.6)" } : { width: 2.5 },
      marker: thin ? { size: 3, color: "rgba(150,150,150,0.6)" } : { size: 6 },
      showlegend: hl.size === 0,
      hovertemplate: `${name(c)} %{x}: %{y:.3f}<extra></extra>`,
    };
  });
  const annotations: Record<string, unknown>[] = [];
  if (hl.size) {
    const vals = rows
      .map((r) => r.value)
      .filter((v): v is number => v !== null && Number.isFinite(v));
    const span = vals.length ? Math.max(...vals) - Math.min(...vals) || 1 : 1;
    const ends = countries
      .filter((c) => hl.has(c))
      .flatMap((c) => {
        const last = rows
          .filter((r) => r.country === c && r.value !== null)
          .sort((a, b) => b.year - a.year)
          .at(0);
        return last ? [{ c, year: last.year, y: last.value as number }] : [];
      });
    const ys = spreadLabels(
      ends.map((e) => e.y),
      span * 0.06,
    );
    ends.forEach((e, k) =>
      annotations.push({
        // On a category axis an annotation's x is the category's serial number: plotly
        // reads x: "2019" as category number 2019 and stretches the axis to 2019 slots.
        x: years.indexOf(e.year),
        y: ys[k],
        xref: "x",
        yref: "y",
        text: name(e.c),
        showarrow: false,
        xanchor: "left",
        xshift: 8,
        font: { size: 12 },
      }),
    );
  }
  return {
    data,
    layout: {
      ...baseLayout(opts),
      xaxis: yearAxis(opts.xTitle ?? "year"),
      yaxis: { ...axis(opts.yTitle), ...codedAxis(opts.valueLabels) },
      hovermode: "closest",
      showlegend: hl.size === 0,
      annotations,
      margin: hl.size ? { r: 120 } : undefined,
    },
  };
}

export interface BarSeries {
  name: string;
  x: readonly string[];
  y: readonly (number | null)[];
}

/** Bars over categories; several series are grouped side by side. */
export function bar(
  series: readonly BarSeries[],
  opts: ChartText & { horizontal?: boolean; categoricalX?: boolean } = {},
): Figure {
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

/** Text positions tried around a point, in order of preference. */
const POSITIONS = [
  "top center",
  "bottom center",
  "middle right",
  "middle left",
  "top right",
  "top left",
  "bottom right",
  "bottom left",
] as const;
export type TextPosition = (typeof POSITIONS)[number];

/**
 * Repel-like label placement (greedy, in the spirit of ggrepel): points in
 * priority order (the `priority` list first, then the points farthest from the
 * centre of the cloud) try each position of POSITIONS; a label is placed where
 * its box overlaps no placed label and no other point's marker, else it is
 * left off (the point keeps its hover text). Boxes are estimated in pixels
 * for a plot of `width` × `height` (font `fontSize`, 0.6 em per character).
 * Returns one position per point, or null for an unlabelled point.
 */
export function placeLabels(
  points: readonly { x: number; y: number; label: string }[],
  opts: {
    width?: number;
    height?: number;
    fontSize?: number;
    priority?: readonly string[];
    max?: number;
  } = {},
): (TextPosition | null)[] {
  const W = opts.width ?? 700,
    H = opts.height ?? 450,
    fs = opts.fontSize ?? 10;
  if (points.length === 0) return [];
  const xs = points.map((p) => p.x),
    ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)],
    [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const px = (p: { x: number; y: number }) => ({
    X: ((p.x - x0) / (x1 - x0 || 1)) * W,
    Y: ((y1 - p.y) / (y1 - y0 || 1)) * H,
  });
  const cx = xs.reduce((a, v) => a + v, 0) / xs.length,
    cy = ys.reduce((a, v) => a + v, 0) / ys.length;
  const sx = x1 - x0 || 1,
    sy = y1 - y0 || 1;
  const pri = opts.priority ?? [];
  const order = points
    .map((p, i) => i)
    .sort((a, b) => {
      const pa = pri.indexOf(points[a].label),
        pb = pri.indexOf(points[b].label);
      if (pa !== pb) return (pa < 0 ? Infinity : pa) - (pb < 0 ? Infinity : pb);
      const d = (i: number) => ((points[i].x - cx) / sx) ** 2 + ((points[i].y - cy) / sy) ** 2;
      return d(b) - d(a);
    });
  type Box = { l: number; r: number; t: number; b: number };
  const overlap = (a: Box, b: Box) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const placed: Box[] = [];
  const markers: Box[] = points.map((p) => {
    const { X, Y } = px(p);
    return { l: X - 3, r: X + 3, t: Y - 3, b: Y + 3 };
  });
  const out: (TextPosition | null)[] = points.map(() => null);
  const max = opts.max ?? Infinity;
  let n = 0;
  for (const i of order) {
    if (n >= max) break;
    const { X, Y } = px(points[i]);
    const w = 0.6 * fs * points[i].label.length,
      h = 1.2 * fs,
      pad = 4;
    for (const pos of POSITIONS) {
      const [v, hz] = pos.split(" ");
      const l = hz === "right" ? X + pad : hz === "left" ? X - pad - w : X - w / 2;
      const t = v === "top" ? Y - pad - h : v === "bottom" ? Y + pad : Y - h / 2;
      const box = { l, r: l + w, t, b: t + h };
      if (placed.some((b) => overlap(b, box)) || markers.some((m, j) => j !== i && overlap(m, box)))
        continue;
      placed.push(box);
      out[i] = pos;
      n++;
      break;
    }
  }
  return out;
}

/**
 * A scatter plot with text labels placed without overlap (placeLabels):
 * markers carry every label on hover; the visible labels are those that fit
 * (the `label` option lists points to label first; `maxLabels` caps them).
 */
export function scatterLabels(
  points: readonly LabelledPoint[],
  opts: ChartText & { diagonal?: boolean; label?: readonly string[]; maxLabels?: number } = {},
): Figure {
  const groups = [...new Set(points.map((p) => p.group ?? ""))];
  const pos = placeLabels(points, {
    priority: opts.label,
    max: opts.maxLabels,
    height: opts.height ?? 450,
  });
  const data: Trace[] = groups.map((g) => {
    const idx = points.map((p, i) => i).filter((i) => (points[i].group ?? "") === g);
    return {
      type: "scatter",
      mode: "markers+text",
      name: g || "points",
      x: idx.map((i) => points[i].x),
      y: idx.map((i) => points[i].y),
      text: idx.map((i) => (pos[i] ? points[i].label : "")),
      customdata: idx.map((i) => points[i].label),
      textposition: idx.map((i) => pos[i] ?? "top center"),
      textfont: { size: 10 },
      hovertemplate: "%{customdata}: (%{x:.3f}, %{y:.3f})<extra></extra>",
    };
  });
  if (opts.diagonal && points.length) {
    const lo = Math.min(...points.map((p) => Math.min(p.x, p.y)));
    const hi = Math.max(...points.map((p) => Math.max(p.x, p.y)));
    data.push({
      type: "scatter",
      mode: "lines",
      name: "y = x",
      x: [lo, hi],
      y: [lo, hi],
      line: { dash: "dot", color: "grey" },
    });
  }
  return {
    data,
    layout: {
      ...baseLayout(opts),
      showlegend: groups.length > 1 || !!opts.diagonal,
      xaxis: axis(opts.xTitle, { zeroline: false }),
      yaxis: axis(opts.yTitle, { zeroline: false }),
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
      yaxis: axis(opts.yTitle, {
        type: "category",
        categoryorder: "array",
        categoryarray: sorted.map((e) => e.label).reverse(),
        automargin: true,
      }),
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
export function sliderFigure(
  steps: readonly SliderStep[],
  opts: ChartText & { sliderLabel?: string; active?: number; layout?: Layout } = {},
): Figure {
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
          steps: steps.map((s, i) => ({
            label: s.label,
            method: "update",
            args: [{ visible: owner.map((o) => o === i) }],
          })),
        },
      ],
    },
  };
}
