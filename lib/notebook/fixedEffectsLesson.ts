/**
 * The pieces notebook 07 (two-way fixed effects by hand) shows, so that its
 * cells stay one call each. The estimators themselves live in
 * lib/estimate/within.ts (by hand) and lib/estimate/feols.ts (the tool).
 *
 *   threeWays        β̂ from feols, from the dummy-variable regression (LSDV)
 *                    and from OLS on two-way demeaned data; throws if any two
 *                    differ by more than tol (default 1e-10)
 *   demeaningTable   x, x̄_i·, x̄_·t, x̄·· and x̃ = x − x̄_i· − x̄_·t + x̄·· for a
 *                    few countries (the balanced-panel formula, checked
 *                    against demeanTwoWay)
 *   fwlFigure        the Frisch–Waugh–Lovell partial-regression plot
 *   tradeReading     what the ICTtrade and ICTtrade_us coefficients mean per
 *                    pooled sd, per within-country sd, and for a 10% rise in
 *                    trade with China at constant trade with the US
 *   residualAutocorrelation   within-country correlation of e_it and e_i,t−1,
 *                    next to −1/(T − 1), what demeaning alone produces with
 *                    independent errors (Wooldridge 2010, §10.5.4)
 */
import { feols, type FeolsResult } from "../estimate/feols";
import { demeanTwoWay, fwl, lsdv, withinBetween, withinCorrelation } from "../estimate/within";
import { readPanel } from "../panel/read";
import { prepareSample, type PrepareOptions, type Prepared } from "../replication/prepare";
import type { Outcome } from "../study";
import { placeLabels } from "../viz/charts";
import type { Figure } from "../viz/plotly";
import { defined, entry, mustGet } from "../lookup";

type Data = Record<string, ArrayLike<unknown>>;

/** The estimation sample of one outcome, from data/panel.csv (prepareSample defaults unless overridden). */
export function lessonSample(
  outcome: Outcome = "huawei_stance",
  opts: Omit<PrepareOptions, "outcome"> = {},
): Prepared {
  return prepareSample(readPanel(), { ...opts, outcome });
}

/**
 * Persistence of a panel column: among ally-years with a value in the
 * previous year too, the share with the same value as the year before.
 */
export function persistence(
  rows: readonly Record<string, unknown>[],
  column: string,
): { same: number; pairs: number; share: number } {
  const at = new Map<string, unknown>();
  for (const r of rows) at.set(`${String(r.iso3)}|${String(r.year)}`, r[column]);
  let same = 0,
    pairs = 0;
  for (const r of rows) {
    const v = r[column],
      prev = at.get(`${String(r.iso3)}|${Number(r.year) - 1}`);
    if (v === null || v === undefined || prev === null || prev === undefined) continue;
    pairs++;
    if (v === prev) same++;
  }
  return { same, pairs, share: same / pairs };
}

const num = (d: Data, c: string): Float64Array => {
  const v = entry(d, c);
  if (!v) throw new Error(`no column "${c}"`);
  return Float64Array.from({ length: v.length }, (_, i) => Number(v[i]));
};

export type ThreeWaysRow = {
  term: string;
  feols: number;
  "LSDV (dummies)": number;
  "demeaned by hand": number;
};

/** The same slopes three ways (module doc); throws if they differ by more than tol. */
export function threeWays(
  data: Data,
  y: string,
  x: readonly string[],
  tol = 1e-10,
): { rows: ThreeWaysRow[]; maxGap: number; dummyColumns: number } {
  const fe = feols({ data, y, x: [...x], fe: ["iso3", "year"] });
  const d = lsdv(data, y, x, "iso3", "year");
  const u = data.iso3 as ArrayLike<string>,
    t = data.year as ArrayLike<number>;
  const dm: Record<string, Float64Array> = {};
  for (const c of [y, ...x]) dm[c] = demeanTwoWay(num(data, c), u, t).x;
  const byHand = feols({ data: dm, y, x: [...x] }); // no FE: plain OLS (its intercept is 0)
  const rows = x.map((term) => ({
    term,
    feols: defined(
      fe.coefficients.find((c) => c.term === term),
      `the FE fit's ${term}`,
    ).estimate,
    "LSDV (dummies)": d.coef[term],
    "demeaned by hand": defined(
      byHand.coefficients.find((c) => c.term === term),
      `the demeaned fit's ${term}`,
    ).estimate,
  }));
  let maxGap = 0;
  for (const r of rows)
    maxGap = Math.max(
      maxGap,
      Math.abs(r.feols - r["LSDV (dummies)"]),
      Math.abs(r.feols - r["demeaned by hand"]),
    );
  if (!(maxGap <= tol))
    throw new Error(`threeWays: the three estimates differ by ${maxGap} > ${tol}`);
  return { rows, maxGap, dummyColumns: d.columns };
}

export type DemeaningRow = {
  country: string;
  year: number;
  x: number;
  "country mean": number;
  "year mean": number;
  "grand mean": number;
  "x̃ (formula)": number;
  "x̃ (demeanTwoWay)": number;
};

/** The balanced-panel demeaning formula for some countries' rows of one column (module doc). */
export function demeaningTable(
  data: Data,
  column: string,
  countries: readonly string[],
): DemeaningRow[] {
  const x = num(data, column);
  const u = data.iso3 as ArrayLike<string>,
    t = data.year as ArrayLike<number>;
  const mean = (f: (i: number) => boolean): number => {
    let s = 0,
      n = 0;
    for (let i = 0; i < x.length; i++)
      if (f(i)) {
        s += x[i];
        n++;
      }
    return s / n;
  };
  const g = mean(() => true);
  const tw = demeanTwoWay(x, u, t).x;
  const out: DemeaningRow[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!countries.includes(u[i])) continue;
    const mi = mean((j) => u[j] === u[i]),
      mt = mean((j) => t[j] === t[i]);
    out.push({
      country: u[i],
      year: t[i],
      x: x[i],
      "country mean": mi,
      "year mean": mt,
      "grand mean": g,
      "x̃ (formula)": x[i] - mi - mt + g,
      "x̃ (demeanTwoWay)": tw[i],
    });
  }
  return out;
}

/** Partial-regression (FWL) plot of y on one regressor, both net of FE and the other regressors. */
export function fwlFigure(
  data: Data,
  y: string,
  term: string,
  others: readonly string[],
  opts: { title?: string; xTitle?: string; yTitle?: string } = {},
): { figure: Figure; slope: number; xRange: [number, number] } {
  const p = fwl(data, y, term, others, "iso3", "year");
  const labels = Array.from(
    { length: p.x.length },
    (_, i) => `${String(data.iso3[i])} ${String(data.year[i])}`,
  );
  const pts = Array.from(p.x, (v, i) => ({ x: v, y: p.y[i], label: labels[i] }));
  const pos = placeLabels(pts, { max: 12 });
  const lo = Math.min(...p.x),
    hi = Math.max(...p.x);
  const figure: Figure = {
    data: [
      {
        type: "scatter",
        mode: "markers+text",
        name: "ally-years",
        x: Array.from(p.x),
        y: Array.from(p.y),
        text: pts.map((q, i) => (pos[i] ? q.label : "")),
        textposition: pos.map((q) => q ?? "top center"),
        textfont: { size: 9 },
        customdata: labels,
        hovertemplate: "%{customdata}: (%{x:.3f}, %{y:.3f})<extra></extra>",
      },
      {
        type: "scatter",
        mode: "lines",
        name: `slope ${p.slope.toFixed(3)} = the coefficient`,
        x: [lo, hi],
        y: [p.slope * lo, p.slope * hi],
        line: { color: "firebrick" },
      },
    ],
    layout: {
      title: {
        text:
          opts.title ??
          `Frisch–Waugh–Lovell: ${y} on ${term}, both net of country and year FE and the other regressors`,
      },
      xaxis: { title: { text: opts.xTitle ?? `${term}, residualized` }, zeroline: true },
      yaxis: { title: { text: opts.yTitle ?? `${y}, residualized` }, zeroline: true },
    },
  };
  return { figure, slope: p.slope, xRange: [lo, hi] };
}

export type TradeReading = {
  /** Coefficients per pooled sd (the regressors are standardized). */
  bIct: number;
  bIctUs: number;
  /** sd of the regressors' two-way within variation, in pooled sds. */
  withinSdIct: number;
  withinSdIctUs: number;
  /** Effect of a typical within-country movement (one two-way within sd). */
  perWithinSdIct: number;
  perWithinSdIctUs: number;
  /** Pooled and two-way within correlation of ICTtrade and ICTtrade_us. */
  corrPooled: number;
  corrWithin: number;
  /** Effect on y of +10% trade with China, trade with the US unchanged (both logs move by ln 1.1). */
  effect10pct: number;
  /** The same if only ICTtrade moved (ICTtrade_us held fixed, an impossible experiment). */
  effect10pctIctOnly: number;
};

/**
 * ICTtrade = ln(trade with China) and ICTtrade_us = ln(trade with China) −
 * ln(trade with the US), both standardized with the sample's sd (in log
 * units: sample.scale). A 10% rise in trade with China at constant trade with
 * the US moves both logs by ln 1.1, i.e. ln 1.1 / sd_v pooled sds each:
 *
 *   Δy = ln 1.1 · (b_ICT / sd_ICT + b_US / sd_US)
 */
export function tradeReading(
  fit: Pick<FeolsResult, "coefficients">,
  sample: Prepared,
): TradeReading {
  const b = (t: string): number => {
    const c = fit.coefficients.find((r) => r.term === t);
    if (!c) throw new Error(`tradeReading: the model has no ${t}`);
    return c.estimate;
  };
  const d = sample.data as Data;
  const wb = withinBetween(d, ["ICTtrade", "ICTtrade_us"], "iso3", "year");
  const sdIct = entry(sample.scale, "ICTtrade")?.sd,
    sdUs = entry(sample.scale, "ICTtrade_us")?.sd;
  if (!sdIct || !sdUs)
    throw new Error("tradeReading: the sample's regressors are not standardized (no scale)");
  const bI = b("ICTtrade"),
    bU = b("ICTtrade_us");
  const c = withinCorrelation(
    num(d, "ICTtrade"),
    num(d, "ICTtrade_us"),
    d.iso3 as ArrayLike<string>,
    d.year as ArrayLike<number>,
  );
  const l = Math.log(1.1);
  return {
    bIct: bI,
    bIctUs: bU,
    withinSdIct: wb[0].twoWay / wb[0].overall,
    withinSdIctUs: wb[1].twoWay / wb[1].overall,
    perWithinSdIct: bI * wb[0].twoWay,
    perWithinSdIctUs: bU * wb[1].twoWay,
    corrPooled: c.pooled,
    corrWithin: c.within,
    effect10pct: l * (bI / sdIct + bU / sdUs),
    effect10pctIctOnly: l * (bI / sdIct),
  };
}

/** Within-country lag-1 correlation of the residuals of a two-way FE fit, and −1/(T − 1). */
export function residualAutocorrelation(
  fit: Pick<FeolsResult, "design">,
  data: Data,
): { rho: number; benchmark: number; pairs: number } {
  const d = fit.design;
  const key = new Map<string, number>();
  const u = data.iso3 as ArrayLike<string>,
    t = data.year as ArrayLike<number>;
  d.rows.forEach((r, i) => key.set(`${u[r]}|${t[r]}`, d.resid[i]));
  const a: number[] = [],
    b: number[] = [];
  const T = new Set(Array.from(d.rows, (r) => t[r])).size;
  d.rows.forEach((r, i) => {
    const prev = key.get(`${u[r]}|${t[r] - 1}`);
    if (prev !== undefined) {
      a.push(d.resid[i]);
      b.push(prev);
    }
  });
  const ma = a.reduce((s, v) => s + v, 0) / a.length,
    mb = b.reduce((s, v) => s + v, 0) / b.length;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return { rho: sab / Math.sqrt(saa * sbb), benchmark: -1 / (T - 1), pairs: a.length };
}

/**
 * Units whose value of `column` is higher in their last year than in their
 * first (e.g. how many allies' trade with China rose over the sample).
 */
export function shareRising(
  data: Data,
  column: string,
): { rising: number; units: number; share: number } {
  const x = num(data, column);
  const u = data.iso3 as ArrayLike<string>,
    t = data.year as ArrayLike<number>;
  const first = new Map<string, { t: number; v: number }>(),
    last = new Map<string, { t: number; v: number }>();
  for (let i = 0; i < x.length; i++) {
    const f = first.get(u[i]),
      l = last.get(u[i]);
    if (!f || t[i] < f.t) first.set(u[i], { t: t[i], v: x[i] });
    if (!l || t[i] > l.t) last.set(u[i], { t: t[i], v: x[i] });
  }
  let rising = 0;
  for (const [k, f] of first) if (mustGet(last, k, "the last value of a unit").v > f.v) rising++;
  return { rising, units: first.size, share: rising / first.size };
}
