import { test } from "node:test";
import assert from "node:assert/strict";
import { sscFactor } from "../../lib/estimate/vcov";

// n = 102, k = 10 slopes, FE: 26 countries (nested in the 26 clusters) + 4 years: d_FE = 29
const n = 102, k = 10, dof = 29, L1 = 26, nested = 25, G = 26;
const f = (type: "hc1" | "cluster", ssc: Parameters<typeof sscFactor>[1]) => sscFactor(type, ssc, n, k, dof, L1, nested, G);
const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-14 * b, `${a} vs ${b}`);

test("cluster factors of each convention", () => {
  near(f("cluster", "plm").factor, 1);
  near(f("cluster", "plm-hc1").factor, 102 / 92);
  near(f("cluster", "plm-sss").factor, (26 / 25) * (101 / 92));
  // stata: the year FE enter as 3 dummies: K = 10 + 29 − 26 = 13
  assert.equal(f("cluster", "stata").K, 13);
  near(f("cluster", "stata").factor, (26 / 25) * (101 / 89));
  // fixest: country FE nested → counts 1: K = 10 + 29 − 25 = 14
  assert.equal(f("cluster", "fixest").K, 14);
  near(f("cluster", "fixest").factor, (26 / 25) * (101 / 88));
  assert.equal(f("cluster", "full").K, 39);
  near(f("cluster", "full").factor, (26 / 25) * (101 / 63));
});

test("heteroskedasticity-robust factors", () => {
  near(f("hc1", "plm").factor, 1);
  near(f("hc1", "plm-hc1").factor, 102 / 92);
  near(f("hc1", "stata").factor, 102 / 63);
  near(f("hc1", "fixest").factor, 101 / 63);
});
