/**
 * Writes test/fixtures/oracle/twfeweights_panel.csv: the estimation sample of
 * model (7) on the Huawei stance with the regressors lagged and winsorized
 * but NOT standardized (de Chaisemartin & D'Haultfœuille's weights use the
 * treatment's level, so its zero must be the variable's own), rounded to
 * 10 decimals so that twowayfeweights and the TypeScript test read identical
 * numbers. Used by scripts/oracle/run.sh before twfe_weights_oracle.py.
 *   npx tsx scripts/oracle/exportTwfeWeightsSample.ts [OUT.csv]
 */
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { writeFileAtomic } from "../../lib/io/csvWrite";
import { readPanel } from "../../lib/panel/read";
import { prepareSample } from "../../lib/replication/prepare";
import { regressors, TABLE2_SPECS } from "../../lib/study";

const out =
  process.argv[2] ?? path.join(REPO_ROOT, "test", "fixtures", "oracle", "twfeweights_panel.csv");
const s = prepareSample(readPanel(), { outcome: "huawei_stance", standardize: false });
const columns = ["iso3", "year", "huawei_stance", ...regressors(TABLE2_SPECS[6])];
const r10 = (v: number) => String(Math.round(v * 1e10) / 1e10);
const lines = [columns.join(",")];
for (let i = 0; i < s.n; i++) {
  lines.push(
    columns
      .map((c) => (c === "iso3" ? s.data.iso3[i] : r10((s.data[c] as ArrayLike<number>)[i])))
      .join(","),
  );
}
writeFileAtomic(out, lines.join("\n") + "\n");
console.log(`wrote ${out}: ${s.n} rows`);
