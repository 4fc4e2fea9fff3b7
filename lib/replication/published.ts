/**
 * The published numbers of Li & Gu (2022), transcribed from the paper's
 * Tables 1-3 (via ../shared/reference/paper-spec.md). These are facts about
 * the paper, kept here so that notebooks and tables can set our estimates
 * next to them; nothing in the project computes them.
 */
import type { PublishedColumn } from "../report/etable";
import { FE } from "../study";
import { entry } from "../lookup";

export interface PublishedStat {
  mean: number;
  sd: number;
  min: number;
  max: number;
}

/** Published Table 1 (descriptive statistics, N = 102 ally-years). */
export const TABLE1: Record<string, PublishedStat> = {
  Policy: { mean: 4.129, sd: 5.51, min: -9.359, max: 18.803 },
  asym: { mean: 4.399, sd: 1.601, min: 1.841, max: 7.662 },
  gdp: { mean: 3.625, sd: 1.324, min: 1.391, max: 6.684 },
  ideal: { mean: 1.687, sd: 0.501, min: 0.971, max: 3.258 },
  UNvotes_s: { mean: 0.096, sd: 0.226, min: -0.57, max: 0.528 },
  ICTtrade: { mean: 8.433, sd: 1.683, min: 4.844, max: 11.369 },
  ICTtrade_gdp: { mean: -18.57, sd: 0.949, min: -20.394, max: -16.529 },
  exchange: { mean: 1.533, sd: 2.106, min: -0.286, max: 7.055 },
  ID_ch: { mean: 1.652, sd: 1.035, min: 0.497, max: 4.283 },
  ID_us: { mean: 3.807, sd: 1.295, min: 0.83, max: 5.583 },
  ED_ch: { mean: 6.568, sd: 5.111, min: 0.007, max: 20.03 },
  ED_us: { mean: 14.328, sd: 6.786, min: 0.735, max: 28.167 },
  GD_us: { mean: 12.95, sd: 0.477, min: 10.987, max: 13.714 },
  ICTtrade_us: { mean: -1.565, sd: 0.844, min: -3.224, max: 0.032 },
};

export interface PublishedCoef {
  estimate: number;
  se: number;
  /** Number of stars printed (1: p < .1, 2: p < .05, 3: p < .01). */
  stars: 0 | 1 | 2 | 3;
}

type Model = Record<string, PublishedCoef>;
const c = (estimate: number, se: number, stars: 0 | 1 | 2 | 3 = 0): PublishedCoef => ({
  estimate,
  se,
  stars,
});

/** Published Table 2, models (1)-(7); N = 102 in every model. */
export const TABLE2: Record<string, Model> = {
  "(1)": {
    asym: c(4.686, 2.533, 1),
    exchange: c(-13.54, 4.96, 2),
    ID_us: c(-1.078, 0.688),
    ID_ch: c(-2.699, 1.858),
    ED_us: c(-0.921, 0.379, 2),
    ED_ch: c(-0.0584, 0.392),
    GD_us: c(5.002, 1.476, 3),
    ICTtrade_us: c(0.592, 0.435),
    "(Intercept)": c(4.058, 1.001, 3),
  },
  "(2)": {
    ideal: c(1.607, 0.67, 2),
    exchange: c(-6.24, 3.716),
    ID_us: c(-0.791, 0.696),
    ID_ch: c(-1.735, 1.813),
    ED_us: c(-0.784, 0.377, 2),
    ED_ch: c(0.278, 0.474),
    GD_us: c(5.208, 1.659, 3),
    ICTtrade_us: c(0.561, 0.446),
    "(Intercept)": c(3.544, 0.952, 3),
  },
  "(3)": {
    ICTtrade: c(3.57, 1.272, 3),
    exchange: c(-3.21, 3.572),
    ID_us: c(-0.75, 0.716),
    ID_ch: c(-2.364, 1.868),
    ED_us: c(-0.824, 0.338, 2),
    ED_ch: c(0.0783, 0.384),
    GD_us: c(4.594, 1.45, 3),
    ICTtrade_us: c(0.801, 0.396, 1),
    "(Intercept)": c(2.84, 0.818, 3),
  },
  "(4)": {
    asym: c(3.962, 2.618),
    ideal: c(1.489, 0.674, 2),
    exchange: c(-11.94, 5.27, 2),
    ID_us: c(-0.924, 0.698),
    ID_ch: c(-2.133, 1.842),
    ED_us: c(-0.886, 0.404, 2),
    ED_ch: c(0.142, 0.476),
    GD_us: c(5.546, 1.755, 3),
    ICTtrade_us: c(0.629, 0.441),
    "(Intercept)": c(4.338, 1.182, 3),
  },
  "(5)": {
    ideal: c(2.021, 0.64, 3),
    ICTtrade: c(4.587, 1.171, 3),
    exchange: c(-1.406, 3.199),
    ID_us: c(-0.521, 0.69),
    ID_ch: c(-1.71, 1.777),
    ED_us: c(-0.809, 0.375, 2),
    ED_ch: c(0.319, 0.497),
    GD_us: c(5.444, 1.664, 3),
    ICTtrade_us: c(0.952, 0.359, 2),
    "(Intercept)": c(3.358, 0.944, 3),
  },
  "(6)": {
    asym: c(5.796, 1.927, 3),
    ICTtrade: c(4.104, 1.302, 3),
    exchange: c(-10.94, 4.435, 2),
    ID_us: c(-0.903, 0.724),
    ID_ch: c(-2.901, 1.797),
    ED_us: c(-0.976, 0.357, 2),
    ED_ch: c(-0.101, 0.393),
    GD_us: c(5.168, 1.469, 3),
    ICTtrade_us: c(0.951, 0.357, 2),
    "(Intercept)": c(4.017, 0.914, 3),
  },
  "(7)": {
    asym: c(5.11, 1.771, 3),
    ideal: c(1.906, 0.647, 3),
    ICTtrade: c(5.0, 1.248, 3),
    exchange: c(-8.32, 4.312, 1),
    ID_us: c(-0.669, 0.705),
    ID_ch: c(-2.221, 1.751),
    ED_us: c(-0.944, 0.4, 2),
    ED_ch: c(0.147, 0.506),
    GD_us: c(5.902, 1.777, 3),
    ICTtrade_us: c(1.076, 0.326, 3),
    "(Intercept)": c(4.367, 1.111, 3),
  },
};

/** Published Table 3, robustness models (8)-(11); N = 102. */
export const TABLE3: Record<string, Model> = {
  "(8)": {
    gdp: c(6.112, 3.095, 1),
    ideal: c(1.944, 0.654, 3),
    ICTtrade: c(4.918, 1.286, 3),
    exchange: c(-6.161, 3.844),
    ID_us: c(-0.595, 0.681),
    ID_ch: c(-2.089, 1.712),
    ED_us: c(-0.912, 0.383, 2),
    ED_ch: c(0.178, 0.508),
    GD_us: c(5.626, 1.713, 3),
    ICTtrade_us: c(1.033, 0.36, 3),
    "(Intercept)": c(3.656, 0.948, 3),
  },
  "(9)": {
    asym: c(5.464, 2.076, 2),
    UNvotes_s: c(-1.644, 0.613, 2),
    ICTtrade: c(4.88, 1.335, 3),
    exchange: c(-8.815, 4.612, 1),
    ID_us: c(-0.202, 0.747),
    ID_ch: c(-1.588, 1.836),
    ED_us: c(-0.876, 0.344, 2),
    ED_ch: c(0.171, 0.397),
    GD_us: c(2.093, 1.731),
    ICTtrade_us: c(1.039, 0.326, 3),
    "(Intercept)": c(3.464, 0.986, 3),
  },
  "(10)": {
    asym: c(2.627, 2.023),
    ideal: c(1.902, 0.642, 3),
    ICTtrade_gdp: c(2.648, 0.67, 3),
    exchange: c(-8.381, 4.422, 1),
    ID_us: c(-0.686, 0.697),
    ID_ch: c(-2.436, 1.763),
    ED_us: c(-0.932, 0.393, 2),
    ED_ch: c(0.215, 0.501),
    GD_us: c(5.834, 1.789, 3),
    ICTtrade_us: c(1.095, 0.342, 3),
    "(Intercept)": c(4.428, 1.117, 3),
  },
  "(11)": {
    gdp: c(3.249, 3.613),
    UNvotes_s: c(-1.622, 0.607, 2),
    ICTtrade_gdp: c(2.589, 0.706, 3),
    exchange: c(-7.236, 3.932, 1),
    ID_us: c(-0.177, 0.718),
    ID_ch: c(-1.723, 1.82),
    ED_us: c(-0.841, 0.322, 2),
    ED_ch: c(0.257, 0.399),
    GD_us: c(1.885, 1.686),
    ICTtrade_us: c(1.033, 0.358, 3),
    "(Intercept)": c(3.076, 0.809, 3),
  },
};

/** Published N of every model. */
export const PUBLISHED_N = 102;

/**
 * A published model of Table 2 or 3 as an etable column (lib/report/etable.ts):
 * `etable([publishedModel("(7)"), m7], { dict: LABELS })`. The paper reports
 * country and year fixed effects and does not name its standard-error type.
 */
export function publishedModel(name: string): PublishedColumn {
  const coefficients = entry(TABLE2, name) ?? entry(TABLE3, name);
  if (!coefficients)
    throw new Error(
      `publishedModel: no model ${name} in Tables 2-3 (have ${[...Object.keys(TABLE2), ...Object.keys(TABLE3)].join(", ")})`,
    );
  return { kind: "published", name, coefficients, nobs: PUBLISHED_N, fe: FE, seType: "not stated" };
}
