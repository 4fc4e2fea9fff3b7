// V8's code cache of tslab's TypeScript compiler, for a faster kernel.
// Plain JavaScript: the kernel loads it before any TypeScript loader
// (bin/tslab.js).
//
// Why. Every cell goes through tslab's converter, which runs the TypeScript
// compiler (@tslab/typescript-for-tslab, one 9 MB file). In a fresh kernel
// that compiler is cold: V8 compiles each of its functions to bytecode the
// first time it runs, and a notebook's first cells pay for it (converting all
// code cells of notebook 08 in a fresh process takes about twice as long as
// converting them again in the same process: `npm run bench:tslab`). V8 can
// store the bytecode it has compiled (`script.createCachedData()`, Node's
// vm.Script) and take it back in another process (`cachedData`), so that a
// kernel starts with the compiler's functions already compiled.
//
// Made once. `node bin/typescriptCodeCache.js <cache> <notebooks dir>`, run in
// the folder the kernel starts in, compiles the TypeScript file without a
// cache, converts every code cell of the notebooks with the kernel's
// converter (so the functions the notebooks use are compiled), then writes
// the cache: the SHA-256 (hex) of the TypeScript text, then V8's data
// (written to a temporary file and renamed into place). Made after the
// functions ran, it holds them all; made at compile time, as the npm package
// v8-compile-cache does, it would hold only the few that V8 compiles eagerly.
// scripts/jupyter/kernel.ts ensureTypeScriptCache writes it when it is
// missing or does not fit, into dist/tslab/ (beside dist/kernel/, not in it:
// it depends on TypeScript and Node, not on lib/).
//
// Used only when it fits. The kernel takes the cache only when its header is
// the SHA-256 of the installed TypeScript text (V8 itself compares only the
// text's length) and V8 accepts it (its own version and options); otherwise
// TypeScript is compiled as usual and the kernel says why on stderr (the
// Jupyter server's log). ALLIANCE_TS_CODE_CACHE=0 switches it off
// (benchmarks compare both). Bytecode only: V8 runs the same functions
// either way (test/jupyter/typescriptCodeCache.test.ts converts notebook
// cells with and without the cache and compares every result).
"use strict";
const { Buffer } = require("node:buffer");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { Module, createRequire } = require("node:module");
const { runCommonJs } = require("./runCommonJs");

const ROOT = path.join(__dirname, "..");

/** tslab's TypeScript compiler: the file tslab's converter requires. */
const TYPESCRIPT = createRequire(require.resolve("tslab/dist/converter.js")).resolve(
  "@tslab/typescript-for-tslab",
);

/**
 * Where the kernel of the repository `root` looks for the cache.
 * @param {string} [root]
 */
const typescriptCachePath = (root = ROOT) =>
  path.join(root, "dist", "tslab", "typescript.js.v8cache");

/** Where this repository's kernel looks for the cache. */
const TYPESCRIPT_CACHE = typescriptCachePath();

const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/** Why a cache whose header fits was not taken. @param {string} cache */
const rejected = (cache) => `V8 rejected ${cache} (made by another Node or V8 options)`;

/**
 * The cache's V8 data when it was made from `source`, else why not.
 * @param {string} cache
 * @param {string} source the TypeScript text
 * @returns {{ data: Buffer } | { why: string }}
 */
function readCache(cache, source) {
  if (!fs.existsSync(cache)) return { why: `no cache ${cache}` };
  const stored = fs.readFileSync(cache);
  if (stored.length <= 64 || stored.subarray(0, 64).toString() !== sha256(source))
    return { why: `${cache} was made from another TypeScript text than ${TYPESCRIPT}` };
  return { data: stored.subarray(64) };
}

/**
 * Compile and run tslab's TypeScript with the cache when it fits (not
 * registered in Node's module cache).
 * @param {string} [cache]
 * @returns {{ module: NodeJS.Module, used: boolean, why: string }}
 */
function compileTypeScript(cache = TYPESCRIPT_CACHE) {
  const source = fs.readFileSync(TYPESCRIPT, "utf8");
  const read = readCache(cache, source);
  const data = "data" in read ? read.data : undefined;
  const { module, script } = runCommonJs(TYPESCRIPT, source, data);
  if (!data) return { module, used: false, why: "why" in read ? read.why : "" };
  if (script.cachedDataRejected) return { module, used: false, why: rejected(cache) };
  return { module, used: true, why: `code cache ${cache}` };
}

/**
 * Does the cache fit this TypeScript and this Node? (Compiles the text with
 * it, without running it.)
 * @param {string} [cache]
 * @returns {{ ok: boolean, why: string }}
 */
function checkTypeScriptCache(cache = TYPESCRIPT_CACHE) {
  const source = fs.readFileSync(TYPESCRIPT, "utf8");
  const read = readCache(cache, source);
  if (!("data" in read)) return { ok: false, why: read.why };
  const script = new vm.Script(Module.wrap(source), {
    filename: TYPESCRIPT,
    cachedData: read.data,
  });
  if (script.cachedDataRejected) return { ok: false, why: rejected(cache) };
  return { ok: true, why: `${cache} fits` };
}

/**
 * Load tslab's TypeScript for this process (the kernel): compiled with the
 * cache when it fits, registered in Node's module cache where tslab's
 * `require("@tslab/typescript-for-tslab")` finds it. Call before tslab loads.
 * @param {string} [cache]
 * @returns {{ used: boolean, why: string }}
 */
function loadTypeScript(cache = TYPESCRIPT_CACHE) {
  if (require.cache[TYPESCRIPT]) return { used: false, why: "TypeScript was loaded already" };
  if (process.env.ALLIANCE_TS_CODE_CACHE === "0")
    return { used: false, why: "ALLIANCE_TS_CODE_CACHE=0" };
  const r = compileTypeScript(cache);
  require.cache[TYPESCRIPT] = r.module;
  return { used: r.used, why: r.why };
}

/**
 * Make the cache (module doc): compile TypeScript afresh, convert every code
 * cell of the notebooks in `notebooksDir` with the kernel's converter in this
 * process's working directory, write the cache. Returns what it did.
 * @param {string} cache
 * @param {string} notebooksDir
 * @returns {{ bytes: number, notebooks: number, cells: number, ms: number }}
 */
function writeTypeScriptCache(cache, notebooksDir) {
  const t0 = Date.now();
  const source = fs.readFileSync(TYPESCRIPT, "utf8");
  const { module, script } = runCommonJs(TYPESCRIPT, source);
  const { loadConverter } = require("./tslab");
  const converter = loadConverter(true, module).module.exports.createConverter({
    isJS: false,
    isBrowser: false,
  });
  const notebooks = fs
    .readdirSync(notebooksDir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort();
  let cells = 0;
  try {
    for (const f of notebooks) {
      const nb = JSON.parse(fs.readFileSync(path.join(notebooksDir, f), "utf8"));
      let decl = "";
      for (const c of nb.cells) {
        if (c.cell_type !== "code") continue;
        const src = Array.isArray(c.source) ? c.source.join("") : c.source;
        decl = converter.convert(decl, src).declOutput ?? decl;
        cells++;
      }
    }
  } finally {
    converter.close();
  }
  const data = Buffer.concat([Buffer.from(sha256(source)), script.createCachedData()]);
  fs.mkdirSync(path.dirname(cache), { recursive: true });
  const tmp = `${cache}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, cache);
  return { bytes: data.length, notebooks: notebooks.length, cells, ms: Date.now() - t0 };
}

module.exports = {
  TYPESCRIPT,
  TYPESCRIPT_CACHE,
  typescriptCachePath,
  checkTypeScriptCache,
  compileTypeScript,
  loadTypeScript,
  writeTypeScriptCache,
};

if (require.main === module) {
  const [cache, notebooksDir] = process.argv.slice(2);
  if (!cache || !notebooksDir) {
    process.stderr.write("usage: node bin/typescriptCodeCache.js <cache> <notebooks dir>\n");
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(writeTypeScriptCache(cache, notebooksDir))}\n`);
}
