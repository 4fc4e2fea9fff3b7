/**
 * Ally–partner dyads of UNGA voting, one row per ally and session: the
 * paper's UNvotes_s (Eq. 2) plus raw and chance-corrected agreement.
 *
 * For ally i, partner P (the USA or China) and session t, over the roll calls
 * of t on which both voted (codes 1 yes, 2 abstain, 3 no):
 *
 *   n     = number of such roll calls
 *   agree = Σ_k 1[v_ik = v_Pk] / n                       (identical-vote share)
 *   s     = 1 − 2 Σ_k |v_ik − v_Pk| / (2n)                (S, d_max = 2; squared option: |·|², d_max = 4)
 *   kappa = Cohen's κ,  pi = Scott's π over the 3 × 3 vote table
 *
 * Formulas and citations: {@link sScore} (Signorino & Ritter 1999; Sweeney &
 * Keshk 2005) and {@link cohenKappa} / {@link scottPi} (Häge 2011).
 * year = session + 1945, the calendar year in which the session opens (the
 * same mapping as the session-based ideal points). A measure that is
 * undefined (no shared roll call, or κ/π with p_e = 1) is null in the table.
 *
 * Table columns: iso3 (string), session (integer), year (integer), n (integer,
 * roll calls), agree (share 0–1), s (−1..1), kappa, pi (≤ 1).
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { sScore, sessionAt, type LongVotes } from "./sScore";
import { agreementTable, agreementShareTable, cohenKappaTable, scottPiTable } from "./agreement";
import { ALLIES, countries, type CountryRegistry } from "../countries";
import type { DataRootOptions } from "../io/dataRoot";
import { OUTCOME_YEARS, REGRESSOR_YEARS, UN_SESSION_OFFSET } from "../study";
import { mustGet } from "../lookup";

/** Default sessions: those of the regressor and outcome years 2016-2020 (71-75), study.ts. */
export const DEFAULT_SESSIONS: readonly number[] = [
  ...new Set([...REGRESSOR_YEARS, ...OUTCOME_YEARS]),
].map((y) => y - UN_SESSION_OFFSET);

export type Partner = "USA" | "CHN";

export interface SessionRecords {
  /** Roll calls of the session (ascending resid), after exclusions. */
  resids: number[];
  /** Vote vector per requested ccode, aligned with `resids` (null = no vote). */
  records: Map<number, (number | null)[]>;
}

/** The parallel arrays of each vote table seen (arquero tables are immutable), built once per table. */
const LONG_VOTES = new WeakMap<ColumnTable, LongVotes>();

/**
 * Votes as parallel arrays, from a vote table ({@link loadUnVotes}, whose
 * roll-call id is `resid`, or {@link loadUnVotesPkg030}, whose id is `rcid`;
 * both carry `session`) or given directly.
 */
export function asLongVotes(votes: ColumnTable | LongVotes): LongVotes {
  if ("array" in votes && typeof votes.array === "function") {
    const t = votes;
    const known = LONG_VOTES.get(t);
    if (known) return known;
    const names = t.columnNames();
    const long: LongVotes = {
      ccode: t.array("ccode") as ArrayLike<number>,
      resid: t.array(names.includes("resid") ? "resid" : "rcid") as ArrayLike<number>,
      vote: t.array("vote") as ArrayLike<number>,
      session: names.includes("session") ? (t.array("session") as ArrayLike<number>) : undefined,
    };
    LONG_VOTES.set(t, long);
    return long;
  }
  return votes as LongVotes;
}

/**
 * The aligned voting records of some countries (COW codes) in one session.
 * Every roll call of the session counts (not only those the countries voted
 * on); roll calls in `exclude` are left out.
 */
export function sessionRecords(
  votes: ColumnTable | LongVotes,
  session: number,
  ccodes: readonly number[],
  opts: { exclude?: Iterable<number> } = {},
): SessionRecords {
  const v = asLongVotes(votes);
  const excluded = new Set(opts.exclude ?? []);
  const rc = new Set<number>();
  for (let i = 0; i < v.resid.length; i++) {
    const r = v.resid[i];
    if (sessionAt(v, i) === session && !excluded.has(r)) rc.add(r);
  }
  const resids = [...rc].sort((a, b) => a - b);
  const pos = new Map(resids.map((r, k) => [r, k]));
  const records = new Map<number, (number | null)[]>();
  for (const c of ccodes) records.set(c, new Array<number | null>(resids.length).fill(null));
  for (let i = 0; i < v.resid.length; i++) {
    const rec = records.get(v.ccode[i]);
    const k = pos.get(v.resid[i]);
    if (rec && k !== undefined) {
      if (rec[k] !== null)
        throw new RangeError(`duplicate vote for resid ${v.resid[i]}, ccode ${v.ccode[i]}`);
      rec[k] = v.vote[i];
    }
  }
  return { resids, records };
}

export interface DyadMeasures {
  n: number;
  agree: number;
  s: number;
  kappa: number;
  pi: number;
}

/** All dyadic measures of two aligned records (NaN where undefined). */
export function dyadMeasures(
  a: ArrayLike<number | null>,
  b: ArrayLike<number | null>,
  opts: { squared?: boolean } = {},
): DyadMeasures {
  const t = agreementTable(a, b);
  return {
    n: t.flat().reduce((x, y) => x + y, 0),
    agree: agreementShareTable(t),
    s: sScore(a, b, { squared: opts.squared }),
    kappa: cohenKappaTable(t),
    pi: scottPiTable(t),
  };
}

export interface VoteDyadOptions extends DataRootOptions {
  partner: Partner;
  /**
   * The country registry (ISO3 -> COW code), resolved once by the caller
   * (`countries({ dataDir })`) so the measure reads nothing from disk. Without
   * it the registry is read from the data root (`dataDir`, else the default).
   */
  registry?: CountryRegistry;
  /** Sessions (default 71–75, i.e. 2016–2020). */
  sessions?: readonly number[];
  /** Roll calls (resid) to leave out, e.g. to mirror a source that omits them. */
  exclude?: Iterable<number>;
  /** Squared-distance S (d_max = 4). */
  squared?: boolean;
  /** Countries to pair with the partner (ISO3; default the 26 allies). */
  countries?: readonly string[];
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** One row per ally and session with n, agree, s, kappa, pi against the partner (see module doc). */
export function voteDyads(votes: ColumnTable | LongVotes, opts: VoteDyadOptions): ColumnTable {
  const reg = opts.registry ?? countries({ dataDir: opts.dataDir });
  const partner = reg.get(opts.partner).cow;
  const isos = opts.countries ?? ALLIES;
  const cows = isos.map((c) => reg.get(c).cow);
  const exclude = opts.exclude ? [...opts.exclude] : undefined;
  const out = {
    iso3: [] as string[],
    session: [] as number[],
    year: [] as number[],
    n: [] as number[],
    agree: [] as (number | null)[],
    s: [] as (number | null)[],
    kappa: [] as (number | null)[],
    pi: [] as (number | null)[],
  };
  const long = asLongVotes(votes);
  for (const session of opts.sessions ?? DEFAULT_SESSIONS) {
    const { records } = sessionRecords(long, session, [partner, ...cows], { exclude });
    const p = mustGet(records, partner, "voting record of the partner");
    isos.forEach((iso3, j) => {
      const m = dyadMeasures(mustGet(records, cows[j], "voting record of COW"), p, {
        squared: opts.squared,
      });
      out.iso3.push(iso3);
      out.session.push(session);
      out.year.push(session + UN_SESSION_OFFSET);
      out.n.push(m.n);
      out.agree.push(orNull(m.agree));
      out.s.push(orNull(m.s));
      out.kappa.push(orNull(m.kappa));
      out.pi.push(orNull(m.pi));
    });
  }
  return aq.table(out);
}

export interface FileCheckRow {
  iso3: string;
  session: number;
  ours: number;
  file: number;
  gap: number;
}

export interface FileCheck {
  rows: FileCheckRow[];
  /** Per session: dyads compared, how many match to `tol`, the largest |gap|. */
  bySession: { session: number; dyads: number; match: number; max_gap: number }[];
  match: number;
}

/**
 * Our identical-vote share next to an agreement column of the Jun2024
 * ideal-point file (`usAgree` or `chinaAgree` of {@link loadIdealPoints}),
 * joined on (iso3, session): an outside check of `agree` (the file's columns
 * are that same share, with abstain as its own category). Dyads missing on
 * either side are not compared.
 */
export function agreementVsFile(
  dyads: ColumnTable,
  ideal: ColumnTable,
  column: "usAgree" | "chinaAgree",
  tol = 1e-6,
): FileCheck {
  const file = new Map<string, number>();
  for (const r of ideal.objects() as {
    iso3: string | null;
    session: number | null;
    [k: string]: unknown;
  }[]) {
    const v = r[column];
    if (r.iso3 !== null && r.session !== null && typeof v === "number")
      file.set(`${r.iso3}:${r.session}`, v);
  }
  const rows: FileCheckRow[] = [];
  for (const d of dyads.objects() as { iso3: string; session: number; agree: number | null }[]) {
    const f = file.get(`${d.iso3}:${d.session}`);
    if (f === undefined || d.agree === null) continue;
    rows.push({ iso3: d.iso3, session: d.session, ours: d.agree, file: f, gap: d.agree - f });
  }
  const sessions = [...new Set(rows.map((r) => r.session))].sort((a, b) => a - b);
  const bySession = sessions.map((session) => {
    const rs = rows.filter((r) => r.session === session);
    return {
      session,
      dyads: rs.length,
      match: rs.filter((r) => Math.abs(r.gap) < tol).length,
      max_gap: Math.max(...rs.map((r) => Math.abs(r.gap))),
    };
  });
  return { rows, bySession, match: rows.filter((r) => Math.abs(r.gap) < tol).length };
}
