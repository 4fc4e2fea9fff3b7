import { test } from "node:test";
import assert from "node:assert/strict";
import { loadWdi, parseWdiText } from "../../lib/sources/wdi";
import { ALLIES } from "../../lib/countries";

const API_HEAD =
  '\ufeff"Data Source","World Development Indicators",\n\n"Last Updated Date","2025-12-04",\n\n"Country Name","Country Code","Indicator Name","Indicator Code","2015","2016",\n';

test("real data: values quoted in wdi/SOURCE.md", () => {
  const gdp = loadWdi({ indicator: "gdp" });
  const pc = loadWdi({ indicator: "gdppc" });
  const fx = loadWdi({ indicator: "exchange" });
  const at = (t: typeof gdp.table, iso3: string, year: number) =>
    t.filter(`d => d.iso3 === '${iso3}' && d.year === ${year}`).array("value")[0] as number;
  assert.equal(at(gdp.table, "USA", 2016), 18_804_913_000_000);
  assert.equal(Math.round(at(pc.table, "USA", 2016) * 100) / 100, 57976.63);
  assert.equal(Math.round(at(pc.table, "CHN", 2020) * 100) / 100, 10627.46);
  assert.equal(Math.round(at(fx.table, "JPN", 2016) * 100) / 100, 108.79);
  assert.equal(Math.round(at(fx.table, "KOR", 2016) * 100) / 100, 1160.77);
  assert.equal(Math.round(at(fx.table, "DEU", 2016) * 1e5) / 1e5, 0.90342);
  assert.equal(at(fx.table, "USA", 2018), 1);
  // 28 countries kept, everything else counted, nothing silently lost
  assert.equal(pc.report.rowsRead, 266);
  assert.equal(pc.report.dropped["not a study country"], 266 - 28);
  assert.equal(
    gdp.report.rowsRead - gdp.report.rowsKept,
    gdp.report.dropped["not a study country"],
  );
  assert.match(pc.report.notes.join(" "), /different vintages/);
});

test("real data: GDP / GDP per capita gives plausible populations (units check across two vintages)", () => {
  const gdp = loadWdi({ indicator: "gdp" }).table;
  const pc = loadWdi({ indicator: "gdppc" }).table;
  const v = (t: typeof gdp, iso3: string, y: number) =>
    t.filter(`d => d.iso3 === '${iso3}' && d.year === ${y}`).array("value")[0] as number;
  // USA 2016 about 323 million, Japan about 127 million, Iceland about 0.34 million (vintages differ by a few %)
  const pop = (iso3: string) => v(gdp, iso3, 2016) / v(pc, iso3, 2016) / 1e6;
  assert.ok(Math.abs(pop("USA") / 323.1 - 1) < 0.03, String(pop("USA")));
  assert.ok(Math.abs(pop("JPN") / 127.0 - 1) < 0.03, String(pop("JPN")));
  assert.ok(Math.abs(pop("ISL") / 0.336 - 1) < 0.05, String(pop("ISL")));
});

test("real data: every ally and both powers covered 2016-2019 in all three indicators", () => {
  for (const indicator of ["gdp", "gdppc", "exchange"] as const) {
    const t = loadWdi({ indicator }).table;
    for (const iso3 of [...ALLIES, "USA", "CHN"]) {
      const years = t
        .filter(`d => d.iso3 === '${iso3}' && d.year >= 2016 && d.year <= 2019`)
        .array("value") as number[];
      assert.equal(years.length, 4, `${indicator} ${iso3}`);
      for (const v of years) assert.ok(v > 0, `${indicator} ${iso3}`);
    }
  }
});

test("long format: hand-written rows, aggregates dropped, empty value counted", () => {
  const rows = parseWdiText(
    "Country Name,Country Code,Year,Value\nWorld,WLD,2016,7.6e13\nUnited States,USA,2016,1.5e13\nChina,CHN,2016,\nChina,CHN,2017,1.2e13\n",
    "gdp",
    "g.csv",
    { years: [] },
  );
  assert.deepEqual(rows, [
    { iso3: "USA", year: 2016, value: 1.5e13 },
    { iso3: "CHN", year: 2017, value: 1.2e13 },
  ]);
});

test("API format: preamble skipped, wide years become long rows", () => {
  const rows = parseWdiText(
    API_HEAD +
      '"Japan","JPN","GDP per capita (current US$)","NY.GDP.PCAP.CD","34960.6","39375.5",\n"Euro area","EMU","x","NY.GDP.PCAP.CD","1","2",\n',
    "gdppc",
    "pc.csv",
    { years: [] },
  );
  assert.deepEqual(rows, [
    { iso3: "JPN", year: 2015, value: 34960.6 },
    { iso3: "JPN", year: 2016, value: 39375.5 },
  ]);
});

test("bad input: truncated file, missing column, non-numeric cell, duplicate, wrong indicator, coverage", () => {
  assert.throws(
    () =>
      parseWdiText("Country Name,Country Code,Year,Value\nJapan,JPN,2016\n", "gdp", "t.csv", {
        years: [],
      }),
    /t\.csv \(row 2\): expected 4 fields, found 3/,
  );
  assert.throws(
    () =>
      parseWdiText("Country Name,Country Code,Value\nJapan,JPN,1\n", "gdp", "m.csv", { years: [] }),
    /m\.csv \(column "Year"\): missing column "Year"/,
  );
  assert.throws(
    () =>
      parseWdiText("Country Name,Country Code,Year,Value\nJapan,JPN,2016,1.2x\n", "gdp", "n.csv", {
        years: [],
      }),
    /n\.csv \(row 2, column "Value"\): not a number: "1\.2x"/,
  );
  assert.throws(
    () =>
      parseWdiText(
        "Country Name,Country Code,Year,Value\nJapan,JPN,2016,1\nJapan,JPN,2016,2\n",
        "gdp",
        "d.csv",
        { years: [] },
      ),
    /d\.csv \(row 3\): duplicate key \(JPN:2016\) also on row 2/,
  );
  assert.throws(
    () =>
      parseWdiText(API_HEAD + '"Japan","JPN","x","NY.GDP.MKTP.CD","1","2",\n', "gdppc", "i.csv", {
        years: [],
      }),
    /i\.csv \(row 6, column "Indicator Code"\): indicator code "NY\.GDP\.MKTP\.CD", expected "NY\.GDP\.PCAP\.CD"/,
  );
  assert.throws(
    () =>
      parseWdiText("Country Name,Country Code,Year,Value\nJapan,J P,2016,1\n", "gdp", "u.csv", {
        years: [],
      }),
    /u\.csv \(row 2, column "Country Code"\): unknown country code "J P"/,
  );
  assert.throws(
    () =>
      parseWdiText("Country Name,Country Code,Year,Value\nJapan,JPN,2016,1\n", "gdp", "c.csv", {
        years: [2016],
      }),
    /c\.csv: no GDP for 27 required country-year\(s\): GBR 2016/,
  );
});
