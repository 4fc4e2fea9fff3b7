import { test } from "node:test";
import * as aq from "arquero";
import assert from "node:assert/strict";
import { loadUnVotes, unVotesFromText, cowCodes } from "../../lib/sources/unvotes";
import { DataError } from "../../lib/io/dataError";
import { rowsOf, type UnVoteRow, type VoteDyadRow } from "../helpers/rows";

const { table, report } = loadUnVotes();

test("real file: 94,070 votes, counts by code and roll calls by session", () => {
  assert.equal(table.numRows(), 94070);
  assert.equal(report.rowsRead, 94070);
  assert.deepEqual(report.dropped, {});
  const byVote = table.groupby("vote").count().orderby("vote").objects();
  assert.deepEqual(byVote, [
    { vote: 1, count: 76338 },
    { vote: 2, count: 11063 },
    { vote: 3, count: 6669 },
  ]);
  const perSession = table
    .groupby("session")
    .rollup({ k: aq.op.distinct("resid") })
    .orderby("session");
  // SOURCE.md: s69 5, s70 73, s71 75 + 4, s72 90, s73 95, s74 91, s75 96 roll calls.
  assert.deepEqual(
    rowsOf<{ session: number; k: number }>(perSession).map((o) => [o.session, o.k]),
    [
      [69, 5],
      [70, 73],
      [71, 79],
      [72, 90],
      [73, 95],
      [74, 91],
      [75, 96],
    ],
  );
});

test("session comes from resid, not from Voeten's year", () => {
  // Session 74 votes of January 2020 are coded year 2019.
  const jan2020 = table.filter((d: UnVoteRow) => d.session === 74 && d.date >= "2020-01-01");
  assert.ok(jan2020.numRows() > 0);
  assert.deepEqual([...new Set(Array.from(jan2020.array("year") as ArrayLike<number>))], [2019]);
  const s75 = table.filter((d: UnVoteRow) => d.session === 75);
  assert.deepEqual([...new Set(Array.from(s75.array("year") as ArrayLike<number>))], [2020]);
  assert.equal(
    (s75.array("date") as string[]).reduce((a, b) => (a > b ? a : b)),
    "2021-03-03",
  );
});

test("study countries carry ISO3, others null; 193 members in session 75", () => {
  const s75 = table.filter((d: UnVoteRow) => d.session === 75);
  assert.equal(new Set(Array.from(s75.array("ccode") as ArrayLike<number>)).size, 193);
  const iso = new Set((s75.array("iso3") as (string | null)[]).filter((x) => x !== null));
  assert.equal(iso.size, 28);
  const usa = table.filter((d: UnVoteRow) => d.ccode === 2).array("iso3") as string[];
  assert.ok(usa.every((x) => x === "USA"));
  assert.equal(table.filter((d: UnVoteRow) => d.ccode === 710).array("iso3")[0], "CHN");
});

const H = "resid,ccode,date,year,vote\n";
const ok = (rows: string, requireSessions: number[] = []) =>
  unVotesFromText(H + rows, "hand.csv", { requireSessions });

test("bad input: clear DataErrors naming file, row and column", () => {
  assert.equal(ok("75001,2,2020-11-05,2020,1\n").table.numRows(), 1);
  assert.throws(
    () => ok("75001,2,2020-11-05,2020,1\n75001,710,2020-11-05,2020,8\n"),
    (e: unknown) =>
      e instanceof DataError &&
      /hand\.csv \(row 3, column "vote"\): vote code 8 is not 1 \(yes\), 2 \(abstain\) or 3 \(no\)/.test(
        e.message,
      ),
  );
  assert.throws(
    () => ok("75001,9999,2020-11-05,2020,1\n"),
    /hand\.csv \(row 2, column "ccode"\): unknown country: ccode 9999/,
  );
  assert.throws(
    () => ok("75x01,2,2020-11-05,2020,1\n"),
    /hand\.csv \(row 2, column "resid"\): not a number: "75x01"/,
  );
  assert.throws(
    () => ok("75001,2,2020-11-05,2020,1\n75002,2,2020-11-05,2020,1\n75001,2,2020-11-06,2020,3\n"),
    /hand\.csv \(row 4\): duplicate vote for \(resid 75001, ccode 2\), also on row 2/,
  );
  assert.throws(
    () => ok("75001,2,05/11/2020,2020,1\n"),
    /column "date"\): date "05\/11\/2020" is not YYYY-MM-DD/,
  );
  assert.throws(
    () => unVotesFromText("resid,ccode,date,vote\n1,2,2020-01-01,1\n", "h2.csv"),
    /h2\.csv \(row 1, column "year"\): missing required column/,
  );
});

test("sessions option keeps only those sessions and counts the rest", () => {
  const r = unVotesFromText(
    H + "74001,2,2019-11-07,2019,1\n75001,2,2020-11-05,2020,1\n75001,20,2020-11-05,2020,3\n",
    "s.csv",
    { sessions: [75], requireSessions: [] },
  );
  assert.deepEqual(
    [r.report.rowsRead, r.report.rowsKept, r.report.dropped],
    [3, 2, { "session not requested": 1 }],
  );
  assert.deepEqual(
    rowsOf<UnVoteRow>(r.table).map((o) => [o.session, o.iso3, o.vote]),
    [
      [75, "USA", 1],
      [75, "CAN", 3],
    ],
  );
});

test("coverage: a study country missing from a required session is named", () => {
  assert.throws(
    () => ok("75001,2,2020-11-05,2020,1\n", [75]),
    /no votes for 27 study country-session\(s\): GBR session 75, CAN session 75/,
  );
  assert.ok(cowCodes().has(2) && cowCodes().has(710) && !cowCodes().has(9999));
});

// The older release (R package unvotes 0.3.0), final-passage votes only.
import { loadUnVotesPkg030 } from "../../lib/sources/unvotes";
import { voteDyads } from "../../lib/measures/voteDyads";

test("unvotes 0.3.0 (final votes): same S as the 2024 release in sessions 70, 71, 73; one roll call apart in 72 and 74", () => {
  const pkg = loadUnVotesPkg030({ finalOnly: true });
  // 88,639 rows in the derived file; 12,352 are amendment or paragraph votes.
  assert.equal(pkg.report.rowsRead, 88639);
  assert.deepEqual(pkg.report.dropped, { "amendment or paragraph vote": 12352 });
  assert.ok(pkg.report.notes.some((n) => /YU \(Yugoslavia\) as SRB, COW 345 on 478 rows/.test(n)));
  const calls = rowsOf<{ k: number }>(
    pkg.table
      .groupby("session")
      .rollup({ k: aq.op.distinct("rcid") })
      .orderby("session"),
  );
  // SOURCE.md: without paragraph/amendment votes 79 (s71) and 91 (s72); the 2024 release has 79 / 90.
  assert.deepEqual(
    calls.map((o) => o.k),
    [73, 79, 91, 95, 90],
  );
  assert.deepEqual(pkg.table.columnNames(), [
    "rcid",
    "session",
    "ccode",
    "iso3",
    "date",
    "year",
    "vote",
    "amend",
    "para",
    "importantvote",
  ]);
  const sessions = [70, 71, 72, 73, 74];
  const a = rowsOf<VoteDyadRow>(voteDyads(table, { partner: "USA", sessions }));
  const b = rowsOf<VoteDyadRow>(voteDyads(pkg.table, { partner: "USA", sessions }));
  const maxDiff = sessions.map((s) =>
    Math.max(...a.map((o, i) => (o.session === s ? Math.abs(o.s! - b[i].s!) : 0))),
  );
  assert.deepEqual(
    maxDiff.map((x) => +x.toFixed(4)),
    [0, 0, 0.0172, 0, 0.0122],
  );
});
