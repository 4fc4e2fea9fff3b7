/** lib/replication/published.ts: the transcribed tables are internally consistent. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { TABLE1, TABLE2, TABLE3 } from "../../lib/replication/published";

test("published stars agree with the published coefficient/SE ratio (t with about 25 df)", () => {
  // |b/se| thresholds of t(25): 1.708 (10%), 2.060 (5%), 2.787 (1%); a printed star pattern that contradicts
  // the printed numbers would show up here. Rows near a threshold are allowed one level of slack.
  const level = (t: number) => (t > 2.787 ? 3 : t > 2.06 ? 2 : t > 1.708 ? 1 : 0);
  let exact = 0,
    total = 0;
  for (const table of [TABLE2, TABLE3]) {
    for (const model of Object.values(table)) {
      for (const c of Object.values(model)) {
        const l = level(Math.abs(c.estimate / c.se));
        total++;
        if (l === c.stars) exact++;
        assert.ok(
          Math.abs(l - c.stars) <= 1,
          `${c.estimate} (${c.se}) printed with ${c.stars} stars`,
        );
      }
    }
  }
  assert.ok(exact / total > 0.9, `${exact} of ${total} star patterns match exactly`);
});

test("Table 1 transcription: 14 rows, each with min <= mean <= max and sd > 0", () => {
  assert.equal(Object.keys(TABLE1).length, 14);
  for (const s of Object.values(TABLE1)) assert.ok(s.min <= s.mean && s.mean <= s.max && s.sd > 0);
});
