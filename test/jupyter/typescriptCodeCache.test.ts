/**
 * bin/typescriptCodeCache.js: V8's code cache of tslab's TypeScript compiler,
 * made after converting the notebooks' cells, taken by the kernel only when it
 * fits. Oracles: the SHA-256 header against the installed TypeScript text,
 * V8's own verdict (`cachedDataRejected`), and tslab's converter on
 * TypeScript compiled without the cache, which must give the same result on
 * every cell.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { runCommonJs } from "../../bin/runCommonJs";
import { checkTypeScriptCache, TYPESCRIPT, TYPESCRIPT_CACHE } from "../../bin/typescriptCodeCache";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { listNotebooks } from "../../scripts/jupyter/execute";
import { ensureKernelBuild, ensureTypeScriptCache } from "../../scripts/jupyter/kernel";
import { codeCells, EDGE_CELLS } from "../helpers/converters";
import { tempFiles } from "../helpers/tempFiles";

const KERNEL_DIR = path.join(REPO_ROOT, "dist", "kernel");
const installed = (
  JSON.parse(fs.readFileSync(path.join(TYPESCRIPT, "..", "..", "package.json"), "utf8")) as {
    version: string;
  }
).version;

test("the cache is made from the notebooks' cells, headed by the SHA-256 of the TypeScript text", () => {
  ensureKernelBuild(REPO_ROOT);
  const { dir } = tempFiles("ts-cache-");
  const notebooks = path.join(dir, "notebooks");
  fs.mkdirSync(notebooks);
  const nb = listNotebooks()[0];
  fs.copyFileSync(nb, path.join(notebooks, path.basename(nb)));
  const cache = path.join(dir, "typescript.js.v8cache");
  const out = execFileSync(
    process.execPath,
    [path.join(REPO_ROOT, "bin", "typescriptCodeCache.js"), cache, notebooks],
    { cwd: KERNEL_DIR, encoding: "utf8" },
  );
  const r = JSON.parse(out) as { bytes: number; notebooks: number; cells: number };
  assert.equal(r.notebooks, 1);
  assert.equal(r.cells, codeCells(nb).length);
  const stored = fs.readFileSync(cache);
  assert.equal(r.bytes, stored.length);
  const sha = createHash("sha256").update(fs.readFileSync(TYPESCRIPT, "utf8")).digest("hex");
  assert.equal(stored.subarray(0, 64).toString(), sha);
  // made after the cells ran, it holds much more than V8 has compiled once the module has loaded
  // (2.1 MB here; 3.9 MB after one notebook's cells)
  const source = fs.readFileSync(TYPESCRIPT, "utf8");
  const loaded = runCommonJs(TYPESCRIPT, source).script.createCachedData().length;
  assert.ok(stored.length - 64 > 1.5 * loaded, `${stored.length} bytes vs ${loaded} once loaded`);
  assert.deepEqual(checkTypeScriptCache(cache), { ok: true, why: `${cache} fits` });
  assert.deepEqual(
    fs.readdirSync(dir).sort(),
    ["notebooks", "typescript.js.v8cache"],
    "no temporary file left",
  );
});

/**
 * Runs in a fresh process (V8 keeps compiled scripts per process and would
 * reuse them instead of reading a cache): load TypeScript with the cache
 * argv[1], convert the groups of cells in the JSON file argv[2] with the
 * kernel's converter (each group from an empty declaration state), print
 * JSON { ts: { used, why }, results }.
 */
const CONVERT_CHILD = `
const fs = require("node:fs");
const ts = require(${JSON.stringify(path.join(REPO_ROOT, "bin", "typescriptCodeCache.js"))})
  .loadTypeScript(process.argv[1]);
const { loadConverter } = require(${JSON.stringify(path.join(REPO_ROOT, "bin", "tslab.js"))});
const c = loadConverter(true).module.exports.createConverter({ isJS: false, isBrowser: false });
const groups = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results = groups.map((cells) => {
  let d = "";
  return cells.map((src) => { const r = c.convert(d, src); d = r.declOutput ?? d; return r; });
});
c.close();
process.stdout.write(JSON.stringify({ ts, results }));
`;

/** Runs in a fresh process: argv[1] "check" or "compile" with the cache argv[2]; prints JSON. */
const PROBE_CHILD = `
const t = require(${JSON.stringify(path.join(REPO_ROOT, "bin", "typescriptCodeCache.js"))});
const r = process.argv[1] === "check" ? t.checkTypeScriptCache(process.argv[2])
  : t.compileTypeScript(process.argv[2]);
const version = r.module ? r.module.exports.version : undefined;
process.stdout.write(JSON.stringify({ ok: r.ok ?? r.used, why: r.why, version }));
`;

const child = (script: string, args: string[]): unknown =>
  JSON.parse(
    execFileSync(process.execPath, ["-e", script, ...args], {
      cwd: KERNEL_DIR,
      encoding: "utf8",
      maxBuffer: 256 << 20,
    }),
  );

test("with its code cache TypeScript gives the converter the same result on every cell", () => {
  ensureKernelBuild(REPO_ROOT);
  const again = ensureTypeScriptCache(REPO_ROOT);
  assert.deepEqual(again, { rebuilt: false, why: "TypeScript code cache dist/tslab/ fits" });
  const { file } = tempFiles("ts-cache-cells-", ".json");
  const groups = [
    ...listNotebooks()
      .filter((f) => /\/0[38]-/.test(f))
      .map(codeCells),
    [...EDGE_CELLS],
  ];
  const cells = file(JSON.stringify(groups));
  type Run = { ts: { used: boolean; why: string }; results: Record<string, unknown>[][] };
  const plain = child(CONVERT_CHILD, [path.join(REPO_ROOT, "no-such-cache"), cells]) as Run;
  const cached = child(CONVERT_CHILD, [TYPESCRIPT_CACHE, cells]) as Run;
  assert.equal(plain.ts.used, false);
  assert.match(plain.ts.why, /^no cache /);
  assert.deepEqual(cached.ts, { used: true, why: `code cache ${TYPESCRIPT_CACHE}` });
  let compared = 0;
  groups.forEach((g, k) =>
    g.forEach((src, i) => {
      assert.deepEqual(cached.results[k][i], plain.results[k][i], `group ${k}, cell ${i}: ${src}`);
      compared++;
    }),
  );
  assert.ok(compared > 40, `${compared} cells compared`);
  assert.ok(
    plain.results.at(-1)?.some((r) => Array.isArray(r.diagnostics) && r.diagnostics.length > 0),
    "the edge cells exercised diagnostics",
  );
});

test("a cache made from another text, or damaged, or none: TypeScript loads without it and says why", () => {
  ensureKernelBuild(REPO_ROOT);
  const good = fs.readFileSync(TYPESCRIPT_CACHE);
  const { file } = tempFiles("ts-cache-bad-", ".v8cache");
  const otherText = file(Buffer.concat([Buffer.from("0".repeat(64)), good.subarray(64)]));
  const damaged = Buffer.from(good);
  damaged.fill(0, 64, 64 + 32); // V8's header: magic number, version and source hashes
  const cases: [string, RegExp][] = [
    [otherText, /was made from another TypeScript text than /],
    [file(damaged), /^V8 rejected .* \(made by another Node or V8 options\)$/],
    [path.join(path.dirname(otherText), "missing.v8cache"), /^no cache /],
    [TYPESCRIPT_CACHE, /^(code cache |.* fits$)/],
  ];
  for (const [cache, why] of cases) {
    const fits = cache === TYPESCRIPT_CACHE;
    for (const fn of ["compile", "check"]) {
      const r = child(PROBE_CHILD, [fn, cache]) as { ok: boolean; why: string; version?: string };
      assert.equal(r.ok, fits, `${fn} ${cache}: ${r.why}`);
      assert.match(r.why, why);
      if (fn === "compile") assert.equal(r.version, installed, "TypeScript itself loads");
    }
  }
});
test("the kernel takes the cache, and says so on stderr when it does not", () => {
  ensureKernelBuild(REPO_ROOT);
  const run = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [path.join(REPO_ROOT, "bin", "tslab.js"), "--version"], {
      cwd: KERNEL_DIR,
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
  const withCache = run({});
  assert.equal(withCache.status, 0);
  assert.match(withCache.stdout, /^tslab \d/);
  assert.equal(withCache.stderr, "");
  const off = run({ ALLIANCE_TS_CODE_CACHE: "0" });
  assert.equal(off.status, 0);
  assert.equal(
    off.stderr,
    "tslab-kernel: TypeScript without its code cache: ALLIANCE_TS_CODE_CACHE=0\n",
  );
});
