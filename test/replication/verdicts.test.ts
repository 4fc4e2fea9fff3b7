import { test } from "node:test";
import assert from "node:assert/strict";
import { readPanel } from "../../lib/panel/read";
import { fitSpecs, verdicts } from "../../lib/replication/hypotheses";
import { TABLE2_SPECS, TABLE3_SPECS } from "../../lib/study";
import { wildClusterBootstrap } from "../../lib/estimate/wildBootstrap";
import {
  tally,
  verdictsByMethod,
  verdictSummary,
  type MethodVerdictRow,
} from "../../lib/replication/verdicts";

test("verdictsByMethod: the clustered-t verdicts are hypotheses.verdicts(); the bootstrap p is wildClusterBootstrap's with the same seed", () => {
  const panel = readPanel();
  const rows = verdictsByMethod(panel, { outcomes: ["huawei_stance"], B: 199, seed: "t" });
  const ref = [
    ...verdicts(fitSpecs(panel, TABLE2_SPECS, "huawei_stance").models),
    ...verdicts(fitSpecs(panel, TABLE3_SPECS, "huawei_stance").models),
  ];
  assert.equal(rows.length, ref.length);
  rows.forEach((r, i) => {
    assert.equal(r.model, ref[i].model);
    assert.equal(r.variable, ref[i].variable);
    assert.equal(r.verdict_cluster, ref[i].verdict);
    assert.equal(r.p_cluster, ref[i].p_value);
  });
  const m7 = fitSpecs(panel, TABLE2_SPECS, "huawei_stance").models[6];
  const direct = wildClusterBootstrap(m7.fit, {
    term: "ICTtrade",
    B: 199,
    weights: "webb",
    seed: "t|huawei_stance|(7)|ICTtrade",
    ci: false,
  });
  const row = rows.find((r) => r.model === "(7)" && r.variable === "ICTtrade");
  assert.ok(row);
  assert.equal(row.p_wild, direct.p_value);
  assert.deepEqual(
    rows.map((r) => r.table).filter((t, i, a) => a.indexOf(t) === i),
    ["Table 2", "Table 3"],
  );
});

test("tally and verdictSummary count by hand", () => {
  const base = {
    table: "Table 2",
    model: "(1)",
    outcome: "s_china",
    variable: "asym",
    predicted: "+",
    estimate: 1,
    p_wild: 0,
    p_cluster: 0,
    B: 99,
  } as const;
  const rows: MethodVerdictRow[] = [
    { ...base, hypothesis: "H1", verdict_wild: "supported", verdict_cluster: "supported" },
    {
      ...base,
      hypothesis: "H1",
      verdict_wild: "right sign, not significant",
      verdict_cluster: "supported",
    },
    { ...base, hypothesis: "H3", verdict_wild: "contradicted", verdict_cluster: "contradicted" },
  ];
  assert.deepEqual(tally(rows.slice(0, 2), "wild"), {
    supported: 1,
    contradicted: 0,
    n: 2,
    text: "1 supported, 0 contradicted of 2",
  });
  assert.equal(tally(rows.slice(0, 2), "cluster").supported, 2);
  const s = verdictSummary(rows);
  assert.equal(s.length, 3); // H1, H2, H3 × one outcome
  assert.equal(
    s[1]["wild cluster bootstrap (supported by the size study)"],
    "0 supported, 0 contradicted of 0",
  );
  assert.equal(
    s[2]["clustered t (over-rejects on this design)"],
    "0 supported, 1 contradicted of 1",
  );
});

test("withBootstrapStars: p-values are wildClusterBootstrap's, estimates, SEs and the design unchanged, a note says so", async () => {
  const { withBootstrapStars } = await import("../../lib/replication/verdicts");
  const { etable } = await import("../../lib/report/etable");
  const m7 = fitSpecs(readPanel(), TABLE2_SPECS, "huawei_stance").models[6].fit;
  const b = withBootstrapStars(m7, { B: 199, seed: "s" });
  for (const [i, c] of b.coefficients.entries()) {
    assert.equal(c.estimate, m7.coefficients[i].estimate);
    assert.equal(c.std_error, m7.coefficients[i].std_error);
    const ref = wildClusterBootstrap(m7, {
      term: c.term,
      B: 199,
      weights: "webb",
      seed: `s|${c.term}`,
      ci: false,
    });
    assert.equal(c.p_value, ref.p_value);
  }
  assert.equal(b.design, m7.design);
  assert.equal(m7.warnings.length + 1, b.warnings.length);
  assert.match(b.warnings[b.warnings.length - 1], /stars: wild cluster bootstrap p .*B = 199/);
  assert.match(etable([b]), /wild cluster bootstrap/);
});
