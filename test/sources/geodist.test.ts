import { test } from "node:test";
import assert from "node:assert/strict";
import {
  loadGeoDist,
  loadGeoCepii,
  parseGeoDistText,
  parseGeoCepiiText,
  WELLINGTON_LAT_FIXED,
  type DistRow,
  type GeoRow,
} from "../../lib/sources/geodist";
import { greatCircleKm } from "../../lib/measures/geoDistance";
import { ALLIES } from "../../lib/countries";

const DHEAD = "iso_o;iso_d;contig;dist;distcap;distw;distwces\r\n";
const GHEAD = "iso2,iso3,country,city_en,lat,lon,cap,maincity\n";

const dist = loadGeoDist();

test("real data: distances quoted in geodist/SOURCE.md", () => {
  const { table, report } = dist;
  const rows = table.objects() as unknown as DistRow[];
  const at = (o: string, d: string) => rows.find((r) => r.iso_o === o && r.iso_d === d)!;
  assert.deepEqual(at("USA", "CHN"), {
    iso_o: "USA",
    iso_d: "CHN",
    dist: 10993.68,
    distcap: 11159.25,
    distw: 11183.43,
    distwces: 11099.8,
  });
  const r2 = (x: number) => Math.round(x * 100) / 100;
  assert.equal(r2(at("JPN", "CHN").dist), 2098.11);
  assert.equal(r2(at("KOR", "CHN").dist), 955.65);
  assert.deepEqual([r2(at("AUS", "CHN").dist), r2(at("AUS", "CHN").distcap)], [8956.44, 9018.31]);
  assert.deepEqual([r2(at("TUR", "CHN").dist), r2(at("TUR", "CHN").distcap)], [7064.2, 6841.79]);
  assert.equal(rows.length, 28 * 28);
  assert.equal(report.rowsRead, 50176);
  for (const a of ALLIES) assert.ok(at(a, "USA").dist > 0 && at(a, "CHN").dist > 0, a);
});

test("real data: geo_cepii Romania ROM -> ROU, Wellington latitude corrected and flagged", () => {
  const { table, report } = loadGeoCepii();
  const rows = table.objects() as unknown as GeoRow[];
  const wel = rows.find((r) => r.city === "Wellington")!;
  assert.deepEqual(
    [wel.iso3, wel.lat, wel.lon, wel.latCorrected],
    ["NZL", WELLINGTON_LAT_FIXED, 174.7833, true],
  );
  assert.equal(rows.filter((r) => r.latCorrected).length, 1);
  assert.equal(rows.find((r) => r.iso3 === "ROU")!.city, "Bucharest");
  assert.equal(rows.filter((r) => r.iso3 === "USA").length, 2);
  assert.equal(report.notes.length, 2);
});

test("independent check: CEPII capital distances reproduce by haversine from geo_cepii coordinates", () => {
  // CEPII's distcap for USA-CHN is the great-circle distance Washington-Beijing; a spherical
  // haversine (R = 6371 km) on geo_cepii's coordinates agrees within 0.2%.
  const geo = loadGeoCepii().table.objects() as unknown as GeoRow[];
  const rows = dist.table.objects() as unknown as DistRow[];
  const cap = (iso: string) => geo.find((r) => r.iso3 === iso && r.cap)!;
  for (const [o, d] of [
    ["USA", "CHN"],
    ["GBR", "CHN"],
    ["JPN", "USA"],
    ["TUR", "CHN"],
  ]) {
    const km = greatCircleKm(cap(o).lat, cap(o).lon, cap(d).lat, cap(d).lon);
    const cepii = rows.find((r) => r.iso_o === o && r.iso_d === d)!.distcap;
    assert.ok(Math.abs(km / cepii - 1) < 0.002, `${o}-${d}: ${km} vs ${cepii}`);
  }
  // ...and CEPII's AUS-NZL distcap (2397.488) was computed with the misprinted latitude:
  const au = cap("AUS");
  const cepii = rows.find((r) => r.iso_o === "AUS" && r.iso_d === "NZL")!.distcap;
  assert.ok(Math.abs(greatCircleKm(au.lat, au.lon, -44.28333, 174.7833) / cepii - 1) < 0.002);
  assert.ok(
    Math.abs(greatCircleKm(au.lat, au.lon, WELLINGTON_LAT_FIXED, 174.7833) / cepii - 1) > 0.02,
  );
});

test("hand-written rows: semicolons, CRLF, '.' refused for a study pair, coverage of all pairs", () => {
  assert.throws(
    () =>
      parseGeoDistText(DHEAD + "USA;CHN;0;10993.68;11159.25;1;1\r\nABW;USA;0;.;1;1;1\r\n", "p.csv"),
    /p\.csv: missing 783 study pair\(s\): GBR-GBR/,
  );
  assert.throws(
    () => parseGeoDistText(DHEAD + "USA;CHN;0;.;11159.25;1;1\r\n", "x.csv"),
    /x\.csv \(row 2, column "dist"\): missing distance for a pair of study countries/,
  );
});

test("bad input: truncated, missing column, non-numeric, duplicate, unknown code", () => {
  assert.throws(
    () => parseGeoDistText(DHEAD + "USA;CHN;0;10993.68\r\n", "t.csv"),
    /t\.csv \(row 2\): expected 7 fields, found 4/,
  );
  assert.throws(
    () => parseGeoDistText("iso_o;iso_d;dist\r\nUSA;CHN;1\r\n", "m.csv"),
    /m\.csv \(column "distcap"\): missing column/,
  );
  assert.throws(
    () => parseGeoDistText(DHEAD + "USA;CHN;0;10,993;1;1;1\r\n", "n.csv"),
    /n\.csv \(row 2, column "dist"\): not a number: "10,993"/,
  );
  assert.throws(
    () => parseGeoDistText(DHEAD + "USA;CHN;0;1;1;1;1\r\nUSA;CHN;0;1;1;1;1\r\n", "d.csv"),
    /d\.csv \(row 3\): duplicate key \(USA-CHN\) also on row 2/,
  );
  assert.throws(
    () => parseGeoDistText(DHEAD + "US;CHN;0;1;1;1;1\r\n", "u.csv"),
    /u\.csv \(row 2, column "iso_o"\): unknown country code "US"/,
  );
  assert.throws(
    () => parseGeoCepiiText(GHEAD + "NZ,NZL,New Zealand,Wellington,-41.3,174.8,2,1\n", "g.csv"),
    /g\.csv \(row 2, column "cap"\): expected 0 or 1, found "2"/,
  );
  // only Romania is given, so the first missing capital (GBR) is named
  assert.throws(
    () => parseGeoCepiiText(GHEAD + "RO,ROM,Romania,Bucharest,44.41667,26.11667,1,1\n", "r.csv"),
    /r\.csv: no capital row for GBR/,
  );
});
