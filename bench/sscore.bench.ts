/**
 * Benchmark: S scores of ALL dyads of UNGA sessions 71-75 (about 193 members,
 * 18,500 dyads and 79-96 roll calls per session) with sScoreMatrix.
 * Target: <= 0.5 s in total on a 2-core machine. Prints figures only; no
 * assertion (speed is not tested in `npm test`).
 *
 *   npm run bench:sscore
 */
import { performance } from "node:perf_hooks";
import { loadUnVotes, voteColumns } from "../lib/sources/unvotes";
import { sScoreMatrix } from "../lib/measures/sScore";
import { voteDyads } from "../lib/measures/voteDyads";

const SESSIONS = [71, 72, 73, 74, 75];
const REPEATS = 7;

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let t0 = performance.now();
const { table } = loadUnVotes();
const loadMs = performance.now() - t0;
const votes = voteColumns(table);

const runs: number[] = [];
let dyads = 0;
let members = 0;
for (let r = 0; r < REPEATS; r++) {
  t0 = performance.now();
  dyads = 0;
  members = 0;
  for (const s of SESSIONS) {
    const m = sScoreMatrix(votes, s);
    members = Math.max(members, m.ccodes.length);
    dyads += (m.ccodes.length * (m.ccodes.length - 1)) / 2;
  }
  runs.push(performance.now() - t0);
}

const runsDyads: number[] = [];
for (let r = 0; r < REPEATS; r++) {
  t0 = performance.now();
  voteDyads(table, { partner: "USA", sessions: SESSIONS });
  runsDyads.push(performance.now() - t0);
}

console.log(`load UN votes (94,070 rows, SHA-256 checked): ${loadMs.toFixed(0)} ms`);
console.log(
  `sScoreMatrix, all dyads of sessions ${SESSIONS[0]}-${SESSIONS[SESSIONS.length - 1]} ` +
    `(${dyads.toLocaleString("en-US")} dyads, up to ${members} members): ` +
    `median ${median(runs).toFixed(1)} ms, first run ${runs[0].toFixed(1)} ms, min ${Math.min(...runs).toFixed(1)} ms over ${REPEATS} runs (target <= 500 ms)`,
);
console.log(
  `voteDyads, 26 allies vs USA x 5 sessions (S, agreement, kappa, pi): median ${median(runsDyads).toFixed(1)} ms`,
);
