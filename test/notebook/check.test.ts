import { test } from "node:test";
import assert from "node:assert/strict";
import {
  check,
  checkRange,
  ClaimError,
  claimNote,
  found,
  STRICT_CHECKS_ENV,
  strictChecks,
} from "../../lib/notebook/check";
import { captureDisplays } from "../helpers/displaySink";

/** Run `fn` with ALLIANCE_STRICT_CHECKS set to `value` (undefined: unset), restoring it afterwards. */
function withStrict<T>(value: string | undefined, fn: () => T): T {
  const before = process.env[STRICT_CHECKS_ENV];
  if (value === undefined) Reflect.deleteProperty(process.env, STRICT_CHECKS_ENV);
  else process.env[STRICT_CHECKS_ENV] = value;
  try {
    return fn();
  } finally {
    if (before === undefined) Reflect.deleteProperty(process.env, STRICT_CHECKS_ENV);
    else process.env[STRICT_CHECKS_ENV] = before;
  }
}

test("strict (ALLIANCE_STRICT_CHECKS=1): check is silent when the claim holds, throws ClaimError naming it when not", () => {
  withStrict("1", () => {
    assert.equal(strictChecks(), true);
    assert.deepEqual(
      captureDisplays(() => check(1 + 1 === 2, "arithmetic")),
      [],
    );
    assert.throws(
      () => check(false, "two is below one"),
      (e: unknown) =>
        e instanceof ClaimError && e.message === "claim no longer true: two is below one",
    );
  });
});

test("a student's kernel (switch unset or not 1): a failed check shows the note and returns", () => {
  for (const v of [undefined, "0", ""]) {
    withStrict(v, () => {
      assert.equal(strictChecks(), false);
      assert.deepEqual(
        captureDisplays(() => check(true, "holds")),
        [],
        "nothing shown when the claim holds",
      );
      let after = false;
      const shown = captureDisplays(() => {
        check(false, "two is below one");
        after = true;
      });
      assert.equal(after, true, "the cell goes on");
      assert.equal(shown.length, 1);
      assert.equal(
        shown[0]["text/plain"],
        "⚠ this no longer matches the text above: two is below one",
      );
      assert.match(
        String(shown[0]["text/html"]),
        /this no longer matches the text above: two is below one/,
      );
    });
  }
  assert.equal(claimNote("a < b"), "this no longer matches the text above: a < b");
  withStrict(undefined, () => {
    const shown = captureDisplays(() => check(false, "x < 1 & y > 2"));
    assert.match(
      String(shown[0]["text/html"]),
      /x &lt; 1 &amp; y &gt; 2/,
      "the claim is escaped in HTML",
    );
  });
});

test("checkRange: bounds inclusive, NaN fails, message shows the value (both modes)", () => {
  withStrict("1", () => {
    assert.doesNotThrow(() => checkRange(0.05, 0.05, 0.06, "edge"));
    assert.throws(() => checkRange(Number.NaN, 0, 1, "nan"), /nan \(value NaN/);
    assert.throws(
      () => checkRange(0.2, 0, 0.1, "size"),
      /size \(value 0.2, expected in \[0, 0.1\]\)/,
    );
  });
  withStrict(undefined, () => {
    const shown = captureDisplays(() => checkRange(0.2, 0, 0.1, "size"));
    assert.equal(
      shown[0]["text/plain"],
      "⚠ this no longer matches the text above: size (value 0.2, expected in [0, 0.1])",
    );
  });
});

test('found: returns the value (0 and "" included), throws ClaimError naming what is missing, in both modes', () => {
  for (const v of ["1", undefined]) {
    withStrict(v, () => {
      assert.equal(
        found(
          [1, 2, 3].find((x) => x === 2),
          "a 2",
        ),
        2,
      );
      assert.equal(found(0, "zero"), 0);
      assert.equal(found("", "empty string"), "");
      assert.throws(
        () =>
          found(
            [1].find((x) => x === 5),
            "a row for asym",
          ),
        /claim no longer true: a row for asym exists/,
      );
      assert.throws(() => found(null, "x"), ClaimError);
    });
  }
});
