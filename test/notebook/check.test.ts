import { test } from "node:test";
import assert from "node:assert/strict";
import { check, checkRange, ClaimError } from "../../lib/notebook/check";

test("check: silent when the claim holds, throws ClaimError naming it when not", () => {
  assert.doesNotThrow(() => check(1 + 1 === 2, "arithmetic"));
  assert.throws(() => check(2 < 1, "two is below one"), (e: unknown) => e instanceof ClaimError && e.message === "claim no longer true: two is below one");
});

test("checkRange: bounds inclusive, NaN fails, message shows the value", () => {
  assert.doesNotThrow(() => checkRange(0.05, 0.05, 0.06, "edge"));
  assert.throws(() => checkRange(Number.NaN, 0, 1, "nan"), /nan \(value NaN/);
  assert.throws(() => checkRange(0.2, 0, 0.1, "size"), /size \(value 0.2, expected in \[0, 0.1\]\)/);
});
