/**
 * The browser kernel's worker script, `alliance/worker.js` in the site: the
 * cell runner (lite/worker/) and every module the notebooks import, bundled
 * by esbuild for the browser in one classic-worker script.
 *
 * Node built-ins are replaced: `fs` by the site-backed file-system layer
 * (lite/worker/fsLayer.ts), `path` by path-browserify, `crypto` by SHA-256
 * from @noble/hashes, `buffer` by the buffer package, `process` by a small
 * global; tslab's display hook by lite/worker/shims/tslabJupyter.ts. What a
 * browser cannot do (network downloads, zlib, worker threads, child
 * processes, DuckDB) becomes a module whose every use throws an error that
 * says so (lite/worker/shims/unsupported.ts). danfojs-node's TensorFlow
 * backend is the project's CPU-only stand-in (shims/tfjs-node-cpu), which is
 * pure JavaScript and runs in the worker as in Node.
 */
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { moduleMapSource, notebookSpecifiers } from "./modules";

const LITE = path.join(REPO_ROOT, "lite");
const SHIMS = path.join(LITE, "worker", "shims");
const KERNEL_MODULES = path.join(LITE, "kernel", "node_modules");

/** Built-ins and packages with no browser counterpart. */
export const UNSUPPORTED = [
  "child_process",
  "http",
  "https",
  "zlib",
  "worker_threads",
  "os",
  "stream",
  "stream/promises",
  "readline",
  "net",
  "tls",
  "url",
  "util",
  "events",
  "module",
  "perf_hooks",
  "v8",
  "vm",
  "assert",
  "@duckdb/node-api",
  "node-fetch",
  "request",
  "yauzl",
  "yazl",
  "cli-progress",
  "string_decoder",
];

/** Package families with no browser use in the notebooks (danfo's JSON streaming I/O). */
export const UNSUPPORTED_PREFIX = ["stream-json", "stream-chain"];

const REPLACED: Record<string, string> = {
  fs: path.join(LITE, "worker", "fsLayer.ts"),
  "fs/promises": path.join(SHIMS, "fsPromises.ts"),
  crypto: path.join(SHIMS, "crypto.ts"),
  buffer: path.join(SHIMS, "buffer.ts"),
  path: path.join(KERNEL_MODULES, "path-browserify", "index.js"),
  "tslab/dist/jupyter": path.join(SHIMS, "tslabJupyter.ts"),
};

function nodeShims(): esbuild.Plugin {
  return {
    name: "alliance-node-shims",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, "");
        if (bare === "buffer") {
          // the library asks node:buffer for isUtf8 too (the shim); packages and the shims get the buffer package
          const fromPackage =
            args.importer.includes(`${path.sep}node_modules${path.sep}`) ||
            args.importer.startsWith(SHIMS);
          return args.path === "node:buffer" || !fromPackage
            ? { path: REPLACED.buffer }
            : undefined;
        }
        if (REPLACED[bare]) return { path: REPLACED[bare] };
        if (UNSUPPORTED.includes(bare) || UNSUPPORTED_PREFIX.some((p) => bare.startsWith(p)))
          return { path: bare, namespace: "alliance-unsupported" };
        if (args.path === "alliance-lite-modules")
          return { path: "modules", namespace: "alliance-modules" };
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: "alliance-unsupported" }, (args) => ({
        contents:
          `const { unsupportedModule } = require(${JSON.stringify(path.join(SHIMS, "unsupported.ts"))});\n` +
          `module.exports = unsupportedModule(${JSON.stringify(args.path)});\n`,
        resolveDir: SHIMS,
        loader: "js",
      }));
      build.onLoad({ filter: /.*/, namespace: "alliance-modules" }, () => ({
        contents: moduleMapSource(notebookSpecifiers()),
        resolveDir: REPO_ROOT,
        loader: "ts",
      }));
    },
  };
}

export interface BundleResult {
  file: string;
  bytes: number;
  modules: string[];
  warnings: number;
}

/** Bundle lite/worker/worker.ts with the notebooks' modules into `outFile`. */
export async function bundleWorker(
  outFile: string,
  opts: { minify?: boolean } = {},
): Promise<BundleResult> {
  const modules = notebookSpecifiers();
  const result = await esbuild.build({
    entryPoints: [path.join(LITE, "worker", "worker.ts")],
    outfile: outFile,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: opts.minify ?? true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "silent",
    nodePaths: [path.join(REPO_ROOT, "node_modules"), KERNEL_MODULES],
    mainFields: ["browser", "module", "main"],
    define: {
      __dirname: JSON.stringify("/repo/lib"),
      __filename: JSON.stringify("/repo/lib/index.js"),
      global: "globalThis",
    },
    inject: [path.join(SHIMS, "globals.ts")],
    plugins: [nodeShims()],
  });
  for (const w of result.warnings.slice(0, 20))
    console.warn(`esbuild: ${w.text} (${w.location?.file ?? ""})`);
  return {
    file: outFile,
    bytes: fs.statSync(outFile).size,
    modules,
    warnings: result.warnings.length,
  };
}
