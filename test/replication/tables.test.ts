import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "csv-parse/sync";
import { writeReplicationTables, table1Rows } from "../../lib/replication/tables";
import { feols } from "../../lib/estimate/feols";
import { prepareSample } from "../../lib/replication/prepare";
import { regressors, TABLE2_SPECS, TABLE3_SPECS } from "../../lib/study";
import { readPanel } from "../../lib/panel/read";
import { TABLE2 } from "../../lib/replication/published";
import { readSidecar } from "../helpers/json";

const out = fs.mkdtempSync(path.join(os.tmpdir(), "repl-"));
const files = writeReplicationTables(out);
const read = (f: string) =>
  parse(fs.readFileSync(path.join(out, "results", f), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
const panel = readPanel();

test("results CSVs have the documented columns and a CSVW sidecar; formatted tables exist in three formats", () => {
  const required = [
    "model",
    "term",
    "estimate",
    "std_error",
    "p_value",
    "stars",
    "nobs",
    "outcome",
    "se_type",
    "published_estimate",
    "published_std_error",
    "published_stars",
  ];
  for (const f of ["table2.csv", "table3.csv"])
    assert.deepEqual(Object.keys(read(f)[0]), required, f);
  assert.deepEqual(Object.keys(read("table1.csv")[0]), [
    ...required.filter((c) => !c.includes("stars")),
    "min",
    "max",
    "published_min",
    "published_max",
    "published_row",
  ]);
  for (const f of ["table1.csv", "table2.csv", "table3.csv"]) {
    const side = readSidecar(path.join(out, "results", `${f}-metadata.json`));
    assert.ok(files.includes(path.join(out, "results", `${f}-metadata.json`)));
    assert.equal(side.url, f);
    assert.deepEqual(
      side.tableSchema.columns.map((c) => c.name),
      Object.keys(read(f)[0]),
    );
    assert.ok((side["dc:description"] ?? []).length >= 2);
  }
  for (const ext of ["html", "md", "tex"]) {
    assert.ok(files.includes(path.join(out, "tables", `table1.${ext}`)));
    assert.ok(files.includes(path.join(out, "tables", `table2_huawei_stance.${ext}`)));
  }
});

test("Table 2 rows: every outcome available offline x models (1)-(7) x (slopes + constant); estimates equal a direct fit", () => {
  const t2 = read("table2.csv");
  const outcomes = [...new Set(t2.map((r) => r.outcome))];
  assert.deepEqual(outcomes, ["huawei_stance", "s_china", "ideal_china"]); // policy_gdelt is empty offline
  const perOutcome = TABLE2_SPECS.reduce((a, s) => a + regressors(s).length + 1, 0);
  assert.equal(t2.length, outcomes.length * perOutcome);
  // tables standardize on the panel's levels (fitSpecs default, see fidelity.ts)
  const p = prepareSample(panel, { outcome: "s_china", standardize: "panel" });
  const f = feols({
    data: p.data,
    y: "s_china",
    x: regressors(TABLE2_SPECS[6]),
    fe: ["iso3", "year"],
    cluster: "iso3",
    ssc: "stata",
  });
  const asym = t2.find((r) => r.outcome === "s_china" && r.model === "(7)" && r.term === "asym")!;
  const c = f.coefficients.find((r) => r.term === "asym")!;
  assert.ok(Math.abs(Number(asym.estimate) - c.estimate) < 1e-9 * Math.abs(c.estimate));
  assert.ok(Math.abs(Number(asym.std_error) - c.std_error) < 1e-9 * c.std_error);
  assert.equal(asym.nobs, "104");
  assert.equal(asym.se_type, "cluster(iso3), ssc=stata");
  assert.equal(asym.published_estimate, ""); // published numbers sit only next to the paper's own outcome
  assert.equal(
    asym.stars,
    c.p_value < 0.01 ? "***" : c.p_value < 0.05 ? "**" : c.p_value < 0.1 ? "*" : "",
  );
  assert.ok(
    !fs.existsSync(path.join(out, "tables", "table2_s_china.csv")),
    "no CSV of a formatted table",
  );
  assert.equal(
    read("table3.csv").length,
    3 * TABLE3_SPECS.reduce((a, s) => a + regressors(s).length + 1, 0),
  );
  assert.equal(TABLE2["(7)"].asym.estimate, 5.11);
});

test("Table 1: moments of the pooled-winsorized regressors over 2016-2019 next to the published row they match", () => {
  const t1 = table1Rows(panel, ["huawei_stance"]);
  const s = t1.find((r) => r.term === "UNvotes_s")!;
  const w = prepareSample(panel, {
    outcome: "huawei_stance",
    winsorize: { by: "pooled" },
    standardize: false,
  });
  const x = Array.from(w.data.UNvotes_s as ArrayLike<number>);
  const mean = x.reduce((a, v) => a + v, 0) / x.length;
  assert.equal(s.nobs, 104);
  assert.ok(Math.abs(s.estimate - mean) < 1e-12);
  assert.equal(s.max, Math.max(...x));
  assert.equal(s.published_estimate, 0.096);
  assert.equal(s.published_row, "UNvotes_s");
  const id = t1.find((r) => r.term === "ID_us")!;
  assert.equal(id.published_row, "ID_ch");
  assert.equal(id.published_estimate, 1.652); // the published "ID_ch" mean
  assert.equal(t1.find((r) => r.term === "huawei_stance")!.nobs, 104); // outcome over 2017-2020
});
