import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { Matrix, QrDecomposition } from "ml-matrix";
import { qrLeastSquares } from "../../lib/estimate/qr";

const rng = seedrandom("qr-test");
const n = 1000; // > one block of 256 rows, with a partial last block
const cols = Array.from({ length: 4 }, () => Float64Array.from({ length: n }, () => rng() * 2 - 1));
const y = Float64Array.from(
  { length: n },
  (_, i) => 1 + 2 * cols[0][i] - cols[2][i] + 0.1 * (rng() - 0.5),
);

test("same solution as ml-matrix's QrDecomposition", () => {
  const r = qrLeastSquares(cols, y);
  const X = new Matrix(Array.from({ length: n }, (_, i) => cols.map((c) => c[i])));
  const ref = new QrDecomposition(X).solve(Matrix.columnVector(Array.from(y)));
  r.coef.forEach((b, j) =>
    assert.ok(Math.abs(b - ref.get(j, 0)) < 1e-12, `${b} vs ${ref.get(j, 0)}`),
  );
  // residuals orthogonal to every column, (XᵀX)⁻¹ is the inverse of XᵀX
  const xtx = X.transpose().mmul(X);
  for (let j = 0; j < 4; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += cols[j][i] * r.resid[i];
    assert.ok(Math.abs(s) < 1e-10);
    for (let l = 0; l < 4; l++) {
      let p = 0;
      for (let m = 0; m < 4; m++) p += r.xtxInv[j * 4 + m] * xtx.get(m, l);
      assert.ok(Math.abs(p - (j === l ? 1 : 0)) < 1e-10);
    }
  }
});

test("collinear columns are dropped, later one first, like lm", () => {
  const dup = Float64Array.from(cols[0], (v, i) => v + 2 * cols[1][i]);
  const r = qrLeastSquares([cols[0], cols[1], dup, cols[2]], y);
  assert.deepEqual(r.kept, [0, 1, 3]);
  assert.deepEqual(r.dropped, [2]);
  const ref = qrLeastSquares([cols[0], cols[1], cols[2]], y);
  r.coef.forEach((b, j) => assert.ok(Math.abs(b - ref.coef[j]) < 1e-12));
  const zero = new Float64Array(n);
  assert.deepEqual(qrLeastSquares([zero, cols[1]], y).dropped, [0]);
});
