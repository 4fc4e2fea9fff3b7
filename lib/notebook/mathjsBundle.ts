/**
 * mathjs from one file for danfo. danfojs-node requires mathjs when it loads
 * (for `median`, `std`, `variance`, `mode`, `mean`), and mathjs's CommonJS
 * entry is 963 modules: Node resolves, reads and compiles each of them, about
 * 0.9 s of CPU of danfo's 1.2 s (`node -e 'require("mathjs")'`, process CPU
 * time). `npm run build` bundles that same entry (`mathjs/lib/cjs/index.js`,
 * the code danfo would load, with its own dependencies) with esbuild into
 * `dist/kernel/vendor/mathjs.cjs` (scripts/buildKernel.ts);
 * {@link registerMathjsBundle} requires the bundle and registers it in Node's
 * module cache under the path danfo's `require("mathjs")` resolves to (Node
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
 * The bundle is used only when it exists, its `version` is the installed
 * mathjs's, and mathjs is not loaded yet; otherwise danfo requires mathjs as
 * usual.
 */
import * as fs from "node:fs";
import * as path from "node:path";
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

/**
 * Register the mathjs bundle for danfo (module doc); true when registered.
 * Call before danfojs-node is first required.
 */
export function registerMathjsBundle(bundle = MATHJS_BUNDLE): boolean {
  if (!fs.existsSync(bundle)) return false;
  const target = danfoMathjsPath();
  if (require.cache[target]) return false; // mathjs is loaded already
  const installed = packageVersion(target, "mathjs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file built by npm run build, found at run time
  const math = require(bundle) as { version?: unknown };
  const cached = require.cache[require.resolve(bundle)];
  if (installed === undefined || math.version !== installed || !cached) return false;
  require.cache[target] = cached;
  return true;
}
