/**
 * Economic-institution distance between an ally and a partner (the US or
 * China): the absolute difference of their Heritage Index of Economic
 * Freedom overall scores (0-100) in the same panel year.
 *
 *   ED_ip,t = | EFI_i,t − EFI_p,t |
 *
 * Which edition feeds year t is the loader's `mapping` option (loadEfi).
 * As with ID, the published moments fit with the labels exchanged
 * (scripts/econTable1.ts, "edition" mapping, allies 2016-2019): our ED to the
 * US has mean 6.459 / sd 5.150 against the published ED_ch 6.568 / 5.111, and
 * our ED to China 14.534 / 6.819 against the published ED_us 14.328 / 6.786.
 * Li & Gu (2022), Table 1 "ED_us" / "ED_ch"; data: The Heritage Foundation,
 * Index of Economic Freedom.
 */
import type { EfiRow } from "../sources/efi";
import type { DistanceRow } from "./institutionDistance";
import { REGRESSOR_YEARS } from "../study";
import { ALLIES } from "../countries";

/** |a − b| of two overall scores. */
export function economicDistance(scoreAlly: number, scorePartner: number): number {
  if (!Number.isFinite(scoreAlly) || !Number.isFinite(scorePartner))
    throw new RangeError("EFI scores must be finite");
  return Math.abs(scoreAlly - scorePartner);
}

/** ED for every ally-year against one partner ("USA" or "CHN"). */
export function economicDistancePanel(
  rows: readonly EfiRow[],
  opts: { partner: string; allies?: readonly string[]; years?: readonly number[] },
): DistanceRow[] {
  const m = new Map(rows.map((r) => [`${r.iso3}:${r.year}`, r.score]));
  const get = (iso3: string, year: number) => {
    const v = m.get(`${iso3}:${year}`);
    if (v === undefined) throw new Error(`economicDistancePanel: no EFI score for ${iso3} ${year}`);
    return v;
  };
  const out: DistanceRow[] = [];
  for (const iso3 of opts.allies ?? ALLIES) {
    for (const year of opts.years ?? REGRESSOR_YEARS)
      out.push({ iso3, year, value: economicDistance(get(iso3, year), get(opts.partner, year)) });
  }
  return out;
}
