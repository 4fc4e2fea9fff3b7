/**
 * The notebook kernel's precompiled library (`npm run build`, also run by
 * `npm ci` through `prepare` and by scripts/setup.sh when stale):
 *
 *   dist/kernel/lib/**.js     CommonJS, one file per module of the import graph of lib/seminar.ts
 *   dist/kernel/lib/**.d.ts   their declaration files
 *   dist/kernel/vendor/mathjs.cjs  mathjs as one file for danfo, with V8's code cache
 *                             mathjs.cjs.v8cache (lib/notebook/mathjsBundle.ts)
 *   dist/kernel/manifest.json every input (lib/ sources, package-lock.json) with size and mtime
 *
 * Why: tslab type-checks every cell with the TypeScript language service.
 * With the sources, the first cell's `import ... from "./lib/seminar"` makes
 * it check the whole import graph (some 80 modules, 15,000 lines) before the
 * cell runs: seconds. With declaration files beside compiled JavaScript it
 * only reads declarations (skipLibCheck), and Node loads plain JavaScript.
 *
 * How the kernel finds it: tslab resolves "./lib/seminar" against its working
 * directory (rootDir = cwd). scripts/jupyter/tslab-kernel.sh starts it in
 * dist/kernel/ while the manifest says the build is fresh (bin/bundle.js
 * freshKernel), so "./lib/seminar" is dist/kernel/lib/seminar.d.ts + .js; after an
 * edit under lib/ it starts in the repository root instead, where the same
 * specifier is the TypeScript source: slower, never stale. The compiled files
 * find the repository (data, references.bib, node_modules) by walking up
 * (lib/io/dataRoot.ts REPO_ROOT).
 *
 * Why tsc and not esbuild: the kernel needs declaration files, which only the
 * TypeScript compiler writes (the same typescript package as `npm run
 * typecheck`). Written to a temporary folder and renamed into place
 * (scripts/buildInto.ts).
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import * as esbuild from "esbuild";
import ts from "typescript";
import { buildInto } from "./buildInto";
import { writeCodeCache } from "../lib/notebook/mathjsBundle";

const ROOT = resolve(__dirname, "..");

/** The modules notebooks import (one specifier: "./lib/seminar"). */
export const KERNEL_ENTRIES = ["lib/seminar.ts"];

export interface KernelManifest {
  inputs: Record<string, { size: number; mtimeMs: number }>;
  outputs: string[];
  typescript: string;
}

/** Compile the import graph of the entries into `outDir` (default dist/kernel). Returns the manifest. */
export function buildKernel(outDir = join(ROOT, "dist", "kernel")): KernelManifest {
  return buildInto(outDir, (tmp) => compileKernel(tmp));
}

/** Compile the entries' import graph into `tmp` and write its manifest there. */
function compileKernel(tmp: string): KernelManifest {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ["lib.es2022.d.ts"],
    types: ["node"],
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    declaration: true,
    rootDir: ROOT,
    outDir: tmp,
  };
  const program = ts.createProgram(
    KERNEL_ENTRIES.map((e) => join(ROOT, e)),
    options,
  );
  const outputs: string[] = [];
  const emit = program.emit(undefined, (file, text) => {
    mkdirSync(resolve(file, ".."), { recursive: true });
    writeFileSync(file, text);
    outputs.push(relative(tmp, file));
  });
  const diags = [...ts.getPreEmitDiagnostics(program), ...emit.diagnostics].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  if (diags.length)
    throw new Error(
      ts.formatDiagnostics(diags.slice(0, 10), {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => ROOT,
        getNewLine: () => "\n",
      }),
    );
  const inputs: KernelManifest["inputs"] = {};
  for (const sf of program.getSourceFiles()) {
    const rel = relative(ROOT, sf.fileName);
    if (rel.startsWith("lib/")) inputs[rel] = stat(sf.fileName);
  }
  if (existsSync(join(ROOT, "package-lock.json")))
    inputs["package-lock.json"] = stat(join(ROOT, "package-lock.json"));
  bundleMathjs(join(tmp, MATHJS_BUNDLE_PATH));
  writeCodeCache(join(tmp, MATHJS_BUNDLE_PATH));
  outputs.push(MATHJS_BUNDLE_PATH, `${MATHJS_BUNDLE_PATH}.v8cache`);
  const manifest: KernelManifest = { inputs, outputs: outputs.sort(), typescript: ts.version };
  writeFileSync(join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

/** Where the kernel build puts mathjs as one file, relative to dist/kernel (lib/notebook/mathjsBundle.ts). */
export const MATHJS_BUNDLE_PATH = "vendor/mathjs.cjs";

/**
 * mathjs's CommonJS entry, the file danfojs-node requires, bundled with its
 * dependencies into one CommonJS file (lib/notebook/mathjsBundle.ts says why).
 */
export function bundleMathjs(outFile: string): void {
  const danfo = dirname(require.resolve("danfojs-node"));
  esbuild.buildSync({
    entryPoints: [require.resolve("mathjs", { paths: [danfo] })],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "error",
  });
}

function stat(file: string): { size: number; mtimeMs: number } {
  const st = statSync(file);
  return { size: st.size, mtimeMs: st.mtimeMs };
}

if (require.main === module) {
  const t0 = Date.now();
  try {
    const m = buildKernel();
    console.log(
      `dist/kernel/: ${m.outputs.length} files from ${Object.keys(m.inputs).length} inputs in ${Date.now() - t0} ms`,
    );
  } catch (e) {
    console.error(`kernel build failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
