import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  resolveDataRoot,
  dataDirFromArgv,
  findRepoRoot,
  REPO_ROOT,
  rawPath,
} from "../../lib/io/dataRoot";

test("option wins over env, env over the repository's data/raw", () => {
  assert.equal(resolveDataRoot({ dataDir: "/x", env: { ALLIANCE_DATA_DIR: "/y" } }).via, "option");
  const e = resolveDataRoot({ env: { ALLIANCE_DATA_DIR: "/y" } });
  assert.deepEqual([e.dir, e.via], ["/y", "env"]);
});

test("defaults to data/raw inside the repository, never to a folder beside it", () => {
  const r = resolveDataRoot({ env: {} });
  assert.deepEqual([r.dir, r.via], [path.join(REPO_ROOT, "data", "raw"), "repository"]);
  // The deposit is committed: its provenance notes and a data file are there.
  assert.ok(fs.statSync(path.join(r.dir, "wdi", "SOURCE.md")).isFile());
  assert.ok(
    fs.statSync(path.join(r.dir, "crosswalk", "countrycode_codelist_without_cldr.csv")).isFile(),
  );
});

test("--data-dir is read from argv in both spellings", () => {
  assert.equal(dataDirFromArgv(["a", "--data-dir", "/d"]), "/d");
  assert.equal(dataDirFromArgv(["--data-dir=/e"]), "/e");
  assert.equal(dataDirFromArgv(["x"]), undefined);
});

test("a missing raw file names the file and the root", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "root-"));
  assert.throws(
    () => rawPath("wdi/gdp.csv", { dataDir: dir }),
    /raw file not found: wdi\/gdp\.csv[\s\S]*via option/,
  );
});

test("findRepoRoot: the nearest folder above with package.json (sources, CLI bundle, kernel build)", () => {
  assert.ok(fs.existsSync(path.join(REPO_ROOT, "package.json")));
  assert.equal(findRepoRoot(path.join(REPO_ROOT, "lib", "io")), REPO_ROOT);
  assert.equal(findRepoRoot(path.join(REPO_ROOT, "dist")), REPO_ROOT);
  assert.equal(findRepoRoot(path.join(REPO_ROOT, "dist", "kernel", "lib", "io")), REPO_ROOT);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "root-"));
  fs.mkdirSync(path.join(tmp, "a", "b", "c"), { recursive: true });
  fs.writeFileSync(path.join(tmp, "a", "package.json"), "{}");
  assert.equal(findRepoRoot(path.join(tmp, "a", "b", "c")), path.join(tmp, "a"));
  fs.rmSync(tmp, { recursive: true, force: true });
});
