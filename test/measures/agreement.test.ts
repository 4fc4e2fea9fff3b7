import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import {
  agreementTable,
  agreementShare,
  agreementShareTable,
  cohenKappa,
  cohenKappaTable,
  scottPi,
  scottPiTable,
} from "../../lib/measures/agreement";

const close = (x: number, y: number, tol = 1e-12) =>
  assert.ok(Math.abs(x - y) < tol, `${x} vs ${y}`);

/** Expand a 3 × 3 table into two vote vectors (for the vector API). */
function recordsOf(t: number[][]): [number[], number[]] {
  const a: number[] = [],
    b: number[] = [];
  t.forEach((row, i) =>
    row.forEach((c, j) => {
      for (let k = 0; k < c; k++) {
        a.push(i + 1);
        b.push(j + 1);
      }
    }),
  );
  return [a, b];
}

test("2 x 2 table by hand: kappa 0.4, pi 0.393939...", () => {
  // yes/no only:       b yes  b no
  //   a yes              20     5    (row 25)
  //   a no               10    15    (row 25)
  //   columns            30    20    n = 50
  // p_o = 35/50 = 0.7
  // kappa: p_e = 0.5·0.6 + 0.5·0.4 = 0.5;        kappa = 0.2/0.5 = 0.4
  // pi:    p_e = 0.55² + 0.45² = 0.505;          pi = 0.195/0.495 = 0.393939...
  const t = [
    [20, 5],
    [10, 15],
  ];
  close(agreementShareTable(t), 0.7);
  close(cohenKappaTable(t), 0.4);
  close(scottPiTable(t), 0.195 / 0.495);
  // The same data as a 3 x 3 table with an empty abstain category, and as vectors.
  const t3 = [
    [20, 0, 5],
    [0, 0, 0],
    [10, 0, 15],
  ];
  const [a, b] = recordsOf(t3);
  assert.deepEqual(agreementTable(a, b), t3);
  close(cohenKappa(a, b), 0.4);
  close(scottPi(a, b), 0.195 / 0.495);
  close(agreementShare(a, b), 0.7);
});

test("3 x 3 table by hand: kappa 10/19, pi 149/284", () => {
  //          yes abst no   row
  //   yes     10   2   3   15
  //   abst     1   4   0    5
  //   no       2   1   7   10
  //   col     13   7  10   n = 30
  // p_o = 21/30 = 0.7
  // kappa: p_e = (15·13 + 5·7 + 10·10)/900 = 330/900;  kappa = (630−330)/(900−330) = 300/570 = 10/19
  // pi: pooled margins 28/60, 12/60, 20/60; p_e = (784+144+400)/3600 = 1328/3600;
  //     pi = (2520−1328)/(3600−1328) = 1192/2272 = 149/284
  const t = [
    [10, 2, 3],
    [1, 4, 0],
    [2, 1, 7],
  ];
  const [a, b] = recordsOf(t);
  close(agreementShare(a, b), 0.7);
  close(cohenKappa(a, b), 10 / 19);
  close(scottPi(a, b), 149 / 284);
  // kappa and pi are symmetric in a and b.
  close(cohenKappa(b, a), 10 / 19);
  close(scottPi(b, a), 149 / 284);
});

test("no-vote markers are skipped; degenerate cases give NaN", () => {
  assert.deepEqual(agreementTable([1, null, 3, 0, NaN], [1, 1, 2, 3, 3]), [
    [1, 0, 0],
    [0, 0, 0],
    [0, 1, 0],
  ]);
  assert.ok(Number.isNaN(agreementShare([null], [1])));
  // Both unanimous yes: p_o = 1 but p_e = 1, so kappa and pi are undefined.
  assert.equal(agreementShare([1, 1, 1], [1, 1, 1]), 1);
  assert.ok(Number.isNaN(cohenKappa([1, 1, 1], [1, 1, 1])));
  assert.ok(Number.isNaN(scottPi([1, 1, 1], [1, 1, 1])));
  assert.throws(() => agreementTable([1, 9], [1, 1]), /vote code 9/);
  assert.throws(() => cohenKappaTable([[1, 2]]), /square/);
});

test("properties: kappa, pi <= agreement <= 1; identical records give 1", () => {
  const rng = seedrandom("agreement-properties");
  for (let t = 0; t < 300; t++) {
    const K = 2 + Math.floor(rng() * 100);
    const x = Array.from({ length: K }, () => 1 + Math.floor(rng() * 3));
    const y = Array.from({ length: K }, () => 1 + Math.floor(rng() * 3));
    const po = agreementShare(x, y),
      k = cohenKappa(x, y),
      p = scottPi(x, y);
    assert.ok(po >= 0 && po <= 1);
    if (!Number.isNaN(k)) assert.ok(k <= po + 1e-12 && k >= -1 - 1e-12);
    if (!Number.isNaN(p))
      assert.ok(p <= k + 1e-12, "pi never exceeds kappa (pooled margins raise p_e)");
    const kk = cohenKappa(x, x);
    assert.ok(Number.isNaN(kk) || Math.abs(kk - 1) < 1e-12);
  }
});
