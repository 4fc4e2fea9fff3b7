import { test } from "node:test";
import assert from "node:assert/strict";
import { economicDistance, economicDistancePanel } from "../../lib/measures/economicDistance";
import { loadEfi, type EfiRow } from "../../lib/sources/efi";

test("hand-computed: |EFI_ally - EFI_partner|", () => {
  assert.ok(Math.abs(economicDistance(62.3, 76.8) - 14.5) < 1e-12);
  assert.equal(economicDistance(76.8, 62.3), economicDistance(62.3, 76.8));
  assert.equal(economicDistance(50, 50), 0);
  const rows: EfiRow[] = [
    { iso3: "USA", year: 2019, edition: 2019, score: 76.8 },
    { iso3: "CHN", year: 2019, edition: 2019, score: 58.4 },
    { iso3: "JPN", year: 2019, edition: 2019, score: 72.1 },
  ];
  const us = economicDistancePanel(rows, { partner: "USA", allies: ["JPN"], years: [2019] });
  const ch = economicDistancePanel(rows, { partner: "CHN", allies: ["JPN"], years: [2019] });
  assert.ok(Math.abs(us[0].value - 4.7) < 1e-12 && Math.abs(ch[0].value - 13.7) < 1e-12);
  assert.throws(
    () => economicDistancePanel(rows, { partner: "USA", allies: ["KOR"], years: [2019] }),
    /no EFI score for KOR 2019/,
  );
});

test("real data: 104 ally-years; mean ED to the US below mean ED to China (both mappings)", () => {
  for (const mapping of ["edition", "data-year"] as const) {
    const efi = loadEfi({ mapping }).table.objects() as unknown as EfiRow[];
    const us = economicDistancePanel(efi, { partner: "USA" });
    const ch = economicDistancePanel(efi, { partner: "CHN" });
    assert.equal(us.length, 104);
    const mean = (xs: { value: number }[]) => xs.reduce((a, r) => a + r.value, 0) / xs.length;
    assert.ok(mean(us) < mean(ch), mapping);
  }
});
