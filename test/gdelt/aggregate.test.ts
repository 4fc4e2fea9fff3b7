import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  readPolicyCsv,
  policyCsvText,
  aggregateInput,
  writePolicyCsv,
} from "../../lib/gdelt/aggregate";
import { readSidecar } from "../helpers/json";

const withFile = (text: string | Buffer, fn: (f: string) => void) => {
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
    assert.deepEqual(
      r.rows.map((x) => [x.iso3, x.year, x.n_events, x.policy]),
      [
        ["GBR", 2019, 1, 0],
        ["JPN", 2018, 4, 2.2],
      ],
    );
    assert.equal(policyCsvText(r.rows), H + "GBR,2019,1,-0.1,7,0\nJPN,2018,4,1,3,2.2\n");
  });
});

test("a wrong policy value, an unknown country, a duplicate ally-year are errors naming the row", () => {
  withFile(H + "JPN,2018,4,1,3,2.3\n", (f) =>
    assert.throws(() => readPolicyCsv(f), /row 2, column "policy"\): policy 2\.3 is not/),
  );
  withFile(H + "USA,2018,4,1,3,2.2\n", (f) =>
    assert.throws(() => readPolicyCsv(f), /"USA" is not one of the 26 allies/),
  );
  withFile(H + "JPN,2018,4,1,3,2.2\nJPN,2018,4,1,3,2.2\n", (f) =>
    assert.throws(() => readPolicyCsv(f), /duplicate key \(JPN 2018\)/),
  );
  withFile("iso3,year,n\n", (f) =>
    assert.throws(() => readPolicyCsv(f), /missing required column "n_events"/),
  );
});

test("the coverage columns: written per year, read back, checked, and a short year gives a PARTIAL note", () => {
  const rows = [
    { iso3: "GBR", year: 2018, n_events: 1, mean_goldstein: -0.1, mean_mentions: 7, policy: 0 },
    { iso3: "JPN", year: 2019, n_events: 4, mean_goldstein: 1, mean_mentions: 3, policy: 2.2 },
  ];
  const text = policyCsvText(rows, {
    2018: { days_in_range: 365, days_complete: 365 },
    2019: { days_in_range: 31, days_complete: 30 },
  });
  assert.equal(
    text,
    "iso3,year,n_events,mean_goldstein,mean_mentions,policy,days_in_range,days_complete\nGBR,2018,1,-0.1,7,0,365,365\nJPN,2019,4,1,3,2.2,31,30\n",
  );
  withFile(text, (f) => {
    const r = readPolicyCsv(f);
    assert.equal(r.partial, true);
    assert.deepEqual(r.byYear, {
      2018: { days_in_range: 365, days_complete: 365 },
      2019: { days_in_range: 31, days_complete: 30 },
    });
    assert.deepEqual(r.report.notes, [
      "PARTIAL aggregate: daily files missing in 2019 (30 of 31 days)",
    ]);
  });
  const C = "iso3,year,n_events,mean_goldstein,mean_mentions,policy,days_in_range,days_complete\n";
  withFile(C + "JPN,2018,4,1,3,2.2,31,32\n", (f) =>
    assert.throws(
      () => readPolicyCsv(f),
      /\(row 2, column "days_complete"\): days_complete 32 and days_in_range 31 must be whole numbers with 0 <= days_complete <= days_in_range <= 366/,
    ),
  );
  withFile(C + "JPN,2018,4,1,3,2.2,31,30\nGBR,2018,1,-0.1,7,0,31,31\n", (f) =>
    assert.throws(
      () => readPolicyCsv(f),
      /\(row 3, column "days_complete"\): year 2018 has days_complete\/days_in_range 31\/31 here but 30\/31 on an earlier row/,
    ),
  );
  withFile(H + "JPN,2018,4,1,3,2.2\n", (f) => assert.equal(readPolicyCsv(f).partial, false));
  assert.throws(
    () => policyCsvText(rows, { 2018: { days_in_range: 1, days_complete: 1 } }),
    /no coverage for year 2019/,
  );
});

test("with --from/--to, a BigQuery export's years must lie in the range's years", () => {
  withFile(H + "JPN,2018,4,1,3,2.2\nGBR,2019,1,-0.1,7,0\n", (f) => {
    assert.equal(aggregateInput(f, { from: "2018-01-01", to: "2019-12-31" }).rows.length, 2);
    assert.throws(
      () => aggregateInput(f, { from: "2018-01-01", to: "2018-12-31" }),
      /\(row 3, column "year"\): year 2019 is outside 2018\.\.2018, the years of --from\/--to/,
    );
    assert.throws(
      () => aggregateInput(f, { from: "2018-01-01" }),
      /give both --from and --to, or neither/,
    );
  });
});

// Issue 19: impossible means and invalid UTF-8 in a BigQuery export are refused.
test("readPolicyCsv refuses impossible means (Goldstein outside [-10, 10], mentions < 1 or absurd) and invalid UTF-8", () => {
  const row = (g: number, m: number) => `JPN,2018,4,${g},${m},${(g + 0.1) * Math.log2(m + 1)}\n`;
  withFile(H + row(50, 3), (f) =>
    assert.throws(
      () => readPolicyCsv(f),
      /row 2, column "mean_goldstein"\): mean_goldstein 50 is outside \[-10, 10\]/,
    ),
  );
  withFile(H + row(1, -0.5), (f) =>
    assert.throws(
      () => readPolicyCsv(f),
      /row 2, column "mean_mentions"\): mean_mentions -0\.5 is below 1/,
    ),
  );
  withFile(H + row(1, 1e308), (f) =>
    assert.throws(() => readPolicyCsv(f), /mean_mentions 1e\+308 is absurd/),
  );
  withFile(H + row(-10, 1), (f) => assert.equal(readPolicyCsv(f).rows.length, 1));
  const bad = Buffer.concat([
    Buffer.from(H + "JPN,2018,4,1,3,2.2\n# note \xff"),
    Buffer.from([0xff, 0x0a]),
  ]);
  withFile(bad, (f) =>
    assert.throws(() => readPolicyCsv(f), /\(row 3\): invalid UTF-8 \(bytes 0xFF 0x0A\)/),
  );
});

test("writePolicyCsv: plain CSV plus its CSVW sidecar; readPolicyCsv reads the sidecar's notes back", () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "agg-"));
  try {
    const f = path.join(d, "policy_gdelt.csv");
    const rows = [
      { iso3: "GBR", year: 2018, n_events: 1, mean_goldstein: -0.1, mean_mentions: 7, policy: 0 },
    ];
    const written = writePolicyCsv(
      rows,
      f,
      undefined,
      ["1 of 1 days complete", "dropped 2 row(s): x"],
      "alliance gdelt aggregate --in IN",
    );
    assert.deepEqual(written, [f, `${f}-metadata.json`]);
    assert.equal(fs.readFileSync(f, "utf8"), H + "GBR,2018,1,-0.1,7,0\n");
    const side = readSidecar(`${f}-metadata.json`);
    assert.equal(side["@context"], "http://www.w3.org/ns/csvw");
    assert.equal(side.url, "policy_gdelt.csv");
    assert.deepEqual(side["dc:description"], ["1 of 1 days complete", "dropped 2 row(s): x"]);
    assert.equal(side["dc:source"], "alliance gdelt aggregate --in IN");
    assert.deepEqual(
      side.tableSchema.columns.map((c) => `${c.name}:${c.datatype}`),
      [
        "iso3:string",
        "year:integer",
        "n_events:integer",
        "mean_goldstein:number",
        "mean_mentions:number",
        "policy:number",
      ],
    );
    assert.deepEqual(readPolicyCsv(f).report.notes, [
      "note in policy_gdelt.csv: 1 of 1 days complete",
      "note in policy_gdelt.csv: dropped 2 row(s): x",
    ]);
    // a broken sidecar is an error naming it, not silently ignored
    fs.writeFileSync(`${f}-metadata.json`, "{");
    assert.throws(() => readPolicyCsv(f), /policy_gdelt\.csv-metadata\.json: not valid JSON/);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
