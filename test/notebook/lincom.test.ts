import { test } from "node:test";
import assert from "node:assert/strict";
import { feols } from "../../lib/estimate/model";
import { lincom } from "../../lib/notebook/lincom";

// A small panel with two regressors; clustered by unit.
const data = {
  g: ["a", "a", "a", "b", "b", "b", "c", "c", "c", "d", "d", "d"],
  x1: [1, 2, 4, 0, 3, 1, 2, 2, 5, 1, 0, 3],
  x2: [0, 1, 1, 2, 0, 3, 1, 4, 2, 0, 2, 1],
  y: [1.2, 2.9, 5.1, 1.4, 3.0, 3.9, 3.1, 5.8, 6.9, 0.8, 2.1, 4.4],
};

test("lincom: a unit weight reproduces the coefficient's own estimate, SE, t and p", () => {
  const fit = feols("y ~ x1 + x2", data, { cluster: "g" });
  const one = lincom(fit, { x2: 1 });
  const c = fit.coefficients[1];
  assert.ok(Math.abs(one.estimate - c.estimate) < 1e-12);
  assert.ok(Math.abs(one.std_error - c.std_error) < 1e-12);
  assert.ok(Math.abs(one.p_value - c.p_value) < 1e-12);
});

test("lincom: sum and difference by hand from the vcov, var(a+b) = Va + Vb + 2Cab", () => {
  const fit = feols("y ~ x1 + x2", data, { vcov: "hetero" });
  const V = fit.vcov,
    b = fit.coefficients.map((c) => c.estimate);
  const s = lincom(fit, { x1: 1, x2: 1 });
  assert.ok(Math.abs(s.estimate - (b[0] + b[1])) < 1e-12);
  assert.ok(Math.abs(s.std_error - Math.sqrt(V[0][0] + V[1][1] + 2 * V[0][1])) < 1e-12);
  const d = lincom(fit, { x1: 2, x2: -0.5 });
  assert.ok(Math.abs(d.std_error - Math.sqrt(4 * V[0][0] + 0.25 * V[1][1] - 2 * V[0][1])) < 1e-12);
  assert.throws(() => lincom(fit, { x3: 1 }), /no slope "x3"/);
});
