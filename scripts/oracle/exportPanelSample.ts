/**
 * Writes the estimation sample of the paper's model (7) on the project's own
 * panel (data/panel.csv, outcome huawei_stance; regressors lagged, winsorized
 * and standardized by lib/replication/prepare.ts), rounded to 10 decimals so
 * that R and the TypeScript test read identical numbers. Used by run.sh to
 * make the real-panel oracle fixture (test/fixtures/oracle/panel_huawei.json).
 *   npx tsx scripts/oracle/exportPanelSample.ts OUT.csv
 */
import * as fs from "node:fs";
import { readPanel } from "../../lib/panel/read";
import { prepareSample } from "../../lib/replication/prepare";
import { regressors, TABLE2_SPECS } from "../../lib/study";

const out = process.argv[2];
if (!out) throw new Error("usage: exportPanelSample.ts OUT.csv");
const p = prepareSample(readPanel(), { outcome: "huawei_stance" });
const cols = ["iso3", "year", "huawei_stance", ...regressors(TABLE2_SPECS[6])];
const r10 = (v: number) => String(Math.round(v * 1e10) / 1e10);
const lines = [cols.join(",")];
for (let i = 0; i < p.n; i++) {
  lines.push(
    cols
      .map((c) => (c === "iso3" ? p.data.iso3[i] : r10((p.data[c] as ArrayLike<number>)[i])))
      .join(","),
  );
}
fs.writeFileSync(out, lines.join("\n") + "\n");
console.log(`wrote ${out}: ${p.n} rows`);
