import { test } from "node:test";
import assert from "node:assert/strict";
import { readPanel } from "../../lib/panel/read";
import { fitSpecs } from "../../lib/replication/hypotheses";
import { precomputed } from "../../lib/notebook/precomputed";
import { table2IntervalsSpec } from "../../lib/notebook/table2Intervals";
import { TABLE2_SPECS } from "../../lib/study";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

test("table2IntervalsSpec: twelve focal intervals of Table 2 on the real panel, around fitSpecs' estimates", () => {
  const spec = table2IntervalsSpec("huawei_stance", { B: 99 });
  assert.equal(spec.name, "table2-intervals-huawei_stance");
  const dir = mkdtempSync(join(tmpdir(), "t2i-"));
  const r = precomputed(spec, { dir });
  assert.equal(r.source, "computed");
  const fits = fitSpecs(readPanel(), TABLE2_SPECS, "huawei_stance").models;
  assert.deepEqual(
    r.value.map((m) => m.name),
    TABLE2_SPECS.map((s) => s.name),
  );
  // (1)-(3) one focal term each, (4)-(6) two, (7) three
  assert.deepEqual(
    r.value.map((m) => m.rows.length),
    [1, 1, 1, 2, 2, 2, 3],
  );
  r.value.forEach((m, k) => {
    for (const row of m.rows) {
      const c = fits[k].fit.coefficients.find((x) => x.term === row.term);
      assert.ok(c && Math.abs(c.estimate - row.estimate) < 1e-12, `${m.name} ${row.term}`);
      assert.ok(row.lo < row.estimate && row.estimate < row.hi);
    }
  });
  // read back from the file for the same inputs; another B is another result
  const again = precomputed(table2IntervalsSpec("huawei_stance", { B: 99 }), { dir });
  assert.equal(again.source, "build");
  assert.deepEqual(again.value, r.value);
  const other = precomputed(table2IntervalsSpec("huawei_stance", { B: 49 }), { dir, write: false });
  assert.equal(other.source, "computed");
  assert.equal(other.reason, "inputs changed");
});
