import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { columnValues, moments, readPanel } from "../../lib/panel/read";

test("moments: hand-computed mean, sample sd, min, max; missing values skipped", () => {
  const m = moments([1, 2, null, 3, 6]);
  assert.equal(m.n, 4);
  assert.equal(m.mean, 3);
  assert.ok(Math.abs(m.sd - Math.sqrt(14 / 3)) < 1e-12); // (4 + 1 + 0 + 9) / 3
  assert.equal(m.min, 1);
  assert.equal(m.max, 6);
  assert.ok(Number.isNaN(moments([]).mean));
});

test("readPanel parses numbers, keeps text columns, maps empty cells to null", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-panel-"));
  const f = path.join(dir, "panel.csv");
  fs.writeFileSync(f, "iso3,country,year,asym,huawei_confidence\nKOR,Korea,2017,3.5,high\nKOR,Korea,2018,,\n");
  try {
    const rows = readPanel(f);
    assert.deepEqual(rows, [
      { iso3: "KOR", country: "Korea", year: 2017, asym: 3.5, huawei_confidence: "high" },
      { iso3: "KOR", country: "Korea", year: 2018, asym: null, huawei_confidence: "" },
    ]);
    assert.deepEqual(columnValues(rows, "asym", [2017]), [3.5]);
    fs.writeFileSync(f, "iso3,year,asym\nKOR,2017,abc\n");
    assert.throws(() => readPanel(f), /not a number/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
