/**
 * Relative power of an ally and the alliance leader (Beckley 2018).
 *
 *   P_i   = GDP_i × GDPpc_i                 (GDP and GDP per capita in current US$)
 *   asym  = ln(P_US / P_ally)               power gap (published Table 1 "asym")
 *   gdp   = ln(GDP_US / GDP_ally)           GDP gap, the robustness substitute ("gdp")
 *   asymmetric alliance  ⇔  P_US / P_ally > 2
 *
 * The product of GDP and GDP per capita weighs economic size by efficiency,
 * so a populous but poor economy counts for less than its GDP alone suggests.
 * Beckley, M. (2018), "The Power of Nations: Measuring What Matters",
 * International Security 43(2): 7-44; used by Li & Gu (2022) for H1.
 */
import type { WdiRow } from "../sources/wdi";
import { REGRESSOR_YEARS } from "../study";
import { ALLIES } from "../countries";

function positive(x: number, what: string): number {
  if (!(x > 0) || !Number.isFinite(x))
    throw new RangeError(`${what} must be a positive finite number, got ${x}`);
  return x;
}

/** Beckley power P = GDP × GDP per capita. */
export function beckleyPower(gdp: number, gdppc: number): number {
  return positive(gdp, "GDP") * positive(gdppc, "GDP per capita");
}

/** asym = ln(P_leader / P_ally); larger = weaker ally relative to the leader. */
export function powerGap(pLeader: number, pAlly: number): number {
  return Math.log(positive(pLeader, "leader's power")) - Math.log(positive(pAlly, "ally's power"));
}

/** gdp = ln(GDP_leader / GDP_ally). */
export function gdpGap(gdpLeader: number, gdpAlly: number): number {
  return Math.log(positive(gdpLeader, "leader's GDP")) - Math.log(positive(gdpAlly, "ally's GDP"));
}

/** An alliance is asymmetric when the leader's power exceeds `threshold` (default 2) times the ally's. */
export function isAsymmetricAlliance(pLeader: number, pAlly: number, threshold = 2): boolean {
  return positive(pLeader, "leader's power") / positive(pAlly, "ally's power") > threshold;
}

export interface PowerRow {
  iso3: string;
  year: number;
  /** Beckley power of the ally, US$² per person. */
  power: number;
  /** ln(P_US / P_ally). */
  asym: number;
  /** ln(GDP_US / GDP_ally). */
  gdp: number;
  /** P_US / P_ally > 2. */
  asymmetric: boolean;
}

/**
 * asym, gdp and the asymmetry flag for every ally-year, from the WDI GDP and
 * GDP-per-capita rows (loadWdi). A missing value is an error.
 */
export function powerPanel(
  gdp: readonly WdiRow[],
  gdppc: readonly WdiRow[],
  opts: { allies?: readonly string[]; years?: readonly number[]; leader?: string } = {},
): PowerRow[] {
  const leader = opts.leader ?? "USA";
  const g = new Map(gdp.map((r) => [`${r.iso3}:${r.year}`, r.value]));
  const pc = new Map(gdppc.map((r) => [`${r.iso3}:${r.year}`, r.value]));
  const get = (m: Map<string, number>, iso3: string, year: number, what: string): number => {
    const v = m.get(`${iso3}:${year}`);
    if (v === undefined) throw new Error(`powerPanel: no ${what} for ${iso3} ${year}`);
    return v;
  };
  const out: PowerRow[] = [];
  for (const iso3 of opts.allies ?? ALLIES) {
    for (const year of opts.years ?? REGRESSOR_YEARS) {
      const gA = get(g, iso3, year, "GDP"),
        gL = get(g, leader, year, "GDP");
      const pA = beckleyPower(gA, get(pc, iso3, year, "GDP per capita"));
      const pL = beckleyPower(gL, get(pc, leader, year, "GDP per capita"));
      out.push({
        iso3,
        year,
        power: pA,
        asym: powerGap(pL, pA),
        gdp: gdpGap(gL, gA),
        asymmetric: isAsymmetricAlliance(pL, pA),
      });
    }
  }
  return out;
}
