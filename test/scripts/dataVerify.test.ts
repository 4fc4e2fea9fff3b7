import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";

function run(script: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, "scripts", script), ...args],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("data:verify names a directory standing where a file should be, lists unknown files, and does not crash", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-"));
  fs.mkdirSync(path.join(dir, "oil", "wti-year.csv"), { recursive: true });
  fs.writeFileSync(path.join(dir, "oil", "SOURCE.md"), "provenance\n");
  fs.writeFileSync(path.join(dir, "oil", "stray.csv"), "a\n1\n");
  fs.writeFileSync(path.join(dir, "notes.txt"), "x\n");
  const r = run("dataVerify.ts", ["--data-dir", dir]);
  assert.equal(r.code, 1);
  assert.match(
    r.out,
    new RegExp(
      `NOTFILE  oil/wti-year\\.csv  is a directory \\(or not a regular file\\): ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/oil/wti-year\\.csv`,
    ),
  );
  assert.match(r.out, /MISSING {2}wdi\/gdp\.csv/);
  const unknown = r.out.split("\n").filter((l) => l.startsWith("UNKNOWN"));
  assert.deepEqual(unknown, [
    "UNKNOWN  notes.txt  (not in data/sources.json)",
    "UNKNOWN  oil/stray.csv  (not in data/sources.json)",
  ]);
  assert.match(
    r.out,
    /files missing, changed or not a file; 2 unknown file\(s\) in the data root\n$/,
  );
  assert.equal(r.err, "");
});
