import { test } from "node:test";
import assert from "node:assert/strict";
import { clippedCells, outcomeLinks } from "../../lib/notebook/identification";

test("clippedCells: the two GD_us cells winsorizing clips in the Huawei-stance sample (outside check: data/panel.csv)", () => {
  const c = clippedCells("GD_us");
  assert.deepEqual(
    c.map((x) => `${x.iso3} ${x.year}`),
    ["CAN 2017", "AUS 2019"],
  );
  // CAN's 2016 value is raised to the 1st percentile, AUS's 2018 value lowered to the 99th
  assert.ok(c[0].winsorized > c[0].raw && c[1].winsorized < c[1].raw);
  assert.throws(() => clippedCells("nope"), /no column "nope"/);
});

test("outcomeLinks: hand case, allies between the US (0) and China (4) on one line", () => {
  const rows = [
    { year: 2018, ideal: 1, ideal_china: 3, UNvotes_s: 0.9, s_china: 0.1 },
    { year: 2018, ideal: 2.5, ideal_china: 1.5, UNvotes_s: 0.5, s_china: 0.6 },
    { year: 2019, ideal: 1, ideal_china: 3.5, UNvotes_s: 0.2, s_china: 0.7 },
    { year: 2019, ideal: 1, ideal_china: 3, UNvotes_s: null, s_china: 0.7 },
  ];
  const l = outcomeLinks(rows);
  assert.deepEqual(
    l.idealSum.map((r) => [r.year, r.allies, r.range]),
    [
      [2018, 2, 0],
      [2019, 2, 0.5],
    ],
  );
  // S pairs (0.9, 0.1), (0.5, 0.6), (0.2, 0.7): r computed by hand = −0.21667 / √(0.24667 · 0.20667) = −0.9596
  const a = [0.9, 0.5, 0.2],
    b = [0.1, 0.6, 0.7];
  const ma = 1.6 / 3,
    mb = 1.4 / 3;
  const sab = a.reduce((s, v, i) => s + (v - ma) * (b[i] - mb), 0);
  const r =
    sab /
    Math.sqrt(a.reduce((s, v) => s + (v - ma) ** 2, 0) * b.reduce((s, v) => s + (v - mb) ** 2, 0));
  assert.ok(Math.abs(l.sCorrelation - r) < 1e-14);
  assert.ok(r < -0.959 && r > -0.96);
  assert.equal(l.sPairs, 3);
});
