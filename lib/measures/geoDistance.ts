/**
 * Geographic distance to the US, scaled by the cost of moving goods: the log
 * of the great-circle distance times the year's oil price.
 *
 *   GD_us,it = ln( dist_km(i, USA) × WTI_t )      (km × US$/bbl)
 *
 * Distance: CEPII `dist` by default (between the most populated cities, so
 * New York for the US); `distcap` (capitals), `distw` and `distwces`
 * (population-weighted) are options. Oil: EIA WTI annual average (Brent is
 * the option, via loadOil). The magnitudes of the published Table 1 (mean
 * 12.95) fit this log: ln(6,000 km × $55) ≈ 12.7. Of the four CEPII
 * measures, `distwces` with WTI comes closest to all four published moments
 * for 2016-2019 (scripts/econTable1.ts); the paper names none of them.
 * Also here: a haversine great-circle distance, used to check CEPII's
 * distances and the Wellington latitude (see lib/sources/geodist.ts).
 * Li & Gu (2022), Table 1 "GD_us"; Mayer & Zignago (2011) CEPII WP 2011-25;
 * U.S. EIA series RWTC.
 */
import type { DistRow, DistMeasure } from "../sources/geodist";
import type { OilRow } from "../sources/oil";
import type { DistanceRow } from "./institutionDistance";
import { REGRESSOR_YEARS } from "../study";
import { ALLIES } from "../countries";

/** Mean Earth radius, km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine) between two points in decimal degrees, km. */
export function greatCircleKm(
  lat1: number,
  lon1: number,
  lat2: number,
  lon2: number,
  radiusKm = EARTH_RADIUS_KM,
): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * radiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** ln(distance in km × oil price in US$/bbl). */
export function geoDistanceIndex(distKm: number, oilPrice: number): number {
  if (!(distKm > 0) || !(oilPrice > 0))
    throw new RangeError(`distance and price must be positive, got ${distKm}, ${oilPrice}`);
  return Math.log(distKm) + Math.log(oilPrice);
}

/** GD for every ally-year against one partner (default "USA"). */
export function geoDistancePanel(
  dist: readonly DistRow[],
  oil: readonly OilRow[],
  opts: {
    partner?: string;
    measure?: DistMeasure;
    allies?: readonly string[];
    years?: readonly number[];
  } = {},
): DistanceRow[] {
  const partner = opts.partner ?? "USA";
  const measure = opts.measure ?? "dist";
  const price = new Map(oil.map((r) => [r.year, r.price]));
  const out: DistanceRow[] = [];
  for (const iso3 of opts.allies ?? ALLIES) {
    const d = dist.find((r) => r.iso_o === iso3 && r.iso_d === partner);
    if (!d) throw new Error(`geoDistancePanel: no distance ${iso3}-${partner}`);
    for (const year of opts.years ?? REGRESSOR_YEARS) {
      const p = price.get(year);
      if (p === undefined) throw new Error(`geoDistancePanel: no oil price for ${year}`);
      out.push({ iso3, year, value: geoDistanceIndex(d[measure], p) });
    }
  }
  return out;
}
