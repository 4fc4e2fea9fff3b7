/**
 * The prebuilt bundle of the `alliance` command (scripts/buildCli.ts) and its
 * freshness check (bin/bundle.js): the bundle prints exactly what the tsx path
 * prints, lists its inputs, and is refused as soon as an input changes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCli } from "../../scripts/buildCli";
import { freshBundle } from "../../bin/bundle";

const ROOT = join(__dirname, "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "bundle-"));
// Built inside the repository (build/ is git-ignored) so the bundle resolves node_modules.
const dist = join(ROOT, "build", `test-dist-${process.pid}`);
process.on("exit", () => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

// The Grunfeld panel of the oracle fixtures as a CSV.
const g = JSON.parse(
  readFileSync(join(ROOT, "test", "fixtures", "oracle", "grunfeld.json"), "utf8"),
) as { data: Record<string, number[]> };
const cols = ["firm", "year", "inv", "value", "capital"];
const csvFile = join(tmp, "grunfeld.csv");
writeFileSync(
  csvFile,
  [cols.join(","), ...g.data.firm.map((_, i) => cols.map((c) => g.data[c][i]).join(","))].join(
    "\n",
  ) + "\n",
);
const feArgs = [
  "fe",
  "--data",
  csvFile,
  "--y",
  "inv",
  "--x",
  "value,capital",
  "--fe",
  "firm,year",
  "--cluster",
  "firm",
];

test("the bundle prints byte for byte what the TypeScript sources print", async () => {
  const m = await buildCli(dist);
  assert.ok(m.outputs.includes("alliance.cjs") && m.outputs.includes("gdelt.cjs"));
  for (const src of [
    "lib/cli/main.ts",
    "lib/cli/fe.ts",
    "lib/estimate/feols.ts",
    "lib/ingest/ingestCsv.ts",
  ]) {
    assert.equal(m.inputs[src].size, statSync(join(ROOT, src)).size, src);
  }
  // `alliance fe` does not load the GDELT code: it is built apart.
  assert.equal(m.inputs["lib/cli/gdelt.ts"].size, statSync(join(ROOT, "lib/cli/gdelt.ts")).size);
  assert.doesNotMatch(
    readFileSync(join(dist, "alliance.cjs"), "utf8"),
    /registerGdelt\s*=|function registerGdelt/,
  );
  const viaBundle = (args: string[]) =>
    spawnSync(
      process.execPath,
      [
        "-e",
        `require(${JSON.stringify(join(dist, "alliance.cjs"))}).main(["node", "alliance", ...process.argv.slice(1)]).catch((e) => { console.error(e.message); process.exit(2); })`,
        "--",
        ...args,
      ],
      { encoding: "utf8", cwd: ROOT },
    );
  const viaTsx = (args: string[]) =>
    spawnSync(process.execPath, [join(ROOT, "bin", "alliance.js"), ...args], {
      encoding: "utf8",
      cwd: ROOT,
      env: { ...process.env, ALLIANCE_NO_BUNDLE: "1" },
    });
  for (const extra of [
    ["--json"],
    ["--format", "markdown"],
    ["--ssc", "stata", "--format", "csv"],
  ]) {
    const a = viaBundle([...feArgs, ...extra]);
    const b = viaTsx([...feArgs, ...extra]);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(b.status, 0, b.stderr);
    assert.equal(a.stdout, b.stdout, extra.join(" "));
    assert.ok(a.stdout.length > 200);
  }
  // A bad input fails the same way in both.
  const bad = [...feArgs.slice(0, 3), "--y", "nope", "--x", "value"];
  const a = viaBundle(bad),
    b = viaTsx(bad);
  assert.notEqual(a.status, 0);
  assert.match(a.stderr, /missing required column "nope"/);
  assert.ok(b.stderr.includes(a.stderr.trim()), `${a.stderr} vs ${b.stderr}`);
  // `alliance gdelt` runs from its own bundle.
  const gd = viaBundle(["gdelt", "--help"]);
  assert.equal(gd.status, 0, gd.stderr);
  assert.match(gd.stdout, /^Usage: alliance gdelt/);
});

test("freshBundle: fresh while every input is unchanged, stale with the reason otherwise", () => {
  const root = join(tmp, "repo");
  const d = join(root, "dist");
  mkdirSync(join(root, "lib"), { recursive: true });
  mkdirSync(d, { recursive: true });
  const src = join(root, "lib", "a.ts");
  writeFileSync(src, "export const a = 1;\n");
  assert.deepEqual(freshBundle(root, d), { bundle: null, why: "no bundle (run npm run build)" });
  const st = statSync(src);
  writeFileSync(join(d, "alliance.cjs"), "");
  writeFileSync(
    join(d, "manifest.json"),
    JSON.stringify({
      inputs: { "lib/a.ts": { size: st.size, mtimeMs: st.mtimeMs } },
      outputs: ["alliance.cjs"],
    }),
  );
  assert.deepEqual(freshBundle(root, d), { bundle: join(d, "alliance.cjs"), why: "fresh" });
  appendFileSync(src, "// edited\n");
  assert.deepEqual(freshBundle(root, d), { bundle: null, why: "lib/a.ts changed since the build" });
  unlinkSync(src);
  assert.deepEqual(freshBundle(root, d), { bundle: null, why: "lib/a.ts is gone since the build" });
  writeFileSync(
    join(d, "manifest.json"),
    JSON.stringify({ inputs: {}, outputs: ["alliance.cjs", "gdelt.cjs"] }),
  );
  assert.deepEqual(freshBundle(root, d), {
    bundle: null,
    why: "bundle incomplete: gdelt.cjs missing",
  });
});

test("bin/alliance.js says which runtime ran under ALLIANCE_TIMING=1", () => {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "alliance.js"), ...feArgs, "--json"], {
    encoding: "utf8",
    cwd: ROOT,
    env: { ...process.env, ALLIANCE_TIMING: "1", ALLIANCE_NO_BUNDLE: "1" },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^runtime: tsx \(ALLIANCE_NO_BUNDLE=1\)$/m);
  assert.match(r.stderr, /^timing: start \d+\.\d{3} s, read /m);
});
