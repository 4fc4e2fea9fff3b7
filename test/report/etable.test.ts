/**
 * etable: layout (labels, stars, SE line, FE lines, N, R²), a published
 * column beside fitted ones, and one snapshot per format. The plain-text
 * form carries no HTML entities or Markdown escapes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { feols } from "../../lib/estimate/model";
import { buildEtable, etable, stars, termLabel, ETABLE_FORMATS } from "../../lib/report/etable";
import { publishedModel, TABLE2 } from "../../lib/replication/published";
import { fmt } from "../../lib/report/format";
import { matchSnapshot } from "./snapshot";
import { HAND_PANEL } from "../helpers/handPanel";

const data = HAND_PANEL;
const m1 = feols("y ~ x | unit + year", data, { cluster: "unit" });
const m2 = feols("y ~ x + z | unit", data, { vcov: "hc1", constant: "stata" });
const dict = {
  x: "ICT trade & <tech>",
  z: "ideal_point | 50%",
  unit: "Country",
  year: "Year",
  asym: "Power asymmetry",
};

test("layout: labels, stars, SE type, FE, N, R²", () => {
  const t = buildEtable([m1, { fit: m2, title: "One-way" }], { dict });
  assert.deepEqual(t.header, ["", "(1)", "One-way"]);
  assert.deepEqual(
    t.rows.map((r) => r[0]),
    [
      "ICT trade & <tech>",
      "",
      "ideal_point | 50%",
      "",
      "Constant",
      "",
      "Country fixed effects",
      "Year fixed effects",
      "S.E. type",
      "Clusters",
      "Observations",
      "R²",
      "Within R²",
    ],
  );
  const c = m1.coefficients[0];
  assert.equal(t.rows[0][1], fmt(c.estimate, 3) + stars(c.p_value));
  assert.equal(t.rows[1][1], `(${fmt(c.std_error, 3)})`);
  assert.deepEqual(t.rows[7].slice(1), ["Yes", "No"]);
  assert.deepEqual(t.rows[8].slice(1), ["Clustered by Country", "Heteroskedasticity-robust"]);
  assert.deepEqual(t.rows[9].slice(1), ["3", ""]);
  assert.deepEqual(t.rows[10].slice(1), ["12", "12"]);
  assert.ok(t.notes?.some((n) => n.includes("Stata (xtreg, fe)")));
});

test("a published column beside a fitted one; drop leaves a note", () => {
  const t = buildEtable([publishedModel("(1)"), m1], {
    dict,
    drop: ["exchange", "ID_us", "ID_ch", "ED_us", "ED_ch", "GD_us", "ICTtrade_us"],
  });
  assert.equal(t.header[1], "Published (1)");
  const asym = t.rows.findIndex((r) => r[0] === "Power asymmetry");
  assert.equal(t.rows[asym][1], `${TABLE2["(1)"].asym.estimate.toFixed(3)}*`); // 4.686*
  assert.equal(t.rows[asym + 1][1], "(2.533)");
  assert.equal(t.rows.find((r) => r[0] === "Observations")?.[1], "102");
  assert.equal(t.rows.find((r) => r[0] === "S.E. type")?.[1], "not stated");
  assert.ok(t.notes?.some((n) => n.startsWith("Not shown: exchange, ID_us")));
  assert.throws(() => publishedModel("(99)"), /no model \(99\)/);
});

test("lag terms take the label of their variable", () => {
  assert.equal(termLabel("l(asym, 1)", dict), "Power asymmetry (t−1)");
  assert.equal(termLabel("f(x, 2)", dict), "ICT trade & <tech> (t+2)");
  assert.equal(termLabel("other", dict), "other");
});

test("plain text: no escapes, aligned", () => {
  const txt = etable([m1, m2], { dict });
  assert.ok(txt.includes("ICT trade & <tech>"));
  assert.ok(!/&lt;|&amp;|\\\*|\\\|/.test(txt), txt);
  assert.ok(txt.includes("p < 0.1"));
  const lines = txt.split("\n").filter((l) => l.startsWith("="));
  assert.equal(new Set(lines.map((l) => l.length)).size, 1);
});

test("snapshots: one per format", () => {
  const ext = { text: "txt", html: "html", markdown: "md", latex: "tex" } as const;
  for (const format of ETABLE_FORMATS) {
    matchSnapshot(
      `etable.${ext[format]}`,
      etable([publishedModel("(1)"), m1, { fit: m2, title: "One-way" }], {
        dict,
        format,
        caption: "Table 2 <test>",
      }),
    );
  }
  assert.throws(() => etable([m1], { format: "csv" as "text" }), /unknown format "csv"/);
});

test("a standard error of exactly 0 (sample-centred regressors, Stata constant, clustered) prints as (—) with a note", () => {
  const unit = ["A", "A", "A", "B", "B", "B", "C", "C", "C"],
    year = [1, 2, 3, 1, 2, 3, 1, 2, 3];
  const x = [0.1, 0.9, 0.4, 1.2, 0.3, 0.8, 0.5, 0.2, 1.1];
  const xc = x.map((v) => v - x.reduce((a, b) => a + b, 0) / x.length);
  const y = [1, 3, 2, 4, 2, 5, 3, 1, 6];
  const m = feols({
    data: { unit, year, xc, y },
    y: "y",
    x: ["xc"],
    fe: ["unit", "year"],
    cluster: "unit",
    constant: "stata",
  });
  assert.equal(m.constant!.std_error, 0);
  const t = buildEtable([m]);
  const i = t.rows.findIndex((r) => r[0] === "Constant");
  assert.equal(t.rows[i + 1][1], "(—)");
  assert.ok(!t.rows[i][1].includes("*"));
  assert.ok(t.notes!.some((n) => /exactly 0/.test(n)));
});

test("stars at the paper's thresholds: *** p < 0.01, ** p < 0.05, * p < 0.1", () => {
  assert.deepEqual([0.005, 0.01, 0.049, 0.05, 0.099, 0.1].map(stars), [
    "***",
    "**",
    "**",
    "*",
    "*",
    "",
  ]);
});
