/**
 * The SYNTHETIC balanced panel of the oracle fixtures (30 units × 8 periods,
 * simulated by scripts/oracle/fe_oracle.R; test/fixtures/oracle/README.md),
 * and the two-way FE fit on it that the bootstrap tests share.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feols, type FeolsResult } from "../../lib/estimate/feols";

/** Columns unit, time, y, x1, x2, x3 of test/fixtures/oracle/balanced.json. */
export const balancedData: Record<string, number[]> = (
  JSON.parse(
    readFileSync(join(__dirname, "..", "fixtures", "oracle", "balanced.json"), "utf8"),
  ) as { data: Record<string, number[]> }
).data;

/** y ~ x1 + x2 + x3 | unit + time, clustered by unit with Stata's small-sample factor. */
export function balancedClusteredFit(): FeolsResult {
  return feols({
    data: balancedData,
    y: "y",
    x: ["x1", "x2", "x3"],
    fe: ["unit", "time"],
    cluster: "unit",
    ssc: "stata",
  });
}
