/**
 * What identifies (or fails to identify) the coefficients of notebook 07:
 * the cells winsorizing clips, and the mechanical links between the
 * alternative outcomes and the H2 regressors.
 *
 * Clipped cells. `prepareSample` winsorizes every continuous regressor at the
 * pooled 1st/99th percentiles (lib/replication/prepare.ts). A regressor with
 * no two-way within variation (GD_us = log distance + log oil price) gets all
 * of its identifying variation from the cells that were clipped, so its
 * coefficient is a contrast of those few ally-years. `clippedCells` lists,
 * for one regressor, every estimation-sample cell whose value winsorizing
 * changed (outcome year; the value is the lagged regressor's).
 *
 * Outcome links. Ideal points lie on one dimension (Bailey, Strezhnev &
 * Voeten 2017), so for an ally between the United States and China,
 * |a − US| + |a − CN| = |US − CN|: the sum `ideal + ideal_china` is the same
 * for every such ally in a year. The S scores with the US and with China are
 * both vote agreements on the same resolutions, on which the US and China
 * mostly vote apart, so they move in opposite directions. `outcomeLinks`
 * computes both links on the panel (same year, no lag).
 */
import type { Prepared, PrepareOptions } from "../replication/prepare";
import type { Outcome } from "../study";
import { lessonSample } from "./fixedEffectsLesson";
import { entry } from "../lookup";

export interface ClippedCell {
  iso3: string;
  /** Outcome year of the row (the regressor value is from the year before). */
  year: number;
  raw: number;
  winsorized: number;
}

/** Cells of `column` that winsorizing changed, in the estimation sample of `outcome` (unstandardized values). */
export function clippedCells(
  column: string,
  outcome: Outcome = "huawei_stance",
  opts: Omit<PrepareOptions, "outcome"> = {},
): ClippedCell[] {
  const w: Prepared = lessonSample(outcome, { ...opts, standardize: false });
  const r: Prepared = lessonSample(outcome, { ...opts, standardize: false, winsorize: false });
  const a = entry(w.data, column),
    b = entry(r.data, column);
  if (!a || !b) throw new Error(`clippedCells: no column "${column}"`);
  if (w.n !== r.n) throw new Error(`clippedCells: samples differ in size (${w.n} vs ${r.n})`);
  const out: ClippedCell[] = [];
  for (let i = 0; i < w.n; i++) {
    const va = Number(a[i]),
      vb = Number(b[i]);
    if (w.data.iso3[i] !== r.data.iso3[i] || w.data.year[i] !== r.data.year[i])
      throw new Error("clippedCells: rows out of order");
    if (Math.abs(va - vb) > 1e-12 * Math.max(1, Math.abs(vb)))
      out.push({ iso3: w.data.iso3[i], year: w.data.year[i], raw: vb, winsorized: va });
  }
  return out;
}

export interface OutcomeLinks {
  /** Per year: allies with both values, and the range of ideal + ideal_china across them. */
  idealSum: { year: number; allies: number; min: number; max: number; range: number }[];
  /** Pearson correlation of UNvotes_s (S with the US) and s_china over ally-years with both. */
  sCorrelation: number;
  sPairs: number;
}

/** The two links of the module doc, on panel rows (iso3, year, ideal, ideal_china, UNvotes_s, s_china). */
export function outcomeLinks(panel: readonly Record<string, unknown>[]): OutcomeLinks {
  const num = (v: unknown) => (v === null || v === undefined || v === "" ? NaN : Number(v));
  const years = [...new Set(panel.map((r) => Number(r.year)))].sort((a, b) => a - b);
  const idealSum = years.flatMap((year) => {
    const s = panel
      .filter((r) => Number(r.year) === year)
      .map((r) => num(r.ideal) + num(r.ideal_china))
      .filter(Number.isFinite);
    if (!s.length) return [];
    const min = Math.min(...s),
      max = Math.max(...s);
    return [{ year, allies: s.length, min, max, range: max - min }];
  });
  const pairs = panel
    .map((r) => [num(r.UNvotes_s), num(r.s_china)])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  const n = pairs.length;
  if (n < 3) throw new Error(`outcomeLinks: only ${n} ally-years with both S scores`);
  const ma = pairs.reduce((s, p) => s + p[0], 0) / n,
    mb = pairs.reduce((s, p) => s + p[1], 0) / n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (const [a, b] of pairs) {
    sab += (a - ma) * (b - mb);
    saa += (a - ma) ** 2;
    sbb += (b - mb) ** 2;
  }
  return { idealSum, sCorrelation: sab / Math.sqrt(saa * sbb), sPairs: n };
}
