/**
 * How the paper evidently computed what it shows, tested against what it
 * printed (notebooks 06 and 08-09).
 *
 * Table 1 treatment. The paper says its continuous variables are winsorized
 * at 1%/99% but not whether Table 1 describes the data before or after, nor
 * whether winsorizing was pooled or by year. For each treatment of the
 * estimation sample (regressors lagged, outcome years 2017-2020) we compute
 * min and max and measure the distance to the published ones in published sds:
 *
 *   d_v = (|min_v − min_v^pub| + |max_v − max_v^pub|) / sd_v^pub
 *
 * The treatment with the smallest mean d over the variables fits best; min
 * and max are what winsorizing changes, the means barely move.
 *
 * Label swap. Each of our ID/ED rows is paired with the published row whose
 * moments (|Δmean| + |Δsd| + |Δmin| + |Δmax|, in published sds) it matches
 * best among {X_us, X_ch}; a pairing across labels is flagged.
 *
 * The constant. Stata's xtreg, fe reports _cons = ȳ − x̄ᵀb; clustered by
 * country, its SE is √(x̄ᵀVx̄) (the within residuals sum to 0 in every
 * cluster), hence exactly 0 when the regressors are standardized on the
 * estimation sample (x̄ = 0). The published constants have SEs of 0.8-1.2:
 * the paper's regressors were standardized on another sample than the one
 * estimated. constantBySdMode fits model (1)-(7) under each standardization
 * and reports constant, SE, and the pattern (SE > 0; constant near ȳ).
 */
import { prepareSample, type PrepareOptions } from "./prepare";
import { describeColumns } from "../report/descriptives";
import { TABLE1, TABLE2, type PublishedStat } from "./published";
import { ALL_REGRESSORS, TABLE2_SPECS, type Outcome } from "../study";
import { fitSpecs } from "./hypotheses";
import type { PanelRow } from "../panel/schema";
import { defined, entry } from "../lookup";

export type Table1Treatment = "raw" | "winsorized pooled 1/99" | "winsorized by year 1/99";
export const TABLE1_TREATMENTS: readonly Table1Treatment[] = [
  "raw",
  "winsorized pooled 1/99",
  "winsorized by year 1/99",
];

const WINSOR: Record<Table1Treatment, PrepareOptions["winsorize"]> = {
  raw: false,
  "winsorized pooled 1/99": { by: "pooled" },
  "winsorized by year 1/99": { by: "year" },
};

/** The estimation sample's regressors under one treatment (not standardized). */
export function table1Sample(
  panel: readonly PanelRow[],
  treatment: Table1Treatment,
  outcome: Outcome = "huawei_stance",
) {
  return prepareSample(panel, { outcome, winsorize: WINSOR[treatment], standardize: false });
}

/**
 * Our row → the published row it matches (module doc). Variables other than
 * ID/ED pair with themselves.
 */
export function pairWithPublished(
  ours: Record<string, PublishedStat>,
): Record<string, { published: string; swapped: boolean }> {
  const d = (o: PublishedStat, p: PublishedStat) =>
    (Math.abs(o.mean - p.mean) +
      Math.abs(o.sd - p.sd) +
      Math.abs(o.min - p.min) +
      Math.abs(o.max - p.max)) /
    p.sd;
  const out: Record<string, { published: string; swapped: boolean }> = {};
  for (const v of Object.keys(ours)) out[v] = { published: v, swapped: false };
  for (const k of ["ID", "ED"]) {
    const us = `${k}_us`,
      ch = `${k}_ch`;
    if (!entry(ours, us) || !entry(ours, ch)) continue;
    const straight = d(ours[us], TABLE1[us]) + d(ours[ch], TABLE1[ch]);
    const crossed = d(ours[us], TABLE1[ch]) + d(ours[ch], TABLE1[us]);
    if (crossed < straight) {
      out[us] = { published: ch, swapped: true };
      out[ch] = { published: us, swapped: true };
    }
  }
  return out;
}

export type Table1FitRow = {
  treatment: Table1Treatment;
  /** Mean over variables of d_v (module doc), in published sds. */
  meanDistance: number;
  /** Variables for which this treatment is strictly closest. */
  closestFor: number;
  /** Values winsorizing changed (0 for raw). */
  valuesChanged: number;
};

/** Which treatment fits the published min/max best (module doc). */
export function table1TreatmentFit(
  panel: readonly PanelRow[],
  outcome: Outcome = "huawei_stance",
): { fit: Table1FitRow[]; perVariable: Record<string, string | number>[] } {
  const per = TABLE1_TREATMENTS.map((t) => {
    const s = table1Sample(panel, t, outcome);
    const stats = statsOf(s.data);
    const pairs = pairWithPublished(stats);
    const dist: Record<string, number> = {};
    for (const v of ALL_REGRESSORS) {
      const p = TABLE1[pairs[v].published];
      dist[v] = (Math.abs(stats[v].min - p.min) + Math.abs(stats[v].max - p.max)) / p.sd;
    }
    const changed = Object.values(s.winsorized).reduce((a, w) => a + w.low + w.high, 0);
    return { t, dist, changed };
  });
  const fit = per.map(({ t, dist, changed }) => ({
    treatment: t,
    meanDistance: ALL_REGRESSORS.reduce((a, v) => a + dist[v], 0) / ALL_REGRESSORS.length,
    closestFor: ALL_REGRESSORS.filter((v) => per.every((o) => o.t === t || dist[v] < o.dist[v]))
      .length,
    valuesChanged: changed,
  }));
  const perVariable = ALL_REGRESSORS.map((v) => ({
    variable: v,
    ...Object.fromEntries(per.map((o) => [o.t, o.dist[v]])),
  }));
  return { fit, perVariable };
}

function statsOf(data: Record<string, ArrayLike<unknown>>): Record<string, PublishedStat> {
  return Object.fromEntries(
    describeColumns(data, ALL_REGRESSORS).map((d) => [
      d.variable,
      { mean: d.mean, sd: d.sd, min: d.min, max: d.max },
    ]),
  );
}

export type Table1ComparisonRow = {
  variable: string;
  "published row": string;
  note: string;
  mean: number;
  "mean (paper)": number;
  sd: number;
  "sd (paper)": number;
  min: number;
  "min (paper)": number;
  max: number;
  "max (paper)": number;
};

/** Table 1, ours under one treatment, each row next to the published row it matches. */
export function table1Comparison(
  panel: readonly PanelRow[],
  treatment: Table1Treatment = "raw",
  outcome: Outcome = "huawei_stance",
): Table1ComparisonRow[] {
  const stats = statsOf(table1Sample(panel, treatment, outcome).data);
  const pairs = pairWithPublished(stats);
  return ALL_REGRESSORS.map((v) => {
    const p = TABLE1[pairs[v].published];
    const o = stats[v];
    return {
      variable: v,
      "published row": pairs[v].published,
      note: pairs[v].swapped ? `label swap: published "${pairs[v].published}"` : "",
      mean: o.mean,
      "mean (paper)": p.mean,
      sd: o.sd,
      "sd (paper)": p.sd,
      min: o.min,
      "min (paper)": p.min,
      max: o.max,
      "max (paper)": p.max,
    };
  });
}

export type ConstantRow = {
  standardize: string;
  model: string;
  constant: number;
  se: number;
  "mean of y": number;
};

/** Model (1)-(7) constants under each standardization of the regressors (module doc). */
export function constantBySdMode(
  panel: readonly PanelRow[],
  outcome: Outcome,
  modes: readonly ("sample" | "panel")[] = ["sample", "panel"],
): ConstantRow[] {
  const rows: ConstantRow[] = [];
  for (const mode of modes) {
    const f = fitSpecs(panel, TABLE2_SPECS, outcome, { prepare: { standardize: mode } });
    const y = f.sample.data[outcome] as ArrayLike<number>;
    let ybar = 0;
    for (let i = 0; i < y.length; i++) ybar += y[i] / y.length;
    for (const m of f.models) {
      const c = defined(m.fit.constant, `the constant of model ${m.spec.name}`);
      rows.push({
        standardize: mode,
        model: m.spec.name,
        constant: c.estimate,
        se: c.std_error,
        "mean of y": ybar,
      });
    }
  }
  return rows;
}

/** The published constants of Table 2 with their SEs (the pattern to reproduce). */
export function publishedConstants(): { model: string; constant: number; se: number }[] {
  return Object.entries(TABLE2).map(([model, m]) => ({
    model,
    constant: m["(Intercept)"].estimate,
    se: m["(Intercept)"].se,
  }));
}
