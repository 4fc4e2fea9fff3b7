/**
 * Exchange-rate control: the natural log of the official exchange rate.
 *
 *   exchange = ln(LCU per US$)      (WDI PA.NUS.FCRF, annual average)
 *
 * Euro-area allies share one value; the US rate is 1, so ln = 0. A log keeps
 * the yen and won (about 100-1,200 per dollar) on a scale comparable with
 * currencies near parity. Li & Gu (2022), Table 1 "exchange"; World Bank WDI.
 */
import type { WdiRow } from "../sources/wdi";
import { REGRESSOR_YEARS } from "../study";
import { ALLIES } from "../countries";

/** ln of an exchange rate in local currency units per US dollar. */
export function lnExchange(lcuPerUsd: number): number {
  if (!(lcuPerUsd > 0) || !Number.isFinite(lcuPerUsd))
    throw new RangeError(`exchange rate must be positive, got ${lcuPerUsd}`);
  return Math.log(lcuPerUsd);
}

export interface ExchangeRow {
  iso3: string;
  year: number;
  /** LCU per US$. */
  rate: number;
  /** ln(rate). */
  exchange: number;
}

/** ln exchange rate for every ally-year from loadWdi({ indicator: "exchange" }) rows. */
export function exchangePanel(
  rows: readonly WdiRow[],
  opts: { allies?: readonly string[]; years?: readonly number[] } = {},
): ExchangeRow[] {
  const m = new Map(rows.map((r) => [`${r.iso3}:${r.year}`, r.value]));
  const out: ExchangeRow[] = [];
  for (const iso3 of opts.allies ?? ALLIES) {
    for (const year of opts.years ?? REGRESSOR_YEARS) {
      const rate = m.get(`${iso3}:${year}`);
      if (rate === undefined)
        throw new Error(`exchangePanel: no exchange rate for ${iso3} ${year}`);
      out.push({ iso3, year, rate, exchange: lnExchange(rate) });
    }
  }
  return out;
}
