/**
 * Ideal-point distance between each ally and a partner (the paper's `ideal`).
 *
 *   ideal_it = | θ_it − θ_Pt |
 *
 * θ = Bailey–Strezhnev–Voeten UNGA ideal point (Bailey, Strezhnev & Voeten
 * 2017, Journal of Conflict Resolution 61(2): 430–456), P = the USA (the
 * paper's measure) or China, t = year. Rows are matched on `year`, which is
 * session + 1945 for the session-based releases and the calendar year for the
 * year-based July2025 series (see lib/sources/idealPoints.ts); `session` is
 * carried over (null for year-based series). An ally-year is left out when the
 * ally or the partner has no estimate that year, and listed in `missing`.
 *
 * Table columns: iso3 (string), session (integer or null), year (integer),
 * ideal (≥ 0, ideal-point units).
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { ALLIES } from "../countries";
import type { Partner } from "./voteDyads";

export interface IdealDistanceResult {
  table: ColumnTable;
  /** Ally-years in the input's year range with no distance ("ISO3 year"). */
  missing: string[];
}

/**
 * Distances of the 26 allies to the partner, for every year in which the
 * partner has an estimate (optionally only `years`).
 */
export function idealDistance(
  idealTable: ColumnTable,
  partner: Partner,
  opts: { years?: readonly number[] } = {},
): IdealDistanceResult {
  const iso = idealTable.array("iso3") as ArrayLike<string | null>;
  const year = idealTable.array("year") as ArrayLike<number>;
  const session = idealTable.array("session") as ArrayLike<number | null>;
  const ideal = idealTable.array("ideal") as ArrayLike<number>;
  const at = new Map<string, number>();
  const partnerAt = new Map<number, number>();
  for (let i = 0; i < iso.length; i++) {
    const c = iso[i];
    if (c === null) continue;
    at.set(`${c}:${year[i]}`, i);
    if (c === partner) partnerAt.set(year[i], i);
  }
  const years = opts.years ?? [...partnerAt.keys()].sort((a, b) => a - b);
  const out = {
    iso3: [] as string[],
    session: [] as (number | null)[],
    year: [] as number[],
    ideal: [] as number[],
  };
  const missing: string[] = [];
  for (const y of years) {
    const p = partnerAt.get(y);
    for (const c of ALLIES) {
      const i = at.get(`${c}:${y}`);
      if (i === undefined || p === undefined) {
        missing.push(`${c} ${y}`);
        continue;
      }
      out.iso3.push(c);
      out.session.push(session[i]);
      out.year.push(y);
      out.ideal.push(Math.abs(ideal[i] - ideal[p]));
    }
  }
  return { table: aq.table(out), missing };
}
