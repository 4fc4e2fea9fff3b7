/**
 * Signorino–Ritter S score of two UNGA voting records (Eq. 2 of the paper).
 *
 *   S = 1 − 2 · Σ_k w_k · d(a_k, b_k) / Σ_k w_k · d_max
 *
 *   d(a, b) = |a − b|      with d_max = 2   (default)
 *   d(a, b) = |a − b|²     with d_max = 4   (option `squared`)
 *
 * Votes are coded 1 yes, 2 abstain, 3 no, so abstention sits half-way between
 * yes and no. d_max is FIXED by the coding (yes vs no), not inferred from the
 * votes actually observed in the session, so S is comparable across sessions.
 * A roll call enters only when both sides cast a vote (1/2/3); `null`,
 * `undefined`, 0 and NaN mean "no vote" and the roll call is skipped. Any other
 * code (e.g. Voeten's 8 = absent, 9 = non-member) is rejected, because it must
 * be turned into "no vote" deliberately by the caller.
 *
 * S ∈ [−1, 1]: 1 = identical records, −1 = one always yes where the other is
 * always no. When no roll call is shared, S is NaN.
 *
 * Signorino, C. S. & Ritter, J. M. (1999), "Tau-b or not tau-b: measuring the
 * similarity of foreign policy positions", International Studies Quarterly
 * 43(1): 115–144. Sweeney, K. & Keshk, O. M. G. (2005), "The similarity of
 * states: using S to compute dyadic interest similarity", Conflict Management
 * and Peace Science 22(2): 165–187.
 *
 * {@link sScoreMatrix} computes S for every pair of members of one session at
 * once, on typed arrays (one pass over a dense member × roll-call matrix).
 */

import { mustGet } from "../lookup";

/** A voting record: one entry per roll call, 1/2/3 or a "no vote" marker. */
export type VoteVector = ArrayLike<number | null | undefined>;

export interface SScoreOptions {
  /** Non-negative weight per roll call (same length as the votes); default 1. */
  weights?: ArrayLike<number>;
  /** Use squared distances |a − b|² with d_max = 4 instead of |a − b| with d_max = 2. */
  squared?: boolean;
}

/**
 * The code as 1/2/3, 0 for "no vote"; throws on any other code. `where` is
 * called only to word the error (so hot loops build no strings).
 */
export function voteCode(
  v: number | null | undefined,
  where: () => string = () => "",
): 0 | 1 | 2 | 3 {
  if (v === 1 || v === 2 || v === 3) return v;
  if (v === null || v === undefined || v === 0 || Number.isNaN(v)) return 0;
  throw new RangeError(
    `vote code ${v}${where()} is not 1 (yes), 2 (abstain), 3 (no) or a no-vote marker (null/0/NaN)`,
  );
}

/** S score of two voting records over the same roll calls (see module doc). */
export function sScore(a: VoteVector, b: VoteVector, opts: SScoreOptions = {}): number {
  if (a.length !== b.length)
    throw new RangeError(`vote vectors differ in length (${a.length} vs ${b.length})`);
  const w = opts.weights;
  if (w && w.length !== a.length)
    throw new RangeError(`weights have length ${w.length}, votes ${a.length}`);
  const dMax = opts.squared ? 4 : 2;
  let num = 0;
  let den = 0;
  for (let k = 0; k < a.length; k++) {
    const x = voteCode(a[k], () => ` at position ${k} of a`);
    const y = voteCode(b[k], () => ` at position ${k} of b`);
    if (x === 0 || y === 0) continue;
    const wk = w ? w[k] : 1;
    if (!(wk >= 0) || !Number.isFinite(wk))
      throw new RangeError(`weight ${wk} at position ${k} is not a finite non-negative number`);
    const d = Math.abs(x - y);
    num += wk * (opts.squared ? d * d : d);
    den += wk * dMax;
  }
  return den > 0 ? 1 - (2 * num) / den : NaN;
}

/**
 * Roll-call votes in long form, as parallel arrays (e.g. columns of
 * {@link loadUnVotes}). `resid` identifies the roll call; `session` is
 * optional and defaults to floor(resid / 1000), Voeten's resid convention
 * (the unvotes R package's rcid needs the explicit column).
 */
export interface LongVotes {
  ccode: ArrayLike<number>;
  resid: ArrayLike<number>;
  vote: ArrayLike<number>;
  session?: ArrayLike<number>;
}

/** Session of row i: the explicit column when given, else from the resid. */
export function sessionAt(votes: LongVotes, i: number): number {
  return votes.session ? votes.session[i] : sessionOfResid(votes.resid[i]);
}

export interface DyadMatrix {
  session: number;
  /** Members (COW codes, ascending) that cast at least one vote in the session. */
  ccodes: Int32Array;
  /** Roll calls of the session (resid, ascending). */
  resids: Int32Array;
  /** m × m, row-major: S of members i and j (NaN when they share no roll call). */
  s: Float64Array;
  /** m × m, row-major: number of roll calls on which both i and j voted. */
  n: Int32Array;
  /** m × m, row-major: number of those roll calls with identical votes. */
  same: Int32Array;
  /** Row/column index of a COW code, or -1. */
  index(ccode: number): number;
  /** S of two members by COW code (NaN when either is absent from the session). */
  get(a: number, b: number): number;
}

/** Session of a UNGA resolution id (Voeten's resid = session · 1000 + running number). */
export function sessionOfResid(resid: number): number {
  return Math.floor(resid / 1000);
}

/**
 * S (and the shared / identical roll-call counts) of every pair of members in
 * one session. Rows whose resid is outside the session are ignored, as are
 * roll calls listed in `exclude`. A duplicate (resid, ccode) is an error.
 */
export function sScoreMatrix(
  votes: LongVotes,
  session: number,
  opts: { squared?: boolean; exclude?: Iterable<number> } = {},
): DyadMatrix {
  const N = votes.resid.length;
  if (
    votes.ccode.length !== N ||
    votes.vote.length !== N ||
    (votes.session && votes.session.length !== N)
  )
    throw new RangeError("ccode, resid and vote columns differ in length");
  const excluded = new Set(opts.exclude ?? []);
  const memberSet = new Set<number>();
  const rcSet = new Set<number>();
  for (let i = 0; i < N; i++) {
    const r = votes.resid[i];
    if (sessionAt(votes, i) !== session || excluded.has(r)) continue;
    memberSet.add(votes.ccode[i]);
    rcSet.add(r);
  }
  const ccodes = Int32Array.from(memberSet).sort();
  const resids = Int32Array.from(rcSet).sort();
  const m = ccodes.length;
  const K = resids.length;
  const mi = new Map<number, number>();
  ccodes.forEach((c, i) => mi.set(c, i));
  const ki = new Map<number, number>();
  resids.forEach((r, k) => ki.set(r, k));
  // Dense member-major vote matrix; 0 = no vote.
  const V = new Uint8Array(m * K);
  for (let i = 0; i < N; i++) {
    const r = votes.resid[i];
    if (sessionAt(votes, i) !== session || excluded.has(r)) continue;
    const v = voteCode(votes.vote[i], () => ` (resid ${r}, ccode ${votes.ccode[i]})`);
    if (v === 0) continue;
    const cell =
      mustGet(mi, votes.ccode[i], "member index") * K + mustGet(ki, r, "roll-call index");
    if (V[cell] !== 0)
      throw new RangeError(`duplicate vote for resid ${r}, ccode ${votes.ccode[i]}`);
    V[cell] = v;
  }
  const { s, n, same } = pairScores(V, m, K, opts.squared ?? false);
  return {
    session,
    ccodes,
    resids,
    s,
    n,
    same,
    index: (c) => mi.get(c) ?? -1,
    get: (a, b) => {
      const i = mi.get(a),
        j = mi.get(b);
      return i === undefined || j === undefined ? NaN : s[i * m + j];
    },
  };
}

/**
 * S of every pair of members from the dense m × K vote matrix V (0 = no
 * vote), with the counts of shared and identical roll calls: m × m, symmetric.
 */
function pairScores(
  V: Uint8Array,
  m: number,
  K: number,
  squared: boolean,
): { s: Float64Array; n: Int32Array; same: Int32Array } {
  const dMax = squared ? 4 : 2;
  const s = new Float64Array(m * m);
  const n = new Int32Array(m * m);
  const same = new Int32Array(m * m);
  for (let i = 0; i < m; i++) {
    const oi = i * K;
    for (let j = i; j < m; j++) {
      const oj = j * K;
      let cnt = 0,
        eq = 0,
        dist = 0;
      for (let k = 0; k < K; k++) {
        const x = V[oi + k],
          y = V[oj + k];
        if (x === 0 || y === 0) continue;
        cnt++;
        const d = x > y ? x - y : y - x;
        if (d === 0) eq++;
        else dist += squared ? d * d : d;
      }
      const val = cnt > 0 ? 1 - (2 * dist) / (cnt * dMax) : NaN;
      s[i * m + j] = s[j * m + i] = val;
      n[i * m + j] = n[j * m + i] = cnt;
      same[i * m + j] = same[j * m + i] = eq;
    }
  }
  return { s, n, same };
}
