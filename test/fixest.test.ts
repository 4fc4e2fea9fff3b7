import { test } from "node:test";
import assert from "node:assert/strict";
import { feols, showEtable, etable, LABELS, CONTROLS } from "../lib/fixest";
import { captureDisplays } from "./helpers/displaySink";

test("showEtable sends one bundle: the HTML table and the plain-text table as fallback", () => {
  const data = { g: ["a", "a", "b", "b", "c", "c"], x: [1, 2, 3, 5, 2, 4], y: [1.5, 2.1, 3.9, 6.2, 2.0, 4.4] };
  const m = feols("y ~ x | g", data, { cluster: "g" });
  const got = captureDisplays(() => showEtable([m], { dict: LABELS }));
  assert.equal(got.length, 1);
  assert.equal(got[0]["text/html"], etable([m], { dict: LABELS, format: "html" }));
  assert.equal(got[0]["text/plain"], etable([m], { dict: LABELS }));
  assert.equal(CONTROLS.length, 7);
});
