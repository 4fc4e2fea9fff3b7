/**
 * mathjs from one file for danfo. danfojs-node requires mathjs when it loads
 * (for `median`, `std`, `variance`, `mode`, `mean`), and mathjs's CommonJS
 * entry is 963 modules: Node resolves, reads and compiles each of them, about
 * 0.9 s of CPU of danfo's 1.2 s (`node -e 'require("mathjs")'`, process CPU
 * time). `npm run build` bundles that same entry (`mathjs/lib/cjs/index.js`,
 * the code danfo would load, with its own dependencies) with esbuild into
 * `dist/kernel/vendor/mathjs.cjs` (scripts/buildKernel.ts);
 * {@link registerMathjsBundle} runs the bundle as Node's loader would and
 * registers it in Node's module cache under the path danfo's `require("mathjs")` resolves to (Node
 * documents `require.cache` entries as replaceable), so danfo gets the same
 * functions from one file: 0.55-0.64 s instead of 0.84-0.92 s of CPU in the
 * same measurement. Nothing else changes: the functions are mathjs's own,
 * eagerly created with the default configuration as by the entry itself
 * (test/notebook/mathjsBundle.test.ts compares them on random and tiny values
 * under the same random pivots: mathjs's median partitions around random
 * pivots with a tolerant comparison, so on values within `config.epsilon` of
 * each other the entry itself returns one of several medians from call to
 * call). mathjs's lazily created browser build (`lib/browser/math.js`) is a
 * different construction and is not used.
 *
 * The build also stores V8's code cache of the bundle (`mathjs.cjs.v8cache`,
 * made after running it, headed by the SHA-256 of the bundle's text), so that
 * the bundle is not compiled again in each kernel: about 0.14 s less again
 * (median of four runs each, 0.59 s without, 0.45 s with, same measurement).
 *
 * The bundle is used only when it exists, its `version` is the installed
 * mathjs's, and mathjs is not loaded yet; otherwise danfo requires mathjs as
 * usual.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { Module, createRequire } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
import { REPO_ROOT } from "../io/dataRoot";

/** Where `npm run build` writes the bundle. */
export const MATHJS_BUNDLE = path.join(REPO_ROOT, "dist", "kernel", "vendor", "mathjs.cjs");

/** The file danfojs-node's `require("mathjs")` resolves to. */
export function danfoMathjsPath(): string {
  return require.resolve("mathjs", { paths: [path.dirname(require.resolve("danfojs-node"))] });
}

/** The version in the package.json above a package's entry file. */
function packageVersion(entry: string, name: string): string | undefined {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version;
  }
  return undefined;
}

/** V8's code cache of a bundle: the SHA-256 (hex) of the bundle's text, then V8's data. */
export const codeCacheFile = (bundle: string): string => `${bundle}.v8cache`;

const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Compile and run a CommonJS bundle's `source` as Node's loader would (the
 * same wrapper, `require` relative to the file), with V8's code cache when
 * `cachedData` is given: V8 checks it and compiles afresh when it does not
 * fit. Returns the module and the script (whose `createCachedData()` the build
 * stores).
 */
export function runBundle(
  bundle: string,
  source: string,
  cachedData?: Buffer,
): { module: NodeJS.Module; script: vm.Script } {
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = new Module(bundle);
  mod.filename = bundle;
  const wrapper: unknown = script.runInThisContext();
  if (typeof wrapper !== "function") throw new Error(`${bundle}: not a CommonJS wrapper`);
  Reflect.apply(wrapper, mod.exports, [
    mod.exports,
    createRequire(bundle),
    mod,
    bundle,
    path.dirname(bundle),
  ]);
  mod.loaded = true;
  return { module: mod, script };
}

/** Write V8's code cache of `bundle` after running it (so that it holds the functions that ran). */
export function writeCodeCache(bundle: string): void {
  const source = fs.readFileSync(bundle, "utf8");
  const data = runBundle(bundle, source).script.createCachedData();
  fs.writeFileSync(codeCacheFile(bundle), Buffer.concat([Buffer.from(sha256(source)), data]));
}

/**
 * The bundle as a module, with its code cache only when the cache was made
 * from this very text (V8 itself checks the length of the text, not its
 * content); `cacheUsed` when V8 took it.
 */
export function loadBundle(bundle: string): { module: NodeJS.Module; cacheUsed: boolean } {
  const source = fs.readFileSync(bundle, "utf8");
  const file = codeCacheFile(bundle);
  const stored = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
  const fits = stored !== undefined && stored.subarray(0, 64).toString() === sha256(source);
  const { module, script } = runBundle(bundle, source, fits ? stored.subarray(64) : undefined);
  return { module, cacheUsed: fits && !script.cachedDataRejected };
}

/**
 * Register the mathjs bundle for danfo (module doc); true when registered.
 * Call before danfojs-node is first required.
 */
export function registerMathjsBundle(bundle = MATHJS_BUNDLE): boolean {
  if (!fs.existsSync(bundle)) return false;
  const target = danfoMathjsPath();
  if (require.cache[target]) return false; // mathjs is loaded already
  const installed = packageVersion(target, "mathjs");
  const mod = loadBundle(bundle).module;
  const math = mod.exports as { version?: unknown };
  if (installed === undefined || math.version !== installed) return false;
  require.cache[target] = mod;
  return true;
}
