import { test } from "node:test";
import assert from "node:assert/strict";
import {
  feols,
  showEtable,
  etable,
  LABELS,
  CONTROLS,
  setDefaults,
  getDefaults,
  resetDefaults,
} from "../lib/fixest";
import { captureDisplays } from "./helpers/displaySink";

test("showEtable sends one bundle: the HTML table and the plain-text table as fallback", () => {
  const data = {
    g: ["a", "a", "b", "b", "c", "c"],
    x: [1, 2, 3, 5, 2, 4],
    y: [1.5, 2.1, 3.9, 6.2, 2.0, 4.4],
  };
  const m = feols("y ~ x | g", data, { cluster: "g" });
  const got = captureDisplays(() => showEtable([m], { dict: LABELS }));
  assert.equal(got.length, 1);
  assert.equal(got[0]["text/html"], etable([m], { dict: LABELS, format: "html" }));
  assert.equal(got[0]["text/plain"], etable([m], { dict: LABELS }));
  assert.equal(CONTROLS.length, 7);
});

/** A small balanced panel (3 units x 4 years) with a lag-able x and the study's control names. */
function smallPanel(): Record<string, (string | number)[]> {
  const iso3 = ["AAA", "AAA", "AAA", "AAA", "BBB", "BBB", "BBB", "BBB", "CCC", "CCC", "CCC", "CCC"];
  const year = [2016, 2017, 2018, 2019, 2016, 2017, 2018, 2019, 2016, 2017, 2018, 2019];
  const x = [1, 3, 2, 5, 2, 2, 4, 3, 0, 1, 3, 2];
  const y = [1.2, 3.1, 2.4, 5.5, 2.2, 1.9, 4.6, 3.1, 0.3, 0.8, 3.3, 2.6];
  const c = [0.5, 0.1, 0.9, 0.4, 0.3, 0.8, 0.2, 0.6, 0.7, 0.5, 0.1, 0.9];
  const out: Record<string, (string | number)[]> = { iso3, year, x, y };
  CONTROLS.forEach(
    (name, k) => (out[name] = c.map((v, i) => v * (k + 1) + ((i * (k + 3)) % 5) / 10)),
  );
  return out;
}

test("the front door binds the study: l(x, 1) lags within iso3 over year, ..controls expands to CONTROLS", () => {
  const d = smallPanel();
  const lagged = feols("y ~ l(x, 1) | iso3 + year", d);
  assert.equal(lagged.nobs, 9, "the first year of each country has no lag");
  assert.deepEqual(lagged.dropped, { "missing l(x, 1)": 3 });
  const m = feols("y ~ x + ..controls", d);
  // every control is in the model (kept, or named as collinear on these 12 rows)
  assert.deepEqual(
    [...m.terms, ...m.collinear.map((c) => c.term)].sort(),
    ["x", ...CONTROLS].sort(),
  );
});

test("setDefaults: set once, explicit options win, reset clears (fixest's setFixest_estimation)", () => {
  const d = smallPanel();
  resetDefaults();
  const iid = feols("y ~ x | iso3 + year", d);
  assert.equal(iid.vcovInfo.type, "iid");
  setDefaults({ cluster: "iso3", constant: "stata" });
  assert.deepEqual(getDefaults(), { cluster: "iso3", constant: "stata" });
  const cl = feols("y ~ x | iso3 + year", d);
  const explicit = feols("y ~ x | iso3 + year", d, { cluster: "iso3", constant: "stata" });
  assert.equal(cl.vcovInfo.type, "cluster");
  assert.equal(cl.nclusters, 3);
  assert.deepEqual(cl.coefficients, explicit.coefficients);
  assert.deepEqual(cl.constant, explicit.constant);
  assert.ok(cl.constant, 'the default constant: "stata" reports xtreg\'s constant');
  // an explicit option overrides the default for that call only
  assert.equal(feols("y ~ x | iso3 + year", d, { vcov: "hetero" }).vcovInfo.type, "hc1");
  assert.equal(feols("y ~ x | iso3 + year", d, { cluster: undefined }).vcovInfo.type, "iid");
  assert.equal(
    feols("y ~ x | iso3 + year", d).vcovInfo.type,
    "cluster",
    "the default is still in force",
  );
  // a second call updates only what it names; reset: true starts afresh
  setDefaults({ ssc: "fixest" });
  assert.deepEqual(getDefaults(), { cluster: "iso3", constant: "stata", ssc: "fixest" });
  setDefaults({ ssc: "fixest" }, { reset: true });
  assert.deepEqual(getDefaults(), { ssc: "fixest" });
  resetDefaults();
  assert.deepEqual(getDefaults(), {});
  assert.deepEqual(feols("y ~ x | iso3 + year", d).coefficients, iid.coefficients);
  assert.equal(feols("y ~ x | iso3 + year", d).vcovInfo.type, "iid");
});
