import { test } from "node:test";
import assert from "node:assert/strict";
import { ibeta, pF, pNormal, pT, qT } from "../../lib/estimate/distributions";

// Reference values from R 4 (printed with digits = 17):
// 2*pt(-2.5, 25), pf(3, 2, 25, lower = FALSE), 2*pnorm(-1.96), 2*pt(-8, 100), pchisq(6, 2, lower = FALSE)
const rel = (a: number, b: number, tol: number) =>
  assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${a} vs ${b}`);

test("t, F and normal tails match R to 1e-11", () => {
  rel(pT(2.5, 25), 1.9343127569942695e-2, 1e-11);
  rel(pT(-2.5, 25), 1.9343127569942695e-2, 1e-11);
  rel(pF(3, 2, 25), 6.7956176471811972e-2, 1e-11);
  rel(pNormal(1.96), 4.9995790296440856e-2, 1e-12);
  rel(pT(8, 100), 2.2728648077280803e-12, 1e-9);
});

test("F with infinite denominator df is chi-square / q", () => {
  rel(pF(3, 2, Infinity), Math.exp(-3), 1e-9); // pchisq(6, 2, lower = FALSE) = e^{-3}
});

test("incomplete beta at simple points", () => {
  // I_x(1, 1) = x; I_x(a, 1) = x^a
  rel(ibeta(0.3, 1, 1), 0.3, 1e-14);
  rel(ibeta(0.5, 3, 1), 0.125, 1e-14);
  assert.equal(ibeta(0, 2, 2), 0);
  assert.equal(ibeta(1, 2, 2), 1);
});

test("qT is the t quantile to 1e-12 (R: qt(0.975, 3), qt(0.975, 10), qt(0.025, 10)); infinite df is the normal", () => {
  assert.ok(Math.abs(qT(0.975, 3) - 3.182446305284263) < 1e-12);
  assert.ok(Math.abs(qT(0.975, 10) - 2.228138851986274) < 1e-12);
  assert.ok(Math.abs(qT(0.025, 10) + 2.228138851986274) < 1e-12);
  assert.ok(Math.abs(qT(0.975, Infinity) - 1.959963984540054) < 1e-9);
  for (const df of [2, 7, 25, 66, 500])
    for (const p of [0.9, 0.95, 0.995])
      assert.ok(Math.abs(pT(qT(p, df), df) - 2 * (1 - p)) < 1e-13, `df ${df} p ${p}`);
});
