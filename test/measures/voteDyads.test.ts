import { test } from "node:test";
import assert from "node:assert/strict";
import { loadUnVotes } from "../../lib/sources/unvotes";
import { loadIdealPoints } from "../../lib/sources/idealPoints";
import { loadVoteCoincidence } from "../../lib/sources/voteCoincidence";
import {
  voteDyads,
  sessionRecords,
  dyadMeasures,
  agreementVsFile,
  asLongVotes,
} from "../../lib/measures/voteDyads";
import { agreementShare } from "../../lib/measures/agreement";
import { ALLIES, countries } from "../../lib/countries";
import {
  rowsOf,
  type CoincidenceRow,
  type IdealPointRow,
  type UnVoteRow,
  type VoteDyadRow,
} from "../helpers/rows";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- jstat has no types; typed here
const { jStat } = require("jstat") as {
  jStat: { corrcoeff(a: number[], b: number[]): number; mean(a: number[]): number };
};

const votes = loadUnVotes().table;
const ideal = rowsOf<IdealPointRow>(loadIdealPoints().table);
const file = (iso3: string, session: number) =>
  ideal.find((o) => o.iso3 === iso3 && o.session === session)!;
const usDyads = rowsOf<VoteDyadRow>(
  voteDyads(votes, { partner: "USA", sessions: [70, 71, 72, 73, 74, 75] }),
);
const dyad = (iso3: string, session: number, rows = usDyads) =>
  rows.find((o) => o.iso3 === iso3 && o.session === session)!;

test("hand-made records: one row per ally and session with every measure", () => {
  // Session 75, two roll calls. USA: yes, no. GBR: yes, abstain. Others absent -> n = 0, nulls.
  const long = { ccode: [2, 2, 200, 200], resid: [75001, 75002, 75001, 75002], vote: [1, 3, 1, 2] };
  const t = rowsOf<VoteDyadRow>(voteDyads(long, { partner: "USA", sessions: [75] }));
  assert.equal(t.length, 26);
  // |d| = [0, 1] -> S = 1 - 2·1/4 = 0.5; agree = 1/2; table [[1,0,0],[0,0,1],[0,0,0]] (GBR rows, USA cols):
  // kappa: GBR margins (.5,.5,0), USA (.5,0,.5): p_o = 0.5, p_e = 0.25 -> 1/3; pi: margins (1+1)/4, 1/4, 1/4 -> p_e = 0.375 -> 0.2
  const gbr = t.find((o) => o.iso3 === "GBR")!;
  assert.deepEqual(
    { ...gbr, kappa: +gbr.kappa!.toFixed(12), pi: +gbr.pi!.toFixed(12) },
    {
      iso3: "GBR",
      session: 75,
      year: 2020,
      n: 2,
      agree: 0.5,
      s: 0.5,
      kappa: 0.333333333333,
      pi: 0.2,
    },
  );
  assert.deepEqual(
    t.find((o) => o.iso3 === "JPN"),
    { iso3: "JPN", session: 75, year: 2020, n: 0, agree: null, s: null, kappa: null, pi: null },
  );
});

test("US-China identical-vote share in session 75 = 10/94 = ChinaAgree of the USA (Jun2024)", () => {
  const { records } = sessionRecords(votes, 75, [2, 710]);
  const m = dyadMeasures(records.get(2)!, records.get(710)!);
  assert.equal(m.n, 94);
  assert.equal(m.agree, 10 / 94);
  assert.equal(+m.agree.toFixed(6), 0.106383);
  assert.ok(Math.abs(m.agree - file("USA", 75).chinaAgree!) < 1e-6);
  assert.ok(
    Math.abs(
      voteDyads(votes, { partner: "CHN", sessions: [75], countries: ["USA"] }).get("agree", 0) -
        10 / 94,
    ) < 1e-15,
  );
});

test("every ally's agreement with the US equals the file's USAgree, sessions 70 and 72-75, to 1e-6", () => {
  for (const s of [70, 72, 73, 74, 75]) {
    for (const c of ALLIES)
      assert.ok(
        Math.abs(dyad(c, s).agree! - file(c, s).usAgree!) < 1e-6,
        `${c} ${s}: ${String(dyad(c, s).agree)} vs ${String(file(c, s).usAgree)}`,
      );
  }
});

test("session 71: USAgree leaves out roll call 71035 (2016-12-22, adopted 145-0-0)", () => {
  const r = rowsOf<UnVoteRow>(votes.filter((d: { resid: number }) => d.resid === 71035));
  assert.equal(r.length, 145);
  assert.ok(r.every((o) => o.vote === 1 && o.date === "2016-12-22"));
  const without = rowsOf<VoteDyadRow>(
    voteDyads(votes, { partner: "USA", sessions: [71], exclude: [71035] }),
  );
  const votedOnIt = new Set(r.map((o) => o.iso3));
  for (const c of ALLIES) {
    const withIt = dyad(c, 71).agree!,
      usAgree = file(c, 71).usAgree!;
    // Without 71035 every ally matches the file.
    assert.ok(Math.abs(dyad(c, 71, without).agree! - usAgree) < 1e-6, `${c} without 71035`);
    if (votedOnIt.has(c))
      assert.ok(Math.abs(withIt - usAgree) > 1e-3, `${c} with 71035 should differ`);
    else assert.ok(Math.abs(withIt - usAgree) < 1e-6, `${c} did not vote on 71035`);
  }
  // 24 allies voted on it (and so differ); New Zealand and Norway did not.
  assert.deepEqual(
    ALLIES.filter((c) => !votedOnIt.has(c)),
    ["NZL", "NOR"],
  );
  // e.g. Germany: 42/79 = 0.531646 with it, 41/78 = 0.525641 without = USAgree.
  assert.deepEqual([dyad("DEU", 71).n, dyad("DEU", 71, without).n], [79, 78]);
  assert.equal(file("DEU", 71).usAgree, 0.525641);
});

test("known gap in the file: US-China, session 72 -- raw votes give 13/90, ChinaAgree says 12/90", () => {
  const { records } = sessionRecords(votes, 72, [2, 710]);
  assert.equal(agreementShare(records.get(2)!, records.get(710)!), 13 / 90);
  assert.ok(Math.abs(file("USA", 72).chinaAgree! - 12 / 90) < 1e-6);
});

test("coverage: every ally has S and agreement (US and China partners) for sessions 71-75", () => {
  const chn = rowsOf<VoteDyadRow>(voteDyads(votes, { partner: "CHN" }));
  const gaps: string[] = [];
  for (const rows of [usDyads, chn]) {
    for (const c of ALLIES)
      for (const s of [71, 72, 73, 74, 75]) {
        const o = rows.find((r) => r.iso3 === c && r.session === s);
        if (!o || o.s === null || o.agree === null || o.kappa === null || o.n < 70)
          gaps.push(`${c} ${s}`);
      }
  }
  assert.deepEqual(gaps, []);
  // S is the paper's UNvotes_s: mean over 2016-2019 (sessions 71-74), 104 ally-years.
  const s = usDyads.filter((o) => o.session >= 71 && o.session <= 74).map((o) => o.s!);
  assert.equal(s.length, 104);
  assert.ok(Math.abs(jStat.mean(s) - 0.095998) < 1e-6); // paper Table 1 (N = 102): mean 0.096
});

test("outside check: agreement with the US vs State Department coincidence across the 26 allies", () => {
  const coin = rowsOf<CoincidenceRow>(loadVoteCoincidence().table);
  const r: number[] = [];
  for (const [year, session] of [
    [2018, 73],
    [2019, 74],
    [2020, 75],
  ]) {
    const xs = ALLIES.map((c) => dyad(c, session).agree!);
    const ys = ALLIES.map((c) => coin.find((o) => o.iso3 === c && o.year === year)!.coincidence);
    r.push(jStat.corrcoeff(xs, ys));
  }
  // Computed: r = 0.9846 (2018), 0.9786 (2019), 0.9809 (2020).
  assert.deepEqual(
    r.map((x) => +x.toFixed(4)),
    [0.9846, 0.9786, 0.9809],
  );
  for (const x of r) assert.ok(x > 0.95);
});

test("agreementVsFile: every mismatch with USAgree is in session 71, and leaving out 71035 removes it", () => {
  const ip = loadIdealPoints().table;
  const all = agreementVsFile(voteDyads(votes, { partner: "USA" }), ip, "usAgree");
  assert.equal(all.rows.length, 130);
  assert.deepEqual(
    all.bySession.filter((s) => s.match < s.dyads).map((s) => s.session),
    [71],
  );
  const s71 = all.bySession.find((s) => s.session === 71)!;
  assert.equal(s71.dyads - s71.match, 24); // NZL and NOR did not vote on 71035
  const fixed = agreementVsFile(
    voteDyads(votes, { partner: "USA", sessions: [71], exclude: [71035] }),
    ip,
    "usAgree",
  );
  assert.equal(fixed.match, 26);
});

test("a registry passed in is used as given: no read of the data root (a missing dataDir would fail)", () => {
  const long = { ccode: [2, 2, 200, 200], resid: [75001, 75002, 75001, 75002], vote: [1, 3, 1, 2] };
  const registry = countries();
  const withReg = voteDyads(long, {
    partner: "USA",
    sessions: [75],
    registry,
    dataDir: "/nonexistent-data-root",
  }).objects();
  assert.deepEqual(withReg, voteDyads(long, { partner: "USA", sessions: [75] }).objects());
  assert.throws(
    () => voteDyads(long, { partner: "USA", sessions: [75], dataDir: "/nonexistent-data-root" }),
    /nonexistent-data-root|ENOENT|not found/i,
  );
});

test("asLongVotes: a vote table's columns as arrays, built once per table", () => {
  const t = loadUnVotes({ sessions: [73] }).table;
  const v = asLongVotes(t);
  assert.equal(asLongVotes(t), v);
  assert.deepEqual(v, {
    ccode: t.array("ccode"),
    resid: t.array("resid"),
    vote: t.array("vote"),
    session: t.array("session"),
  });
  const filtered = t.filter((d: { vote: number }) => d.vote === 1);
  assert.deepEqual(asLongVotes(filtered).vote, filtered.array("vote"));
  assert.notEqual(asLongVotes(filtered).vote.length, v.vote.length);
});
