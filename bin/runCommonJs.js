// Run a CommonJS file's text as Node's loader would, for the kernel's start
// (bin/tslab.js, bin/typescriptCodeCache.js). Plain JavaScript: it runs before
// any TypeScript loader. lib/notebook/mathjsBundle.ts runBundle does the same
// for the kernel's library (lib/ does not import bin/).
"use strict";
const path = require("node:path");
const vm = require("node:vm");
const { Module, createRequire } = require("node:module");

/**
 * Compile `source` (the text of the CommonJS file `file`) in Node's module
 * wrapper, with V8's code cache `cachedData` when given (V8 checks it and
 * compiles afresh when it does not fit: `script.cachedDataRejected`), and run
 * it with `require` relative to `file`. Not registered in Node's module cache.
 * @param {string} file
 * @param {string} source
 * @param {Buffer} [cachedData]
 * @returns {{ module: NodeJS.Module, script: import("node:vm").Script }}
 */
function runCommonJs(file, source, cachedData) {
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return { module: mod, script };
}

module.exports = { runCommonJs };
