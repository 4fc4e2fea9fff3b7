import { test } from "node:test";
import assert from "node:assert/strict";
import { loadHuawei5g, parseHuawei5gText, type HuaweiRow } from "../../lib/sources/huawei5g";
import { ALLIES } from "../../lib/countries";

const HEAD = "country,iso3,year,stance,confidence,event_date,note\n";

test("real data: 26 allies x 2017-2021 and the 2021 distribution stated in SOURCES.md (7 / 14 / 5)", () => {
  const { table, report } = loadHuawei5g();
  const rows = table.objects() as unknown as HuaweiRow[];
  assert.equal(rows.length, 130);
  assert.equal(report.rowsKept, 130);
  const y21 = rows.filter((r) => r.year === 2021);
  assert.deepEqual(
    [0, 1, 2].map((s) => y21.filter((r) => r.stance === s).length),
    [7, 14, 5],
  );
  const conf = ["high", "medium", "low"].map((c) => rows.filter((r) => r.confidence === c).length);
  assert.deepEqual(conf, [42, 78, 10]);
  const gbr = rows.filter((r) => r.iso3 === "GBR").map((r) => r.stance);
  assert.deepEqual(gbr, [1, 1, 1, 2, 2]);
  for (const a of ALLIES) assert.equal(rows.filter((r) => r.iso3 === a).length, 5, a);
});

test("bad input: stance out of range, name/code mismatch, non-ally, duplicate, truncated, coverage", () => {
  const row = (s: string) => HEAD + s + "\n";
  assert.throws(
    () => parseHuawei5gText(row("Japan,JPN,2017,3,high,2018,x"), "s.csv"),
    /s\.csv \(row 2, column "stance"\): stance must be 0, 1 or 2, found 3/,
  );
  assert.throws(
    () => parseHuawei5gText(row("Japan,KOR,2017,1,high,2018,x"), "m.csv"),
    /m\.csv \(row 2, column "country"\): country "Japan" is JPN, but iso3 says KOR/,
  );
  assert.throws(
    () => parseHuawei5gText(row("China,CHN,2017,1,high,2018,x"), "a.csv"),
    /a\.csv \(row 2, column "iso3"\): "CHN" is not one of the 26 allies/,
  );
  assert.throws(
    () => parseHuawei5gText(row("Japan,JPN,2017,1,sure,2018,x"), "c.csv"),
    /confidence must be high, medium or low/,
  );
  assert.throws(
    () =>
      parseHuawei5gText(row("Japan,JPN,2017,1,high,2018,x\nJapan,JPN,2017,1,high,2018,x"), "d.csv"),
    /d\.csv \(row 3\): duplicate key \(JPN:2017\) also on row 2/,
  );
  assert.throws(
    () => parseHuawei5gText(row("Japan,JPN,2017,1,high"), "t.csv"),
    /t\.csv \(row 2\): expected 7 fields, found 5/,
  );
  assert.throws(
    () => parseHuawei5gText(row("Japan,JPN,2017,1,high,2018,x"), "v.csv"),
    /v\.csv: no stance for 129 required country-year\(s\)/,
  );
  assert.throws(
    () => parseHuawei5gText(row("Atlantis,JPN,2017,1,high,2018,x"), "u.csv"),
    /u\.csv \(row 2, column "country"\): unknown country name "Atlantis"/,
  );
});
