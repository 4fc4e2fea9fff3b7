import { test } from "node:test";
import assert from "node:assert/strict";
import { lnTrade, lnTradeOverGdp, lnTradeRatio, tradePanel } from "../../lib/measures/trade";
import { loadDots, type DotsRow } from "../../lib/sources/dots";
import { loadWdi, type WdiRow } from "../../lib/sources/wdi";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("hand-computed: levels, the paper's unit mix, and the China/US ratio", () => {
  close(lnTrade(1000), 6.907755278982137);
  close(lnTradeOverGdp(1000, 1e12), Math.log(1e-9)); // -20.7232658: US$ mn over US$
  close(lnTradeRatio(1000, 4000), Math.log(0.25)); // -1.3862944
  assert.throws(() => lnTrade(0), /trade must be positive/);
  const dots: DotsRow[] = [
    { iso3: "JPN", year: 2016, reporter: "CHN", exports: 600, imports: 400, total: 1000 },
    { iso3: "JPN", year: 2016, reporter: "USA", exports: 1500, imports: 2500, total: 4000 },
  ];
  const [r] = tradePanel(dots, [{ iso3: "JPN", year: 2016, value: 1e12 }], {
    allies: ["JPN"],
    years: [2016],
  });
  assert.equal(r.tradeCN, 1000);
  assert.equal(r.tradeUS, 4000);
  close(r.tradeGdp, 0.001);
  close(r.ICTtrade, Math.log(1000));
  close(r.ICTtrade_gdp, Math.log(1e-9));
  close(r.ICTtrade_us, Math.log(0.25));
  assert.throws(
    () =>
      tradePanel(dots.slice(0, 1), [{ iso3: "JPN", year: 2016, value: 1e12 }], {
        allies: ["JPN"],
        years: [2016],
      }),
    /no US-reported trade with JPN 2016/,
  );
});

test("real data: 104 ally-years, trade/GDP shares between 0 and 1, ln levels consistent", () => {
  const rows = tradePanel(
    loadDots().table.objects() as unknown as DotsRow[],
    loadWdi({ indicator: "gdp" }).table.objects() as unknown as WdiRow[],
  );
  assert.equal(rows.length, 104);
  for (const r of rows) {
    assert.ok(r.tradeGdp > 0 && r.tradeGdp < 1, r.iso3);
    close(r.ICTtrade_gdp, Math.log(r.tradeGdp) - Math.log(1e6));
  }
  const jpn = rows.find((r) => r.iso3 === "JPN" && r.year === 2016)!;
  assert.ok(jpn.ICTtrade > 12); // Japan-China trade is hundreds of billions of US$
});
