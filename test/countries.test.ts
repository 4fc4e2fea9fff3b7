import { test } from "node:test";
import assert from "node:assert/strict";
import { countries, ALLIES, STUDY_COUNTRIES } from "../lib/countries";

test("26 allies plus USA and CHN, each with all codes", () => {
  const r = countries();
  assert.equal(ALLIES.length, 26);
  assert.equal(r.all.length, 28);
  assert.equal(new Set(STUDY_COUNTRIES).size, 28);
  for (const c of r.all) assert.ok(c.iso2.length === 2 && c.fips.length === 2 && c.cow > 0, c.iso3);
});

test("codes match the crosswalk (spot checks incl. FIPS quirks)", () => {
  const r = countries();
  assert.deepEqual(
    [r.get("CHN").fips, r.get("DEU").fips, r.get("KOR").fips, r.get("CZE").fips, r.get("PHL").fips],
    ["CH", "GM", "KS", "EZ", "RP"],
  );
  assert.equal(r.byCode("fips", "UK").iso3, "GBR");
  assert.equal(r.byCow(2).iso3, "USA");
  assert.equal(r.byCow(710).iso3, "CHN");
  assert.equal(r.get("ROU").cow, 360);
  assert.equal(r.get("NZL").group, "Five Eyes");
  assert.equal(r.get("THA").group, "Asia-Pacific");
});

test("name variants used by the sources resolve", () => {
  const r = countries();
  const cases: [string, string][] = [
    ["Korea, South", "KOR"],
    ["Korea, Rep. of", "KOR"],
    ["Republic of Korea", "KOR"],
    ["Czech Rep.", "CZE"],
    ["Czech Republic", "CZE"],
    ["Türkiye, Rep of", "TUR"],
    ["Netherlands, The", "NLD"],
    ["Poland, Rep. of", "POL"],
    ["China, P.R.: Mainland", "CHN"],
    ["United Kingdom of Great Britain and Northern Ireland", "GBR"],
  ];
  for (const [n, iso] of cases) assert.equal(r.byName(n).iso3, iso, n);
});

test("unknown names and codes are errors, not silent misses", () => {
  const r = countries();
  assert.throws(() => r.byName("Atlantis"), /unknown country name "Atlantis"/);
  assert.throws(() => r.byName("Korea, North"), /PRK\) is not one of the study's 28 countries/);
  assert.throws(() => r.get("XYZ"), /unknown country code "XYZ"/);
  assert.throws(() => r.byCode("fips", "ZZ"), /unknown FIPS code "ZZ"/);
  assert.throws(() => r.byCow(999), /unknown COW code 999/);
  assert.equal(r.iso3OfName("Namibia"), "NAM");
});
