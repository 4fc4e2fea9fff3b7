import { test } from "node:test";
import assert from "node:assert/strict";
import { loadWgi, parseWgiText } from "../../lib/sources/wgi";
import { ALLIES } from "../../lib/countries";

const HEAD =
  '\ufeff"Country Name","Country Code","Indicator Name","Indicator Code","2016","2017",\n';
const six = (name: string, iso: string, v: (k: number) => string) =>
  ["VA", "PV", "GE", "RQ", "RL", "CC"]
    .map((d, k) => `"${name}","${iso}","x","${d}.EST",${v(k)},`)
    .join("\n") + "\n";

test("real data: USA RL.EST 2016 = 1.5805 and 2020 = 1.3354 (wgi/SOURCE.md)", () => {
  const { table, report } = loadWgi();
  const us = table.filter("d => d.iso3 === 'USA'").objects() as Record<string, number>[];
  const at = (y: number) => us.find((r) => r.year === y)!;
  assert.equal(Math.round(at(2016).RL * 1e4) / 1e4, 1.5805);
  assert.equal(Math.round(at(2020).RL * 1e4) / 1e4, 1.3354);
  assert.deepEqual(table.columnNames(), ["iso3", "year", "VA", "PV", "GE", "RQ", "RL", "CC"]);
  assert.equal(report.dropped["not an estimate (sources, std. errors, ranks)"], 28 * 30);
});

test("real data: every ally, USA and China have all six estimates 2016-2019", () => {
  const { table } = loadWgi();
  for (const iso3 of [...ALLIES, "USA", "CHN"]) {
    const rows = table
      .filter(`d => d.iso3 === '${iso3}' && d.year >= 2016 && d.year <= 2019`)
      .objects() as Record<string, number>[];
    assert.equal(rows.length, 4, iso3);
    for (const r of rows)
      for (const d of ["VA", "PV", "GE", "RQ", "RL", "CC"])
        assert.ok(Math.abs(r[d]) < 3, `${iso3} ${d}`);
  }
});

test("hand-written rows: estimates pivot to one row per country-year; a blank year is incomplete", () => {
  const text =
    HEAD +
    six("Japan", "JPN", (k) => `"${k}","${k + 0.5}"`).replace('"5","5.5"', '"5",""') +
    '"Japan","JPN","x","VA.STD.ERR","0.1","0.1",\n';
  const rows = parseWgiText(text, "w.csv", { years: [] });
  assert.deepEqual(rows, [{ iso3: "JPN", year: 2016, VA: 0, PV: 1, GE: 2, RQ: 3, RL: 4, CC: 5 }]);
});

test("bad input: truncated line, missing column, non-numeric cell, duplicate, unknown code, coverage", () => {
  assert.throws(
    () => parseWgiText(HEAD + '"Japan","JPN","x","VA.EST","1"\n', "t.csv", { years: [] }),
    /t\.csv \(row 2\): expected 6 fields, found 5/,
  );
  assert.throws(
    () =>
      parseWgiText('"Country Name","Country Code","2016",\n"Japan","JPN","1",\n', "m.csv", {
        years: [],
      }),
    /m\.csv \(column "Indicator Code"\): missing column/,
  );
  assert.throws(
    () => parseWgiText(HEAD + '"Japan","JPN","x","VA.EST","1","n/a",\n', "n.csv", { years: [] }),
    /n\.csv \(row 2, column "2017"\): not a number: "n\/a"/,
  );
  assert.throws(
    () =>
      parseWgiText(
        HEAD + six("Japan", "JPN", () => '"1","1"') + '"Japan","JPN","x","RL.EST","1","1",\n',
        "d.csv",
        { years: [] },
      ),
    /d\.csv \(row 8\): duplicate key \(JPN, RL\.EST\) also on row 6/,
  );
  assert.throws(
    () => parseWgiText(HEAD + '"Japan","","x","VA.EST","1","1",\n', "u.csv", { years: [] }),
    /u\.csv \(row 2, column "Country Code"\): unknown country code ""/,
  );
  assert.throws(
    () => parseWgiText(HEAD + six("Japan", "JPN", () => '"1","1"'), "c.csv", { years: [2016] }),
    /c\.csv: no complete set of six WGI estimates for 27 required country-year\(s\)/,
  );
});
