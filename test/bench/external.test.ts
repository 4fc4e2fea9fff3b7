import { test } from "node:test";
import assert from "node:assert/strict";
import { pyfixestLine } from "../../bench/external";

test("pyfixest non-convergence on the difficult design is a result line, not a stack trace", () => {
  const ours = { t: 2, b: [1, 2] };
  assert.equal(
    pyfixestLine("indiv+firm", [4, [1, 2]], ours),
    "pyfixest indiv+firm: 4.000 s (1 run after a warm-up); ratio pyfixest / node 2.00x; max relative difference of estimates 0.00e+0",
  );
  // the message of pyfixest 0.60 (estimation/internals/demean_.py)
  const msg = "Demeaning failed after 10000 iterations.";
  assert.equal(
    pyfixestLine("indiv+firm+year", { error: msg }, ours),
    `pyfixest indiv+firm+year: no convergence after 10,000 iterations (pyfixest: ${msg})`,
  );
  assert.equal(
    pyfixestLine("indiv+firm", { error: "MemoryError" }, ours),
    "pyfixest indiv+firm: failed (pyfixest: MemoryError)",
  );
});
