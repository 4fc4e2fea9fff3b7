import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { feols } from "../../lib/estimate/feols";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "fe-cli-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

// The Grunfeld panel from the oracle fixtures, written to a temp CSV.
const g = JSON.parse(readFileSync(join(ROOT, "test", "fixtures", "oracle", "grunfeld.json"), "utf8")) as {
  data: Record<string, number[]>;
  models: { coef: Record<string, number>; se: Record<string, Record<string, number>> }[];
};
const cols = ["firm", "year", "inv", "value", "capital"];
const csv = [cols.join(","), ...g.data.firm.map((_, i) => cols.map((c) => g.data[c][i]).join(","))].join("\n") + "\n";
const file = join(dir, "grunfeld.csv");
writeFileSync(file, csv);

function run(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "alliance.js"), "fe", ...args], { encoding: "utf8", cwd: ROOT });
}

test("--json gives plm's two-way estimates and Stata-convention clustered SEs", () => {
  const r = run(["--data", file, "--y", "inv", "--x", "value,capital", "--fe", "firm,year", "--cluster", "firm", "--ssc", "stata", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.nobs, 200);
  assert.deepEqual(out.groups, { firm: 10, year: 20 });
  const m = g.models[0];
  for (const c of out.coefficients) {
    assert.ok(Math.abs(c.estimate - m.coef[c.term]) < 1e-8 * Math.abs(m.coef[c.term]));
    assert.ok(Math.abs(c.std_error - m.se["cluster:stata"][c.term]) < 1e-8 * m.se["cluster:stata"][c.term]);
  }
  assert.deepEqual(Object.keys(out).slice(0, 5), ["nobs", "groups", "coefficients", "r2_within", "f_test"]);
  assert.equal(out.f_test.df2, 9);
});

test("prints the plain-text etable by default (no escapes), Markdown on request", () => {
  const r = run(["--data", file, "--y", "inv", "--x", "value,capital", "--fe", "firm,year", "--cluster", "firm"]);
  assert.equal(r.status, 0, r.stderr);
  const fit = feols({ data: g.data, y: "inv", x: ["value", "capital"], fe: ["firm", "year"], cluster: "firm" });
  assert.match(r.stdout, new RegExp(`^value +${fit.coefficients[0].estimate.toFixed(3)}\\*\\*\\*$`, "m"));
  assert.match(r.stdout, /^Observations +200$/m);
  assert.ok(r.stdout.includes("* p < 0.1"));
  assert.ok(!/&lt;|\\\*/.test(r.stdout), r.stdout);
  const md = run(["--data", file, "--y", "inv", "--x", "value,capital", "--fe", "firm,year", "--cluster", "firm", "--format", "markdown"]);
  assert.ok(md.stdout.includes(`| value | ${fit.coefficients[0].estimate.toFixed(3)}`), md.stdout);
  assert.ok(md.stdout.includes("| Observations | 200 |"));
});

test("clear errors for bad input", () => {
  const bad = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  let r = run(["--data", file, "--y", "inv", "--x", "nope", "--fe", "firm"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /missing required column "nope"/);
  r = run(["--data", bad("text.csv", "u,t,y,x\nA,1,1,2\nA,2,2,abc\nB,1,3,1\nB,2,1,5\n"), "--y", "y", "--x", "x", "--fe", "u"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /text\.csv \(row 3, column "x"\): not a number: "abc"/);
  r = run(["--data", bad("const.csv", "u,t,y,x\nA,1,1,2\nA,2,2,2\nB,1,3,5\nB,2,1,5\n"), "--y", "y", "--x", "x", "--fe", "u"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no variation left in x after absorbing/);
  r = run(["--data", bad("onecl.csv", "u,t,y,x,c\nA,1,1,2,k\nA,2,2,3,k\nB,1,3,5,k\nB,2,1,4,k\n"), "--y", "y", "--x", "x", "--fe", "u", "--cluster", "c"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /at least 2 clusters \(found 1\)/);
});
