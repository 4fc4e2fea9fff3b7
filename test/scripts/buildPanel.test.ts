import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, resolveDataRoot } from "../../lib/io/dataRoot";

function run(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, "scripts", "buildPanel.ts"), ...args],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("build:data with a missing raw file prints one line without a stack trace and leaves the old panel intact", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-"));
  const out = path.join(dir, "panel.csv");
  fs.writeFileSync(out, "old panel\n");
  const r = run(["--data-dir", path.join(dir, "empty-root"), "--out", out]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^error: \S+: raw file not found[^\n]*\n$/);
  assert.doesNotMatch(r.err, /\n\s+at /);
  assert.equal(fs.readFileSync(out, "utf8"), "old panel\n");
  assert.deepEqual(fs.readdirSync(dir).sort(), ["panel.csv"]);
});

test("build:data names a directory standing where the output file should be, in one line", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-"));
  const out = path.join(dir, "panel.csv");
  fs.mkdirSync(out);
  const r = run(["--data-dir", resolveDataRoot().dir, "--out", out]);
  assert.equal(r.code, 1);
  // refused by the argument check (lib/cli/args.ts checkOutPath) before the build starts
  assert.equal(r.err, `error: --out ${out} is a folder; give a file name\n`);
  assert.deepEqual(fs.readdirSync(dir), ["panel.csv"]);
});

test("build:data writes the committed panel and its CSVW sidecar byte for byte (atomic writes, one CSV writer)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "build-"));
  const out = path.join(dir, "panel.csv");
  const r = run(["--data-dir", resolveDataRoot().dir, "--out", out]);
  assert.equal(r.code, 0, r.err);
  assert.equal(
    fs.readFileSync(out, "utf8"),
    fs.readFileSync(path.join(REPO_ROOT, "data", "panel.csv"), "utf8"),
  );
  assert.equal(
    fs.readFileSync(`${out}-metadata.json`, "utf8"),
    fs.readFileSync(path.join(REPO_ROOT, "data", "panel.csv-metadata.json"), "utf8"),
  );
  assert.deepEqual(fs.readdirSync(dir).sort(), ["panel.csv", "panel.csv-metadata.json"]);
});
