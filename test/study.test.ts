/**
 * lib/study.ts: the definitions agree with each other and with the paper's
 * printed tables (lib/replication/published.ts, transcribed from Li & Gu 2022).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CONTROLS,
  FE,
  LAG,
  LABELS,
  MACROS,
  OUTCOME_YEARS,
  PANEL_SESSIONS,
  PANEL_YEARS,
  REGRESSOR_YEARS,
  TABLE2_FOCAL,
  TABLE3_FOCAL,
  UN_SESSION_OFFSET,
  formulaOf,
  table2Formulas,
  TABLE2_SPECS,
  TABLE3_SPECS,
  regressors,
  PREDICTED_SIGN,
  OUTCOMES,
  OUTCOME_DIRECTION,
  OUTCOME_LABEL,
  ALL_REGRESSORS,
} from "../lib/study";
import { parseFormula, termName } from "../lib/estimate/formula";
import { TABLE2, TABLE3 } from "../lib/replication/published";
import { SSC_NAMES, VCOV_TYPES } from "../lib/estimate/vcov";
import { DEFAULT_SSC, DEFAULT_VCOV } from "../lib/study";

test("years: regressors = outcomes − lag, all inside the panel years; UNGA session 71 opened in 2016", () => {
  assert.deepEqual(
    REGRESSOR_YEARS,
    OUTCOME_YEARS.map((y) => y - LAG),
  );
  assert.deepEqual([...REGRESSOR_YEARS], [2016, 2017, 2018, 2019]);
  for (const y of [...REGRESSOR_YEARS, ...OUTCOME_YEARS])
    assert.ok(PANEL_YEARS.includes(y), String(y));
  // The 71st session of the UN General Assembly opened on 13 September 2016.
  assert.equal(71 + UN_SESSION_OFFSET, 2016);
  assert.deepEqual([...PANEL_SESSIONS], [70, 71, 72, 73, 74, 75]);
});

test("each model's focal regressors + controls are exactly the terms the paper prints for it", () => {
  for (const [focal, published] of [
    [TABLE2_FOCAL, TABLE2],
    [TABLE3_FOCAL, TABLE3],
  ] as const) {
    assert.deepEqual(Object.keys(focal), Object.keys(published));
    for (const [name, f] of Object.entries(focal)) {
      const printed = Object.keys(published[name])
        .filter((t) => t !== "(Intercept)")
        .sort();
      assert.deepEqual([...f, ...CONTROLS].sort(), printed, name);
    }
  }
});

test("formulas parse to focal + controls | iso3 + year; every term has a label", () => {
  const f = parseFormula(formulaOf("(7)", "huawei_stance"), { macros: MACROS });
  assert.equal(f.y, "huawei_stance");
  assert.deepEqual(f.terms.map(termName), ["asym", "ideal", "ICTtrade", ...CONTROLS]);
  assert.deepEqual(f.fe, [...FE]);
  assert.equal(Object.keys(table2Formulas("y")).length, 7);
  for (const t of [
    ...Object.values(TABLE2_FOCAL).flat(),
    ...Object.values(TABLE3_FOCAL).flat(),
    ...CONTROLS,
    ...FE,
  ])
    assert.ok(LABELS[t], t);
  assert.throws(() => formulaOf("(12)", "y"), /no model \(12\)/);
});

test("each model's regressors are its focal variables then the seven controls", () => {
  assert.deepEqual(regressors(TABLE2_SPECS[3]), [
    "asym",
    "ideal",
    "exchange",
    "ID_us",
    "ID_ch",
    "ED_us",
    "ED_ch",
    "GD_us",
    "ICTtrade_us",
  ]);
  assert.equal(CONTROLS.length, 7);
});

test("the specifications and the transcribed published tables name the same terms, model by model", () => {
  for (const [specs, table] of [
    [TABLE2_SPECS, TABLE2],
    [TABLE3_SPECS, TABLE3],
  ] as const) {
    assert.deepEqual(
      specs.map((s) => s.name),
      Object.keys(table),
    );
    for (const s of specs)
      assert.deepEqual(
        Object.keys(table[s.name]).sort(),
        [...regressors(s), "(Intercept)"].sort(),
        s.name,
      );
  }
});

test("predicted signs: H1 and H2 positive on Policy, the S score (a similarity) negative; each outcome has a direction and a label", () => {
  assert.deepEqual(PREDICTED_SIGN.UNvotes_s, { hypothesis: "H2", sign: -1 });
  assert.deepEqual(PREDICTED_SIGN.asym, { hypothesis: "H1", sign: 1 });
  for (const v of Object.keys(PREDICTED_SIGN)) assert.ok(ALL_REGRESSORS.includes(v), v);
  // huawei_stance: higher = more restrictive toward Huawei, the reverse of Policy; ideal_china: a distance to China.
  assert.deepEqual(
    OUTCOMES.map((o) => OUTCOME_DIRECTION[o]),
    [1, -1, 1, -1],
  );
  for (const o of OUTCOMES) assert.equal(OUTCOME_LABEL[o], LABELS[o]);
});

test("the default vcov and small-sample convention are names the engine knows", () => {
  assert.ok(VCOV_TYPES.includes(DEFAULT_VCOV), DEFAULT_VCOV);
  assert.ok(SSC_NAMES.includes(DEFAULT_SSC), DEFAULT_SSC);
  assert.deepEqual([DEFAULT_VCOV, DEFAULT_SSC], ["cluster", "stata"]);
});
