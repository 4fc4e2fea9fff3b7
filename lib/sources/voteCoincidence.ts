/**
 * US State Department "Voting Practices in the United Nations": each member's
 * UNGA voting coincidence with the United States, report years 2018–2020
 * (as transcribed to CSV by M. Schaver; see us_vote_coincidence/SOURCE.md).
 * Used only as an outside check on the agreement measures.
 *
 * Columns and units (one row per member state and year; the USA is not listed):
 *   iso3        string   ISO3 (the file's ISO column, checked against the country name)
 *   year        integer  report (calendar) year
 *   same        integer  roll calls with the same vote as the US
 *   opposite    integer  yes vs no
 *   partial     integer  one side abstained, the other voted yes or no
 *   absent      integer  roll calls the state did not vote on
 *   coincidence number   the Department's overall coincidence, 0–1, rounded to 2 decimals
 *
 * The published coincidence matches (same + partial / 2) / (same + opposite + partial)
 * to rounding in every row of 2018 and 2020 and all but 17 rows of 2019
 * (none of them a study country); the loader counts such rows in a note.
 * Column ORDER differs between years (2020 puts PARTIAL before OPPOSITE), so
 * columns are matched by header name. Each ISO is cross-checked against the
 * row's country name with countrycode's name patterns; the three transcription
 * typos this finds are resolved as described at {@link resolveIso} and listed
 * in the report's notes (Greece's "GRO" in 2018 becomes GRC). A row whose code
 * and name are both unknown, or that disagree, is an error.
 */
import * as aq from "arquero";
import type { DataRootOptions } from "../io/dataRoot";
import { readCsv, parseCsvText, int, numReq, str, type CsvTable } from "../io/csv";
import { DataError } from "../io/dataError";
import { newReport, assertUniqueKeys, type LoadReport } from "../io/loadReport";
import { countries } from "../countries";
import type { LoadResult } from "./unvotes";

export const COINCIDENCE_YEARS: readonly number[] = [2018, 2019, 2020];
export const coincidenceFile = (year: number): string =>
  `us_vote_coincidence/un-coincidence-${year}.csv`;
const REQUIRED = ["COUNTRY", "ISO", "SAME", "OPPOSITE", "PARTIAL", "ABSENT", "COINCIDENCE"];

export interface VoteCoincidenceOptions extends DataRootOptions {
  /** Report years to read (default 2018, 2019, 2020). */
  years?: readonly number[];
}

const CODELIST = "crosswalk/countrycode_codelist_without_cldr.csv";
const isoCache = new Map<string, Set<string>>();

/** Every ISO3 code of countrycode's code list (empty cells skipped). */
function iso3Codes(dataDir?: string): Set<string> {
  const key = dataDir ?? "";
  let s = isoCache.get(key);
  if (!s) {
    const t = readCsv(CODELIST, { dataDir, required: ["iso3c"] });
    const j = t.col("iso3c");
    s = new Set(t.rows.map((r) => r[j]).filter((x) => x !== ""));
    isoCache.set(key, s);
  }
  return s;
}

/**
 * The row's ISO3, cross-checked against its country name. The transcription
 * has typos on both sides (2018: Greece coded "GRO", Iraq spelled "Irag";
 * 2020: "Micronesia" without "Federated States", which countrycode does not
 * match), so the rule is: a valid ISO3 whose name does not resolve is kept; an
 * invalid ISO3 whose name resolves is replaced by the name's code; each such
 * case is written to the report's notes. Both invalid, or both valid but
 * different, is an error.
 */
function resolveIso(
  t: CsvTable,
  i: number,
  iso: string,
  name: string,
  known: Set<string>,
  ofName: (n: string) => string,
  report: LoadReport,
): string {
  let byName: string | undefined;
  let why = "";
  try {
    byName = ofName(name);
  } catch (e) {
    why = (e as Error).message;
  }
  const validIso = known.has(iso);
  if (validIso && byName === iso) return iso;
  if (validIso && byName === undefined) {
    report.notes.push(
      `${t.file} row ${t.line(i)}: name "${name}" not recognised (${why}); kept ISO ${iso}`,
    );
    return iso;
  }
  if (!validIso && byName !== undefined) {
    report.notes.push(
      `${t.file} row ${t.line(i)}: ISO "${iso}" is not an ISO3 code; used ${byName} from the name "${name}"`,
    );
    return byName;
  }
  if (!validIso)
    throw new DataError(
      t.file,
      `unknown country: ISO "${iso}" is not an ISO3 code and the name "${name}" is not recognised`,
      { row: t.line(i), column: "ISO" },
    );
  throw new DataError(
    t.file,
    `ISO "${iso}" does not match country "${name}" (${byName ?? "no match by name"})`,
    { row: t.line(i), column: "ISO" },
  );
}

interface Rows {
  iso3: string[];
  year: number[];
  same: number[];
  opposite: number[];
  partial: number[];
  absent: number[];
  coincidence: number[];
}

/** Append one year's parsed file to `out`; returns how many rows miss the recomputed coincidence. */
function addYear(
  t: CsvTable,
  year: number,
  out: Rows,
  report: LoadReport,
  dataDir?: string,
): number {
  const reg = countries({ dataDir });
  const known = iso3Codes(dataDir);
  let off = 0;
  for (let i = 0; i < t.rows.length; i++) {
    const iso = str(t, i, "ISO");
    const name = str(t, i, "COUNTRY");
    const iso3 = resolveIso(t, i, iso, name, known, reg.iso3OfName.bind(reg), report);
    const same = int(t, i, "SAME"),
      opposite = int(t, i, "OPPOSITE"),
      partial = int(t, i, "PARTIAL"),
      absent = int(t, i, "ABSENT");
    for (const [c, v] of [
      ["SAME", same],
      ["OPPOSITE", opposite],
      ["PARTIAL", partial],
      ["ABSENT", absent],
    ] as const) {
      if (v < 0) throw new DataError(t.file, `negative count ${v}`, { row: t.line(i), column: c });
    }
    const coin = numReq(t, i, "COINCIDENCE");
    if (coin < 0 || coin > 1)
      throw new DataError(t.file, `coincidence ${coin} outside 0-1`, {
        row: t.line(i),
        column: "COINCIDENCE",
      });
    const voted = same + opposite + partial;
    if (voted === 0 || Math.abs((same + partial / 2) / voted - coin) > 0.005 + 1e-9) off++;
    out.iso3.push(iso3);
    out.year.push(year);
    out.same.push(same);
    out.opposite.push(opposite);
    out.partial.push(partial);
    out.absent.push(absent);
    out.coincidence.push(coin);
  }
  report.rowsRead += t.rows.length;
  const first = out.iso3.length - t.rows.length;
  assertUniqueKeys(
    t.file,
    t.rows.length,
    (i) => out.iso3[first + i],
    (i) => t.line(i),
  );
  return off;
}

function finish(out: Rows, report: LoadReport, offs: [number, number][]): LoadResult {
  report.rowsKept = out.iso3.length;
  for (const [y, k] of offs) {
    if (k)
      report.notes.push(
        `${y}: ${k} row(s) whose COINCIDENCE differs from (same + partial/2) / (same + opposite + partial) by more than rounding`,
      );
  }
  report.notes.push("columns matched by header name (2020 orders PARTIAL before OPPOSITE)");
  return { table: aq.table({ ...out }), report };
}

const emptyRows = (): Rows => ({
  iso3: [],
  year: [],
  same: [],
  opposite: [],
  partial: [],
  absent: [],
  coincidence: [],
});

/** Load the State Department coincidence tables from the data root (SHA-256 checked). */
export function loadVoteCoincidence(opts: VoteCoincidenceOptions = {}): LoadResult {
  const years = opts.years ?? COINCIDENCE_YEARS;
  const report = newReport();
  const out = emptyRows();
  const offs: [number, number][] = [];
  for (const y of years) {
    const t = readCsv(coincidenceFile(y), { ...opts, required: REQUIRED });
    report.files.push(t.file);
    report.sha256.push(t.sha256);
    offs.push([y, addYear(t, y, out, report, opts.dataDir)]);
  }
  return finish(out, report, offs);
}

/** Parse one hand-written year (for tests and examples). */
export function voteCoincidenceFromText(text: string, file: string, year: number): LoadResult {
  const t = parseCsvText(text, file, { required: REQUIRED });
  const report = newReport([file], [""]);
  const out = emptyRows();
  return finish(out, report, [[year, addYear(t, year, out, report)]]);
}
