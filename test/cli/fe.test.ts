import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { feols } from "../../lib/estimate/feols";
import { parseFeJson, readSidecar } from "../helpers/json";

const ROOT = join(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "fe-cli-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

// The Grunfeld panel from the oracle fixtures, written to a temp CSV.
const g = JSON.parse(
  readFileSync(join(ROOT, "test", "fixtures", "oracle", "grunfeld.json"), "utf8"),
) as {
  data: Record<string, number[]>;
  models: { coef: Record<string, number>; se: Record<string, Record<string, number>> }[];
};
const cols = ["firm", "year", "inv", "value", "capital"];
const csv =
  [cols.join(","), ...g.data.firm.map((_, i) => cols.map((c) => g.data[c][i]).join(","))].join(
    "\n",
  ) + "\n";
const file = join(dir, "grunfeld.csv");
writeFileSync(file, csv);

function run(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "alliance.js"), "fe", ...args], {
    encoding: "utf8",
    cwd: ROOT,
  });
}

test("--json gives plm's two-way estimates and Stata-convention clustered SEs", () => {
  const r = run([
    "--data",
    file,
    "--y",
    "inv",
    "--x",
    "value,capital",
    "--fe",
    "firm,year",
    "--cluster",
    "firm",
    "--ssc",
    "stata",
    "--json",
  ]);
  assert.equal(r.status, 0, r.stderr);
  const out = parseFeJson(r.stdout);
  assert.equal(out.nobs, 200);
  assert.deepEqual(out.groups, { firm: 10, year: 20 });
  const m = g.models[0];
  for (const c of out.coefficients) {
    assert.ok(Math.abs(c.estimate - m.coef[c.term]) < 1e-8 * Math.abs(m.coef[c.term]));
    // Stata's xtreg convention, as linearmodels PanelOLS computes it (test/fixtures/oracle/python, issue 11)
    const stata = (
      JSON.parse(
        readFileSync(join(ROOT, "test", "fixtures", "oracle", "python", "grunfeld.json"), "utf8"),
      ) as { models: { linearmodels: Record<string, { se: Record<string, number> }> }[] }
    ).models[0].linearmodels["cluster:stata"].se;
    assert.ok(Math.abs(c.std_error - stata[c.term]) < 1e-8 * stata[c.term]);
  }
  assert.deepEqual(Object.keys(out).slice(0, 5), [
    "nobs",
    "groups",
    "coefficients",
    "r2_within",
    "f_test",
  ]);
  assert.equal(out.f_test.df2, 9);
});

test("prints the plain-text etable by default (no escapes), Markdown on request", () => {
  const r = run([
    "--data",
    file,
    "--y",
    "inv",
    "--x",
    "value,capital",
    "--fe",
    "firm,year",
    "--cluster",
    "firm",
  ]);
  assert.equal(r.status, 0, r.stderr);
  const fit = feols({
    data: g.data,
    y: "inv",
    x: ["value", "capital"],
    fe: ["firm", "year"],
    cluster: "firm",
  });
  assert.match(
    r.stdout,
    new RegExp(`^value +${fit.coefficients[0].estimate.toFixed(3)}\\*\\*\\*$`, "m"),
  );
  assert.match(r.stdout, /^Observations +200$/m);
  assert.ok(r.stdout.includes("* p < 0.1"));
  assert.ok(!/&lt;|\\\*/.test(r.stdout), r.stdout);
  const md = run([
    "--data",
    file,
    "--y",
    "inv",
    "--x",
    "value,capital",
    "--fe",
    "firm,year",
    "--cluster",
    "firm",
    "--format",
    "markdown",
  ]);
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
  r = run([
    "--data",
    bad("text.csv", "u,t,y,x\nA,1,1,2\nA,2,2,abc\nB,1,3,1\nB,2,1,5\n"),
    "--y",
    "y",
    "--x",
    "x",
    "--fe",
    "u",
  ]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /text\.csv \(row 3, column "x"\): not a number: "abc"/);
  r = run([
    "--data",
    bad("const.csv", "u,t,y,x\nA,1,1,2\nA,2,2,2\nB,1,3,5\nB,2,1,5\n"),
    "--y",
    "y",
    "--x",
    "x",
    "--fe",
    "u",
  ]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no variation left in x after absorbing/);
  r = run([
    "--data",
    bad("onecl.csv", "u,t,y,x,c\nA,1,1,2,k\nA,2,2,3,k\nB,1,3,5,k\nB,2,1,4,k\n"),
    "--y",
    "y",
    "--x",
    "x",
    "--fe",
    "u",
    "--cluster",
    "c",
  ]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /at least 2 clusters \(found 1\)/);
});

test("issue 11 input checks: each bad input kind is refused with its message (exit 2)", () => {
  const bad = (name: string, text: string | Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const args = ["--y", "y", "--x", "x", "--fe", "u,t"];
  const cases: [string, string | Buffer, RegExp][] = [
    [
      "dupkey.csv",
      "u,t,y,x\nA,1,1,2\nA,2,2,3\nB,1,3,1\nA,2,1,5\nB,2,2,2\n",
      /^alliance: dupkey\.csv: duplicate keys: 1 row repeats an earlier \(u, t\) key: \(A, 2\) on lines 3 and 5\. Remove them, or pass --allow-duplicate-keys to estimate anyway\n$/,
    ],
    [
      "duphead.csv",
      "u,t,y,x,x\nA,1,1,2,2\n",
      /^alliance: duphead\.csv \(row 1, column "x"\): duplicate column name "x" \(columns 4 and 5\); rename one of them\n$/,
    ],
    [
      "hex.csv",
      "u,t,y,x\nA,1,1,2\nA,2,0x10,3\n",
      /^alliance: hex\.csv \(row 3, column "y"\): not a number: "0x10" \(numbers must be decimal; hexadecimal, octal and binary numerals are refused\)\n$/,
    ],
    [
      "latin1.csv",
      Buffer.concat([
        Buffer.from("u,t,y,x\nA,1,1,2\n"),
        Buffer.from([0x4d, 0xfc, 0x6e]),
        Buffer.from(",2,2,3\n"),
      ]),
      /^alliance: latin1\.csv \(row 3\): invalid UTF-8 \(bytes 0xFC /,
    ],
    [
      "header.csv",
      "u,t,y,x\n",
      /^alliance: header\.csv: no data rows in header\.csv \(only a header\)\n$/,
    ],
    ["empty.csv", "", /^alliance: empty\.csv: file is empty \(no header row\)\n$/],
    [
      "short.csv",
      "u,t,y,x\nA,1,1,2\nA,2,3\n",
      /^alliance: short\.csv \(row 3\): expected 4 fields, found 3 \(truncated or malformed line\)\n$/,
    ],
    [
      "allna.csv",
      "u,t,y,x\nA,1,NA,2\nA,2,.,3\n",
      /^alliance: allna\.csv: no observations left after removing missing values \(2 missing y\)\n$/,
    ],
  ];
  for (const [name, text, re] of cases) {
    const r = run(["--data", bad(name, text), ...args]);
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr.replaceAll(dir + "/", ""), re, name);
  }
  const r = run(["--data", join(dir, "nope.csv"), ...args]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read --data .*nope\.csv: ENOENT/);
});

test("--allow-duplicate-keys estimates and keeps the count as a note; every note reaches the table", () => {
  const f = join(dir, "dupok.csv");
  writeFileSync(
    f,
    "u,t,y,x\nA,1,1,2\nA,2,2,3\nB,1,3,1\nB,2,2,5\nB,2,NA,5\nC,1,4,4\nC,2,5,1\nD,1,1,1\n",
  );
  const r = run([
    "--data",
    f,
    "--y",
    "y",
    "--x",
    "x",
    "--fe",
    "u,t",
    "--allow-duplicate-keys",
    "--json",
  ]);
  assert.equal(r.status, 0, r.stderr);
  const out = parseFeJson(r.stdout);
  assert.deepEqual(out.dropped, { "missing y": 1 });
  assert.equal(out.rows_in, 8);
  assert.equal(out.nobs, 7);
  assert.deepEqual(out.notes.slice(0, 3), [
    "Rows dropped: 1 missing y.",
    "Singletons: 1 observations alone in a fixed-effect level (kept; --drop-singletons drops them).",
    "Duplicate keys (accepted by --allow-duplicate-keys): 1 row repeats an earlier (u, t) key: (B, 2) on lines 5 and 6.",
  ]);
  assert.match(out.notes[3], /^SE: /);
  assert.equal(out.notes.length, 4);
  const fit = feols({
    data: {
      u: ["A", "A", "B", "B", "C", "C", "D"],
      t: [1, 2, 1, 2, 1, 2, 1],
      y: [1, 2, 3, 2, 4, 5, 1],
      x: [2, 3, 1, 5, 4, 1, 1],
    },
    y: "y",
    x: ["x"],
    fe: ["u", "t"],
  });
  assert.ok(Math.abs(out.coefficients[0].estimate - fit.coefficients[0].estimate) < 1e-12);
});

test("CSV output: one row per term, numbers in their own columns, text neutralized; notes in the CSVW sidecar (--out) or on stderr", () => {
  const f = join(dir, "formula.csv");
  writeFileSync(
    f,
    "u,t,y,=cmd,x2\nA,1,1,2,1\nA,2,2,3,2\nB,1,3,1,3\nB,2,NA,5,4\nB,3,2,5,5\nC,1,4,4,6\nC,2,5,1,7\n",
  );
  const r = run(["--data", f, "--y", "y", "--x", "=cmd,x2", "--fe", "u", "--format", "csv"]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.equal(
    lines[0],
    "term,estimate,std_error,statistic,p_value,stars,nobs,r2,r2_within,nclusters,se_type",
  );
  assert.equal(lines.length, 3); // header + two terms, nothing else
  const fit = feols({
    data: {
      u: ["A", "A", "B", "B", "C", "C"],
      y: [1, 2, 3, 2, 4, 5],
      cmd: [2, 3, 1, 5, 4, 1],
      x2: [1, 2, 3, 5, 6, 7],
    },
    y: "y",
    x: ["cmd", "x2"],
    fe: ["u"],
  });
  const cells = lines[1].split(",");
  assert.equal(cells[0], "'=cmd"); // a formula-leading text cell gets its apostrophe ...
  assert.ok(
    Math.abs(Number(cells[1]) - fit.coefficients[0].estimate) <
      1e-11 * Math.abs(fit.coefficients[0].estimate),
  ); // ... a number never does
  assert.ok(
    Math.abs(Number(cells[2]) - fit.coefficients[0].std_error) <
      1e-11 * fit.coefficients[0].std_error,
  );
  assert.equal(cells[6], "6");
  assert.match(r.stderr, /^note: Rows dropped: 1 missing y\.$/m);
  assert.match(r.stderr, /^note: SE: iid/m);
  const out = join(dir, "table.csv");
  const w = run(["--data", f, "--y", "y", "--x", "=cmd,x2", "--fe", "u", "--out", out]);
  assert.equal(w.status, 0, w.stderr);
  assert.equal(w.stdout, "");
  assert.equal(readFileSync(out, "utf8"), r.stdout);
  const side = readSidecar(`${out}-metadata.json`);
  assert.equal(side.url, "table.csv");
  const description = side["dc:description"] ?? [];
  assert.ok(description.includes("Rows dropped: 1 missing y."), description.join("\n"));
  assert.match(
    side["dc:source"] ?? "",
    /^alliance fe --data .*formula\.csv --y y --x =cmd,x2 --fe u --vcov iid --ssc stata$/,
  );
  assert.match(side["rdfs:comment"], /text cells of this file that carry the added ': 1\.$/);
  assert.deepEqual(
    side.tableSchema.columns.map((c) => c.name),
    lines[0].split(","),
  );
});

test("Parquet input gives the same estimates as the CSV", async () => {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const pq = join(dir, "grunfeld.parquet");
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  await con.run(`COPY (SELECT * FROM read_csv('${file}')) TO '${pq}' (FORMAT parquet)`);
  con.closeSync();
  inst.closeSync();
  const a = [
    "--y",
    "inv",
    "--x",
    "value,capital",
    "--fe",
    "firm,year",
    "--cluster",
    "firm",
    "--json",
  ];
  const r1 = run(["--data", file, ...a]);
  const r2 = run(["--data", pq, ...a]);
  assert.equal(r2.status, 0, r2.stderr);
  assert.deepEqual(parseFeJson(r2.stdout).coefficients, parseFeJson(r1.stdout).coefficients);
});

test("loadFe hands over the reader's arrays when no cell is missing, and the complete rows (counted by first missing column) when some are", async () => {
  const { feSpec, loadFe } = await import("../../lib/cli/fe");
  const { readColumns } = await import("../../lib/ingest/ingest");
  const spec = feSpec({
    data: file,
    y: "inv",
    x: "value,capital",
    fe: "firm,year",
    cluster: "firm",
  });
  const d = await loadFe(spec);
  assert.deepEqual(d.dropped, {});
  assert.equal(d.rowsIn, 200);
  assert.equal(d.columns.inv, d.table.numeric.inv, "no copy");
  assert.equal(d.columns.firm, d.table.categorical.firm.codes, "no copy");
  // row 3: x missing; row 5: FE missing and x missing (counted under x, the earlier column); row 8: y missing
  const lines = csv.trim().split("\n");
  const cells = lines.map((l) => l.split(","));
  cells[3][3] = "NA";
  cells[5][3] = "";
  cells[5][0] = ".";
  cells[8][2] = "NA";
  const f2 = join(dir, "holes.csv");
  writeFileSync(f2, cells.map((r) => r.join(",")).join("\n") + "\n");
  const d2 = await loadFe({ ...spec, data: f2 });
  assert.deepEqual(d2.dropped, { "missing inv": 1, "missing value": 2 });
  const keep = Array.from({ length: 200 }, (_, i) => i).filter((i) => ![2, 4, 7].includes(i));
  const t = await readColumns(f2, {
    numeric: ["inv", "value", "capital"],
    categorical: ["firm", "year"],
  });
  assert.deepEqual(
    Array.from(d2.columns.capital),
    keep.map((i) => t.numeric.capital[i]),
  );
  assert.deepEqual(
    Array.from(d2.columns.year),
    keep.map((i) => t.categorical.year.codes[i]),
  );
  assert.ok(d2.columns.year instanceof Int32Array && d2.columns.capital instanceof Float64Array);
});
