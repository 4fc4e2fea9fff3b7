/**
 * fixest's accessors on a fitted model, as a student who knows R writes them:
 *
 *   coef(m)      named estimates            R: coef(m)        Stata: _b[x]
 *   se(m)        named standard errors      R: se(m)          Stata: _se[x]
 *   tstat(m)     named t (or z) statistics  R: tstat(m)
 *   pvalue(m)    named p-values             R: pvalue(m)
 *   confint(m)   named [lower, upper]       R: confint(m, level = 0.95)
 *   coeftable(m) named rows (estimate, std_error, statistic, p_value)
 *                                           R: coeftable(m)
 *   tidy(m)      rows with broom's columns  R: broom::tidy(m, conf.int = TRUE)
 *                term, estimate, std.error, statistic, p.value (conf.low, conf.high)
 *
 * "Named" means an object keyed by term in the model's order, so
 * `se(m).ICTtrade` is fixest's `se(m)["ICTtrade"]`. A model that reports a
 * constant (Stata's `_cons`, option `constant: "stata"`) has it first, as
 * "(Intercept)", like fixest's models without fixed effects.
 *
 * Every accessor takes the options of summary() (lib/estimate/summary.ts):
 * `se(m, { vcov: "hetero" })` is fixest's `se(m, vcov = "hetero")`, computed
 * from the stored fit without refitting.
 *
 * Confidence interval (fixest's confint.fixest, broom's conf.int):
 *
 *   b ± q · se,   q = t quantile 1 − (1 − level)/2 with the vcov's df
 *
 * (G − 1 when clustered, n − K otherwise: the df the model's own p-values
 * use), or the normal quantile when the fit used the normal. Checked against
 * pyfixest's `Feols.tidy()` and `Feols.confint()` (test/estimate/accessors.test.ts,
 * fixture test/fixtures/oracle/python/accessors.json).
 */
import type { CoefRow, FeolsResult } from "./feols";
import { qT } from "./distributions";
import { summary, type SummaryOptions } from "./summary";

/** A model's values by term: fixest's named vector. */
export type Named<T> = Record<string, T>;

/** Options of the interval: level (default 0.95) plus summary()'s vcov options. */
export interface ConfintOptions extends SummaryOptions {
  level?: number;
}

/** broom's tidy() row. */
export interface TidyRow {
  term: string;
  estimate: number;
  "std.error": number;
  statistic: number;
  "p.value": number;
  "conf.low"?: number;
  "conf.high"?: number;
}

/** Options of tidy(): broom's `conf.int` / `conf.level`, plus summary()'s vcov options. */
export interface TidyOptions extends SummaryOptions {
  /** Add conf.low and conf.high (broom's conf.int = TRUE); default false. */
  confInt?: boolean;
  /** Level of the interval (broom's conf.level); default 0.95. */
  level?: number;
}

function refit(fit: FeolsResult, opts: SummaryOptions): FeolsResult {
  return opts.vcov === undefined && opts.cluster === undefined && opts.ssc === undefined
    ? fit
    : summary(fit, opts);
}

/** The reported rows: the constant first when the model reports one, then the slopes. */
function rows(fit: FeolsResult, opts: SummaryOptions = {}): CoefRow[] {
  const f = refit(fit, opts);
  return f.constant ? [f.constant, ...f.coefficients] : [...f.coefficients];
}

function named<T>(rs: readonly CoefRow[], pick: (r: CoefRow) => T): Named<T> {
  const out: Named<T> = {};
  for (const r of rs) out[r.term] = pick(r);
  return out;
}

/** Estimates by term (fixest's `coef(m)`). */
export function coef(fit: FeolsResult): Named<number> {
  return named(rows(fit), (r) => r.estimate);
}

/** Standard errors by term (fixest's `se(m)`); `opts` recomputes them as summary() does. */
export function se(fit: FeolsResult, opts: SummaryOptions = {}): Named<number> {
  return named(rows(fit, opts), (r) => r.std_error);
}

/** t statistics by term (fixest's `tstat(m)`). */
export function tstat(fit: FeolsResult, opts: SummaryOptions = {}): Named<number> {
  return named(rows(fit, opts), (r) => r.statistic);
}

/** p-values by term (fixest's `pvalue(m)`). */
export function pvalue(fit: FeolsResult, opts: SummaryOptions = {}): Named<number> {
  return named(rows(fit, opts), (r) => r.p_value);
}

/** The coefficient table by term (fixest's `coeftable(m)`): estimate, std_error, statistic, p_value. */
export function coeftable(fit: FeolsResult, opts: SummaryOptions = {}): Named<CoefRow> {
  return named(rows(fit, opts), (r) => ({ ...r }));
}

/** The critical value of a two-sided interval at `level` for this fit (module doc). */
export function criticalValue(fit: FeolsResult, level = 0.95): number {
  if (!(level > 0 && level < 1))
    throw new Error(`confint: level must be between 0 and 1, got ${level}`);
  const p = 1 - (1 - level) / 2;
  const df = fit.vcovInfo.df;
  // qT: the normal quantile when df is infinite
  // a fit copied through JSON has no design (it is not enumerable)
  return qT(p, "design" in fit && fit.design.dist === "normal" ? Infinity : df);
}

/** [lower, upper] by term (fixest's `confint(m, level = 0.95)`). */
export function confint(fit: FeolsResult, opts: ConfintOptions = {}): Named<[number, number]> {
  const { level = 0.95, ...vc } = opts;
  const f = refit(fit, vc);
  const q = criticalValue(f, level);
  return named(rows(f), (r) => [r.estimate - q * r.std_error, r.estimate + q * r.std_error]);
}

/** One row per term with broom's column names (broom's `tidy(m, conf.int = TRUE)`). */
export function tidy(fit: FeolsResult, opts: TidyOptions = {}): TidyRow[] {
  const { confInt = false, level = 0.95, ...vc } = opts;
  const f = refit(fit, vc);
  const q = confInt ? criticalValue(f, level) : NaN;
  return rows(f).map((r) => {
    const row: TidyRow = {
      term: r.term,
      estimate: r.estimate,
      "std.error": r.std_error,
      statistic: r.statistic,
      "p.value": r.p_value,
    };
    if (confInt) {
      row["conf.low"] = r.estimate - q * r.std_error;
      row["conf.high"] = r.estimate + q * r.std_error;
    }
    return row;
  });
}
