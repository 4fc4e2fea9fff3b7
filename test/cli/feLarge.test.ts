/**
 * `alliance fe` on a CSV large enough for the parallel reader (at least
 * PARALLEL_MIN_BYTES, lib/ingest/ingestCsvParallel.ts), end to end through
 * bin/alliance.js: the estimates equal feols on the same numbers in memory,
 * and bad input in the second half of the file (read by another thread) is
 * refused with the file's own line number, as on small files.
 *
 * The panel is synthetic (a seeded generator, labelled as such): 4,000 units ×
 * 100 periods, two regressors printed with 17 significant digits.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { feols } from "../../lib/estimate/feols";
import { PARALLEL_MIN_BYTES } from "../../lib/ingest/ingestCsvParallel";
import { parseFeJson } from "../helpers/json";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "fe-large-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

// SYNTHETIC panel: unit and period effects, x1, x2 uniform, y = 0.5 x1 − 2 x2 + effects + noise.
const N = 4000,
  T = 100,
  n = N * T;
let state = 12345;
const rand = (): number => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state / 2 ** 32;
};
const unit = new Int32Array(n),
  time = new Int32Array(n);
const x1 = new Float64Array(n),
  x2 = new Float64Array(n),
  y = new Float64Array(n);
const lines: string[] = ["unit,time,y,x1,x2,note"];
for (let i = 0; i < N; i++) {
  const a = rand() * 4 - 2;
  for (let t = 0; t < T; t++) {
    const r = i * T + t;
    unit[r] = 1000 + i;
    time[r] = 2000 + t;
    x1[r] = rand() * 10 - 5;
    x2[r] = rand() + 0.001 * i;
    y[r] = 0.5 * x1[r] - 2 * x2[r] + a + 0.01 * t + (rand() - 0.5);
    // An unused text column pads the lines so the file passes the parallel threshold.
    lines.push(
      `${unit[r]},${time[r]},${y[r].toPrecision(17)},${x1[r].toPrecision(17)},${x2[r].toPrecision(17)},synthetic row ${r}`,
    );
  }
}
// The values as the file holds them (17 significant digits round-trip every double).
for (let r = 0; r < n; r++) {
  y[r] = Number(y[r].toPrecision(17));
  x1[r] = Number(x1[r].toPrecision(17));
  x2[r] = Number(x2[r].toPrecision(17));
}
const write = (name: string, ls: string[]): string => {
  const f = join(dir, name);
  writeFileSync(f, ls.join("\n") + "\n");
  assert.ok(
    statSync(f).size >= PARALLEL_MIN_BYTES,
    `${name} is ${statSync(f).size} bytes, below the parallel threshold`,
  );
  return f;
};
const good = write("large.csv", lines);
const args = ["--y", "y", "--x", "x1,x2", "--fe", "unit,time", "--cluster", "unit"];
const run = (file: string, extra: string[] = []) =>
  spawnSync(
    process.execPath,
    [join(ROOT, "bin", "alliance.js"), "fe", "--data", file, ...args, ...extra],
    { encoding: "utf8", cwd: ROOT, maxBuffer: 1 << 24 },
  );

test("a file read in parallel gives the estimates and SEs of feols on the same numbers in memory", () => {
  const r = run(good, ["--json"]);
  assert.equal(r.status, 0, r.stderr);
  const out = parseFeJson(r.stdout);
  assert.equal(out.nobs, n);
  assert.equal(out.rows_in, n);
  assert.deepEqual(out.groups, { unit: N, time: T });
  const fit = feols({
    data: { unit, time, y, x1, x2 },
    y: "y",
    x: ["x1", "x2"],
    fe: ["unit", "time"],
    cluster: "unit",
  });
  for (const [a, c] of out.coefficients.entries()) {
    const e = fit.coefficients[a];
    assert.equal(c.term, e.term);
    // Same doubles, same engine: equal up to the last bits (1e-13 relative written as the tolerance).
    assert.ok(
      Math.abs(c.estimate - e.estimate) <= 1e-13 * Math.abs(e.estimate),
      `${c.term}: ${c.estimate} vs ${e.estimate}`,
    );
    assert.ok(Math.abs(c.std_error - e.std_error) <= 1e-13 * e.std_error, `${c.term} SE`);
  }
  // The generator's slopes are recovered (a real fit, not a constant).
  assert.ok(
    Math.abs(out.coefficients[0].estimate - 0.5) < 0.01 &&
      Math.abs(out.coefficients[1].estimate + 2) < 0.05,
  );
});

test("bad input in the second half of a parallel-read file is refused with its own line number", () => {
  const late = 3 * (n >> 2); // data row index in the last quarter; file line = index + 2
  const badCell = [...lines];
  badCell[late + 1] = badCell[late + 1].replace(/^(\d+,\d+,)[^,]+/, "$10x1F");
  let r = run(write("badcell.csv", badCell));
  assert.equal(r.status, 2, r.stderr);
  assert.equal(
    r.stderr,
    `alliance: ${join(dir, "badcell.csv")} (row ${late + 2}, column "y"): not a number: "0x1F" (numbers must be decimal; hexadecimal, octal and binary numerals are refused)\n`,
  );

  const dup = [...lines];
  dup[late + 1] = dup[late].replace(/,synthetic row \d+$/, ",repeated");
  r = run(write("dupkey.csv", dup));
  assert.equal(r.status, 2, r.stderr);
  const u = unit[late - 1],
    t = time[late - 1];
  assert.equal(
    r.stderr,
    `alliance: ${join(dir, "dupkey.csv")}: duplicate keys: 1 row repeats an earlier (unit, time) key: (${u}, ${t}) on lines ${late + 1} and ${late + 2}. Remove them, or pass --allow-duplicate-keys to estimate anyway\n`,
  );

  const short = [...lines];
  short[late + 1] = short[late + 1].replace(/,synthetic row \d+$/, "");
  r = run(write("short.csv", short));
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`\\(row ${late + 2}\\): expected 6 fields, found 5`));
});
