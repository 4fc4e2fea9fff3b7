import { test } from "node:test";
import assert from "node:assert/strict";
import { loadIdealPoints, idealPointsFromCsv } from "../../lib/sources/idealPoints";
import { parseCsvText } from "../../lib/io/csv";
import { ALLIES, STUDY_COUNTRIES } from "../../lib/countries";
import { rowsOf, type IdealPointRow } from "../helpers/rows";

const jun = loadIdealPoints();
const index = new WeakMap<object, Map<string, IdealPointRow>>();
/** The row of a study country at a session or year (rows indexed once per table). */
function pick(
  t: typeof jun.table,
  iso3: string,
  key: "session" | "year",
  v: number,
): IdealPointRow {
  let m = index.get(t);
  if (!m) {
    m = new Map();
    for (const o of rowsOf<IdealPointRow>(t))
      if (o.iso3)
        m.set(`${o.iso3}:year:${o.year}`, o).set(`${o.iso3}:session:${String(o.session)}`, o);
    index.set(t, m);
  }
  const row = m.get(`${iso3}:${key}:${v}`);
  if (!row) throw new Error(`no row for ${iso3} at ${key} ${v}`);
  return row;
}

test("Jun2024 (default): USA and China ideal points, sessions 71-75 (SOURCE.md values)", () => {
  const usa = [71, 72, 73, 74, 75].map((s) => pick(jun.table, "USA", "session", s).ideal);
  const chn = [71, 72, 73, 74, 75].map((s) => pick(jun.table, "CHN", "session", s).ideal);
  [2.519, 2.64, 2.689, 2.605, 2.707].forEach((v, i) =>
    assert.ok(Math.abs(usa[i] - v) < 5e-4, `USA ${usa[i]}`),
  );
  [-0.458, -0.366, -0.51, -0.369, -0.589].forEach((v, i) =>
    assert.ok(Math.abs(chn[i] - v) < 5e-4, `CHN ${chn[i]}`),
  );
  const u75 = pick(jun.table, "USA", "session", 75);
  assert.equal(u75.year, 2020);
  assert.equal(u75.chinaAgree, 0.106383);
  assert.equal(u75.usAgree, 1);
  assert.equal(jun.report.rowsRead, 11238);
  assert.deepEqual(jun.report.dropped, {});
  assert.deepEqual(jun.table.columnNames(), [
    "ccode",
    "iso3",
    "session",
    "year",
    "ideal",
    "nvotes",
    "usAgree",
    "chinaAgree",
  ]);
  // NA in ChinaAgree stays null (China's seat before 1971), not NaN.
  assert.equal(pick(jun.table, "USA", "session", 1).chinaAgree, null);
});

test("every study country has an ideal point in sessions 70-75 (Jun2024), 70-74 (Apr2020)", () => {
  const apr = loadIdealPoints({ release: "Apr2020" });
  for (const [t, last] of [
    [jun.table, 75],
    [apr.table, 74],
  ] as const) {
    const have = new Set(
      rowsOf<IdealPointRow>(t).map((o) => `${String(o.iso3)}:${String(o.session)}`),
    );
    for (const c of STUDY_COUNTRIES)
      for (let s = 70; s <= last; s++) assert.ok(have.has(`${c}:${s}`), `${c} ${s}`);
  }
  assert.equal(Math.max(...(apr.table.array("session") as number[])), 74);
  assert.ok(Math.abs(pick(apr.table, "USA", "session", 74).ideal - 2.695) < 5e-4);
});

test("July2025: legacy equals Jun2024 (float32 precision); all is year-based and differs", () => {
  const legacy = loadIdealPoints({ release: "July2025", variant: "legacy" });
  const all = loadIdealPoints({ release: "July2025" });
  const fp = loadIdealPoints({ release: "July2025", variant: "fp" });
  for (const c of [...ALLIES, "USA", "CHN"]) {
    for (let y = 2016; y <= 2020; y++) {
      const a = pick(legacy.table, c, "year", y),
        b = pick(jun.table, c, "year", y);
      assert.equal(a.session, y - 1945);
      assert.ok(Math.abs(a.ideal - b.ideal) < 1e-5, `${c} ${y}: ${a.ideal} vs ${b.ideal}`);
      assert.equal(pick(all.table, c, "year", y).session, null);
      assert.doesNotThrow(() => pick(fp.table, c, "year", y), `fp ${c} ${y}`);
    }
  }
  assert.ok(Math.abs(pick(all.table, "USA", "year", 2020).ideal - 2.595) < 5e-4);
  assert.ok(Math.abs(pick(all.table, "CHN", "year", 2020).ideal + 0.841) < 5e-4);
  // idealpointall is NA for all of 2024 (and a few other rows): dropped and counted.
  assert.equal(all.report.dropped["ideal point missing (NA)"], 208);
  assert.ok(!rowsOf<IdealPointRow>(all.table).some((o) => o.year === 2024));
  assert.throws(
    () => loadIdealPoints({ release: "Jun2024", variant: "fp" }),
    /only in the July2025 release/,
  );
});

test("bad input: unknown ccode, ISO3 mismatch, duplicate, non-numeric", () => {
  const H = '"","ccode","session","NVotesAll","IdealPointAll","iso3c","USAgree","ChinaAgree"\n';
  const f = (rows: string) => idealPointsFromCsv(parseCsvText(H + rows, "ip.csv"));
  assert.equal(f('"1",2,75,96,2.7,"USA",1,0.1\n').table.numRows(), 1);
  assert.throws(
    () => f('"1",9999,75,96,2.7,"XXX",1,0.1\n'),
    /ip\.csv \(row 2, column "ccode"\): unknown country: ccode 9999/,
  );
  assert.throws(
    () => f('"1",2,75,96,2.7,"USX",1,0.1\n'),
    /ccode 2 is USA in the registry but "USX" in the file/,
  );
  assert.throws(
    () => f('"1",2,75,96,2.7,"USA",1,0.1\n"2",2,75,96,2.7,"USA",1,0.1\n'),
    /ip\.csv \(row 3\): duplicate \(ccode 2, session 75\), also on row 2/,
  );
  assert.throws(
    () => f('"1",2,75,96,high,"USA",1,0.1\n'),
    /column "IdealPointAll"\): not a number: "high"/,
  );
  assert.equal(f('"1",2,75,96,NA,"USA",1,0.1\n').report.dropped["ideal point missing (NA)"], 1);
});
