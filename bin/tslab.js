#!/usr/bin/env node
// Start tslab (the notebooks' kernel) with one change to its converter, the
// step that type-checks and compiles each cell. Plain JavaScript because the
// kernel starts it before any TypeScript loader (scripts/jupyter/tslab-kernel.sh).
//
// The change. tslab 1.0.22 (node_modules/tslab/dist/converter.js, convert())
// builds the whole TypeScript program for a cell twice: once to read the
// cell's top-level names from the binder (`srcFile.locals`), then again with
// `export { <those names> }` appended, and checks and emits only the second.
// Each build makes a new program, builder state and type checker over every
// declaration file the kernel sees (the library's, danfo's, arquero's, Node's:
// about 360 files), which is most of what a one-line cell costs. The change
// reads the same names by parsing and binding the cell alone
// (ts.createSourceFile + ts.bindSourceFile: the same parser and binder on the
// same text, target and file name), and builds the program once, with the
// suffix. A cell that declares no name was already built once.
//
// Same output: test/jupyter/tslab.test.ts runs this converter and
// tslab's own side by side over every code cell of the notebooks and over
// cells written to probe the edges (destructuring, functions, classes, enums,
// imports, top-level await, type and syntax errors) and compares every field
// of every result. Faster: `npm run bench:tslab` prints both.
//
// Refused, not guessed: when tslab's converter is not the text this change
// was written against (another tslab version), the kernel runs tslab as
// published and says so on stderr. ALLIANCE_TSLAB_PRISTINE=1 does the same
// on purpose.
//
// Before tslab loads, the kernel takes tslab's TypeScript compiler from its
// startup snapshot when it started from one that fits (bin/kernelSnapshot.js:
// the declaration files already parsed and bound), else loads it with V8's
// code cache when one fits (bin/typescriptCodeCache.js: its functions already
// compiled to bytecode; ALLIANCE_TS_CODE_CACHE=0 switches it off). Started
// from the snapshot, the kernel converts two warm-up cells before it says it
// is ready (WARM_CELLS below; ALLIANCE_KERNEL_WARM=0 switches that off).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createRequire } = require("node:module");
const { runCommonJs } = require("./runCommonJs");
const { loadTypeScript, TYPESCRIPT } = require("./typescriptCodeCache");
const { useKernelSnapshot } = require("./kernelSnapshot");

const TSLAB_DIR = path.dirname(require.resolve("tslab/package.json"));
const CONVERTER = path.join(TSLAB_DIR, "dist", "converter.js");

/** tslab's convert(), from its start up to the suffix build (tslab 1.0.22). */
const BEFORE = `    function convert(prevDecl, src) {
        updateContent(prevDecl, src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);
        const locals = srcFile.locals;
        const keys = new Set();
        if (locals) {
            locals.forEach((_, key) => {
                keys.add(key);
            });
        }
        if (keys.size > 0) {
`;

/** The same, reading the names from the cell parsed and bound alone; one build either way. */
const AFTER = `    function convert(prevDecl, src) {
        // bin/tslab.js: the cell's top-level names from the cell alone.
        const probe = ts.createSourceFile(srcFilename, srcPrefix + src, transpileTarget);
        ts.bindSourceFile(probe, builder.getProgram().getCompilerOptions());
        const locals = probe.locals;
        let declsFile;
        let srcFile;
        const keys = new Set();
        if (locals) {
            locals.forEach((_, key) => {
                keys.add(key);
            });
        }
        if (keys.size === 0) {
            updateContent(prevDecl, src);
            declsFile = builder.getSourceFile(declFilename);
            srcFile = builder.getSourceFile(srcFilename);
        }
        else {
`;

/**
 * The changed converter's source, or `{ why }` when tslab's text is not the
 * one the change was written against.
 * @param {string} text tslab's converter.js
 * @returns {{ source: string } | { why: string }}
 */
function changedConverterSource(text) {
  const at = text.indexOf(BEFORE);
  if (at < 0 || text.indexOf(BEFORE, at + 1) >= 0)
    return { why: `${CONVERTER} is not tslab 1.0.22's converter` };
  const ts = createRequire(CONVERTER)("@tslab/typescript-for-tslab");
  if (typeof ts.bindSourceFile !== "function")
    return { why: "tslab's TypeScript has no bindSourceFile" };
  return { source: text.slice(0, at) + AFTER + text.slice(at + BEFORE.length) };
}

/**
 * Load tslab's converter module: `changed` (this file's change) or as
 * published. Not registered in Node's module cache (tests hold both).
 * @param {boolean} changed
 * @param {NodeJS.Module} [typescript] the TypeScript module the converter
 *   gets (tests: with and without its code cache); default: Node's as usual
 * @returns {{ module: NodeJS.Module, why: string }} the module (its `exports`:
 *   createConverter, ...); `why` says which converter it is
 */
function loadConverter(changed, typescript) {
  const text = fs.readFileSync(CONVERTER, "utf8");
  const patched = changed ? changedConverterSource(text) : { why: "as published" };
  const source = "source" in patched ? patched.source : text;
  const held = require.cache[TYPESCRIPT];
  if (typescript) require.cache[TYPESCRIPT] = typescript;
  try {
    const { module } = runCommonJs(CONVERTER, source);
    return { module, why: "source" in patched ? "changed (bin/tslab.js)" : patched.why };
  } finally {
    if (typescript) {
      if (held) require.cache[TYPESCRIPT] = held;
      else Reflect.deleteProperty(require.cache, TYPESCRIPT);
    }
  }
}

/**
 * Cells the kernel converts once before it says it is ready, and discards:
 * an import from the front door and a few statements of the kinds notebooks
 * use. In a fresh kernel the TypeScript compiler's functions run cold (from
 * the snapshot they hold no compiled code) and the front door's types are
 * not yet resolved; converting these first moves that cost from a
 * notebook's first cells into the kernel's start (docs/notebooks.md, "The
 * kernel"). Nothing runs: the converter only type-checks and compiles them,
 * and the next cell replaces them (test/jupyter/kernelSnapshot.test.ts: the
 * same results after them as without them).
 */
const WARM_CELLS = [
  'import { feols, check, show, showTable, fmt } from "./lib/seminar";\n' +
    "const w1 = [1, 2].map((x) => x * 2);\nfunction w2(a: number) { return a + 1; }",
  'const w3 = { a: 1, b: "x" };\nconst { a: w4 } = w3;\nclass W5 { y = 1 }\nw2(w4);\n' +
    "for (const q of w1) { if (q > 1) break; }\nconst w6 = `t${w4}`;\nawait Promise.resolve(w6);",
];

/**
 * Convert {@link WARM_CELLS} with `converter` and discard the results.
 * @param {{ convert(prevDecl: string, src: string): { declOutput?: string } }} converter
 */
function warmConverter(converter) {
  let decl = "";
  for (const src of WARM_CELLS) decl = converter.convert(decl, src).declOutput ?? decl;
}

/**
 * Have tslab's `createConverter` (in the converter module `module`) warm the
 * Node converter it creates ({@link warmConverter}); a failure is reported
 * on stderr and the kernel goes on.
 * @param {NodeJS.Module} module
 */
function warmOnCreate(module) {
  const create = module.exports.createConverter;
  module.exports.createConverter = (options) => {
    const converter = create(options);
    if (!(options && options.isBrowser))
      try {
        warmConverter(converter);
      } catch (e) {
        process.stderr.write(`tslab-kernel: warming the converter failed: ${String(e)}\n`);
      }
    return converter;
  };
}

/** Start tslab's command line (`tslab kernel --config-path ...`) with the changed converter. */
function main() {
  const snapshot = useKernelSnapshot(TYPESCRIPT);
  if (!snapshot.used && snapshot.why)
    process.stderr.write(`tslab-kernel: TypeScript not from the snapshot: ${snapshot.why}\n`);
  const ts = snapshot.used ? snapshot : loadTypeScript();
  if (!ts.used)
    process.stderr.write(`tslab-kernel: TypeScript without its code cache: ${ts.why}\n`);
  if (process.env.ALLIANCE_TSLAB_PRISTINE !== "1") {
    const { module, why } = loadConverter(true);
    // started from the snapshot, in dist/kernel/, where the front door's import is fast
    if (snapshot.used && process.env.ALLIANCE_KERNEL_WARM !== "0") warmOnCreate(module);
    if (why.startsWith("changed")) require.cache[CONVERTER] = module;
    else process.stderr.write(`tslab-kernel: running tslab's converter as published: ${why}\n`);
  }
  require(path.join(TSLAB_DIR, "dist", "main.js")).main();
}

module.exports = { changedConverterSource, loadConverter, warmConverter, WARM_CELLS, CONVERTER };

if (require.main === module) main();
