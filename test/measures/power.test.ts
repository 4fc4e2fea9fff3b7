import { test } from "node:test";
import assert from "node:assert/strict";
import {
  beckleyPower,
  powerGap,
  gdpGap,
  isAsymmetricAlliance,
  powerPanel,
} from "../../lib/measures/power";
import { loadWdi, type WdiRow } from "../../lib/sources/wdi";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("hand-computed: P = GDP x GDPpc, asym = ln(P_US/P_ally), gdp = ln(GDP_US/GDP_ally)", () => {
  assert.equal(beckleyPower(20, 60), 1200);
  close(powerGap(1200, 150), Math.log(8)); // 2.0794415...
  close(gdpGap(20, 5), Math.log(4)); // 1.3862944...
  assert.equal(isAsymmetricAlliance(1200, 150), true); // ratio 8
  assert.equal(isAsymmetricAlliance(1200, 700), false); // ratio 1.71
  assert.equal(isAsymmetricAlliance(1200, 600), false); // exactly 2 is not "more than twice"
  assert.throws(() => beckleyPower(0, 1), /GDP must be a positive finite number/);
  assert.throws(() => powerGap(NaN, 1), /positive finite/);
});

test("hand-computed panel: two countries, one year", () => {
  const gdp: WdiRow[] = [
    { iso3: "USA", year: 2016, value: 20 },
    { iso3: "JPN", year: 2016, value: 5 },
  ];
  const pc: WdiRow[] = [
    { iso3: "USA", year: 2016, value: 60 },
    { iso3: "JPN", year: 2016, value: 30 },
  ];
  const [r] = powerPanel(gdp, pc, { allies: ["JPN"], years: [2016] });
  assert.equal(r.power, 150);
  close(r.asym, Math.log(8));
  close(r.gdp, Math.log(4));
  assert.equal(r.asymmetric, true);
  assert.throws(
    () => powerPanel(gdp, pc, { allies: ["JPN"], years: [2017] }),
    /no GDP for JPN 2017/,
  );
});

test("real data: 104 ally-years, every alliance asymmetric; Japan closest to the US, Estonia (power) and Iceland (GDP) farthest", () => {
  const rows = powerPanel(
    loadWdi({ indicator: "gdp" }).table.objects() as unknown as WdiRow[],
    loadWdi({ indicator: "gdppc" }).table.objects() as unknown as WdiRow[],
  );
  assert.equal(rows.length, 104);
  assert.ok(rows.every((r) => r.asymmetric));
  const by = (k: "asym" | "gdp") => [...rows].sort((a, b) => a[k] - b[k]);
  assert.equal(by("asym")[0].iso3, "JPN");
  assert.equal(by("asym")[103].iso3, "EST");
  assert.equal(by("gdp")[0].iso3, "JPN");
  assert.equal(by("gdp")[103].iso3, "ISL");
  // asym - gdp = ln(GDPpc_US / GDPpc_ally) < 0 exactly where the ally is richer per person than the US
  const richer = new Set(rows.filter((r) => r.asym < r.gdp).map((r) => r.iso3));
  assert.deepEqual(
    [...richer].sort(),
    ["ISL", "LUX", "NOR"].filter((c) => richer.has(c)),
  );
  assert.ok(richer.has("LUX"));
});
