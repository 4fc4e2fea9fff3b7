import { test } from "node:test";
import assert from "node:assert/strict";
import { captureDisplays } from "../helpers/displaySink";
import {
  CHART_CLASS,
  figureBundle,
  loadPlotly,
  NO_PLOTLY_MESSAGE,
  PLOTLY_MIME,
  plotlyLoaded,
  plotlyLoaderHtml,
  plotlyVersion,
  scriptJson,
  show,
  TOOLBAR_BAND,
  withDefaults,
  wrapText,
  yearAxis,
} from "../../lib/viz/plotly";

test("scriptJson escapes </script> and line separators so JSON can sit inside a <script>", () => {
  const s = scriptJson({ t: "</script><b>", u: "a\u2028b" });
  assert.ok(!s.includes("</script>"));
  assert.equal(s, '{"t":"<\\/script><b>","u":"a\\u2028b"}');
  assert.deepEqual(JSON.parse(s), { t: "</script><b>", u: "a\u2028b" });
});

test("figureBundle carries HTML, plotly JSON and text, with defaults filled in", () => {
  const b = figureBundle(
    { data: [{ type: "bar", x: ["a"], y: [1] }], layout: { title: { text: "T" }, height: 300 } },
    "fixed-id",
  );
  const html = b["text/html"] as string;
  assert.match(html, /<div id="fixed-id" class="alliance-plotly-chart"/);
  assert.match(html, /Plotly\.newPlot/);
  const j = b[PLOTLY_MIME] as {
    data: unknown[];
    layout: Record<string, unknown>;
    config: Record<string, unknown>;
  };
  assert.equal(j.layout.height, 300); // caller's layout wins over the default 420
  assert.equal(j.config.displaylogo, false);
  assert.equal(j.data.length, 1);
  assert.equal(b["text/plain"], "[plotly chart: T; 1 trace(s)]");
  assert.equal(CHART_CLASS, "alliance-plotly-chart");
});

test("by default no plotly.js goes into the notebook: loadPlotly() shows nothing, show() only the figure", () => {
  const saved = process.env.ALLIANCE_PLOTLY_INLINE;
  delete process.env.ALLIANCE_PLOTLY_INLINE;
  try {
    const got = captureDisplays(() => {
      loadPlotly();
      show({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: {} });
    });
    assert.equal(got.length, 1);
    assert.equal(plotlyLoaded(), false);
    const size = JSON.stringify(got[0]).length;
    assert.ok(size < 5_000, `one small chart bundle is ${size} characters`);
    assert.ok(
      String(got[0]["text/html"]).includes(NO_PLOTLY_MESSAGE),
      "the HTML fallback says what to do without a renderer",
    );
  } finally {
    if (saved !== undefined) process.env.ALLIANCE_PLOTLY_INLINE = saved;
  }
});

test("Notebook 6 path: loadPlotly({ inline: true }) inlines the plotly.js of node_modules once, with window.define hidden", () => {
  const html = plotlyLoaderHtml();
  assert.ok(html.length > 1_000_000, "the full plotly.min.js is inlined");
  assert.ok(html.includes(`plotly.js ${plotlyVersion()}`));
  // require.js's define is hidden before plotly.js runs and restored after it
  assert.ok(
    html.indexOf("window.define = undefined") < html.indexOf("plotly.js " + plotlyVersion()),
  );
  assert.ok(
    html.lastIndexOf("window.define = window.__allianceDefine") >
      html.indexOf("plotly.js " + plotlyVersion()),
  );
  const got = captureDisplays(() => {
    loadPlotly({ inline: true });
    loadPlotly({ inline: true });
    show({ data: [], layout: {} });
    show({ data: [], layout: {} });
  });
  const loaders = got.filter((b) => String(b["text/html"]).length > 1_000_000);
  assert.equal(loaders.length, 1);
  assert.equal(plotlyLoaded(), true);
  assert.equal(got.filter((b) => PLOTLY_MIME in b).length, 2);
  const ids = got
    .filter((b) => PLOTLY_MIME in b)
    .map((b) => /id="([^"]+)"/.exec(String(b["text/html"]))![1]);
  assert.notEqual(ids[0], ids[1]);
});

test("year axes are categorical", () => {
  assert.equal(yearAxis().type, "category");
});

test("wrapText: lines of at most 60 characters at spaces, <br> kept, a long word stays whole", () => {
  const t =
    "Frisch–Waugh–Lovell: huawei_stance on ICTtrade, both net of country and year FE and the other regressors";
  const lines = wrapText(t).split("<br>");
  assert.deepEqual(lines, [
    "Frisch–Waugh–Lovell: huawei_stance on ICTtrade, both net of",
    "country and year FE and the other regressors",
  ]);
  assert.equal(wrapText("a<br>b c", 3), "a<br>b c");
  assert.equal(wrapText("abcdefgh ij", 4), "abcdefgh<br>ij");
});

test("withDefaults: title below the toolbar band, top margin grown per line; axes automargin", () => {
  const f = withDefaults({
    data: [],
    layout: {
      title: { text: "x ".repeat(70).trim() },
      xaxis: { type: "category" },
      margin: { r: 120 },
    },
  });
  const title = f.layout.title as { text: string; yref: string; yanchor: string; y: number };
  assert.equal(title.text.split("<br>").length, 3);
  assert.deepEqual([title.yref, title.yanchor], ["container", "top"]);
  assert.ok(
    Math.abs((1 - title.y) * 420 - (TOOLBAR_BAND + 8)) < 1e-9,
    "the title starts 8 px below the toolbar band",
  );
  assert.deepEqual(f.layout.margin, { l: 60, r: 120, t: TOOLBAR_BAND + 8 + 3 * 22 + 14, b: 50 });
  assert.deepEqual(f.layout.xaxis, { automargin: true, type: "category" });
  assert.deepEqual(f.layout.yaxis, { automargin: true });
  // an explicit choice wins
  assert.deepEqual(
    withDefaults({ data: [], layout: { xaxis: { automargin: false } } }).layout.xaxis,
    { automargin: false },
  );
});
