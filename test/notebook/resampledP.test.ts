import { test } from "node:test";
import assert from "node:assert/strict";
import { formatResampledP } from "../../lib/notebook/resampledP";

test("a p at or below 1/(B+1) prints as '< 1/(B+1)'; others with fixed digits", () => {
  assert.equal(formatResampledP(0, 999), "< 0.001");
  assert.equal(formatResampledP(0.001, 999), "< 0.001");
  assert.equal(formatResampledP(0, 199), "< 0.005");
  assert.equal(formatResampledP(0, 99), "< 0.01");
  assert.equal(formatResampledP(0.002, 999), "0.002");
  assert.equal(formatResampledP(0.0456, 999), "0.046");
  assert.throws(() => formatResampledP(-0.1, 999), /\[0, 1\]/);
  assert.throws(() => formatResampledP(0.1, 0), /positive integer/);
});
