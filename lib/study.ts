/**
 * The study in one place: sample years, the lag, the UN session offset, the
 * control set, the model specifications of Tables 2-3, the outcomes (with
 * their direction and label), the predicted signs of H1-H3 and the variable
 * labels of Li & Gu (2022), "Technical cooperation and alliance pressure",
 * Tables 1-3.
 *
 *   y_it = β' x_i,t−LAG + α_i + γ_t + ε_it      (i = ally, t = year)
 *
 *   outcome years   2017-2020           OUTCOME_YEARS
 *   regressor years 2016-2019           REGRESSOR_YEARS = OUTCOME_YEARS − LAG
 *   panel years     2015-2020           PANEL_YEARS (levels, data/panel.csv)
 *   fixed effects   iso3 + year         FE
 *   standard errors clustered by iso3   CLUSTER, DEFAULT_VCOV
 *                   Stata small-sample factor (xtreg, fe vce(cluster)) DEFAULT_SSC
 *   UNGA session    s = year − 1945     UN_SESSION_OFFSET (session s opens in
 *                                       September of year s + 1945)
 *
 * Every module that needs one of these imports it from here (panel build,
 * sample preparation, model fitting, Monte Carlo, tables, CLI defaults,
 * notebooks), so a change of sample or model is made once.
 *
 * The Table 2/3 formulas are written in the formula syntax of
 * lib/estimate/formula.ts (fixest's): `y ~ x1 + x2 | iso3 + year`, with the
 * macro `..controls` standing for the control set (fixest:
 * `setFixest_fml(..controls = ~ exchange + ID_us + …)`).
 */
import { entry } from "./lookup";

/** Years of the panel's levels (data/panel.csv): one year before the first regressor year, to the last outcome year. */
export const PANEL_YEARS: readonly number[] = [2015, 2016, 2017, 2018, 2019, 2020];
/** Years of the outcome in the estimation sample. */
export const OUTCOME_YEARS: readonly number[] = [2017, 2018, 2019, 2020];
/** Lag of every regressor, in years (x_i,t−1). */
export const LAG = 1;
/** Years whose regressor values enter the models (outcome years − LAG). */
export const REGRESSOR_YEARS: readonly number[] = OUTCOME_YEARS.map((y) => y - LAG);
/** UNGA session s opens in year s + 1945 (session 71 = 2016). Voeten's and Bailey–Strezhnev–Voeten's convention. */
export const UN_SESSION_OFFSET = 1945;
/** The UNGA sessions of the panel years (70-75). */
export const PANEL_SESSIONS: readonly number[] = PANEL_YEARS.map((y) => y - UN_SESSION_OFFSET);

/** Panel unit and time columns (used by lags and fixed effects). */
export const UNIT = "iso3";
export const TIME = "year";
/** Fixed effects of every model: country and year. */
export const FE: readonly string[] = [UNIT, TIME];
/** Cluster of the default standard errors: the country. */
export const CLUSTER = UNIT;
/**
 * Default standard errors of the replication: clustered by CLUSTER. A name of
 * the engine's VcovType (lib/estimate/vcov.ts), checked where it is passed to
 * the engine; the study imports nothing from the engine (lib/README.md).
 */
export const DEFAULT_VCOV = "cluster";
/** Default small-sample convention: Stata's `xtreg, fe vce(cluster)`, an SscName of lib/estimate/vcov.ts. */
export const DEFAULT_SSC = "stata";

/** The controls of every model of Tables 2-3, in the paper's row order. */
export const CONTROLS = [
  "exchange",
  "ID_us",
  "ID_ch",
  "ED_us",
  "ED_ch",
  "GD_us",
  "ICTtrade_us",
] as const;

/**
 * Focal regressors of Table 2, models (1)-(7), in the printed table's order.
 * Note: the paper's text pairs model (5) with "power + technology" and (6)
 * with "identity + technology"; the printed table has the reverse (ideal in
 * (5), asym in (6)). We follow the printed table.
 */
export const TABLE2_FOCAL: Readonly<Record<string, readonly string[]>> = {
  "(1)": ["asym"],
  "(2)": ["ideal"],
  "(3)": ["ICTtrade"],
  "(4)": ["asym", "ideal"],
  "(5)": ["ideal", "ICTtrade"],
  "(6)": ["asym", "ICTtrade"],
  "(7)": ["asym", "ideal", "ICTtrade"],
};

/** Focal regressors of Table 3 (robustness: gdp for asym, UNvotes_s for ideal, ICTtrade_gdp for ICTtrade). */
export const TABLE3_FOCAL: Readonly<Record<string, readonly string[]>> = {
  "(8)": ["gdp", "ideal", "ICTtrade"],
  "(9)": ["asym", "UNvotes_s", "ICTtrade"],
  "(10)": ["asym", "ideal", "ICTtrade_gdp"],
  "(11)": ["gdp", "UNvotes_s", "ICTtrade_gdp"],
};

/** A model of Tables 2-3: its printed name and its focal regressors (the controls follow). */
export interface ModelSpec {
  /** Label as printed, e.g. "(7)". */
  name: string;
  /** The key regressors (before the controls). */
  focal: string[];
}

/** Table 2, models (1)-(7), as specifications (from TABLE2_FOCAL). */
export const TABLE2_SPECS: ModelSpec[] = Object.entries(TABLE2_FOCAL).map(([name, focal]) => ({
  name,
  focal: [...focal],
}));

/** Table 3, models (8)-(11), as specifications (from TABLE3_FOCAL). */
export const TABLE3_SPECS: ModelSpec[] = Object.entries(TABLE3_FOCAL).map(([name, focal]) => ({
  name,
  focal: [...focal],
}));

/** All regressors of a model, focal first, then the controls. */
export function regressors(spec: ModelSpec): string[] {
  return [...spec.focal, ...CONTROLS];
}

/** Every regressor used anywhere in Tables 2-3, in the paper's row order. */
export const ALL_REGRESSORS = [
  "asym",
  "gdp",
  "ideal",
  "UNvotes_s",
  "ICTtrade",
  "ICTtrade_gdp",
  ...CONTROLS,
];

/**
 * The sign each hypothesis predicts for the focal regressors when the outcome
 * is "more cooperative toward China" (the paper's Policy). H1: a larger power
 * gap (asym, gdp) means less pressure, so more room for China: +. H2: a larger
 * ideal-point distance from the US means less identification: +; the S score
 * measures similarity, so its sign flips: -. H3: more cooperation with China: +.
 */
export const PREDICTED_SIGN: Record<string, { hypothesis: "H1" | "H2" | "H3"; sign: 1 | -1 }> = {
  asym: { hypothesis: "H1", sign: 1 },
  gdp: { hypothesis: "H1", sign: 1 },
  ideal: { hypothesis: "H2", sign: 1 },
  UNvotes_s: { hypothesis: "H2", sign: -1 },
  ICTtrade: { hypothesis: "H3", sign: 1 },
  ICTtrade_gdp: { hypothesis: "H3", sign: 1 },
};

/** Outcomes the panel can carry: the paper's GDELT Policy and the offline alternatives. */
export const OUTCOMES = ["policy_gdelt", "huawei_stance", "s_china", "ideal_china"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Direction of each outcome relative to the paper's Policy ("higher = more
 * cooperative toward China"): +1 same direction, −1 reversed. The predicted
 * sign of a regressor on an outcome is PREDICTED_SIGN × direction.
 */
export const OUTCOME_DIRECTION: Record<Outcome, 1 | -1> = {
  policy_gdelt: 1,
  huawei_stance: -1,
  s_china: 1,
  ideal_china: -1,
};

/** Formula macros: `..controls` = CONTROLS (fixest's `setFixest_fml(..controls = ~ …)`). */
export const MACROS: Readonly<Record<string, readonly string[]>> = { "..controls": CONTROLS };

/**
 * What the front door (lib/fixest.ts) binds into the generic model interface
 * (lib/estimate/model.ts, which knows no study): the panel's unit and time
 * columns for `l(x, k)` / `f(x, k)`, and the `..controls` macro.
 */
export const STUDY_MODEL: {
  readonly panel: { readonly unit: string; readonly time: string };
  readonly macros: Readonly<Record<string, readonly string[]>>;
} = { panel: { unit: UNIT, time: TIME }, macros: MACROS };

/** The model formula of a focal set: `y ~ focal + ..controls | iso3 + year`. */
export function studyFormula(outcome: string, focal: readonly string[]): string {
  return `${outcome} ~ ${[...focal, "..controls"].join(" + ")} | ${FE.join(" + ")}`;
}

/** The formula of a published model by name, e.g. `formulaOf("(7)", "huawei_stance")`. */
export function formulaOf(model: string, outcome: string): string {
  const focal = entry(TABLE2_FOCAL, model) ?? entry(TABLE3_FOCAL, model);
  if (!focal)
    throw new Error(
      `formulaOf: no model ${model} in Tables 2-3 (have ${[...Object.keys(TABLE2_FOCAL), ...Object.keys(TABLE3_FOCAL)].join(", ")})`,
    );
  return studyFormula(outcome, focal);
}

/** Table 2 formulas for one outcome, by model name. */
export function table2Formulas(outcome: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(TABLE2_FOCAL).map(([m, f]) => [m, studyFormula(outcome, f)]),
  );
}

/** Table 3 formulas for one outcome, by model name. */
export function table3Formulas(outcome: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(TABLE3_FOCAL).map(([m, f]) => [m, studyFormula(outcome, f)]),
  );
}

/**
 * Human labels of the study's variables (etable's `dict`, coefplot's axis).
 * Names follow the paper; "(substitute)" marks the DOTS total-trade stand-ins
 * for UNCTAD ICT-goods trade (data/CODEBOOK.md).
 */
export const LABELS: Readonly<Record<string, string>> = {
  asym: "Power asymmetry (asym)",
  gdp: "GDP gap (gdp)",
  ideal: "Ideal-point distance to US (ideal)",
  UNvotes_s: "UN votes S score with US (UNvotes_s)",
  ICTtrade: "Trade with China, ln (ICTtrade, substitute)",
  ICTtrade_gdp: "Trade with China / GDP, ln (ICTtrade_gdp, substitute)",
  exchange: "Exchange rate, ln (exchange)",
  ID_us: "Institutional distance to US (ID_us)",
  ID_ch: "Institutional distance to China (ID_ch)",
  ED_us: "Economic distance to US (ED_us)",
  ED_ch: "Economic distance to China (ED_ch)",
  GD_us: "Geographic distance to US (GD_us)",
  ICTtrade_us: "Trade China / trade US, ln (ICTtrade_us, substitute)",
  policy_gdelt: "Policy (GDELT, Eq. 1)",
  huawei_stance: "Huawei 5G stance (0-2)",
  s_china: "S score with China",
  ideal_china: "Ideal-point distance to China",
  iso3: "Country",
  year: "Year",
  "(Intercept)": "Constant",
};

/** Labels of the outcomes (from LABELS). */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  policy_gdelt: LABELS.policy_gdelt,
  huawei_stance: LABELS.huawei_stance,
  s_china: LABELS.s_china,
  ideal_china: LABELS.ideal_china,
};
