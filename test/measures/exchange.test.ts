import { test } from "node:test";
import assert from "node:assert/strict";
import { lnExchange, exchangePanel } from "../../lib/measures/exchange";
import { loadWdi, type WdiRow } from "../../lib/sources/wdi";

test("hand-computed: ln of LCU per US$", () => {
  assert.equal(lnExchange(1), 0);
  assert.ok(Math.abs(lnExchange(Math.E) - 1) < 1e-15);
  assert.ok(Math.abs(lnExchange(100) - 4.605170185988091) < 1e-12);
  assert.throws(() => lnExchange(0), /must be positive/);
  const rows = exchangePanel([{ iso3: "JPN", year: 2016, value: 100 }], {
    allies: ["JPN"],
    years: [2016],
  });
  assert.deepEqual(rows, [{ iso3: "JPN", year: 2016, rate: 100, exchange: Math.log(100) }]);
  assert.throws(
    () => exchangePanel([], { allies: ["JPN"], years: [2016] }),
    /no exchange rate for JPN 2016/,
  );
});

test("real data: euro members share one value; KOR 2016 = ln(1160.77); GBR below zero", () => {
  const rows = exchangePanel(
    loadWdi({ indicator: "exchange" }).table.objects() as unknown as WdiRow[],
  );
  assert.equal(rows.length, 104);
  const at = (iso3: string, y: number) => rows.find((r) => r.iso3 === iso3 && r.year === y)!;
  assert.equal(Math.round(at("KOR", 2016).exchange * 1e4) / 1e4, 7.0568); // ln(1160.77)
  assert.equal(at("FRA", 2016).exchange, at("DEU", 2016).exchange);
  assert.equal(Math.round(at("FRA", 2016).rate * 1e5) / 1e5, 0.90342);
  assert.ok(at("GBR", 2016).exchange < 0);
});
