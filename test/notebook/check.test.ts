import { test } from "node:test";
import assert from "node:assert/strict";
import { check, checkRange, ClaimError, found } from "../../lib/notebook/check";

test("check: silent when the claim holds, throws ClaimError naming it when not", () => {
  assert.doesNotThrow(() => check(1 + 1 === 2, "arithmetic"));
  assert.throws(() => check(2 < 1, "two is below one"), (e: unknown) => e instanceof ClaimError && e.message === "claim no longer true: two is below one");
});

test("checkRange: bounds inclusive, NaN fails, message shows the value", () => {
  assert.doesNotThrow(() => checkRange(0.05, 0.05, 0.06, "edge"));
  assert.throws(() => checkRange(Number.NaN, 0, 1, "nan"), /nan \(value NaN/);
  assert.throws(() => checkRange(0.2, 0, 0.1, "size"), /size \(value 0.2, expected in \[0, 0.1\]\)/);
});

test("found: returns the value (0 and \"\" included), throws ClaimError naming what is missing", () => {
  assert.equal(found([1, 2, 3].find((v) => v === 2), "a 2"), 2);
  assert.equal(found(0, "zero"), 0);
  assert.equal(found("", "empty string"), "");
  assert.throws(() => found([1].find((v) => v === 5), "a row for asym"), /claim no longer true: a row for asym exists/);
  assert.throws(() => found(null, "x"), ClaimError);
});
