import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  dayRange,
  yearProblem,
  allowedYears,
  yearsOf,
  isoDay,
  GDELT_V1_FIRST_DAY,
} from "../../lib/gdelt/range";
import { readPolicyCsv } from "../../lib/gdelt/aggregate";
import { policySql } from "../../lib/gdelt/bigquery";

const NOW = new Date("2026-12-02T01:00:00Z");

test("dayRange: calendar days inclusive, inside 2013-04-01 .. today (UTC)", () => {
  assert.deepEqual(dayRange("2016-02-28", "2016-03-01", NOW), ["20160228", "20160229", "20160301"]);
  assert.equal(dayRange("2016-01-01", "2020-12-31", NOW).length, 1827);
  assert.deepEqual(dayRange("2013-04-01", "2013-04-01", NOW), ["20130401"]);
  assert.deepEqual(dayRange("2026-12-02", "2026-12-02", NOW), ["20261202"]);
  assert.throws(
    () => dayRange("2017-02-29", "2017-03-01", NOW),
    /--from: not a calendar date: "2017-02-29"/,
  );
  assert.throws(
    () => dayRange("2018-01-02", "2018-01-01", NOW),
    /--from 2018-01-02 is after --to 2018-01-01/,
  );
  assert.throws(
    () => dayRange("1850-01-01", "2016-01-01", NOW),
    /--from 1850-01-01 is before 2013-04-01: GDELT 1\.0 daily files start on 2013-04-01 \(the study uses 2016-2020; the 1979-2013 back-files/,
  );
  assert.throws(
    () => dayRange("2013-03-31", "2016-01-01", NOW),
    /--from 2013-03-31 is before 2013-04-01/,
  );
  assert.throws(
    () => dayRange("2016-01-01", "2026-12-03", NOW),
    /--to 2026-12-03 is after today \(2026-12-02, UTC\)/,
  );
  assert.throws(() => dayRange("2016-01-01", "1850-12-31", NOW), /after --to/);
  assert.equal(GDELT_V1_FIRST_DAY, "2013-04-01");
  assert.deepEqual(yearsOf("2016-01-01", "2020-12-31"), { first: 2016, last: 2020 });
  assert.equal(isoDay("20160229"), "2016-02-29");
});

test("years of an aggregate: 2013 .. this year", () => {
  assert.deepEqual(allowedYears(NOW), { first: 2013, last: 2026 });
  assert.equal(yearProblem(2013, NOW), undefined);
  assert.equal(yearProblem(2026, NOW), undefined);
  assert.match(yearProblem(2012, NOW) ?? "", /^year 2012 is outside 2013\.\.2026/);
  assert.match(yearProblem(2027, NOW) ?? "", /^year 2027 is outside 2013\.\.2026/);
});

test("an imported aggregate with year 1850 (or a future year) is refused, naming file, row and the allowed range", () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "range-"));
  try {
    const f = path.join(d, "bq.csv");
    const last = new Date().getUTCFullYear();
    fs.writeFileSync(
      f,
      "iso3,year,n_events,mean_goldstein,mean_mentions,policy\nJPN,2018,4,1,3,2.2\nGBR,1850,1,-0.1,7,0\n",
    );
    assert.throws(
      () => readPolicyCsv(f),
      (e: Error) =>
        e.message ===
        `${f} (row 3, column "year"): year 1850 is outside 2013..${last}: GDELT 1.0 daily files start on 2013-04-01 (the study uses 2016-2020; the 1979-2013 back-files are another format, not read here)`,
    );
    fs.writeFileSync(
      f,
      `iso3,year,n_events,mean_goldstein,mean_mentions,policy\nGBR,${last + 1},1,-0.1,7,0\n`,
    );
    assert.throws(
      () => readPolicyCsv(f),
      new RegExp(`\\(row 2, column "year"\\): year ${last + 1} is outside 2013\\.\\.${last}`),
    );
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});

test("the BigQuery route refuses the same dates as fetch", () => {
  assert.throws(
    () => policySql({ from: "1850-01-01", to: "2020-12-31" }),
    /--from 1850-01-01 is before 2013-04-01/,
  );
  assert.throws(
    () => policySql({ from: "2016-01-01", to: "2999-12-31" }),
    /--to 2999-12-31 is after today/,
  );
});
