/**
 * From the panel of levels to the estimation sample of Tables 1-3.
 *
 * The paper: outcomes 2017-2020, every regressor lagged one year
 * (x_i,t-1, so 2016-2019 values enter), continuous variables winsorized at
 * 1%/99% and standardized; country and year fixed effects. It leaves open
 * whether winsorizing is pooled or by year, before or after lagging, and
 * whether the outcome is standardized: each is an option here, with the
 * defaults below (a constant of about 4 in the published tables suggests an
 * outcome left in its units).
 *
 *   default: lag 1 → keep outcome years 2017-2020 → listwise deletion over
 *   the outcome and all regressors of Tables 2-3 (one common sample, as the
 *   paper's N = 102 in every model) → winsorize regressors pooled at 1/99
 *   (Stata `winsor2` quantiles) → standardize regressors (n − 1 sd).
 */
import { lagPanel } from "../estimate/lag";
import { winsorize, type QuantileType } from "../estimate/winsorize";
import { standardize } from "../estimate/standardize";
import type { PanelRow } from "../panel/schema";
import { ALL_REGRESSORS, LAG, OUTCOME_YEARS, type Outcome } from "../study";

export interface PrepareOptions {
  outcome: Outcome;
  /** Regressors to carry (default: every regressor of Tables 2-3). */
  regressors?: readonly string[];
  /** Lag of the regressors in years (default 1). */
  lag?: number;
  /** Outcome years kept (default 2017-2020). */
  years?: readonly number[];
  /** Winsorizing (false = none). */
  winsorize?:
    | false
    | {
        lower?: number;
        upper?: number;
        by?: "pooled" | "year";
        quantile?: QuantileType;
        stage?: "after-lag" | "before-lag";
      };
  /**
   * Standardize the regressors (default true = "sample": mean and n − 1 sd of
   * the estimation sample, after lagging, so each regressor has mean 0 there).
   * "panel": mean and sd of all the panel's levels (2015-2020) before lagging,
   * so sample means are not 0 and a Stata-style constant carries a real SE;
   * the slopes differ from "sample" only through the scale. false = none.
   */
  standardize?: boolean | "sample" | "panel";
  /** Standardize the outcome too (default false). */
  standardizeOutcome?: boolean;
}

export interface Prepared {
  /** Columns of the estimation sample: iso3, year, the outcome and every regressor (lagged, transformed). */
  data: { iso3: string[]; year: number[] } & Record<string, ArrayLike<number> | string[]>;
  n: number;
  outcome: Outcome;
  regressors: string[];
  /** Rows removed, by reason, in order ("outcome year outside 2017-2020": 52, ...). */
  dropped: Record<string, number>;
  /** Winsorizing: values changed per variable. */
  winsorized: Record<string, { low: number; high: number }>;
  /** Standardization constants per variable (of the winsorized, lagged values). */
  scale: Record<string, { mean: number; sd: number }>;
  options: Required<Omit<PrepareOptions, "winsorize" | "standardize">> & {
    winsorize: PrepareOptions["winsorize"];
    standardize: false | "sample" | "panel";
  };
}

const toNum = (v: unknown): number => (v === null || v === undefined || v === "" ? NaN : Number(v));

/** Build the estimation sample for one outcome (see module doc). */
export function prepareSample(panel: readonly PanelRow[], opts: PrepareOptions): Prepared {
  const regressors = [...(opts.regressors ?? ALL_REGRESSORS)];
  const lag = opts.lag ?? LAG;
  const years = opts.years ?? OUTCOME_YEARS;
  const w = opts.winsorize === undefined ? {} : opts.winsorize;
  const stdMode =
    opts.standardize === false ? "none" : opts.standardize === "panel" ? "panel" : "sample";
  const iso = panel.map((r) => r.iso3);
  const yr = panel.map((r) => r.year);
  const col = (c: string): number[] => {
    if (!(c in (panel[0] ?? {}))) throw new Error(`prepareSample: the panel has no column "${c}"`);
    return panel.map((r) => toNum(r[c as keyof PanelRow]));
  };
  const winsorized: Record<string, { low: number; high: number }> = {};
  const scale: Record<string, { mean: number; sd: number }> = {};
  const transform = transformStage(w, winsorized, scale);
  const beforeLag = !!w && w.stage === "before-lag";

  // 1. levels, optionally winsorized and/or standardized over the whole panel before lagging
  const levels: Record<string, ArrayLike<number>> = {};
  for (const c of regressors) levels[c] = transform(c, col(c), beforeLag, stdMode === "panel", yr);
  // 2. lag by (country, year)
  const lagged: Record<string, Float64Array> = {};
  for (const c of regressors)
    lagged[c] = lag === 0 ? Float64Array.from(levels[c]) : lagPanel(levels[c], iso, yr, lag);
  const y = col(opts.outcome);

  // 3. sample: outcome years, then complete cases
  const { keep, dropped } = sampleRows(yr, y, lagged, opts.outcome, regressors, years, lag);
  const pick = (x: ArrayLike<number>) => Float64Array.from(keep, (i) => x[i]);
  const data: Prepared["data"] = { iso3: keep.map((i) => iso[i]), year: keep.map((i) => yr[i]) };
  // 4. transformations on the estimation sample (the defaults)
  for (const c of regressors)
    data[c] = transform(c, pick(lagged[c]), !beforeLag, stdMode === "sample", data.year);
  data[opts.outcome] = transform(
    opts.outcome,
    pick(y),
    false,
    opts.standardizeOutcome ?? false,
    data.year,
  );
  return {
    data,
    n: keep.length,
    outcome: opts.outcome,
    regressors,
    dropped,
    winsorized,
    scale,
    options: {
      outcome: opts.outcome,
      regressors,
      lag,
      years,
      winsorize: w,
      standardize: stdMode === "none" ? false : stdMode,
      standardizeOutcome: opts.standardizeOutcome ?? false,
    },
  };
}

/**
 * One stage of the transformations: winsorize and/or standardize column c,
 * recording what changed in `winsorized` and `scale`.
 */
function transformStage(
  w: PrepareOptions["winsorize"],
  winsorized: Record<string, { low: number; high: number }>,
  scale: Record<string, { mean: number; sd: number }>,
) {
  return (
    c: string,
    x: ArrayLike<number>,
    doWinsor: boolean,
    doStd: boolean,
    yearOf: ArrayLike<number>,
  ): ArrayLike<number> => {
    if (w && doWinsor) {
      const r = winsorize(x, {
        lower: w.lower ?? 0.01,
        upper: w.upper ?? 0.99,
        quantile: w.quantile ?? "stata",
        by: w.by === "year" ? yearOf : undefined,
      });
      winsorized[c] = { low: r.changedLow, high: r.changedHigh };
      x = r.values;
    }
    if (doStd) {
      const st = standardize(x);
      scale[c] = { mean: st.mean, sd: st.sd };
      x = st.values;
    }
    return x;
  };
}

/** The rows in the outcome years with every value present, and the others counted by reason. */
function sampleRows(
  yr: readonly number[],
  y: readonly number[],
  lagged: Record<string, Float64Array>,
  outcome: string,
  regressors: readonly string[],
  years: readonly number[],
  lag: number,
): { keep: number[]; dropped: Record<string, number> } {
  const dropped: Record<string, number> = {};
  const keep: number[] = [];
  const outside = `outcome year outside ${years[0]}-${years[years.length - 1]}`;
  for (let i = 0; i < yr.length; i++) {
    if (!years.includes(yr[i])) {
      dropped[outside] = (dropped[outside] ?? 0) + 1;
      continue;
    }
    const miss = [outcome, ...regressors].find((c) =>
      Number.isNaN(c === outcome ? y[i] : lagged[c][i]),
    );
    if (miss) {
      const why = `missing ${miss}${miss === outcome ? "" : ` (lag ${lag})`}`;
      dropped[why] = (dropped[why] ?? 0) + 1;
      continue;
    }
    keep.push(i);
  }
  return { keep, dropped };
}
