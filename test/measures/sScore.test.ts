import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { sScore, sScoreMatrix, voteCode } from "../../lib/measures/sScore";

// Worked by hand, 4 roll calls (1 yes, 2 abstain, 3 no):
//   a = [1, 1, 2, 3]
//   b = [1, 3, 1, 3]
//   |a-b| = [0, 2, 1, 0], Σ = 3; Σ d_max = 4 · 2 = 8
//   S = 1 − 2·3/8 = 0.25
//   squared: |a-b|² = [0, 4, 1, 0], Σ = 5; Σ d_max = 4 · 4 = 16; S = 1 − 10/16 = 0.375
//   weights [1, 2, 1, 0]: Σ w|a-b| = 0+4+1+0 = 5; Σ w·2 = (1+2+1+0)·2 = 8; S = 1 − 10/8 = −0.25
//   weights + squared: Σ w|a-b|² = 0+8+1+0 = 9; Σ w·4 = 16; S = 1 − 18/16 = −0.125
const a = [1, 1, 2, 3];
const b = [1, 3, 1, 3];

test("S over 4 roll calls, worked by hand", () => {
  assert.equal(sScore(a, b), 0.25);
  assert.equal(sScore(a, b, { squared: true }), 0.375);
  assert.equal(sScore(a, b, { weights: [1, 2, 1, 0] }), -0.25);
  assert.equal(sScore(a, b, { weights: [1, 2, 1, 0], squared: true }), -0.125);
});

test("d_max is fixed at 2, not the largest distance observed", () => {
  // Only yes/abstain occur: observed max distance is 1, but d_max stays 2.
  // |a-b| = [1, 0], S = 1 − 2·1/4 = 0.5 (an inferred d_max of 1 would give 0).
  assert.equal(sScore([1, 2], [2, 2]), 0.5);
});

test("roll calls where either side has no vote are skipped (null, undefined, 0, NaN)", () => {
  // kept: positions 0, 2, 3 -> |a-b| = [0, 1, 0], S = 1 − 2·1/6 = 2/3
  const x = [1, null, 2, 3, 0, NaN, undefined];
  const y = [1, 3, 3, 3, 1, 1, 2];
  assert.ok(Math.abs(sScore(x, y) - 2 / 3) < 1e-15);
  assert.ok(Number.isNaN(sScore([null, 0], [1, 1])));
  assert.ok(Number.isNaN(sScore([], [])));
});

test("bad input is refused", () => {
  assert.throws(() => sScore([1, 8], [1, 1]), /vote code 8 at position 1 of a/);
  assert.throws(() => sScore([1], [1, 2]), /differ in length/);
  assert.throws(() => sScore([1], [1], { weights: [-1] }), /weight -1/);
  assert.throws(() => sScore([1, 1], [1, 1], { weights: [1] }), /weights have length 1/);
  assert.equal(voteCode(null), 0);
});

test("properties over 500 random seeded records: range, symmetry, identity", () => {
  const rng = seedrandom("s-score-properties");
  for (let t = 0; t < 500; t++) {
    const K = 1 + Math.floor(rng() * 120);
    const rec = () =>
      Array.from({ length: K }, () => (rng() < 0.1 ? null : 1 + Math.floor(rng() * 3)));
    const x = rec(),
      y = rec();
    const w = Array.from({ length: K }, () => rng() * 3);
    for (const opts of [{}, { squared: true }, { weights: w }, { weights: w, squared: true }]) {
      const s = sScore(x, y, opts);
      if (Number.isNaN(s)) continue;
      assert.ok(s >= -1 - 1e-12 && s <= 1 + 1e-12, `S = ${s} out of range`);
      assert.equal(s, sScore(y, x, opts));
      const self = sScore(x, x, opts);
      assert.ok(Number.isNaN(self) || self === 1);
    }
    // A record against its mirror image (yes <-> no) on yes/no-only votes gives −1.
    const yn = x.map((v) => (v === null ? null : v === 2 ? 1 : v));
    const mirror = yn.map((v) => (v === null ? null : 4 - v));
    const sm = sScore(yn, mirror);
    assert.ok(Number.isNaN(sm) || sm === -1);
  }
});

test("sScoreMatrix agrees with sScore pair by pair", () => {
  const rng = seedrandom("s-score-matrix");
  const members = [2, 20, 200, 710, 740];
  const resids = [71001, 71002, 71003, 71004, 71005, 71006, 72001];
  const long = { ccode: [] as number[], resid: [] as number[], vote: [] as number[] };
  const rec = new Map<number, (number | null)[]>();
  for (const c of members) {
    const r: (number | null)[] = [];
    for (const id of resids) {
      const v = rng() < 0.15 ? null : 1 + Math.floor(rng() * 3);
      if (id < 72000) r.push(v);
      if (v !== null) {
        long.ccode.push(c);
        long.resid.push(id);
        long.vote.push(v);
      }
    }
    rec.set(c, r);
  }
  const M = sScoreMatrix(long, 71);
  assert.deepEqual(Array.from(M.resids), resids.slice(0, 6));
  for (const x of members) {
    for (const y of members) {
      const want = sScore(rec.get(x)!, rec.get(y)!);
      const got = M.get(x, y);
      assert.ok(
        (Number.isNaN(want) && Number.isNaN(got)) || Math.abs(want - got) < 1e-12,
        `${x}-${y}`,
      );
      const sq = sScoreMatrix(long, 71, { squared: true }).get(x, y);
      const wantSq = sScore(rec.get(x)!, rec.get(y)!, { squared: true });
      assert.ok((Number.isNaN(wantSq) && Number.isNaN(sq)) || Math.abs(wantSq - sq) < 1e-12);
    }
  }
  assert.ok(Number.isNaN(M.get(2, 999)));
  assert.throws(
    () => sScoreMatrix({ ccode: [2, 2], resid: [71001, 71001], vote: [1, 3] }, 71),
    /duplicate vote for resid 71001, ccode 2/,
  );
});
