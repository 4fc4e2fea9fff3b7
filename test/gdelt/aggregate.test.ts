import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readPolicyCsv, policyCsvText } from "../../lib/gdelt/aggregate";

const withFile = (text: string, fn: (f: string) => void) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "agg-"));
  const f = path.join(d, "bq.csv");
  fs.writeFileSync(f, text);
  try {
    fn(f);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
};
const H = "iso3,year,n_events,mean_goldstein,mean_mentions,policy\n";

test("a BigQuery-style export is read, checked against Eq. 1 and sorted in the paper's ally order", () => {
  // JPN 2018: (1 + 0.1) * log2(3 + 1) = 2.2 ; GBR 2019: (-0.1 + 0.1) * log2(8) = 0
  withFile(H + "JPN,2018,4,1,3,2.2000000000000002\nGBR,2019,1,-0.1,7,0\n", (f) => {
    const r = readPolicyCsv(f);
    assert.deepEqual(r.rows.map((x) => [x.iso3, x.year, x.n_events, x.policy]), [["GBR", 2019, 1, 0], ["JPN", 2018, 4, 2.2]]);
    assert.equal(policyCsvText(r.rows), H + "GBR,2019,1,-0.1,7,0\nJPN,2018,4,1,3,2.2\n");
  });
});

test("a wrong policy value, an unknown country, a duplicate ally-year are errors naming the row", () => {
  withFile(H + "JPN,2018,4,1,3,2.3\n", (f) => assert.throws(() => readPolicyCsv(f), /row 2, column "policy"\): policy 2\.3 is not/));
  withFile(H + "USA,2018,4,1,3,2.2\n", (f) => assert.throws(() => readPolicyCsv(f), /"USA" is not one of the 26 allies/));
  withFile(H + "JPN,2018,4,1,3,2.2\nJPN,2018,4,1,3,2.2\n", (f) => assert.throws(() => readPolicyCsv(f), /duplicate key \(JPN 2018\)/));
  withFile("iso3,year,n\n", (f) => assert.throws(() => readPolicyCsv(f), /missing required column "n_events"/));
});
