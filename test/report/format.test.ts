/** lib/report/format.ts: the one number format. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { fmt } from "../../lib/report/format";

test("with decimals given: every number gets them; -0.000 printed as 0.000", () => {
  assert.equal(fmt(-1.23456, 3), "-1.235");
  assert.equal(fmt(2, 3), "2.000");
  assert.equal(fmt(-0.0001, 3), "0.000");
  assert.equal(fmt(-0.0004, 2), "0.00");
  assert.equal(fmt(-0.6, 0), "-1");
});

test("without decimals: integers as they are, other numbers with 3", () => {
  assert.equal(fmt(26), "26");
  assert.equal(fmt(2017), "2017");
  assert.equal(fmt(0.12345), "0.123");
  assert.equal(fmt(-0.0001), "0.000");
});

test("missing values print as an em dash; other values as text", () => {
  for (const m of [null, undefined, NaN, Infinity, -Infinity]) assert.equal(fmt(m), "—");
  assert.equal(fmt("KOR"), "KOR");
});
