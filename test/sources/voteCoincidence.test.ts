import { test } from "node:test";
import assert from "node:assert/strict";
import { loadVoteCoincidence, voteCoincidenceFromText } from "../../lib/sources/voteCoincidence";
import { ALLIES } from "../../lib/countries";
import { rowsOf, type CoincidenceRow } from "../helpers/rows";

const { table, report } = loadVoteCoincidence();
const rows = rowsOf<CoincidenceRow>(table);
const at = (iso3: string, year: number) => rows.find((o) => o.iso3 === iso3 && o.year === year);

test("real files: 192 members a year; SOURCE.md spot values", () => {
  assert.equal(table.numRows(), 576);
  assert.deepEqual(table.columnNames(), [
    "iso3",
    "year",
    "same",
    "opposite",
    "partial",
    "absent",
    "coincidence",
  ]);
  const coin = (c: string) => [2018, 2019, 2020].map((y) => at(c, y)!.coincidence);
  assert.deepEqual(coin("CHN"), [0.2, 0.2, 0.19]);
  assert.deepEqual(coin("JPN"), [0.46, 0.48, 0.46]);
  assert.deepEqual(coin("DEU"), [0.51, 0.56, 0.55]);
  assert.deepEqual(coin("GBR"), [0.59, 0.64, 0.61]);
  assert.equal(at("USA", 2018), undefined);
});

test("2020 columns are matched by name (PARTIAL comes before OPPOSITE there)", () => {
  // un-coincidence-2020.csv: United Kingdom,GBR,52,17,31,0,0.61 with header SAME,PARTIAL,OPPOSITE
  const uk = at("GBR", 2020)!;
  assert.deepEqual([uk.same, uk.partial, uk.opposite, uk.absent], [52, 17, 31, 0]);
  // and the published coincidence fits only that reading: (52 + 17/2) / 100 = 0.605 -> 0.61
  assert.ok(
    Math.abs((uk.same + uk.partial / 2) / (uk.same + uk.opposite + uk.partial) - uk.coincidence) <=
      0.005 + 1e-9,
  );
});

test("every ally and China in every year; coincidence = (same + partial/2)/(voted) to rounding for them", () => {
  for (const c of [...ALLIES, "CHN"]) {
    for (const y of [2018, 2019, 2020]) {
      const r = at(c, y);
      assert.ok(r, `${c} ${y}`);
      assert.ok(
        Math.abs((r.same + r.partial / 2) / (r.same + r.opposite + r.partial) - r.coincidence) <=
          0.005 + 1e-9,
        `${c} ${y}`,
      );
    }
  }
  assert.ok(report.notes.some((n) => /2019: 17 row\(s\) whose COINCIDENCE differs/.test(n)));
});

test("transcription typos are resolved and reported (Greece 'GRO' in 2018)", () => {
  // un-coincidence-2018.csv row 69: Greece,GRO,41,46,23,0,0.48
  const grc = at("GRC", 2018)!;
  assert.deepEqual([grc.same, grc.coincidence], [41, 0.48]);
  assert.ok(!rows.some((o) => o.iso3 === "GRO"));
  assert.ok(
    report.notes.some((n) =>
      /row 69: ISO "GRO" is not an ISO3 code; used GRC from the name "Greece"/.test(n),
    ),
  );
  assert.ok(report.notes.some((n) => /name "Irag" not recognised .*kept ISO IRQ/.test(n)));
});

test("bad input: unknown country, code/name clash, duplicates, bad numbers", () => {
  const H = "COUNTRY,ISO,SAME,PARTIAL,OPPOSITE,ABSENT,COINCIDENCE\n";
  const f = (rows: string) => voteCoincidenceFromText(H + rows, "c.csv", 2020);
  const ok = f("France,FRA,50,20,30,0,0.6\n");
  assert.deepEqual(ok.table.objects()[0], {
    iso3: "FRA",
    year: 2020,
    same: 50,
    opposite: 30,
    partial: 20,
    absent: 0,
    coincidence: 0.6,
  });
  assert.throws(
    () => f("Atlantis,XXA,50,20,30,0,0.6\n"),
    /c\.csv \(row 2, column "ISO"\): unknown country: ISO "XXA"/,
  );
  assert.throws(
    () => f("Germany,FRA,50,20,30,0,0.6\n"),
    /ISO "FRA" does not match country "Germany" \(DEU\)/,
  );
  assert.throws(
    () => f("France,FRA,50,20,30,0,0.6\nFrance,FRA,50,20,30,0,0.6\n"),
    /c\.csv \(row 3\): duplicate key \(FRA\) also on row 2/,
  );
  assert.throws(
    () => f("France,FRA,fifty,20,30,0,0.6\n"),
    /column "SAME"\): not a number: "fifty"/,
  );
  assert.throws(() => f("France,FRA,50,20,30,0,1.6\n"), /coincidence 1.6 outside 0-1/);
});
