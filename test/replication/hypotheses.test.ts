import { test } from "node:test";
import assert from "node:assert/strict";
import { availableOutcomes, fitSpecs, verdict, verdicts } from "../../lib/replication/hypotheses";
import { readPanel } from "../../lib/panel/read";
import { TABLE2_SPECS } from "../../lib/study";

test("verdict: the four cases of the rule", () => {
  assert.equal(verdict(2, 0.01, 1), "supported");
  assert.equal(verdict(2, 0.5, 1), "right sign, not significant");
  assert.equal(verdict(-2, 0.05, 1), "contradicted");
  assert.equal(verdict(-2, 0.5, 1), "wrong sign, not significant");
  assert.equal(verdict(-2, 0.05, -1), "supported");
  assert.equal(verdict(2, 0.09, 1, 0.05), "right sign, not significant");
});

test("on the real panel: Table 2 models fit on a common sample; verdicts are consistent", () => {
  const panel = readPanel();
  const outs = availableOutcomes(panel);
  assert.ok(outs.includes("huawei_stance") && !outs.includes("policy_gdelt"));
  const { sample, models } = fitSpecs(panel, TABLE2_SPECS, "huawei_stance");
  assert.equal(models.length, 7);
  for (const m of models) assert.equal(m.fit.nobs, sample.n);
  const v = verdicts(models);
  assert.equal(v.length, 12); // focal terms: 1+1+1+2+2+2+3
  // huawei_stance runs opposite to Policy, so every predicted sign flips to "−"
  assert.ok(v.every((r) => r.predicted === "−"));
  const m7asym = models[6].fit.coefficients.find((c) => c.term === "asym")!;
  assert.equal(
    v.find((r) => r.model === "(7)" && r.variable === "asym")!.estimate,
    m7asym.estimate,
  );
});
