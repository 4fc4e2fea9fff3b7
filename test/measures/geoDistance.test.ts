import { test } from "node:test";
import assert from "node:assert/strict";
import {
  greatCircleKm,
  geoDistanceIndex,
  geoDistancePanel,
  EARTH_RADIUS_KM,
} from "../../lib/measures/geoDistance";
import { loadGeoDist, type DistRow } from "../../lib/sources/geodist";
import { loadOil, type OilRow } from "../../lib/sources/oil";

const close = (a: number, b: number, tol = 1e-9) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test("hand-computed: haversine quarter circles and ln(km x price)", () => {
  close(greatCircleKm(0, 0, 0, 90), (EARTH_RADIUS_KM * Math.PI) / 2); // 10,007.557 km
  close(greatCircleKm(0, 0, 90, 0), (EARTH_RADIUS_KM * Math.PI) / 2);
  close(greatCircleKm(10, 20, 10, 20), 0);
  close(geoDistanceIndex(10000, 50), Math.log(500000)); // 13.1223634
  assert.throws(() => geoDistanceIndex(0, 50), /must be positive/);
});

test("hand-computed panel: dist or distcap, one price per year", () => {
  const dist: DistRow[] = [
    { iso_o: "JPN", iso_d: "USA", dist: 10000, distcap: 11000, distw: 12000, distwces: 9000 },
  ];
  const oil: OilRow[] = [
    { year: 2016, price: 50 },
    { year: 2017, price: 40 },
  ];
  const rows = geoDistancePanel(dist, oil, { allies: ["JPN"], years: [2016, 2017] });
  close(rows[0].value, Math.log(500000));
  close(rows[1].value, Math.log(400000));
  close(
    geoDistancePanel(dist, oil, { allies: ["JPN"], years: [2016], measure: "distcap" })[0].value,
    Math.log(550000),
  );
  close(
    geoDistancePanel(dist, oil, { allies: ["JPN"], years: [2016], measure: "distwces" })[0].value,
    Math.log(450000),
  );
  assert.throws(
    () => geoDistancePanel(dist, oil, { allies: ["JPN"], years: [2018] }),
    /no oil price for 2018/,
  );
  assert.throws(
    () => geoDistancePanel(dist, oil, { allies: ["KOR"], years: [2016] }),
    /no distance KOR-USA/,
  );
});

test("real data: GD_us for USA-CHN 2016 would be ln(10,993.68 x 43.29); 104 ally-years", () => {
  const dist = loadGeoDist().table.objects() as unknown as DistRow[];
  const oil = loadOil().table.objects() as unknown as OilRow[];
  const rows = geoDistancePanel(dist, oil);
  assert.equal(rows.length, 104);
  close(
    geoDistancePanel(dist, oil, { allies: ["CHN"], years: [2016] })[0].value,
    Math.log(10993.68 * 43.29),
  );
  // Canada is nearest the US, the Asia-Pacific allies farthest
  const y16 = rows.filter((r) => r.year === 2016).sort((a, b) => a.value - b.value);
  assert.equal(y16[0].iso3, "CAN");
  assert.ok(["AUS", "NZL", "PHL", "THA"].includes(y16[y16.length - 1].iso3));
});
