/**
 * scripts/sizeStudyParallel.ts: model (7)'s size study with its scenarios
 * spread over child processes gives, value for value, what `runSizeStudy`
 * computes in one process, and `precomputedAsync` stores it under the same
 * inputs hash, so the notebooks' `precomputed(model7SizeStudySpec())` reads it
 * back. R, B and bootB are lowered through the options (SIZE_STUDY_R is the
 * published 1,000); the rows are real sizes of real replications.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { precomputed, precomputedAsync } from "../../lib/notebook/precomputed";
import {
  model7SizeStudyOptions,
  model7SizeStudySpec,
  runSizeScenario,
  runSizeStudy,
  SIZE_STUDY_SCENARIOS,
} from "../../lib/notebook/sizeStudy";
import { runModel7SizeStudyParallel } from "../../scripts/sizeStudyParallel";

const small = { R: 12, B: 9, bootB: 19 };

test("the scenarios in two processes give runSizeStudy's result; precomputed reads it back", async () => {
  const oneProcess = runSizeStudy(model7SizeStudyOptions(small));
  let last = [0, 0];
  const parallel = await runModel7SizeStudyParallel({
    ...small,
    lanes: 2,
    onProgress: (done, total, lanes) => {
      assert.equal(lanes, 2);
      last = [done, total];
    },
  });
  assert.deepEqual(parallel, oneProcess);
  assert.equal(parallel.scenarios.length, SIZE_STUDY_SCENARIOS);
  assert.deepEqual(last, [SIZE_STUDY_SCENARIOS * small.R, SIZE_STUDY_SCENARIOS * small.R]);
  // every row holds real counts of R replications
  for (const s of parallel.scenarios)
    for (const r of s.rows) {
      assert.equal(r.R, small.R);
      assert.equal(r.size, r.rejections / small.R);
    }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "size-parallel-"));
  try {
    const stored = await precomputedAsync(
      model7SizeStudySpec(small),
      () => Promise.resolve(parallel),
      { dir },
    );
    assert.equal(stored.source, "computed");
    let computed = false;
    const back = precomputed(
      {
        ...model7SizeStudySpec(small),
        compute: () => {
          computed = true;
          return oneProcess;
        },
      },
      { dir },
    );
    assert.equal(back.source, "build");
    assert.equal(computed, false);
    assert.deepEqual(back.value, oneProcess);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("runSizeScenario: one scenario alone equals its place in the full study; a bad index is refused", () => {
  const o = model7SizeStudyOptions({ R: 6, B: 9, bootB: 19 });
  const all = runSizeStudy(o);
  assert.deepEqual(runSizeScenario(o, 2), all.scenarios[2]);
  assert.throws(() => runSizeScenario(o, SIZE_STUDY_SCENARIOS), /no scenario 4 \(0 to 3\)/);
});
