/**
 * Typed rows of the loaders' and measures' arquero tables, as the tests read
 * them. arquero's `Table.objects()` types a row as `object`; these interfaces
 * give the columns and units the modules document (lib/sources/idealPoints.ts,
 * unvotes.ts, voteCoincidence.ts, lib/measures/voteDyads.ts).
 */

/** The rows of an arquero table whose columns are those of `R`. */
export function rowsOf<R extends object>(table: { objects(): object[] }): R[] {
  return table.objects() as R[];
}

/** loadIdealPoints: one row per country and session (or year, July2025). */
export interface IdealPointRow {
  ccode: number;
  iso3: string | null;
  session: number | null;
  year: number;
  ideal: number;
  nvotes: number;
  usAgree: number | null;
  chinaAgree: number | null;
}

/** loadUnVotes: one row per roll call and country with a recorded vote. */
export interface UnVoteRow {
  resid: number;
  session: number;
  ccode: number;
  iso3: string | null;
  date: string;
  year: number;
  vote: number;
}

/** loadVoteCoincidence: one row per member state and report year. */
export interface CoincidenceRow {
  iso3: string;
  year: number;
  same: number;
  opposite: number;
  partial: number;
  absent: number;
  coincidence: number;
}

/** voteDyads: one row per ally and session; the measures are null when the pair shared no vote. */
export interface VoteDyadRow {
  iso3: string;
  session: number;
  year: number;
  n: number;
  agree: number | null;
  s: number | null;
  kappa: number | null;
  pi: number | null;
}
