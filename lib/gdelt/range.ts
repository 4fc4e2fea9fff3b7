/**
 * The dates and years the GDELT routes accept, and what `--from/--to` select.
 *
 * Data range. GDELT 1.0 publishes one events file per day, named for the day
 * GDELT added its events (DATEADDED), from 2013-04-01 on
 * (http://data.gdeltproject.org/events/index.html); the events before that
 * (1979 to March 2013) exist only as monthly and yearly back-files in another
 * layout, which this project does not read. The study uses 2016-2020. So a
 * day must lie in 2013-04-01 .. today (UTC), and an aggregate's year in
 * 2013 .. this year; anything else is refused with a message, never read.
 *
 * Event set. `--from A --to B` mean, in `fetch` + `aggregate` and in the
 * BigQuery SQL alike:
 *
 *   DATEADDED (the day of the daily file) in A..B, and
 *   Year (the year of SQLDATE, the event's own date) in year(A)..year(B);
 *
 * each event counts once (duplicate GLOBALEVENTIDs: the copy added first),
 * and it is counted in its Year. DATEADDED, not SQLDATE, picks the files,
 * because a daily file holds events dated up to a year before it (the real
 * 2019-10-24 slice has SQLDATEs from 2018-10-24 on): selecting by SQLDATE
 * would need every later file as well. The Year condition keeps an
 * aggregate's rows inside the years asked for (events of December 2015 that
 * GDELT added on 2016-01-02 are not a "2015" row of a 2016-2020 run).
 * Consequence: events of year B that GDELT added after B are not counted.
 */

/** The first GDELT 1.0 daily events file (YYYY-MM-DD). */
export const GDELT_V1_FIRST_DAY = "2013-04-01";
/** The first year of GDELT 1.0 daily data. */
export const GDELT_V1_FIRST_YEAR = 2013;

const WHY = `GDELT 1.0 daily files start on ${GDELT_V1_FIRST_DAY} (the study uses 2016-2020; the 1979-2013 back-files are another format, not read here)`;

/** Today's date (UTC) as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function parseDay(s: string, what: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) throw new Error(`${what}: not a YYYY-MM-DD date: "${s}"`);
  const d = new Date(`${s}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s)
    throw new Error(`${what}: not a calendar date: "${s}"`);
  return d;
}

/**
 * The days from `from` to `to` inclusive, as YYYYMMDD strings (UTC calendar).
 * Refuses a malformed date, from > to, a day before {@link GDELT_V1_FIRST_DAY}
 * and a day after today (UTC).
 */
export function dayRange(from: string, to: string, now: Date = new Date()): string[] {
  const a = parseDay(from, "--from"),
    b = parseDay(to, "--to");
  if (a > b) throw new Error(`--from ${from} is after --to ${to}`);
  if (from < GDELT_V1_FIRST_DAY)
    throw new Error(`--from ${from} is before ${GDELT_V1_FIRST_DAY}: ${WHY}`);
  const today = todayUtc(now);
  if (to > today)
    throw new Error(
      `--to ${to} is after today (${today}, UTC): GDELT has no daily file for it yet`,
    );
  const out: string[] = [];
  for (let d = a; d <= b; d = new Date(d.getTime() + 86_400_000))
    out.push(d.toISOString().slice(0, 10).replace(/-/g, ""));
  return out;
}

/** YYYYMMDD -> YYYY-MM-DD. */
export const isoDay = (day: string) => `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;

/** The event years a range selects: year(from) .. year(to). */
export function yearsOf(from: string, to: string): { first: number; last: number } {
  return { first: Number(from.slice(0, 4)), last: Number(to.slice(0, 4)) };
}

/** The years an aggregate may hold: 2013 .. the current year (UTC). */
export function allowedYears(now: Date = new Date()): { first: number; last: number } {
  return { first: GDELT_V1_FIRST_YEAR, last: now.getUTCFullYear() };
}

/** Why a year is refused, or undefined when it is in {@link allowedYears}. */
export function yearProblem(year: number, now: Date = new Date()): string | undefined {
  const { first, last } = allowedYears(now);
  if (year >= first && year <= last) return undefined;
  return `year ${year} is outside ${first}..${last}: ${WHY}`;
}
