/**
 * renderTable on a tiny hand-made PlainTable, each format written out in full
 * by hand (regTable.test.ts snapshots the regression layout; this file checks
 * the renderer itself: escaping, rules, caption, notes, shape errors).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  renderTable,
  TABLE_FORMATS,
  type PlainTable,
  type TableFormat,
} from "../../lib/report/render";

// Every cell carries a character that needs escaping in at least one format.
const T: PlainTable = {
  caption: "Cap <1> & 2%",
  header: ["", "A & <B>"],
  rows: [
    ["x_1 | 50%", '"q", 1'],
    ["N", "3"],
  ],
  rulesBefore: [1],
  notes: ["note_a | 'b'"],
};
const BARE: PlainTable = { header: ["v", "w", "z"], rows: [["a", "b", "c"]] };

test("the four formats are listed", () => {
  assert.deepEqual([...TABLE_FORMATS], ["html", "markdown", "latex"]);
});

test("html: entities for < > & \" ', centred data columns, rule as a top border, notes in tfoot", () => {
  assert.equal(
    renderTable(T, "html"),
    [
      "<table>",
      "<caption>Cap &lt;1&gt; &amp; 2%</caption>",
      '<thead><tr><th></th><th style="text-align:center">A &amp; &lt;B&gt;</th></tr></thead>',
      "<tbody>",
      '<tr><td>x_1 | 50%</td><td style="text-align:center">&quot;q&quot;, 1</td></tr>',
      '<tr style="border-top:1px solid"><td>N</td><td style="text-align:center">3</td></tr>',
      "</tbody>",
      '<tfoot><tr><td colspan="2">note_a | &#39;b&#39;</td></tr></tfoot>',
      "</table>",
      "",
    ].join("\n"),
  );
  const bare = renderTable(BARE, "html");
  assert.ok(!bare.includes("<caption>") && !bare.includes("<tfoot>"), bare);
  assert.ok(!bare.includes("border-top"), bare);
});

test("markdown: bold caption, | and _ backslash-escaped, HTML entities, alignment row, notes after a blank line", () => {
  assert.equal(
    renderTable(T, "markdown"),
    [
      "**Cap &lt;1&gt; &amp; 2%**",
      "",
      "|  | A &amp; &lt;B&gt; |",
      "|:---|:---:|",
      "| x\\_1 \\| 50% | &quot;q&quot;, 1 |",
      "| N | 3 |",
      "",
      "note\\_a \\| &#39;b&#39;",
      "",
    ].join("\n"),
  );
  // no caption, no notes; a newline inside a cell becomes a space, * is escaped
  assert.equal(
    renderTable({ header: ["a", "b"], rows: [["1\n2", "*x*"]] }, "markdown"),
    "| a | b |\n|:---|:---:|\n| 1 2 | \\*x\\* |\n",
  );
});

test("latex: booktabs rules, \\midrule before a flagged row, escaped % _ & | < >, notes as multicolumn, caption wraps a table float", () => {
  assert.equal(
    renderTable(T, "latex"),
    [
      "\\begin{table}",
      "\\centering",
      "\\caption{Cap \\textless{}1\\textgreater{} \\& 2\\%}",
      "\\begin{tabular}{lc}",
      "\\toprule",
      " & A \\& \\textless{}B\\textgreater{} \\\\",
      "\\midrule",
      'x\\_1 \\textbar{} 50\\% & "q", 1 \\\\',
      "\\midrule",
      "N & 3 \\\\",
      "\\bottomrule",
      "\\multicolumn{2}{l}{\\footnotesize note\\_a \\textbar{} 'b'} \\\\",
      "\\end{tabular}",
      "\\end{table}",
      "",
    ].join("\n"),
  );
  // without a caption: a bare tabular, one l and w-1 c columns, exactly one rule of each kind
  const bare = renderTable(BARE, "latex");
  assert.equal(
    bare,
    "\\begin{tabular}{lcc}\n\\toprule\nv & w & z \\\\\n\\midrule\na & b & c \\\\\n\\bottomrule\n\\end{tabular}\n",
  );
});

test("no CSV form of a formatted table: its cells are display text (the data go to CSV as columns, lib/io/csvw.ts)", () => {
  assert.ok(!(TABLE_FORMATS as readonly string[]).includes("csv"));
  assert.throws(() => renderTable(T, "csv" as TableFormat), /unknown table format "csv"/);
});

test("a row with the wrong number of cells throws in every format; an unknown format throws", () => {
  const bad: PlainTable = { header: ["a", "b"], rows: [["1", "2"], ["3"]] };
  for (const f of TABLE_FORMATS)
    assert.throws(() => renderTable(bad, f), /^Error: table row has 1 cells, header has 2$/);
  const long: PlainTable = { header: ["a"], rows: [["1", "2"]] };
  assert.throws(() => renderTable(long, "html"), /table row has 2 cells, header has 1/);
  assert.throws(() => renderTable(BARE, "rtf" as TableFormat), /unknown table format "rtf"/);
});
