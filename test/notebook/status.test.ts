/**
 * The status table of notebook 00, against the real data root and this
 * checkout: every raw file listed in data/sources.json verifies, every source
 * of the manifest has a row, the two sources outside the deposit say so.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { manifest } from "../../lib/io/manifest";
import { dataStatus, replicationStatus } from "../../lib/notebook/status";

const rows = dataStatus();

test("one row per manifest source, then the two sources not in the deposit", () => {
  const sources = new Set(manifest().files.map((f) => f.source));
  const mine = rows.slice(0, -2).map((r) => r.source);
  assert.deepEqual([...mine].sort(), [...sources].sort());
  assert.equal(mine.length, 13);
  assert.deepEqual(
    rows.slice(-2).map((r) => r.source),
    ["GDELT 1.0 daily files 2016-2020", "UNCTAD ICT-goods trade"],
  );
});

test("every listed source's files verify against their SHA-256: k/k with k its manifest count", () => {
  const count = new Map<string, number>();
  for (const f of manifest().files) count.set(f.source, (count.get(f.source) ?? 0) + 1);
  for (const r of rows.slice(0, -2)) {
    const k = count.get(r.source)!;
    assert.ok(k >= 1, r.source);
    assert.equal(r.filesOk, `${k}/${k}`, r.source);
  }
  // two counts checked by hand against data/sources.json
  assert.equal(rows.find((r) => r.source === "unvotes")!.filesOk, "13/13");
  assert.equal(rows.find((r) => r.source === "huawei_5g")!.filesOk, "1/1");
});

test("offline column: the deposit sources reproduce offline, GDELT 1.0 and UNCTAD do not", () => {
  for (const r of rows.slice(0, -2)) assert.match(r.offline, /^yes/, r.source);
  assert.equal(rows.find((r) => r.source === "imf_dots")!.offline, "yes, as a substitute");
  const [gdelt, unctad] = rows.slice(-2);
  for (const r of [gdelt, unctad]) {
    assert.match(r.offline, /^no: /);
    assert.equal(r.filesOk, "not in deposit");
  }
  assert.match(unctad.offline, /IMF DOTS/);
});

test("moduleReady: true for the modules of this checkout, false in an empty root", () => {
  for (const r of rows.slice(0, -2)) {
    assert.equal(r.moduleReady, true, r.module);
    assert.ok(fs.existsSync(path.join(REPO_ROOT, r.module)), r.module);
  }
  const [gdelt, unctad] = rows.slice(-2);
  assert.equal(gdelt.moduleReady, true); // lib/cli/gdelt.ts
  assert.equal(unctad.moduleReady, false); // "not in the deposit"
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "status-"));
  try {
    const e = dataStatus(empty);
    assert.ok(e.every((r) => !r.moduleReady));
    assert.deepEqual(
      e.map((r) => r.filesOk),
      rows.map((r) => r.filesOk),
    ); // files are checked in the data root, not `root`
    assert.ok(replicationStatus(empty).every((s) => !s.ready));
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test("replicationStatus: each stage's ready flag matches its artefact on disk", () => {
  const st = replicationStatus();
  assert.equal(st.length, 6);
  for (const s of st)
    assert.equal(s.ready, fs.existsSync(path.join(REPO_ROOT, s.artefact)), s.artefact);
  assert.equal(st.find((s) => s.stage === "estimation engine")!.ready, true);
});
