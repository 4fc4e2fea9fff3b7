/**
 * Technology-cooperation proxies from bilateral trade.
 *
 * The paper uses UNCTAD's bilateral ICT-goods trade with China, which is not
 * available offline. Here the substitute is IMF DOTS *total merchandise*
 * trade, so these are proxies with the paper's names, not the paper's data:
 *
 *   T_CN = China's reported exports to + imports from the ally, US$ millions
 *   T_US = the US's reported exports to + imports from the ally, US$ millions
 *   ICTtrade      = ln(T_CN)
 *   ICTtrade_gdp  = ln(T_CN / GDP_ally)   with T_CN in US$ millions and GDP in US$:
 *                   the published mean (−18.6) only fits this unit mix; it
 *                   shifts the log by ln(10⁶) ≈ 13.8 and so only the constant.
 *   ICTtrade_us   = ln(T_CN / T_US)
 *   tradeGdp      = T_CN × 10⁶ / GDP_ally (a share, consistent units)
 *
 * Each bilateral flow is taken from one reporter (China for T_CN, the US for
 * T_US), so the ratio compares two countries' customs records.
 * Li & Gu (2022), Table 1 "ICTtrade", "ICTtrade_gdp", "ICTtrade_us";
 * IMF Direction of Trade Statistics; UNCTAD (the paper's source).
 */
import type { DotsRow } from "../sources/dots";
import type { WdiRow } from "../sources/wdi";
import { REGRESSOR_YEARS } from "../study";
import { ALLIES } from "../countries";

function pos(x: number, what: string): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`${what} must be positive, got ${x}`);
  return x;
}

/** ICTtrade = ln(trade in US$ millions). */
export function lnTrade(tradeMn: number): number {
  return Math.log(pos(tradeMn, "trade"));
}
/** ICTtrade_gdp = ln(trade in US$ millions / GDP in US$) (the paper's unit mix, see module doc). */
export function lnTradeOverGdp(tradeMn: number, gdpUsd: number): number {
  return Math.log(pos(tradeMn, "trade")) - Math.log(pos(gdpUsd, "GDP"));
}
/** ICTtrade_us = ln(trade with China / trade with the US). */
export function lnTradeRatio(tradeChina: number, tradeUs: number): number {
  return (
    Math.log(pos(tradeChina, "trade with China")) - Math.log(pos(tradeUs, "trade with the US"))
  );
}

export interface TradeRow {
  iso3: string;
  year: number;
  /** Trade with China as reported by China, US$ millions. */
  tradeCN: number;
  /** Trade with the US as reported by the US, US$ millions. */
  tradeUS: number;
  /** tradeCN × 10⁶ / GDP (share of GDP). */
  tradeGdp: number;
  ICTtrade: number;
  ICTtrade_gdp: number;
  ICTtrade_us: number;
}

/** Trade measures for every ally-year from loadDots() rows and loadWdi({indicator: "gdp"}) rows. */
export function tradePanel(
  dots: readonly DotsRow[],
  gdp: readonly WdiRow[],
  opts: { allies?: readonly string[]; years?: readonly number[] } = {},
): TradeRow[] {
  const flow = new Map(dots.map((r) => [`${r.reporter}:${r.iso3}:${r.year}`, r.total]));
  const g = new Map(gdp.map((r) => [`${r.iso3}:${r.year}`, r.value]));
  const get = <K>(m: Map<K, number>, k: K, what: string) => {
    const v = m.get(k);
    if (v === undefined) throw new Error(`tradePanel: no ${what}`);
    return v;
  };
  const out: TradeRow[] = [];
  for (const iso3 of opts.allies ?? ALLIES) {
    for (const year of opts.years ?? REGRESSOR_YEARS) {
      const cn = get(flow, `CHN:${iso3}:${year}`, `China-reported trade with ${iso3} ${year}`);
      const us = get(flow, `USA:${iso3}:${year}`, `US-reported trade with ${iso3} ${year}`);
      const gdpUsd = get(g, `${iso3}:${year}`, `GDP of ${iso3} ${year}`);
      out.push({
        iso3,
        year,
        tradeCN: cn,
        tradeUS: us,
        tradeGdp: (cn * 1e6) / gdpUsd,
        ICTtrade: lnTrade(cn),
        ICTtrade_gdp: lnTradeOverGdp(cn, gdpUsd),
        ICTtrade_us: lnTradeRatio(cn, us),
      });
    }
  }
  return out;
}
