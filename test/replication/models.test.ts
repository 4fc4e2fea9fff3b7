import { test } from "node:test";
import assert from "node:assert/strict";
import { TABLE2_SPECS, TABLE3_SPECS, regressors, CONTROLS, PREDICTED_SIGN } from "../../lib/replication/models";
import { TABLE1, TABLE2, TABLE3 } from "../../lib/replication/published";

test("each model's regressors are its focal variables then the seven controls", () => {
  assert.deepEqual(regressors(TABLE2_SPECS[3]), ["asym", "ideal", "exchange", "ID_us", "ID_ch", "ED_us", "ED_ch", "GD_us", "ICTtrade_us"]);
  assert.equal(CONTROLS.length, 7);
});

test("the specifications and the transcribed published tables name the same terms, model by model", () => {
  for (const [specs, table] of [[TABLE2_SPECS, TABLE2], [TABLE3_SPECS, TABLE3]] as const) {
    assert.deepEqual(specs.map((s) => s.name), Object.keys(table));
    for (const s of specs) assert.deepEqual(Object.keys(table[s.name]).sort(), [...regressors(s), "(Intercept)"].sort(), s.name);
  }
});

test("published stars agree with the published coefficient/SE ratio (t with about 25 df)", () => {
  // |b/se| thresholds of t(25): 1.708 (10%), 2.060 (5%), 2.787 (1%); a printed star pattern that contradicts
  // the printed numbers would show up here. Rows near a threshold are allowed one level of slack.
  const level = (t: number) => (t > 2.787 ? 3 : t > 2.06 ? 2 : t > 1.708 ? 1 : 0);
  let exact = 0, total = 0;
  for (const table of [TABLE2, TABLE3]) {
    for (const model of Object.values(table)) {
      for (const c of Object.values(model)) {
        const l = level(Math.abs(c.estimate / c.se));
        total++;
        if (l === c.stars) exact++;
        assert.ok(Math.abs(l - c.stars) <= 1, `${c.estimate} (${c.se}) printed with ${c.stars} stars`);
      }
    }
  }
  assert.ok(exact / total > 0.9, `${exact} of ${total} star patterns match exactly`);
});

test("Table 1 transcription and predicted signs", () => {
  assert.equal(Object.keys(TABLE1).length, 14);
  for (const s of Object.values(TABLE1)) assert.ok(s.min <= s.mean && s.mean <= s.max && s.sd > 0);
  assert.deepEqual(PREDICTED_SIGN.UNvotes_s, { hypothesis: "H2", sign: -1 });
  assert.deepEqual(PREDICTED_SIGN.asym, { hypothesis: "H1", sign: 1 });
});
