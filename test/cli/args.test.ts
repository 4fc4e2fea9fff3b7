import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkOutPath, listOption, refuseStrays } from "../../lib/cli/args";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "cli-args-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

// Synthetic panel (labelled: made up for these tests): 4 units x 5 years, x2 matters.
const rows = ["unit,year,y,x1,x2"];
for (let u = 1; u <= 4; u++)
  for (let t = 2001; t <= 2005; t++)
    rows.push(
      `${u},${t},${(u * 0.3 + t * 0.01 + ((u * 7 + t * 3) % 5) * 0.2).toFixed(3)},${((u * 3 + t) % 7) / 3},${((u + 2 * t) % 5) / 2}`,
    );
const data = join(dir, "panel.csv");
writeFileSync(data, rows.join("\n") + "\n");

function fe(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "alliance.js"), "fe", ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });
}
const oneLine = (s: string) => s.trim().split("\n").length === 1;

test("a space after a comma is refused, naming the stray word and the fix", () => {
  const r = fe(["--data", data, "--y", "y", "--x", "x1,", "x2", "--fe", "unit,year"]);
  assert.notEqual(r.status, 0, r.stdout);
  assert.match(
    r.stderr,
    /unexpected word "x2" after "--x x1,": write a list without spaces after the commas \(--x x1,x2\)/,
  );
  assert.ok(oneLine(r.stderr), r.stderr);
  const f = fe(["--data", data, "--y", "y", "--x", "x1", "--fe", "unit,", "year"]);
  assert.notEqual(f.status, 0, f.stdout);
  assert.match(f.stderr, /unexpected word "year" after "--fe unit,".*\(--fe unit,year\)/);
});

test("a repeated column in --fe or --x is refused with the list to give", () => {
  const r = fe(["--data", data, "--y", "y", "--x", "x1", "--fe", "unit,unit"]);
  assert.notEqual(r.status, 0);
  assert.match(
    r.stderr,
    /--fe "unit,unit" names "unit" twice; give each column once \(--fe unit\)/,
  );
  const x = fe(["--data", data, "--y", "y", "--x", "x1,x1,x2", "--fe", "unit,year"]);
  assert.match(x.stderr, /--x "x1,x1,x2" names "x1" twice; give each column once \(--x x1,x2\)/);
  assert.throws(() => listOption("--x", "x1,,x2"), /item 2 is empty.*\(--x x1,x2\)/);
  assert.deepEqual(listOption("--x", " a , b "), ["a", "b"]);
});

test("conflicting options are said: --json with --format, --vcov iid with --cluster", () => {
  const j = fe([
    "--data",
    data,
    "--y",
    "y",
    "--x",
    "x1",
    "--fe",
    "unit,year",
    "--json",
    "--format",
    "csv",
  ]);
  assert.notEqual(j.status, 0, j.stdout);
  assert.match(j.stderr, /--json and --format csv conflict/);
  const v = fe([
    "--data",
    data,
    "--y",
    "y",
    "--x",
    "x1",
    "--fe",
    "unit,year",
    "--vcov",
    "iid",
    "--cluster",
    "unit",
  ]);
  assert.notEqual(v.status, 0, v.stdout);
  assert.match(
    v.stderr,
    /--vcov iid and --cluster unit conflict.*drop --cluster, or use --vcov cluster/,
  );
});

test("--out onto the input, a read-only file, a symlink or under a file is refused in one line", () => {
  const before = readFileSync(data, "utf8");
  const same = fe(["--data", data, "--y", "y", "--x", "x1", "--fe", "unit,year", "--out", data]);
  assert.notEqual(same.status, 0);
  assert.match(same.stderr, /is the input file/);
  assert.equal(readFileSync(data, "utf8"), before);
  const ro = join(dir, "ro.txt");
  writeFileSync(ro, "keep\n");
  chmodSync(ro, 0o444);
  const r1 = fe(["--data", data, "--y", "y", "--x", "x1", "--fe", "unit,year", "--out", ro]);
  assert.match(r1.stderr, /is read-only; make it writable/);
  assert.equal(readFileSync(ro, "utf8"), "keep\n");
  const link = join(dir, "link.txt");
  const tgt = join(dir, "target.txt");
  writeFileSync(tgt, "target\n");
  symlinkSync(tgt, link);
  const r2 = fe(["--data", data, "--y", "y", "--x", "x1", "--fe", "unit,year", "--out", link]);
  assert.match(r2.stderr, /is a symbolic link/);
  assert.equal(readFileSync(tgt, "utf8"), "target\n");
  const afile = join(dir, "a");
  writeFileSync(afile, "");
  const r3 = fe([
    "--data",
    data,
    "--y",
    "y",
    "--x",
    "x1",
    "--fe",
    "unit,year",
    "--out",
    join(afile, "x.csv"),
  ]);
  assert.match(r3.stderr, /a is a file, not a folder/);
  for (const r of [same, r1, r2, r3]) assert.ok(oneLine(r.stderr), r.stderr);
});

test("checkOutPath and refuseStrays as functions", () => {
  mkdirSync(join(dir, "sub"), { recursive: true });
  assert.doesNotThrow(() => checkOutPath(join(dir, "sub", "new.csv"), [data]));
  assert.doesNotThrow(() => checkOutPath(join(dir, "missing", "deep", "new.csv"), [data]));
  assert.throws(() => checkOutPath(join(dir, "sub")), /is a folder/);
  assert.doesNotThrow(() => refuseStrays([]));
  assert.throws(
    () => refuseStrays(["oops"], ["--y", "y", "oops"]),
    /unexpected word "oops" after "--y y"/,
  );
  assert.throws(() => refuseStrays(["b,", "c"], ["--x", "a,", "b,", "c"]), /\(--x a,b,c\)/);
});
