import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { buildPanel, panelCsv, formatNumber } from "../../lib/panel/build";
import { PANEL_COLUMNS, type PanelRow } from "../../lib/panel/schema";
import { loadWdi } from "../../lib/sources/wdi";
import { ALLIES } from "../../lib/countries";

const built = buildPanel();

test("rebuilding from raw gives the committed data/panel.csv byte for byte", () => {
  const committed = fs.readFileSync(path.join(REPO_ROOT, "data", "panel.csv"), "utf8");
  assert.equal(panelCsv(built.rows), committed);
});

test("156 rows: 26 allies x 2015-2020, in registry order", () => {
  assert.equal(built.rows.length, 156);
  assert.deepEqual([...new Set(built.rows.map((r) => r.iso3))], [...ALLIES]);
  assert.deepEqual(
    [...new Set(built.rows.map((r) => r.year))],
    [2015, 2016, 2017, 2018, 2019, 2020],
  );
});

test("every ally has every regressor 2015-2020; outcome gaps are exactly the documented ones", () => {
  const complete = PANEL_COLUMNS.filter(
    (c) => !["policy_gdelt", "policy_gdelt_n", "huawei_stance", "huawei_confidence"].includes(c),
  );
  const gaps = built.rows.flatMap((r) =>
    complete.filter((c) => r[c] === null).map((c) => `${r.iso3} ${r.year} ${c}`),
  );
  assert.deepEqual(gaps, []);
  const hwGaps = built.rows.filter((r) => r.huawei_stance === null).map((r) => r.year);
  assert.deepEqual([...new Set(hwGaps)], [2015, 2016]);
  assert.equal(hwGaps.length, 52);
});

test("asym and gdp of one row recomputed by hand from the WDI rows", () => {
  const gdp = loadWdi({ indicator: "gdp" }).table.objects() as {
    iso3: string;
    year: number;
    value: number;
  }[];
  const pc = loadWdi({ indicator: "gdppc" }).table.objects() as {
    iso3: string;
    year: number;
    value: number;
  }[];
  const v = (rows: typeof gdp, c: string) =>
    rows.find((r) => r.iso3 === c && r.year === 2017)!.value;
  const row = built.rows.find((r) => r.iso3 === "JPN" && r.year === 2017) as PanelRow;
  const asym = Math.log((v(gdp, "USA") * v(pc, "USA")) / (v(gdp, "JPN") * v(pc, "JPN")));
  assert.ok(Math.abs((row.asym as number) - asym) < 1e-12);
  assert.ok(Math.abs((row.gdp as number) - Math.log(v(gdp, "USA") / v(gdp, "JPN"))) < 1e-12);
  assert.equal(row.asymmetric, 1);
});

test("number formatting is 12 significant digits, shortest form, no -0", () => {
  assert.equal(formatNumber(Math.PI), "3.14159265359");
  assert.equal(formatNumber(0.1 + 0.2), "0.3");
  assert.equal(formatNumber(-0), "0");
  assert.equal(formatNumber(1234567890123456), "1234567890120000");
  assert.equal(formatNumber(-17.43388845314159), "-17.4338884531");
  assert.throws(() => formatNumber(NaN), /non-finite/);
});
