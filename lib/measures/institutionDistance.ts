/**
 * Political-institution distance between an ally and a partner (the US or
 * China): a standardized Euclidean distance over the six WGI estimates.
 *
 *   ID_ip,t = sqrt( Σ_k ( (x_ik,t − x_pk,t) / s_k )² ),   k ∈ {VA, PV, GE, RQ, RL, CC}
 *
 * The paper says "standardized" without saying how; the choice is an option:
 *   "sd-by-year" (default)  s_k,t = sample sd (n − 1) of estimate k across the
 *                           28 study countries in year t (z-scores per year);
 *   "pooled-sd"             s_k = sample sd of estimate k across the 28
 *                           countries and all years passed in `years`;
 *   "raw"                   s_k = 1 (WGI estimates are already on a
 *                           standard-normal scale across all rated countries).
 * Centring does not change a difference, so z-scoring is equivalent to
 * dividing by s_k. The reference set for s_k can be changed (`reference`).
 * What the published Table 1 suggests (scripts/econTable1.ts, WGI 2023
 * vintage, allies 2016-2019): "raw" distances reproduce the published moments
 * closely, but with the labels exchanged: our distance to the US has mean
 * 1.645 / sd 1.011 / min 0.312 / max 4.299 against the published ID_ch
 * 1.652 / 1.035 / 0.497 / 4.283, and our distance to China 3.791 / 1.265 /
 * 0.776 / 5.696 against the published ID_us 3.807 / 1.295 / 0.830 / 5.583.
 * Nothing here swaps them; the choice belongs to the panel builder.
 * Li & Gu (2022), Table 1 "ID_us" / "ID_ch"; data: Kaufmann & Kraay (2023), WGI.
 */
import type { WgiRow } from "../sources/wgi";
import { WGI_DIMS } from "../sources/wgi";
import { REGRESSOR_YEARS } from "../study";
import { ALLIES, STUDY_COUNTRIES } from "../countries";

export type WgiStandardization = "sd-by-year" | "pooled-sd" | "raw";

/** Euclidean distance between two vectors, each coordinate divided by `scale` (default 1). */
export function euclideanDistance(
  a: readonly number[],
  b: readonly number[],
  scale?: readonly number[],
): number {
  if (a.length !== b.length || (scale && scale.length !== a.length))
    throw new RangeError("vectors of different length");
  let s = 0;
  for (let k = 0; k < a.length; k++) {
    const d = (a[k] - b[k]) / (scale ? scale[k] : 1);
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Sample standard deviation (n − 1 denominator). */
export function sampleSd(xs: readonly number[]): number {
  if (xs.length < 2) throw new RangeError("sd needs at least two values");
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

export interface InstitutionDistanceOptions {
  /** "USA" for ID_us, "CHN" for ID_ch. */
  partner: string;
  standardize?: WgiStandardization;
  allies?: readonly string[];
  /** Years to compute (and, for "pooled-sd", to pool over). Default 2016-2019. */
  years?: readonly number[];
  /** Countries whose spread defines s_k. Default: the 28 study countries. */
  reference?: readonly string[];
}

export interface DistanceRow {
  iso3: string;
  year: number;
  value: number;
}

/** The scale s_k per year under the chosen standardization. */
export function wgiScales(
  rows: readonly WgiRow[],
  standardize: WgiStandardization,
  years: readonly number[],
  reference: readonly string[] = STUDY_COUNTRIES,
): Map<number, number[]> {
  const ref = new Set(reference);
  const pick = (ys: readonly number[]) =>
    rows.filter((r) => ref.has(r.iso3) && ys.includes(r.year));
  const scales = new Map<number, number[]>();
  const sdOf = (rs: readonly WgiRow[], label: string) => {
    const expected = ref.size * (label === "pooled" ? years.length : 1);
    if (rs.length !== expected)
      throw new Error(`wgiScales: ${rs.length} reference rows for ${label}, expected ${expected}`);
    return WGI_DIMS.map((d) => sampleSd(rs.map((r) => r[d])));
  };
  const pooled = standardize === "pooled-sd" ? sdOf(pick(years), "pooled") : undefined;
  for (const y of years) {
    scales.set(
      y,
      standardize === "raw" ? WGI_DIMS.map(() => 1) : (pooled ?? sdOf(pick([y]), `year ${y}`)),
    );
  }
  return scales;
}

/** ID for every ally-year against one partner. */
export function institutionDistancePanel(
  rows: readonly WgiRow[],
  opts: InstitutionDistanceOptions,
): DistanceRow[] {
  const years = opts.years ?? REGRESSOR_YEARS;
  const scales = wgiScales(rows, opts.standardize ?? "sd-by-year", years, opts.reference);
  const byKey = new Map(rows.map((r) => [`${r.iso3}:${r.year}`, r]));
  const vec = (iso3: string, year: number) => {
    const r = byKey.get(`${iso3}:${year}`);
    if (!r) throw new Error(`institutionDistancePanel: no WGI estimates for ${iso3} ${year}`);
    return WGI_DIMS.map((d) => r[d]);
  };
  const out: DistanceRow[] = [];
  for (const iso3 of opts.allies ?? ALLIES) {
    for (const year of years)
      out.push({
        iso3,
        year,
        value: euclideanDistance(vec(iso3, year), vec(opts.partner, year), scales.get(year)),
      });
  }
  return out;
}
