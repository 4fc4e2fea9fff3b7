import { test } from "node:test";
import assert from "node:assert/strict";
import { sampleEventAggregates } from "../../lib/gdelt/samples";

test("real slices: per ally-year aggregates under each keyword rule", () => {
  const sub = sampleEventAggregates({ rule: "substring" });
  // JPN 2018 (six events, one nationmultimedia.com/detail/ URL), GBR 2018 (chinadaily), AUS 2017 (malaysia-airlines)
  assert.deepEqual(
    sub.rows.map((r) => [r.iso3, r.year, r.n_events]),
    [
      ["GBR", 2018, 1],
      ["AUS", 2017, 1],
      ["JPN", 2018, 6],
    ],
  );
  const gbr = sub.rows[0];
  assert.equal(gbr.mean_goldstein, 7);
  assert.equal(gbr.mean_mentions, 1);
  assert.ok(Math.abs(gbr.policy - 7.1) < 1e-12); // (7 + 0.1) * log2(2)
  const aus = sub.rows[1];
  assert.ok(Math.abs(aus.policy - -1.9 * Math.log2(3)) < 1e-12);
  assert.equal(sampleEventAggregates({ rule: "token" }).rows.length, 0);
  const none = sampleEventAggregates({ rule: "none" });
  assert.equal(
    none.rows.reduce((s, r) => s + r.n_events, 0),
    32,
  );
  assert.equal(none.rows.length, 14);
  // why the 8 substring hits pass: every one is "ai" inside a longer word
  const m = sub.matches.objects() as { substring_hits: string; token_hits: string }[];
  assert.equal(m.length, 32);
  assert.equal(m.filter((x) => x.substring_hits !== "").length, 8);
  assert.ok(m.every((x) => x.substring_hits === "" || x.substring_hits === "ai"));
  assert.ok(m.every((x) => x.token_hits === ""));
  assert.equal(sub.report.rowsKept, 10062);
});
