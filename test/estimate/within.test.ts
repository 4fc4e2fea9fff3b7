import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { feols } from "../../lib/estimate/feols";
import {
  demeanTwoWay,
  effectPerWithinSd,
  fwl,
  lsdv,
  withinBetween,
  withinCorrelation,
} from "../../lib/estimate/within";

const close = (a: number, b: number, tol: number, what = "") =>
  assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b}`);

// Worked by hand: units A, B; years 1, 2; x = A: 1, 4; B: 5, 6.
// grand mean 4; unit means 2.5, 5.5; year means 3, 5.
const hand = { u: ["A", "A", "B", "B"], t: [1, 2, 1, 2], x: [1, 4, 5, 6] };

test("two-way demeaning by hand: x − x̄_i − x̄_t + x̄ on a balanced 2 × 2 panel", () => {
  const r = demeanTwoWay(hand.x, hand.u, hand.t);
  // A1: 1 − 2.5 − 3 + 4 = −0.5; A2: 4 − 2.5 − 5 + 4 = 0.5; B1: 0.5; B2: −0.5
  [-0.5, 0.5, 0.5, -0.5].forEach((v, i) => close(r.x[i], v, 1e-14));
  assert.ok(r.iterations <= 2);
});

test("withinBetween on the hand panel: xtsum's overall, between and within sd, the two-way sd", () => {
  const [r] = withinBetween(hand, ["x"], "u", "t");
  close(r.overall, Math.sqrt(14 / 3), 1e-14, "overall"); // deviations −3, 0, 1, 2
  close(r.between, Math.sqrt(4.5), 1e-14, "between"); // unit means 2.5, 5.5
  close(r.within, Math.sqrt(5 / 3), 1e-14, "within"); // 2.5, 5.5, 3.5, 4.5
  close(r.twoWay, Math.sqrt(1 / 3), 1e-14, "two-way"); // ±0.5
  close(r.withinShare, 5 / 14, 1e-14);
  close(r.pooledInWithinSds, Math.sqrt(14), 1e-12);
  const e = effectPerWithinSd(2, hand.x, hand.u, hand.t);
  close(e.perPooledSd, 2 * Math.sqrt(14 / 3), 1e-12);
  close(e.perWithinSd, 2 * Math.sqrt(1 / 3), 1e-12);
  close(e.withinSdInPooledSds, 1 / Math.sqrt(14), 1e-12);
  assert.throws(() => withinBetween(hand, ["nope"], "u", "t"), /no column "nope"/);
});

// An unbalanced panel: 7 units, 3-5 years each, two regressors.
function unbalanced() {
  const rng = seedrandom("w");
  const u: string[] = [],
    t: number[] = [],
    x1: number[] = [],
    x2: number[] = [],
    y: number[] = [];
  for (let g = 0; g < 7; g++) {
    const a = 3 * rng();
    for (let yr = 2015; yr < 2020; yr++) {
      if ((g + yr) % 4 === 0 && yr > 2016) continue; // holes
      u.push(`U${g}`);
      t.push(yr);
      const v1 = rng() + 0.2 * (yr - 2015) + a;
      const v2 = rng() - 0.5 * v1;
      x1.push(v1);
      x2.push(v2);
      y.push(1.5 * v1 - 2 * v2 + a + 0.3 * (yr - 2015) + 0.5 * (rng() - 0.5));
    }
  }
  return { u, t, x1, x2, y };
}

test("demeaning by hand = LSDV = feols on an unbalanced panel (to 1e-10)", () => {
  const d = unbalanced();
  const fe = feols({ data: d, y: "y", x: ["x1", "x2"], fe: ["u", "t"] });
  const dummies = lsdv(d, "y", ["x1", "x2"], "u", "t");
  assert.equal(dummies.columns, 2 + 7 + 4);
  for (const c of fe.coefficients) close(dummies.coef[c.term], c.estimate, 1e-10, c.term);
  // the within transform of feols, column by column
  const tw = demeanTwoWay(d.x1, d.u, d.t);
  assert.ok(tw.iterations > 2); // unbalanced: more than one sweep
  fe.design.X[0].forEach((v, i) => close(tw.x[i], v, 1e-10));
  // FWL: the partial slope is the coefficient; residuals agree with LSDV
  const p = fwl(d, "y", "x1", ["x2"], "u", "t");
  close(p.slope, fe.coefficients[0].estimate, 1e-10, "fwl");
  let r2 = 0;
  for (let i = 0; i < p.y.length; i++) r2 += (p.y[i] - p.slope * p.x[i] - dummies.resid[i]) ** 2;
  close(r2, 0, 1e-18, "residuals");
});

test("lsdv recovers the effects of a noiseless model (first year's effect is 0)", () => {
  const u = ["A", "A", "A", "B", "B", "B"],
    t = [1, 2, 3, 1, 2, 3],
    x = [0.3, 1, 2.5, -1, 0.7, 0.2];
  const alpha: Record<string, number> = { A: 1, B: -2 },
    gamma = [0, 0.5, 4];
  const y = x.map((v, i) => 3 * v + alpha[u[i]] + gamma[t[i] - 1]);
  const r = lsdv({ u, t, x, y }, "y", ["x"], "u", "t");
  close(r.coef.x, 3, 1e-12);
  close(r.unitEffects.get("A")!, 1, 1e-12);
  close(r.unitEffects.get("B")!, -2, 1e-12);
  close(r.timeEffects.get(3)!, 4, 1e-12);
  assert.equal(r.timeEffects.get(1), 0);
  assert.throws(
    () => lsdv({ u, t, x, y, c: [1, 1, 1, 2, 2, 2] }, "y", ["x", "c"], "u", "t"),
    /collinear/,
  );
});

test("withinCorrelation: b = a + unit effect + year effect is perfectly correlated within, not pooled", () => {
  const u = ["A", "A", "A", "B", "B", "B", "C", "C", "C"],
    t = [1, 2, 3, 1, 2, 3, 1, 2, 3];
  const a = [0.1, 0.9, 0.4, 1.2, 0.3, 0.8, 0.5, 0.2, 1.1];
  const b = a.map((v, i) => v + { A: 5, B: -3, C: 0 }[u[i]]! + 2 * t[i]);
  const r = withinCorrelation(a, b, u, t);
  close(r.within, 1, 1e-12);
  assert.ok(r.pooled < 0.5, `pooled ${r.pooled}`);
});
