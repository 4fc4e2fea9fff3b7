import { test } from "node:test";
import assert from "node:assert/strict";
import { feols } from "../../lib/estimate/feols";
import { buildRegTable, fmt, regressionTable, stars } from "../../lib/report/regTable";
import { matchSnapshot } from "./snapshot";
import { HAND_PANEL } from "../helpers/handPanel";

const data = HAND_PANEL;
const m1 = feols({ data, y: "y", x: ["x"], fe: ["unit", "year"], cluster: "unit", ssc: "stata", constant: "stata" });
const m2 = feols({ data, y: "y", x: ["x", "z"], fe: ["unit"], constant: "stata" });
const opts = {
  models: [m1, { fit: m2, title: "One-way <FE>" }],
  labels: { x: "ICT trade & <tech>", z: "ideal_point | 50%" },
  order: ["z", "x"],
  feLabels: { unit: "Country FE", year: "Year FE" },
  caption: "Table \"2\": test",
};

test("stars and number formatting", () => {
  assert.deepEqual([0.005, 0.01, 0.049, 0.05, 0.099, 0.1].map(stars), ["***", "**", "**", "*", "*", ""]);
  assert.equal(fmt(-0.0001, 3), "0.000");
  assert.equal(fmt(-1.23456, 3), "-1.235");
});

test("layout: coefficient/SE pairs in the mapped order, FE rows, stats, legend", () => {
  const t = buildRegTable(opts);
  assert.deepEqual(t.header, ["", "(1)", "One-way <FE>"]);
  assert.deepEqual(t.rows.map((r) => r[0]), ["ideal_point | 50%", "", "ICT trade & <tech>", "", "Constant", "", "Country FE", "Year FE", "N", "R²", "Within R²", "Clusters", "SE type"]);
  assert.equal(t.rows[0][1], ""); // z not in model 1
  assert.deepEqual(t.rows[6].slice(1), ["Yes", "Yes"]);
  assert.deepEqual(t.rows[7].slice(1), ["Yes", "No"]);
  const c = m1.coefficients[0];
  assert.equal(t.rows[2][1], fmt(c.estimate, 3) + stars(c.p_value));
  assert.equal(t.rows[3][1], `(${fmt(c.std_error, 3)})`);
  assert.match(t.notes![0], /\* p < 0\.1, \*\* p < 0\.05, \*\*\* p < 0\.01/);
});

for (const [format, ext] of [["html", "html"], ["markdown", "md"], ["latex", "tex"]] as const) {
  test(`${format} snapshot`, () => {
    const out = regressionTable(opts, format);
    matchSnapshot(`regTable.${ext}`, out);
    if (format === "html") {
      assert.ok(!out.includes("<tech>") && out.includes("&lt;tech&gt;") && out.includes("&amp;") && out.includes("&quot;2&quot;"));
    }
    if (format === "latex") assert.ok(out.includes("\\&") && out.includes("\\_") && out.includes("50\\%") && out.includes("\\toprule"));
  });
}

test("a standard error of exactly 0 prints as (—) without stars, with a note", () => {
  // x centred on the estimation sample + clustered SE: Stata's constant has SE √(x̄ᵀVx̄) = 0
  const xc = data.x.map((v) => v - data.x.reduce((a, b) => a + b, 0) / data.x.length);
  const m = feols({ data: { ...data, xc }, y: "y", x: ["xc"], fe: ["unit", "year"], cluster: "unit", constant: "stata" });
  assert.equal(m.constant!.std_error, 0);
  const t = buildRegTable({ models: [m] });
  const i = t.rows.findIndex((r) => r[0] === "Constant");
  assert.equal(t.rows[i][1], fmt(m.constant!.estimate, 3));
  assert.equal(t.rows[i + 1][1], "(—)");
  assert.match(t.notes!.join(" "), /exactly 0 by construction/);
  assert.ok(!buildRegTable(opts).notes!.join(" ").includes("exactly 0"), "no note when no SE is 0");
});
