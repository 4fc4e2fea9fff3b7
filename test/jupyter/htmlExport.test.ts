import { test } from "node:test";
import assert from "node:assert/strict";
import { bookIndex, chapterOf, finishHtml, inlineMarkdown } from "../../scripts/jupyter/htmlExport";
import type { NbJson } from "../../scripts/jupyter/execute";

const page = (body: string): string =>
  `<html><head><title>t</title>\n<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>\n</head><body>${body}</body></html>`;
const loader = (): string =>
  "<script>/* plotly.js 3.0.1 inlined from node_modules/plotly.js-dist-min */</script>";

test("finishHtml drops require.js and adds plotly.js once before </head>, only when the page has charts", () => {
  const chart =
    '<div id="p1" class="alliance-plotly-chart"></div><div id="p2" class="alliance-plotly-chart"></div>';
  const out = finishHtml(page(chart), loader);
  assert.ok(!out.includes("require.min.js"));
  assert.equal(out.split("inlined from node_modules/plotly.js-dist-min").length - 1, 1);
  assert.ok(out.indexOf("inlined from node_modules") < out.indexOf("</head>"));
  assert.equal(finishHtml(out, loader), out, "running it twice changes nothing");
  const plain = finishHtml(page("<p>no chart</p>"), loader);
  assert.ok(!plain.includes("plotly"));
  assert.throws(
    () => finishHtml('<body><div class="alliance-plotly-chart"></div></body>', loader),
    /without <\/head>/,
  );
});

const nb = (md: string): NbJson => ({
  cells: [
    { cell_type: "markdown", source: md },
    { cell_type: "code", source: "1", outputs: [] },
  ],
  metadata: {},
  nbformat: 4,
  nbformat_minor: 4,
});

const FIRST = [
  "# 02 · Power: how far each ally is from the leader",
  "",
  "**Learning goals.** After this notebook you can",
  "",
  "1. compute Beckley's power `GDP × GDP per capita`;",
  "2. say why *asym* is a log ratio,",
  "   and what it measures;",
  "3. read [the paper](https://example.org/p) & its Table 1.",
  "",
  "Every number below is computed.",
].join("\n");

test("chapterOf takes the title and the learning goals (with continuation lines) from the first markdown cell", () => {
  assert.deepEqual(chapterOf(nb(FIRST)), {
    title: "02 · Power: how far each ally is from the leader",
    goals: [
      "compute Beckley's power `GDP × GDP per capita`;",
      "say why *asym* is a log ratio, and what it measures;",
      "read [the paper](https://example.org/p) & its Table 1.",
    ],
  });
  assert.throws(
    () => chapterOf(nb("no title\n\nLearning goals\n1. x"), "x.ipynb"),
    /x\.ipynb: the first markdown cell has no '# title' line/,
  );
  assert.throws(
    () => chapterOf(nb("# T\n\nno goals"), "y.ipynb"),
    /y\.ipynb: .*no 'Learning goals'/,
  );
});

test("inlineMarkdown renders code, bold, italics and links and escapes the rest", () => {
  assert.equal(
    inlineMarkdown("use `a<b` and **H1** *not* [p](http://x/y) & <i>"),
    'use <code>a&lt;b</code> and <strong>H1</strong> <em>not</em> <a href="http://x/y">p</a> &amp; &lt;i&gt;',
  );
  assert.equal(inlineMarkdown("x * y * z"), "x * y * z");
  assert.equal(inlineMarkdown("`**not bold**`"), "<code>**not bold**</code>");
});

test("bookIndex lists the chapters in the given order, linked, with their goals", () => {
  const html = bookIndex([
    { file: "02-power.html", nb: nb(FIRST) },
    { file: "01-theory.html", nb: nb("# 01 · Theory\n\nLearning goals\n\n- one\n- two") },
  ]);
  const a = html.indexOf('<a href="02-power.html">02 · Power');
  const b = html.indexOf('<a href="01-theory.html">01 · Theory</a>');
  assert.ok(a > 0 && b > a, "given order kept");
  assert.ok(html.includes("<li>one</li>\n  <li>two</li>"));
  assert.ok(html.includes("<code>GDP × GDP per capita</code>"));
  assert.equal((html.match(/<li class="chapter">/g) ?? []).length, 2);
});
