/** MIME bundles for notebook output: the sink, the plain-text fallback, the kernel check. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { displayBundle, inKernel, setDisplaySink } from "../lib/display";
import { captureDisplays } from "./helpers/displaySink";

/** Run `fn` with console.log captured. */
function captureLog(fn: () => void): unknown[][] {
  const calls: unknown[][] = [];
  const orig = console.log;
  console.log = (...a: unknown[]) => void calls.push(a);
  try {
    fn();
  } finally {
    console.log = orig;
  }
  return calls;
}

test("not inside a tslab kernel under node --test", () => {
  assert.equal(inKernel(), false);
});

test("the sink receives each bundle as given, in order", () => {
  const plot = { data: [{ x: [1, 2], y: [3, 4] }], layout: {} };
  const got = captureDisplays(() => {
    displayBundle({
      "application/vnd.plotly.v1+json": plot,
      "text/html": "<div>p</div>",
      "text/plain": "chart",
    });
    displayBundle({ "text/plain": "second" });
  });
  assert.equal(got.length, 2);
  assert.deepEqual(got[0], {
    "application/vnd.plotly.v1+json": plot,
    "text/html": "<div>p</div>",
    "text/plain": "chart",
  });
  assert.equal(got[0]["application/vnd.plotly.v1+json"], plot); // the same object, not a copy
  assert.deepEqual(got[1], { "text/plain": "second" });
});

test("without a sink (outside a kernel) the text/plain part is printed; a bundle without one prints nothing", () => {
  setDisplaySink(undefined);
  const calls = captureLog(() => {
    displayBundle({ "text/html": "<b>x</b>", "text/plain": "x as text" });
    displayBundle({ "text/html": "<p>only html</p>" });
    displayBundle({ "text/plain": { not: "a string" } });
    displayBundle({ "text/markdown": "m", "text/plain": "m" });
  });
  assert.deepEqual(calls, [["x as text"], ["m"]]);
  // after restoring, a newly set sink again gets everything and nothing is printed
  const again = captureLog(() =>
    assert.equal(captureDisplays(() => displayBundle({ "text/plain": "z" })).length, 1),
  );
  assert.deepEqual(again, []);
});
