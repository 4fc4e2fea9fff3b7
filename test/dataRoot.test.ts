import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { resolveDataRoot, dataDirFromArgv, REPO_ROOT, rawPath } from "../lib/dataRoot";

test("option wins over env, env over ../shared", () => {
  assert.equal(resolveDataRoot({ dataDir: "/x", env: { ALLIANCE_DATA_DIR: "/y" } }).via, "option");
  const e = resolveDataRoot({ env: { ALLIANCE_DATA_DIR: "/y" } });
  assert.deepEqual([e.dir, e.via], ["/y", "env"]);
});

test("defaults to ../shared/data/raw beside the repo when present", () => {
  const r = resolveDataRoot({ env: {} });
  const shared = path.resolve(REPO_ROOT, "..", "shared", "data", "raw");
  if (fs.existsSync(shared)) assert.deepEqual([r.dir, r.via], [shared, "shared"]);
  else assert.deepEqual([r.dir, r.via], [path.join(REPO_ROOT, "data", "raw"), "local"]);
});

test("--data-dir is read from argv in both spellings", () => {
  assert.equal(dataDirFromArgv(["a", "--data-dir", "/d"]), "/d");
  assert.equal(dataDirFromArgv(["--data-dir=/e"]), "/e");
  assert.equal(dataDirFromArgv(["x"]), undefined);
});

test("a missing raw file names the file and the root", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "root-"));
  assert.throws(() => rawPath("wdi/gdp.csv", { dataDir: dir }), /raw file not found: wdi\/gdp\.csv[\s\S]*via option/);
});
