import { test } from "node:test";
import assert from "node:assert/strict";
import { fmt, htmlTable, showMarkdown, textTable } from "../../lib/notebook/table";
import { captureDisplays } from "../helpers/displaySink";

test("fmt: integers plain, decimals rounded, missing as a dash", () => {
  assert.equal(fmt(26), "26");
  assert.equal(fmt(1.23456), "1.235");
  assert.equal(fmt(1.23456, 1), "1.2");
  assert.equal(fmt(null), "—");
  assert.equal(fmt(NaN), "—");
  assert.equal(fmt("x"), "x");
});

test("htmlTable escapes text and right-aligns numbers", () => {
  const h = htmlTable([{ a: "<b>", b: 1.5 }]);
  assert.ok(h.includes("&lt;b&gt;"));
  assert.ok(h.includes('<td style="text-align:right">1.500</td>'));
});

test("textTable aligns columns (the report's text renderer: rules, decimals aligned)", () => {
  assert.equal(
    textTable([
      { k: "ab", v: 1 },
      { k: "c", v: 22 },
    ]),
    "======\nk   v\n------\nab  1\nc   22\n======\n",
  );
  assert.equal(
    textTable(
      [
        { k: "ab", v: 1.5 },
        { k: "c", v: 22.25 },
      ],
      { caption: "cap" },
    ),
    "cap\n==========\nk     v\n----------\nab   1.500\nc   22.250\n==========\n",
  );
});

test("htmlTable: numeric columns right-aligned, text columns left, by the report renderer", () => {
  assert.equal(
    htmlTable([{ a: "<b>", b: 1.5, n: 3 }]),
    [
      "<table>",
      '<thead><tr><th style="text-align:left">a</th><th style="text-align:right">b</th><th style="text-align:right">n</th></tr></thead>',
      "<tbody>",
      '<tr><td style="text-align:left">&lt;b&gt;</td><td style="text-align:right">1.500</td><td style="text-align:right">3</td></tr>',
      "</tbody>",
      "</table>",
      "",
    ].join("\n"),
  );
});

test("showMarkdown: text/markdown with the same text as text/plain", () => {
  assert.deepEqual(
    captureDisplays(() => showMarkdown("**H1** supported")),
    [{ "text/markdown": "**H1** supported", "text/plain": "**H1** supported" }],
  );
});
