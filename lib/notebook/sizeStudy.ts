/**
 * The size study of notebooks 07 and 09: how often each inference method the
 * course teaches rejects a TRUE null at 5% on this panel's design, under equal
 * and under unequal cluster error variances. The outcome is SYNTHETIC
 * (`nullSize`, lib/notebook/monteCarlo.ts) and must be labelled so wherever a
 * result of this module is shown.
 *
 * Scenarios (all with AR(1) errors within country, ρ = 0.5):
 *   equal          every country's error sd is 1
 *   lognormal      σ_i = exp(0.5 z_i), z_i ~ N(0, 1), redrawn each replication
 *   leverage ×2    the high-leverage countries' error sd × 2, others 1
 *   leverage ×4    the same × 4
 * The high-leverage countries are computed, not named by hand
 * (`identifyingShares`): by Frisch–Waugh–Lovell the coefficient of x_j is
 * Σ x̃_ji y_i / Σ x̃_ji², with x̃_j = x_j residualized on the two-way fixed
 * effects and the other regressors, so country g's weight in the estimate is
 * its share of Σ x̃_j²; the smallest set of countries holding at least half of
 * it carries the estimate. Unequal variances there are where cluster-robust
 * inference with few clusters fails (MacKinnon & Webb 2017, J. Applied
 * Econometrics 32(2); MacKinnon, Nielsen & Webb 2023, J. Econometrics 232(2)).
 *
 * Methods: the clustered t with each small-sample convention (t(G − 1)), the
 * restricted wild cluster bootstrap (Webb weights), the leave-one-country-out
 * jackknife t, and permutation tests that exchange whole country histories
 * (studentized and coefficient) or shuffle within countries.
 *
 * The study is slow (R ≥ 1,000 replications per scenario), so `npm run
 * replicate` computes it once into build/precomputed/size-study.json
 * (lib/notebook/precomputed.ts) and the notebooks read it back;
 * ALLIANCE_RECOMPUTE=size-study recomputes it. Its repetitions come from one
 * named constant, SIZE_STUDY_R, which tests lower through the options.
 */
import type { SscName } from "../estimate/vcov";
import { feols } from "../estimate/feols";
import { nullSize, type NullSizeRow } from "./monteCarlo";
import type { PrecomputeSpec } from "./precomputed";
import type { PermutationScheme } from "../estimate/permutation";
import { lessonSample } from "./fixedEffectsLesson";
import { regressors, TABLE2_SPECS } from "../study";

/** Replications per scenario of the published size study. */
export const SIZE_STUDY_R = 1000;
/** Permutations per permutation test, wild bootstrap draws per test. */
export const SIZE_STUDY_B = 99;
export const SIZE_STUDY_BOOT_B = 199;
/** Small-sample conventions of the clustered t studied. */
export const SIZE_STUDY_SSCS: readonly SscName[] = ["stata", "fixest", "plm-hc1", "plm"];
export const SIZE_STUDY_PERMUTATIONS: readonly {
  scheme: PermutationScheme;
  statistic: "coef" | "t";
}[] = [
  { scheme: "unit-blocks", statistic: "t" },
  { scheme: "unit-blocks", statistic: "coef" },
  { scheme: "within-unit", statistic: "coef" },
];

type Data = { iso3: ArrayLike<string>; year: ArrayLike<number> } & Record<
  string,
  ArrayLike<unknown>
>;

export interface IdentifyingShare {
  iso3: string;
  /** Country's share of Σ x̃_j² (x̃_j: term residualized on the FE and the other regressors). */
  share: number;
}

/** Each country's share of the identifying variation of `term` (see module doc), largest first. */
export function identifyingShares(data: Data, x: string[], term: string): IdentifyingShare[] {
  const others = x.filter((t) => t !== term);
  if (others.length === x.length)
    throw new Error(`identifyingShares: "${term}" is not among the regressors`);
  const fit = feols({ data, y: term, x: others, fe: ["iso3", "year"], vcov: "iid" });
  const e = fit.design.resid;
  const rows = fit.design.rows;
  const by = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < e.length; i++) {
    const g = data.iso3[rows[i]];
    by.set(g, (by.get(g) ?? 0) + e[i] * e[i]);
    total += e[i] * e[i];
  }
  if (!(total > 0))
    throw new Error(
      `identifyingShares: "${term}" has no variation left after the fixed effects and the other regressors`,
    );
  return [...by]
    .map(([iso3, s]) => ({ iso3, share: s / total }))
    .sort((a, b) => b.share - a.share || a.iso3.localeCompare(b.iso3));
}

/** The fewest countries holding at least `atLeast` (default 1/2) of the identifying variation. */
export function highLeverageCountries(
  shares: IdentifyingShare[],
  atLeast = 0.5,
): { countries: string[]; share: number } {
  let s = 0;
  const countries: string[] = [];
  for (const r of shares) {
    if (s >= atLeast) break;
    countries.push(r.iso3);
    s += r.share;
  }
  return { countries, share: s };
}

export interface SizeScenario {
  name: string;
  hetero: number;
  sdMultiplier: Record<string, number>;
}

/** The four scenarios of the module doc. */
export function sizeScenarios(leverage: string[]): SizeScenario[] {
  const times = (m: number) => Object.fromEntries(leverage.map((g) => [g, m]));
  const tag = leverage.join("/");
  return [
    { name: "equal variances", hetero: 0, sdMultiplier: {} },
    { name: "lognormal sd (0.5)", hetero: 0.5, sdMultiplier: {} },
    { name: `${tag} sd ×2`, hetero: 0, sdMultiplier: times(2) },
    { name: `${tag} sd ×4`, hetero: 0, sdMultiplier: times(4) },
  ];
}

export interface SizeStudyOptions {
  data: Data;
  x: string[];
  term: string;
  R?: number;
  B?: number;
  bootB?: number;
  seed?: string;
  onProgress?: (scenario: number, done: number, total: number) => void;
}

export interface SizeStudyResult {
  term: string;
  R: number;
  B: number;
  bootB: number;
  alpha: number;
  leverage: { countries: string[]; share: number; shares: IdentifyingShare[] };
  scenarios: { scenario: string; rows: NullSizeRow[] }[];
}

/** The high-leverage countries of the study's design and every country's share (module doc). */
export function sizeStudyLeverage(o: SizeStudyOptions): SizeStudyResult["leverage"] {
  const shares = identifyingShares(o.data, o.x, o.term);
  return { ...highLeverageCountries(shares), shares };
}

/**
 * Scenario `h` (index into `sizeScenarios`) of the study: its rows. Its random
 * stream is seeded by `${seed}-${h}` alone, so the scenarios can run in any
 * order, or in parallel processes (scripts/sizeStudyParallel.ts), and give
 * the same rows as {@link runSizeStudy}.
 */
export function runSizeScenario(
  o: SizeStudyOptions,
  h: number,
  leverage: SizeStudyResult["leverage"] = sizeStudyLeverage(o),
): SizeStudyResult["scenarios"][number] {
  const all = sizeScenarios(leverage.countries);
  if (!Number.isInteger(h) || h < 0 || h >= all.length)
    throw new Error(`runSizeScenario: no scenario ${h} (0 to ${all.length - 1})`);
  const s = all[h];
  const rows = nullSize({
    data: o.data,
    x: o.x,
    term: o.term,
    R: o.R ?? SIZE_STUDY_R,
    B: o.B ?? SIZE_STUDY_B,
    bootB: o.bootB ?? SIZE_STUDY_BOOT_B,
    rho: 0.5,
    hetero: s.hetero,
    sdMultiplier: s.sdMultiplier,
    sscs: SIZE_STUDY_SSCS,
    permutations: SIZE_STUDY_PERMUTATIONS,
    seed: `${o.seed ?? "size-study"}-${h}`,
    onProgress: o.onProgress ? (d, t) => o.onProgress?.(h, d, t) : undefined,
  });
  return { scenario: s.name, rows };
}

/** The number of scenarios of the study (module doc). */
export const SIZE_STUDY_SCENARIOS = sizeScenarios([]).length;

/** The result of the study from its scenarios, in scenario order. */
export function sizeStudyResult(
  o: SizeStudyOptions,
  leverage: SizeStudyResult["leverage"],
  scenarios: SizeStudyResult["scenarios"],
): SizeStudyResult {
  return {
    term: o.term,
    R: o.R ?? SIZE_STUDY_R,
    B: o.B ?? SIZE_STUDY_B,
    bootB: o.bootB ?? SIZE_STUDY_BOOT_B,
    alpha: 0.05,
    leverage,
    scenarios,
  };
}

/** Run every scenario (slow: use `sizeStudySpec` through `precomputed`). */
export function runSizeStudy(o: SizeStudyOptions): SizeStudyResult {
  const leverage = sizeStudyLeverage(o);
  const scenarios = Array.from({ length: SIZE_STUDY_SCENARIOS }, (_, h) =>
    runSizeScenario(o, h, leverage),
  );
  return sizeStudyResult(o, leverage, scenarios);
}

/** The precompute spec: the inputs hash covers the design (every regressor value), R, B and the seed. */
export function sizeStudySpec(o: SizeStudyOptions): PrecomputeSpec<SizeStudyResult> {
  const cols = ["iso3", "year", ...o.x];
  const design = Object.fromEntries(cols.map((c) => [c, Array.from(o.data[c])]));
  return {
    name: "size-study",
    inputs: {
      version: 1,
      term: o.term,
      x: o.x,
      R: o.R ?? SIZE_STUDY_R,
      B: o.B ?? SIZE_STUDY_B,
      bootB: o.bootB ?? SIZE_STUDY_BOOT_B,
      seed: o.seed ?? "size-study",
      sscs: SIZE_STUDY_SSCS,
      permutations: SIZE_STUDY_PERMUTATIONS,
      design,
    },
    compute: () => runSizeStudy(o),
  };
}

/** One row per method, one column per scenario: "size (MC se)" in percent. */
export function sizeTable(r: SizeStudyResult): Record<string, string>[] {
  const methods = r.scenarios[0].rows.map((x) => x.method);
  return methods.map((method) => ({
    method,
    ...Object.fromEntries(
      r.scenarios.map((s) => {
        const row = s.rows.find((x) => x.method === method);
        return [
          s.scenario,
          row ? `${(100 * row.size).toFixed(1)} (${(100 * row.mcse).toFixed(1)})` : "",
        ];
      }),
    ),
  }));
}

/**
 * Worst excess rejection of each method over every scenario, in points above
 * alpha, and whether it stays within 2 Monte Carlo s.e. of alpha everywhere.
 */
export function sizeVerdicts(
  r: SizeStudyResult,
): { method: string; worstSize: number; worstScenario: string; holds: boolean }[] {
  const methods = r.scenarios[0].rows.map((x) => x.method);
  return methods.map((method) => {
    let worst = -Infinity,
      where = "";
    let holds = true;
    for (const s of r.scenarios) {
      const row = s.rows.find((x) => x.method === method);
      if (!row) continue;
      if (row.size > worst) {
        worst = row.size;
        where = s.scenario;
      }
      if (row.size - r.alpha > 2 * row.mcseNominal) holds = false;
    }
    return { method, worstSize: worst, worstScenario: where, holds };
  });
}

/**
 * The method the study supports on this design: among the alternatives to the
 * clustered t (wild bootstrap, jackknife, block permutations; the
 * within-country shuffle is never a candidate), the one whose worst size over
 * the scenarios is lowest, i.e. that over-rejects least where things are
 * hardest. `holds` says whether it also stays within 2 MC s.e. of alpha in
 * every scenario; when it does not, no method taught is exact on this design
 * and the text must say so.
 */
export function supportedMethod(r: SizeStudyResult): {
  method: string;
  worstSize: number;
  worstScenario: string;
  holds: boolean;
} {
  const cand = sizeVerdicts(r).filter(
    (v) => !v.method.startsWith("cluster") && !v.method.includes("within-unit"),
  );
  if (!cand.length) throw new Error("size study: no alternative to the clustered t was run");
  cand.sort((a, b) => a.worstSize - b.worstSize);
  return cand[0];
}

/**
 * The study of notebooks 07 and 09: model (7)'s regressors on the Huawei-stance
 * estimation sample, H0: β_ICTtrade = 0. `scripts/precompute.ts` (run by
 * `npm run replicate`) and the notebooks build it the same way, so the
 * notebook finds the stored result.
 */
export function model7SizeStudySpec(
  o: Partial<Omit<SizeStudyOptions, "data" | "x">> = {},
): PrecomputeSpec<SizeStudyResult> {
  return sizeStudySpec(model7SizeStudyOptions(o));
}

/** The options of {@link model7SizeStudySpec}: model (7)'s design, term and seed. */
export function model7SizeStudyOptions(
  o: Partial<Omit<SizeStudyOptions, "data" | "x">> = {},
): SizeStudyOptions {
  const sample = lessonSample("huawei_stance");
  return {
    data: sample.data,
    x: regressors(TABLE2_SPECS[6]),
    term: "ICTtrade",
    seed: "nb07-size",
    ...o,
  };
}
