/**
 * UNGA ideal points of Bailey, Strezhnev & Voeten, three releases.
 *
 * Bailey, M. A., Strezhnev, A. & Voeten, E. (2017), "Estimating dynamic state
 * preferences from United Nations voting data", Journal of Conflict
 * Resolution 61(2): 430–456. Data: Harvard Dataverse doi:10.7910/DVN/LEJUQZ;
 * ideal_points/SOURCE.md in the data root names the copies used.
 *
 * Releases (option `release`):
 *   "Jun2024"  (default) session-based, sessions 1–78; also carries USAgree and
 *              ChinaAgree (identical-vote shares with the USA / China).
 *   "Apr2020"  session-based, sessions 1–74 (no 2020); Latin-1 text.
 *   "July2025" YEAR-based (votes of calendar year t), years 1946–2024, with
 *              three series (option `variant`): "all" (all votes, default),
 *              "fp" (final-passage votes only) and "legacy" (the old
 *              session-based series, equal to Jun2024's IdealPointAll).
 *
 * Columns and units of the returned table:
 *   ccode      integer  Correlates of War code
 *   iso3       string   ISO3 of a study country (26 allies, USA, CHN); null otherwise
 *   session    integer  UNGA session; null for the year-based July2025 "all"/"fp"
 *   year       integer  see the mapping below
 *   ideal      number   ideal point (posterior mean, latent scale; higher = closer to the US)
 *   nvotes     integer  roll calls the estimate rests on
 *   usAgree    number   Jun2024 only: share of shared roll calls with the US vote
 *   chinaAgree number   Jun2024 only: same with China (null where China did not sit)
 *
 * Session/year mapping (a documented choice, see paper-spec "things left
 * open"): for session-based series year = session + 1945, i.e. the calendar
 * year in which the session opens in September (session 71 = 2016, 75 = 2020).
 * Most of a session's roll calls fall in its opening year; a few spill into the
 * next year (Jan 2020 for session 74, early 2021 for session 75) and stay with
 * their session. For July2025 "legacy" the file's `year` is session + 1945 by
 * construction, so session = year − 1945 is filled in. For July2025 "all" and
 * "fp" the year is the calendar year of the votes and session is null.
 *
 * Rows whose ideal point is NA are dropped and counted. A study country's ISO3
 * in the file must match the registry; a ccode that is not a COW code is an
 * unknown country (error); (ccode, session/year) must be unique.
 */
import * as aq from "arquero";
import type { DataRootOptions } from "../io/dataRoot";
import { readCsv, num, int, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, drop } from "../io/loadReport";
import { countries, type Country, type CountryRegistry } from "../countries";
import { cowCodes, type LoadResult } from "./unvotes";
import { UN_SESSION_OFFSET } from "../study";

export type IdealRelease = "Jun2024" | "Apr2020" | "July2025";
export type IdealVariant = "all" | "fp" | "legacy";

export const IDEAL_FILES: Record<IdealRelease, string> = {
  Jun2024: "ideal_points/IdealpointestimatesAll_Jun2024.csv",
  Apr2020: "ideal_points/IdealpointestimatesAll_Apr2020.csv",
  July2025: "ideal_points/IdealpointsJuly2025.derived.csv",
};

export interface IdealPointOptions extends DataRootOptions {
  /** Which release (default "Jun2024"). */
  release?: IdealRelease;
  /** July2025 series (default "all"); session-based releases accept only "all". */
  variant?: IdealVariant;
}

interface Layout {
  encoding: BufferEncoding;
  time: "session" | "year";
  ideal: string;
  nvotes: string;
  iso3: string;
  agree: boolean;
}

function layoutOf(release: IdealRelease, variant: IdealVariant): Layout {
  if (release === "Jun2024")
    return {
      encoding: "utf8",
      time: "session",
      ideal: "IdealPointAll",
      nvotes: "NVotesAll",
      iso3: "iso3c",
      agree: true,
    };
  if (release === "Apr2020")
    return {
      encoding: "latin1",
      time: "session",
      ideal: "IdealPoint",
      nvotes: "NVotes",
      iso3: "iso3c",
      agree: false,
    };
  const col = {
    all: ["idealpointall", "nvotesall"],
    fp: ["idealpointfp", "nvotesfp"],
    legacy: ["idealpointlegacy", "nvotesLegacy"],
  }[variant];
  return {
    encoding: "utf8",
    time: "year",
    ideal: col[0],
    nvotes: col[1],
    iso3: "iso3c",
    agree: false,
  };
}

const NA = ["NA", ""];

/** Empty output columns of the ideal-point table. */
function idealColumns() {
  return {
    ccode: [] as number[],
    iso3: [] as (string | null)[],
    session: [] as (number | null)[],
    year: [] as number[],
    ideal: [] as number[],
    nvotes: [] as number[],
    usAgree: [] as (number | null)[],
    chinaAgree: [] as (number | null)[],
  };
}

/**
 * The study country of row i's ccode c, if any, after checking that the
 * file's iso3 code (when given) agrees with the registry.
 */
function studyCountryOfRow(
  t: CsvTable,
  i: number,
  c: number,
  reg: CountryRegistry,
  iso3Col: string,
): Country | undefined {
  const study = reg.tryCow(c);
  if (study) {
    const fileIso = str(t, i, iso3Col);
    // July2025 has 17 legacy-only rows with an empty iso3c; empty is "not given", not a mismatch.
    if (fileIso !== "" && fileIso !== study.iso3) {
      throw new DataError(
        t.file,
        `ccode ${c} is ${study.iso3} in the registry but "${fileIso}" in the file`,
        { row: t.line(i), column: iso3Col },
      );
    }
  }
  return study;
}

/** The report's note on how session and year relate in this release and series. */
function releaseNote(release: IdealRelease, variant: IdealVariant, L: Layout): string {
  return L.time === "session"
    ? `${release}: session-based; year = session + ${UN_SESSION_OFFSET} (the year the session opens)`
    : `July2025 "${variant}": ` +
        (variant === "legacy"
          ? `session-based series; session = year - ${UN_SESSION_OFFSET}`
          : "year-based (calendar year of the votes); session is null");
}

/** Build the ideal-point table from a parsed CSV of the given release (the loader's core). */
export function idealPointsFromCsv(t: CsvTable, opts: IdealPointOptions = {}): LoadResult {
  const release = opts.release ?? "Jun2024";
  const variant = opts.variant ?? "all";
  if (release !== "July2025" && variant !== "all") {
    throw new Error(
      `variant "${variant}" exists only in the July2025 release; ${release} has one series`,
    );
  }
  const L = layoutOf(release, variant);
  const reg = countries(opts);
  const cow = cowCodes(opts);
  const report = newReport([t.file], [t.sha256]);
  const n = t.rows.length;
  report.rowsRead = n;
  const timeCol = L.time === "session" ? "session" : "year";
  const cols = idealColumns();
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const c = int(t, i, "ccode");
    if (!cow.has(c))
      throw new DataError(
        t.file,
        `unknown country: ccode ${c} is not a Correlates of War state code`,
        { row: t.line(i), column: "ccode" },
      );
    const time = int(t, i, timeCol);
    const key = `${c}:${time}`;
    const prev = seen.get(key);
    if (prev !== undefined)
      throw new DataError(
        t.file,
        `duplicate (ccode ${c}, ${timeCol} ${time}), also on row ${t.line(prev)}`,
        { row: t.line(i) },
      );
    seen.set(key, i);
    const study = studyCountryOfRow(t, i, c, reg, L.iso3);
    const ideal = num(t, i, L.ideal, { na: NA });
    if (ideal === null) {
      drop(report, "ideal point missing (NA)");
      continue;
    }
    const nv = int(t, i, L.nvotes, { na: NA });
    if (nv === null)
      throw new DataError(t.file, "ideal point given but vote count missing", {
        row: t.line(i),
        column: L.nvotes,
      });
    cols.ccode.push(c);
    cols.iso3.push(study ? study.iso3 : null);
    if (L.time === "session") {
      cols.session.push(time);
      cols.year.push(time + UN_SESSION_OFFSET);
    } else {
      cols.session.push(variant === "legacy" ? time - UN_SESSION_OFFSET : null);
      cols.year.push(time);
    }
    cols.ideal.push(ideal);
    cols.nvotes.push(nv);
    if (L.agree) {
      cols.usAgree.push(num(t, i, "USAgree", { na: NA }));
      cols.chinaAgree.push(num(t, i, "ChinaAgree", { na: NA }));
    }
  }
  report.rowsKept = cols.ccode.length;
  report.notes.push(releaseNote(release, variant, L));
  const { usAgree, chinaAgree, ...base } = cols;
  const table = aq.table(L.agree ? { ...base, usAgree, chinaAgree } : base);
  return { table, report };
}

/** Load one ideal-point release from the data root (SHA-256 checked). See module doc. */
export function loadIdealPoints(opts: IdealPointOptions = {}): LoadResult {
  const release = opts.release ?? "Jun2024";
  const L = layoutOf(release, opts.variant ?? "all");
  const required = [
    "ccode",
    L.time === "session" ? "session" : "year",
    L.ideal,
    L.nvotes,
    L.iso3,
    ...(L.agree ? ["USAgree", "ChinaAgree"] : []),
  ];
  const t = readCsv(IDEAL_FILES[release], { ...opts, encoding: L.encoding, required });
  return idealPointsFromCsv(t, opts);
}
