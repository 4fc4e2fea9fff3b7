import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import {
  connectedComponents,
  demean,
  encodeFactor,
  feDof,
  findSingletons,
  isBalanced,
  isNested,
  levelCounts,
} from "../../lib/estimate/fixedEffects";

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
  const N = 40,
    T = 9;
  const u: number[] = [],
    t: number[] = [],
    x: number[] = [];
  for (let i = 0; i < N; i++)
    for (let s = 0; s < T; s++) {
      u.push(i);
      t.push(s);
      x.push(rng() * 10 + i * 0.3 + s * s * 0.1);
    }
  const fu = encodeFactor(u),
    ft = encodeFactor(t);
  const counts = [levelCounts(fu), levelCounts(ft)];
  const it = demean(x, [fu, ft], counts);
  const cf = demean(x, [fu, ft], counts, { balanced: true });
  for (let i = 0; i < x.length; i++) assert.ok(Math.abs(it.x[i] - cf.x[i]) < 1e-10);
  // unbalanced: drop every 4th row
  const keep = x.map((_, i) => i % 4 !== 1);
  const u2 = u.filter((_, i) => keep[i]),
    t2 = t.filter((_, i) => keep[i]),
    x2 = x.filter((_, i) => keep[i]);
  const gu = encodeFactor(u2),
    gt = encodeFactor(t2);
  const r = demean(x2, [gu, gt], [levelCounts(gu), levelCounts(gt)]);
  assert.ok(r.converged);
  const su = new Float64Array(gu.nLevels),
    st = new Float64Array(gt.nLevels);
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
  const n = 20000,
    nbIndiv = n / 20,
    nbFirm = Math.round(n / 160),
    nbYear = Math.round(n ** 0.3);
  const ind = new Int32Array(n),
    firm = new Int32Array(n),
    year = new Int32Array(n),
    x = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const i = 1 + Math.floor(rng() * nbIndiv);
    ind[r] = i;
    firm[r] = Math.min(Math.floor(rng() * 21) + Math.max(1, Math.floor(i / 8) - 10), nbFirm);
    year[r] = 1 + Math.floor(rng() * nbYear);
    x[r] = 5 * Math.cos(i) + 5 * Math.sin(firm[r]) + 5 * Math.sin(year[r]) + rng();
  }
  for (const fes of [
    [encodeFactor(ind), encodeFactor(firm)],
    [encodeFactor(ind), encodeFactor(firm), encodeFactor(year)],
  ]) {
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

test("encodeFactor on Int32Array codes: own first-appearance codes are kept, others recoded (gaps, order, negatives)", () => {
  const own = encodeFactor(Int32Array.from([0, 0, 1, 0, 2, 1]));
  assert.deepEqual(Array.from(own.codes), [0, 0, 1, 0, 2, 1]);
  assert.deepEqual(own.levels, [0, 1, 2]);
  assert.equal(own.nLevels, 3);
  const input = Int32Array.from([0, 1, 0]);
  const copy = encodeFactor(input);
  input[0] = 7; // the factor owns its codes
  assert.deepEqual(Array.from(copy.codes), [0, 1, 0]);
  // a gap (code 1 never occurs) and a later first appearance of a smaller code
  const gap = encodeFactor(Int32Array.from([0, 2, 3, 2]));
  assert.deepEqual(Array.from(gap.codes), [0, 1, 2, 1]);
  assert.deepEqual(gap.levels, [0, 2, 3]);
  const order = encodeFactor(Int32Array.from([1, 0, 1]));
  assert.deepEqual(Array.from(order.codes), [0, 1, 0]);
  assert.deepEqual(order.levels, [1, 0]);
  const neg = encodeFactor(Int32Array.from([-1, 0, -1]));
  assert.deepEqual(Array.from(neg.codes), [0, 1, 0]);
  assert.deepEqual(neg.levels, [-1, 0]);
});

test("findSingletons with level counts: the same answer, with and without singletons", () => {
  const unit = encodeFactor([1, 1, 2, 2, 3, 3]);
  const time = encodeFactor([1, 2, 1, 2, 3, 1]);
  const s = findSingletons([unit, time], [levelCounts(unit), levelCounts(time)]);
  assert.deepEqual(Array.from(s.mask), [0, 0, 0, 0, 1, 1]);
  assert.equal(s.count, 2);
  const t2 = encodeFactor([1, 2, 1, 2, 1, 2]);
  const none = findSingletons([unit, t2], [levelCounts(unit), levelCounts(t2)]);
  assert.equal(none.count, 0);
  assert.deepEqual(Array.from(none.mask), [0, 0, 0, 0, 0, 0]);
});

test("levelCounts: runs of equal codes (sorted panel, a level revisited) and scattered codes count alike", () => {
  // 4096+ rows in runs of 50, level 0 coming back at the end
  const runs: number[] = [];
  for (let g = 0; g < 100; g++) for (let r = 0; r < 50; r++) runs.push(g);
  for (let r = 0; r < 7; r++) runs.push(0);
  const f = encodeFactor(runs);
  const c = levelCounts(f);
  assert.equal(c[0], 57);
  for (let g = 1; g < 100; g++) assert.equal(c[g], 50);
  const scattered = encodeFactor(runs.map((_, i) => i % 100));
  assert.deepEqual(
    Array.from(levelCounts(scattered)),
    Array.from({ length: 100 }, (_, g) => (g < 7 ? 51 : 50)),
  );
});

/** Two-way closed form written out with plain loops: sums s[code] += v row by row. */
function closedFormReference(
  x: Float64Array,
  a: Int32Array,
  b: Int32Array,
  La: number,
  Lb: number,
): Float64Array {
  const n = x.length,
    sa = new Float64Array(La),
    sb = new Float64Array(Lb),
    ca = new Float64Array(La),
    cb = new Float64Array(Lb);
  for (let i = 0; i < n; i++) {
    sa[a[i]] += x[i];
    sb[b[i]] += x[i];
    ca[a[i]]++;
    cb[b[i]]++;
  }
  let tot = 0;
  for (let g = 0; g < La; g++) tot += sa[g];
  const alpha = Float64Array.from(sa, (s, g) => s / ca[g] - tot / n),
    gamma = Float64Array.from(sb, (s, h) => s / cb[h]);
  return Float64Array.from(x, (v, i) => v - alpha[a[i]] - gamma[b[i]]);
}

test("demean: scale and moments equal demeaning a scaled copy and summing row by row, bit for bit, with the FE in runs or scattered", () => {
  const rng = seedrandom("fe-moments");
  const N = 300,
    T = 20,
    n = N * T;
  const unitMajor = { u: new Int32Array(n), t: new Int32Array(n) };
  const timeMajor = { u: new Int32Array(n), t: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    unitMajor.u[i] = Math.floor(i / T);
    unitMajor.t[i] = i % T;
    timeMajor.t[i] = Math.floor(i / N);
    timeMajor.u[i] = i % N;
  }
  const x = Float64Array.from({ length: n }, () => rng() * 1000 - 300);
  const scale = 2 ** -10;
  const xs = x.map((v) => v * scale);
  for (const [name, p] of Object.entries({ unitMajor, timeMajor })) {
    const fu = encodeFactor(p.u),
      ft = encodeFactor(p.t);
    const counts = [levelCounts(fu), levelCounts(ft)];
    const ref = closedFormReference(xs, fu.codes, ft.codes, fu.nLevels, ft.nLevels);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += xs[i];
    let css = 0,
      wss = 0;
    for (let i = 0; i < n; i++) {
      css += (xs[i] - sum / n) * (xs[i] - sum / n);
      wss += ref[i] * ref[i];
    }
    for (const opts of [{ balanced: true }, {}]) {
      const r = demean(x, [fu, ft], counts, { ...opts, scale, moments: true });
      const copy = demean(xs, [fu, ft], counts, opts);
      assert.deepEqual(
        Array.from(r.x),
        Array.from(copy.x),
        `${name} ${JSON.stringify(opts)}: scale = scaled copy`,
      );
      assert.equal(r.moments!.sum, sum, name);
      assert.equal(r.moments!.css, css, name);
      if (opts.balanced) {
        assert.deepEqual(
          Array.from(r.x),
          Array.from(ref),
          `${name}: closed form = plain-loop reference`,
        );
        assert.equal(r.moments!.wss, wss, name);
      } else
        assert.equal(
          r.moments!.wss,
          r.x.reduce((s, v) => s + v * v, 0),
          name,
        );
    }
    // one FE and none
    const one = demean(x, [fu], [counts[0]], { scale, moments: true });
    assert.deepEqual(Array.from(one.x), Array.from(demean(xs, [fu], [counts[0]]).x));
    assert.equal(
      one.moments!.wss,
      one.x.reduce((s, v) => s + v * v, 0),
    );
    const none = demean(x, [], [], { scale, moments: true });
    assert.deepEqual(Array.from(none.x), Array.from(xs));
    assert.equal(none.moments!.css, css);
  }
});
