import { test } from "node:test";
import assert from "node:assert/strict";
import { feols } from "../../lib/estimate/model";
import { coef, numeric } from "../../lib/notebook/coef";

// y = 1 + 2x exactly plus a residual orthogonal to (1, x): OLS slope 2, intercept 1 by hand.
const data = { x: [0, 1, 2, 3], y: [1 + 0.5, 3 - 0.5, 5 - 0.5, 7 + 0.5] };

test("coef: the named row of a fit (hand-computed OLS), the constant, and a clear error", () => {
  const fit = feols("y ~ x", data, { constant: "stata" });
  assert.ok(Math.abs(coef(fit, "x").estimate - 2) < 1e-12);
  assert.ok(Math.abs(coef(fit, "(Intercept)").estimate - 1) < 1e-12);
  assert.throws(() => coef(fit, "z"), /no term "z" \(have: x\)/);
});

test("numeric: numbers as a Float64Array; a text cell is an error naming column and row", () => {
  assert.deepEqual(Array.from(numeric(data, "x")), [0, 1, 2, 3]);
  assert.throws(() => numeric({ a: [1, "b"] }, "a"), /column "a" row 2 is "b"/);
  assert.throws(() => numeric(data, "w"), /no column "w"/);
});
