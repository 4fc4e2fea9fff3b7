import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { connectedComponents, demean, encodeFactor, feDof, findSingletons, isBalanced, isNested, levelCounts } from "../../lib/estimate/fixedEffects";

test("encodeFactor: levels in order of first appearance (strings and integer typed arrays)", () => {
  const f = encodeFactor(["b", "a", "b", "c"]);
  assert.deepEqual(Array.from(f.codes), [0, 1, 0, 2]);
  assert.deepEqual(f.levels, ["b", "a", "c"]);
  const g = encodeFactor(Int32Array.from([2010, 2008, 2010]));
  assert.deepEqual(Array.from(g.codes), [0, 1, 0]);
  assert.deepEqual(g.levels, [2010, 2008]);
});

test("singletons are found iteratively", () => {
  // time 3 has one row (unit 3): a singleton. Dropping it leaves unit 3 with one row: a new singleton.
  const unit = encodeFactor([1, 1, 2, 2, 3, 3]);
  const time = encodeFactor([1, 2, 1, 2, 3, 1]);
  const s = findSingletons([unit, time]);
  assert.deepEqual(Array.from(s.mask), [0, 0, 0, 0, 1, 1]);
  assert.equal(s.count, 2);
});

test("FE degrees of freedom: L1 + L2 − components", () => {
  // two disconnected blocks: units {1,2} x times {1,2}, units {3} x times {3,4}
  const a = encodeFactor([1, 1, 2, 2, 3, 3]);
  const b = encodeFactor([1, 2, 1, 2, 3, 4]);
  assert.equal(connectedComponents(a, b), 2);
  assert.equal(feDof([a, b]), 3 + 4 - 2);
  assert.equal(feDof([a]), 3);
});

test("nesting and balance", () => {
  const unit = encodeFactor([1, 1, 2, 2]);
  const time = encodeFactor([1, 2, 1, 2]);
  const region = encodeFactor(["N", "N", "S", "S"]);
  assert.equal(isNested(unit, region), true);
  assert.equal(isNested(time, region), false);
  assert.equal(isBalanced(unit, time), true);
  assert.equal(isBalanced(unit, encodeFactor([1, 1, 1, 2])), false);
});

test("iterated two-way demeaning (Irons–Tuck) = closed form on a balanced panel, and is orthogonal to both FE on an unbalanced one", () => {
  const rng = seedrandom("fe-test");
  const N = 40, T = 9;
  const u: number[] = [], t: number[] = [], x: number[] = [];
  for (let i = 0; i < N; i++) for (let s = 0; s < T; s++) {
    u.push(i);
    t.push(s);
    x.push(rng() * 10 + i * 0.3 + s * s * 0.1);
  }
  const fu = encodeFactor(u), ft = encodeFactor(t);
  const counts = [levelCounts(fu), levelCounts(ft)];
  const it = demean(x, [fu, ft], counts);
  const cf = demean(x, [fu, ft], counts, { balanced: true });
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs(it.x[i] - cf.x[i]) < 1e-10);
  // unbalanced: drop every 4th row
  const keep = x.map((_, i) => i % 4 !== 1);
  const u2 = u.filter((_, i) => keep[i]), t2 = t.filter((_, i) => keep[i]), x2 = x.filter((_, i) => keep[i]);
  const gu = encodeFactor(u2), gt = encodeFactor(t2);
  const r = demean(x2, [gu, gt], [levelCounts(gu), levelCounts(gt)]);
  assert.ok(r.converged);
  const su = new Float64Array(gu.nLevels), st = new Float64Array(gt.nLevels);
  r.x.forEach((v, i) => {
    su[gu.codes[i]] += v;
    st[gt.codes[i]] += v;
  });
  for (const v of [...su, ...st]) assert.ok(Math.abs(v) < 1e-9, `group sum ${v}`);
});

test("three FE: residual has zero sum in every level of each FE", () => {
  const rng = seedrandom("three");
  const n = 300;
  const a = encodeFactor(Array.from({ length: n }, () => Math.floor(rng() * 12)));
  const b = encodeFactor(Array.from({ length: n }, () => Math.floor(rng() * 7)));
  const c = encodeFactor(Array.from({ length: n }, () => Math.floor(rng() * 5)));
  const x = Array.from({ length: n }, () => rng() * 5);
  const r = demean(x, [a, b, c], [a, b, c].map(levelCounts));
  assert.ok(r.converged);
  for (const f of [a, b, c]) {
    const s = new Float64Array(f.nLevels);
    r.x.forEach((v, i) => (s[f.codes[i]] += v));
    for (const v of s) assert.ok(Math.abs(v) < 1e-9);
  }
});

test("poorly connected design (fixest's 'difficult' chain of individual-firm blocks): CG converges to the projection, with 2 and 3 FE", () => {
  // Structure of lrberge/fixest _BENCHMARK/src/10_data_generation.R at n = 20,000 (seeded here).
  const rng = seedrandom("difficult-test");
  const n = 20000, nbIndiv = n / 20, nbFirm = Math.round(n / 160), nbYear = Math.round(n ** 0.3);
  const ind = new Int32Array(n), firm = new Int32Array(n), year = new Int32Array(n), x = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const i = 1 + Math.floor(rng() * nbIndiv);
    ind[r] = i;
    firm[r] = Math.min(Math.floor(rng() * 21) + Math.max(1, Math.floor(i / 8) - 10), nbFirm);
    year[r] = 1 + Math.floor(rng() * nbYear);
    x[r] = 5 * Math.cos(i) + 5 * Math.sin(firm[r]) + 5 * Math.sin(year[r]) + rng();
  }
  for (const fes of [[encodeFactor(ind), encodeFactor(firm)], [encodeFactor(ind), encodeFactor(firm), encodeFactor(year)]]) {
    const counts = fes.map(levelCounts);
    const r = demean(x, fes, counts);
    assert.ok(r.converged);
    // x̃ is the residual of the projection on all FE dummies: it sums to zero within every level.
    let worst = 0;
    for (const f of fes) {
      const s = new Float64Array(f.nLevels);
      for (let i = 0; i < n; i++) s[f.codes[i]] += r.x[i];
      for (const v of s) worst = Math.max(worst, Math.abs(v));
    }
    assert.ok(worst < 1e-8, `largest level sum ${worst}`);
    // The previous algorithm (alternating projections with Irons–Tuck, no CG) reaches the same x̃.
    const plain = demean(x, fes, counts, { method: "projections", maxIter: 100000 });
    assert.ok(plain.converged);
    let diff = 0;
    for (let i = 0; i < n; i++) diff = Math.max(diff, Math.abs(plain.x[i] - r.x[i]));
    assert.ok(diff < 1e-8, `max difference ${diff}`);
  }
});
