/**
 * UNGA roll-call votes, 2015–2020 (Voeten's UNVotes data, 2024 release, as
 * stacked from the yearly files of the `fpsim` R package).
 *
 * Source: Voeten, E. (2013), "Data and analyses of voting in the UN General
 * Assembly", in Reinalda (ed.), Routledge Handbook of International
 * Organization; data at Harvard Dataverse doi:10.7910/DVN/LEJUQZ. See
 * unvotes/SOURCE.md in the data root for the copy used and its checksums.
 *
 * One row per (roll call, country) with a recorded vote. Columns and units:
 *   resid   integer   Voeten's resolution id = session · 1000 + running number
 *   session integer   UNGA session = floor(resid / 1000)
 *   ccode   integer   Correlates of War state code (USA 2, China 710)
 *   iso3    string    ISO3 of a study country (26 allies, USA, CHN); null otherwise
 *   date    string    vote date, ISO "YYYY-MM-DD"
 *   year    integer   Voeten's `year` (NOT the session: the January 2020 votes
 *                     of session 74 carry 2019, the 2021 votes of session 75 carry 2020)
 *   vote    integer   1 yes, 2 abstain, 3 no (absent and non-member rows are
 *                     not in the file, so every row is a cast vote)
 *
 * Checks: every cell has the right type; vote ∈ {1, 2, 3}; every ccode is a
 * COW state code (crosswalk/cow_country_codes.csv), else it is an unknown
 * country and an error; no (resid, ccode) occurs twice; and each of the 28
 * study countries votes in each required session (70–75 by default).
 *
 * {@link loadUnVotesPkg030} reads the older release in the `unvotes` R
 * package 0.3.0 (sessions 70–74) into the same shape, with its own roll-call
 * id `rcid`, for robustness checks across releases.
 */
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import type { DataRootOptions } from "../io/dataRoot";
import { readCsv, parseCsvText, int, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, drop, type LoadReport } from "../io/loadReport";
import { countries, STUDY_COUNTRIES } from "../countries";

export const UNVOTES_FILE =
  "unvotes/voeten2024_via_svmiller_fpsim/unvotes_voeten2024_y2015_2020.derived.csv";
export const COW_FILE = "crosswalk/cow_country_codes.csv";

/** Sessions whose complete study-country coverage is checked by default (years 2015–2020). */
export const DEFAULT_REQUIRED_SESSIONS: readonly number[] = [70, 71, 72, 73, 74, 75];

export interface UnVotesOptions extends DataRootOptions {
  /** Keep only these sessions (default: every session in the file, 69–75). Others are counted as dropped. */
  sessions?: readonly number[];
  /**
   * Sessions in which all 28 study countries must have voted; default 70–75,
   * restricted to `sessions` when that is given. Pass [] to skip the check.
   */
  requireSessions?: readonly number[];
}

export interface LoadResult {
  table: ColumnTable;
  report: LoadReport;
}

const cowCache = new Map<string, Set<number>>();

/** The set of Correlates of War state codes (any period), from the crosswalk folder. */
export function cowCodes(opts: DataRootOptions = {}): Set<number> {
  const key = opts.dataDir ?? "";
  let s = cowCache.get(key);
  if (!s) {
    const t = readCsv(COW_FILE, { ...opts, required: ["CCode"] });
    s = new Set<number>();
    for (let i = 0; i < t.rows.length; i++) s.add(int(t, i, "CCode"));
    cowCache.set(key, s);
  }
  return s;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Refuse row i of the vote file when its resid is not positive, its vote code
 * is not 1–3, its ccode is not a COW state code, or its date is not YYYY-MM-DD.
 */
function checkVoteRow(
  t: CsvTable,
  i: number,
  row: { r: number; c: number; v: number; d: string },
  cow: Set<number>,
): void {
  const { r, c, v, d } = row;
  if (r <= 0)
    throw new DataError(t.file, `resid ${r} is not a positive resolution id`, {
      row: t.line(i),
      column: "resid",
    });
  if (v !== 1 && v !== 2 && v !== 3) {
    throw new DataError(t.file, `vote code ${v} is not 1 (yes), 2 (abstain) or 3 (no)`, {
      row: t.line(i),
      column: "vote",
    });
  }
  if (!cow.has(c))
    throw new DataError(
      t.file,
      `unknown country: ccode ${c} is not a Correlates of War state code`,
      { row: t.line(i), column: "ccode" },
    );
  if (!DATE.test(d))
    throw new DataError(t.file, `date "${d}" is not YYYY-MM-DD`, {
      row: t.line(i),
      column: "date",
    });
}

/**
 * Refuse the file unless every study country votes in every required session
 * (among the first m kept rows); notes the sessions checked.
 */
function checkStudySessions(
  file: string,
  required: readonly number[],
  kept: { iso3: readonly (string | null)[]; session: Int32Array; m: number },
  report: LoadReport,
): void {
  const { iso3, session, m } = kept;
  const have = new Set<string>();
  for (let i = 0; i < m; i++) {
    const c = iso3[i];
    if (c !== null) have.add(`${c}:${session[i]}`);
  }
  const missing: string[] = [];
  for (const s of required)
    for (const c of STUDY_COUNTRIES) if (!have.has(`${c}:${s}`)) missing.push(`${c} session ${s}`);
  if (missing.length) {
    throw new DataError(
      file,
      `no votes for ${missing.length} study country-session(s): ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? ", ..." : ""}`,
    );
  }
  report.notes.push(
    `all ${STUDY_COUNTRIES.length} study countries vote in sessions ${required.join(", ")}`,
  );
}

/**
 * Build the vote table from an already parsed CSV (the loader's core; tests
 * feed it hand-written text through `parseCsvText`).
 */
export function unVotesFromCsv(t: CsvTable, opts: UnVotesOptions = {}): LoadResult {
  const report = newReport([t.file], [t.sha256]);
  const reg = countries(opts);
  const cow = cowCodes(opts);
  for (const c of ["resid", "ccode", "date", "year", "vote"]) t.col(c);
  const keep = opts.sessions ? new Set(opts.sessions) : undefined;
  const n = t.rows.length;
  report.rowsRead = n;
  const resid = new Int32Array(n),
    session = new Int32Array(n),
    ccode = new Int32Array(n);
  const year = new Int32Array(n),
    vote = new Uint8Array(n);
  const iso3 = new Array<string | null>(n);
  const date = new Array<string>(n);
  const seen = new Map<number, number>(); // resid * 10000 + ccode -> row index
  let m = 0;
  for (let i = 0; i < n; i++) {
    const r = int(t, i, "resid");
    const s = Math.floor(r / 1000);
    const c = int(t, i, "ccode");
    const v = int(t, i, "vote");
    const y = int(t, i, "year");
    const d = str(t, i, "date");
    checkVoteRow(t, i, { r, c, v, d }, cow);
    const key = r * 10000 + c;
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw new DataError(
        t.file,
        `duplicate vote for (resid ${r}, ccode ${c}), also on row ${t.line(prev)}`,
        { row: t.line(i) },
      );
    }
    seen.set(key, i);
    if (keep && !keep.has(s)) {
      drop(report, "session not requested");
      continue;
    }
    resid[m] = r;
    session[m] = s;
    ccode[m] = c;
    year[m] = y;
    vote[m] = v;
    date[m] = d;
    iso3[m] = reg.tryCow(c)?.iso3 ?? null;
    m++;
  }
  report.rowsKept = m;

  const required = (opts.requireSessions ?? DEFAULT_REQUIRED_SESSIONS).filter(
    (s) => !keep || keep.has(s),
  );
  if (required.length) checkStudySessions(t.file, required, { iso3, session, m }, report);
  report.notes.push(
    "session = floor(resid / 1000); Voeten's `year` is kept as given and is not the session",
  );

  const table = aq.table({
    resid: resid.slice(0, m),
    session: session.slice(0, m),
    ccode: ccode.slice(0, m),
    iso3: iso3.slice(0, m),
    date: date.slice(0, m),
    year: year.slice(0, m),
    vote: vote.slice(0, m),
  });
  return { table, report };
}

/** Load the 2015–2020 UNGA votes from the data root (SHA-256 checked). See module doc. */
export function loadUnVotes(opts: UnVotesOptions = {}): LoadResult {
  return unVotesFromCsv(
    readCsv(UNVOTES_FILE, { ...opts, required: ["resid", "ccode", "date", "year", "vote"] }),
    opts,
  );
}

/** Parse hand-written CSV text with {@link unVotesFromCsv} (for tests and examples). */
export function unVotesFromText(text: string, file: string, opts: UnVotesOptions = {}): LoadResult {
  return unVotesFromCsv(
    parseCsvText(text, file, { required: ["resid", "ccode", "date", "year", "vote"] }),
    opts,
  );
}

/**
 * The vote columns of a table from {@link loadUnVotes} or
 * {@link loadUnVotesPkg030} as plain arrays (the `LongVotes` of the measures).
 */
export function voteColumns(table: ColumnTable): {
  resid: ArrayLike<number>;
  ccode: ArrayLike<number>;
  vote: ArrayLike<number>;
  session: ArrayLike<number>;
} {
  const id = table.columnNames().includes("resid") ? "resid" : "rcid";
  return {
    resid: table.array(id) as ArrayLike<number>,
    ccode: table.array("ccode") as ArrayLike<number>,
    vote: table.array("vote") as ArrayLike<number>,
    session: table.array("session") as ArrayLike<number>,
  };
}

// ---------------------------------------------------------------------------
// The older release: R package `unvotes` 0.3.0 (Robinson & Goguen-Compagnoni,
// CRAN 2021, built from the 2020 Dataverse version; votes up to 2019).

export const PKG030_VOTES_FILE = "unvotes/unvotes_r_pkg_0.3.0/un_votes_sessions70_74.derived.csv";
export const PKG030_CALLS_FILE = "unvotes/unvotes_r_pkg_0.3.0/un_roll_calls.derived.csv";
const CODELIST = "crosswalk/countrycode_codelist_without_cldr.csv";
const PKG030_VOTE: Partial<Record<string, 1 | 2 | 3>> = { yes: 1, abstain: 2, no: 3 };
/**
 * Serbia is listed as "Yugoslavia" with ISO2 "YU", which countrycode no longer
 * maps to a COW code (and its Serbia row has none). COW, and Voeten's 2024
 * release, code Serbia as 345 (Yugoslavia), so YU -> SRB, COW 345.
 */
const PKG030_SPECIAL: Partial<Record<string, { iso3: string; cow: number }>> = {
  YU: { iso3: "SRB", cow: 345 },
};

export interface UnVotesPkg030Options extends DataRootOptions {
  /** Sessions to keep (default 70–74, all the derived file holds). */
  sessions?: readonly number[];
  /**
   * Drop amendment and paragraph votes (amend = 1 or para = 1), which the
   * 2024 release does not carry; counted in the report. Default false.
   */
  finalOnly?: boolean;
}

const codelistCache = new Map<string, Map<string, { iso3: string; cow: number | null }>>();

/** ISO2 -> (ISO3, COW) from countrycode's code list; "NA" is Namibia, not missing. */
export function iso2Codes(
  opts: DataRootOptions = {},
): Map<string, { iso3: string; cow: number | null }> {
  const key = opts.dataDir ?? "";
  let m = codelistCache.get(key);
  if (!m) {
    const t = readCsv(CODELIST, { dataDir: opts.dataDir, required: ["iso2c", "iso3c", "cown"] });
    const a = t.col("iso2c"),
      b = t.col("iso3c"),
      c = t.col("cown");
    m = new Map();
    for (const r of t.rows)
      if (r[a] !== "") m.set(r[a], { iso3: r[b], cow: r[c] === "" ? null : Number(r[c]) });
    codelistCache.set(key, m);
  }
  return m;
}

/** One roll call of un_roll_calls (package 0.3.0). */
interface RollCall {
  session: number;
  date: string;
  amend: number | null;
  para: number | null;
  important: number | null;
}

/** The roll calls of un_roll_calls by rcid; a date other than YYYY-MM-DD is refused. */
function readRollCalls(calls: CsvTable): Map<number, RollCall> {
  const NA = { na: [""] };
  const callInfo = new Map<number, RollCall>();
  for (let i = 0; i < calls.rows.length; i++) {
    const id = int(calls, i, "rcid");
    const date = str(calls, i, "date");
    if (!DATE.test(date))
      throw new DataError(calls.file, `date "${date}" is not YYYY-MM-DD`, {
        row: calls.line(i),
        column: "date",
      });
    callInfo.set(id, {
      session: int(calls, i, "session"),
      date,
      amend: int(calls, i, "amend", NA),
      para: int(calls, i, "para", NA),
      important: int(calls, i, "importantvote", NA),
    });
  }
  return callInfo;
}

/** Empty output columns of the package 0.3.0 vote table. */
function pkg030Columns() {
  return {
    rcid: [] as number[],
    session: [] as number[],
    ccode: [] as number[],
    iso3: [] as (string | null)[],
    date: [] as string[],
    year: [] as number[],
    vote: [] as number[],
    amend: [] as (number | null)[],
    para: [] as (number | null)[],
    importantvote: [] as (number | null)[],
  };
}

/**
 * The ISO2 code of vote row i and its ISO3 and COW code (a PKG030_SPECIAL
 * code is counted in `recoded`); a code without a COW code is refused.
 */
function pkg030Country(
  votes: CsvTable,
  i: number,
  codes: Map<string, { iso3: string; cow: number | null }>,
  recoded: Map<string, number>,
): { iso2: string; iso3: string; cow: number } {
  const iso2 = str(votes, i, "country_code");
  const special = PKG030_SPECIAL[iso2];
  if (special) {
    const what = `${iso2} (${str(votes, i, "country")}) as ${special.iso3}, COW ${special.cow}`;
    recoded.set(what, (recoded.get(what) ?? 0) + 1);
  }
  const code = special ?? codes.get(iso2);
  if (!code || code.cow === null) {
    throw new DataError(
      votes.file,
      `unknown country: ISO2 "${iso2}" (${str(votes, i, "country")}) has no COW code in the code list`,
      { row: votes.line(i), column: "country_code" },
    );
  }
  return { iso2, iso3: code.iso3, cow: code.cow };
}

/**
 * UNGA votes of sessions 70–74 from the `unvotes` R package 0.3.0, in the
 * same shape as {@link loadUnVotes} except for the roll-call id:
 *   rcid    integer  the package's roll-call id (NOT Voeten's resid)
 *   session integer  from un_roll_calls
 *   ccode   integer  COW code (via countrycode's ISO2 -> cown)
 *   iso3    string   study-country ISO3, else null
 *   date    string   YYYY-MM-DD
 *   year    integer  calendar year of the date
 *   vote    integer  1 yes, 2 abstain, 3 no (the package's yes/abstain/no)
 *   amend, para, importantvote  0/1 or null as coded in un_roll_calls
 * Only the roll calls of sessions 70–74 are in the derived file. Every vote's
 * rcid must appear in un_roll_calls; ISO2 must be a known code with a COW
 * code (Serbia's "YU" is mapped to COW 345, noted in the report); (rcid,
 * country) must be unique.
 */
export function loadUnVotesPkg030(opts: UnVotesPkg030Options = {}): LoadResult {
  const calls = readCsv(PKG030_CALLS_FILE, {
    ...opts,
    required: ["rcid", "session", "date", "amend", "para", "importantvote"],
  });
  const votes = readCsv(PKG030_VOTES_FILE, {
    ...opts,
    required: ["rcid", "country", "country_code", "vote"],
  });
  const report = newReport([votes.file, calls.file], [votes.sha256, calls.sha256]);
  const callInfo = readRollCalls(calls);
  const keep = new Set(opts.sessions ?? [70, 71, 72, 73, 74]);
  const codes = iso2Codes(opts);
  const reg = countries(opts);
  const n = votes.rows.length;
  report.rowsRead = n;
  const out = pkg030Columns();
  const seen = new Map<string, number>();
  const recoded = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = int(votes, i, "rcid");
    const info = callInfo.get(id);
    if (!info)
      throw new DataError(votes.file, `rcid ${id} is not in ${calls.file}`, {
        row: votes.line(i),
        column: "rcid",
      });
    const { iso2, ...code } = pkg030Country(votes, i, codes, recoded);
    const v = PKG030_VOTE[str(votes, i, "vote")];
    if (v === undefined)
      throw new DataError(votes.file, `vote "${str(votes, i, "vote")}" is not yes, abstain or no`, {
        row: votes.line(i),
        column: "vote",
      });
    const key = `${id}:${iso2}`;
    const prev = seen.get(key);
    if (prev !== undefined)
      throw new DataError(
        votes.file,
        `duplicate vote for (rcid ${id}, ${iso2}), also on row ${votes.line(prev)}`,
        { row: votes.line(i) },
      );
    seen.set(key, i);
    if (!keep.has(info.session)) {
      drop(report, "session not requested");
      continue;
    }
    if (opts.finalOnly && (info.amend === 1 || info.para === 1)) {
      drop(report, "amendment or paragraph vote");
      continue;
    }
    out.rcid.push(id);
    out.session.push(info.session);
    out.ccode.push(code.cow);
    out.iso3.push(reg.tryCode("iso3", code.iso3)?.iso3 ?? null);
    out.date.push(info.date);
    out.year.push(Number(info.date.slice(0, 4)));
    out.vote.push(v);
    out.amend.push(info.amend);
    out.para.push(info.para);
    out.importantvote.push(info.important);
  }
  report.rowsKept = out.rcid.length;
  for (const [what, k] of recoded) report.notes.push(`read ISO2 ${what} on ${k} rows`);
  report.notes.push(
    "rcid is the package's roll-call id, not Voeten's resid; session comes from un_roll_calls",
  );
  return { table: aq.table(out), report };
}
