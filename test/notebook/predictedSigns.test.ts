import { test } from "node:test";
import assert from "node:assert/strict";
import { predictedSigns } from "../../lib/notebook/predictedSigns";

test("predictedSigns: the paper's signs on Policy, reversed on the Huawei stance (Li & Gu 2022, H1-H3)", () => {
  const policy = predictedSigns("policy_gdelt");
  // H1: more asymmetry -> more cooperative with China; H2: farther from the US -> more cooperative;
  // UNvotes_s is a similarity with the US, so its sign is the opposite of ideal's; H3: more trade -> more cooperative.
  assert.deepEqual(policy, {
    asym: 1,
    gdp: 1,
    ideal: 1,
    UNvotes_s: -1,
    ICTtrade: 1,
    ICTtrade_gdp: 1,
  });
  const huawei = predictedSigns("huawei_stance");
  assert.deepEqual(huawei, {
    asym: -1,
    gdp: -1,
    ideal: -1,
    UNvotes_s: 1,
    ICTtrade: -1,
    ICTtrade_gdp: -1,
  });
  assert.deepEqual(predictedSigns("s_china"), policy);
  assert.deepEqual(predictedSigns("ideal_china"), huawei);
});
