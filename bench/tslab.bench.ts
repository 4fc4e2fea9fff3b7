/**
 * Benchmark (not a test) of tslab's own costs, the part of a notebook's time
 * that no project code runs (docs/notebooks.md, "What Run All costs"): tslab's
 * converter (the TypeScript step of every cell) started in `dist/kernel/` as
 * the kernel starts it, then ten one-line cells converted after a first cell
 * that (a) imports nothing, (b) imports one name from the front door, (c)
 * imports twelve names, namespaces included, as the notebooks' import cells do.
 *
 *   npm run build && npm run bench:tslab
 *
 * Printed: loading TypeScript and the converter, the converter's start (the
 * kernel's first TypeScript program) and the mean time per cell in each case,
 * each in a fresh process, for tslab's converter as published, as the kernel
 * runs it (bin/tslab.js: the program built once per cell instead of twice),
 * and that with TypeScript's code cache (bin/typescriptCodeCache.js, written
 * first when missing; its size is printed beside what V8 has compiled once the
 * module has loaded), as the kernel runs it too. Then, per notebook, the time
 * to load and start the converter and convert all its code cells in a fresh
 * process (as in a fresh kernel: the TypeScript compiler still cold) and to
 * convert them again in the same process (warm).
 *
 *   npm run bench:tslab [-- 03 08]   (notebooks whose name starts with the given prefixes)
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { loadavg } from "node:os";
import { freshKernel } from "../bin/bundle";
import { runCommonJs } from "../bin/runCommonJs";
import { TYPESCRIPT, TYPESCRIPT_CACHE } from "../bin/typescriptCodeCache";
import { listNotebooks } from "../scripts/jupyter/execute";
import { ensureTypeScriptCache } from "../scripts/jupyter/kernel";

const ROOT = join(__dirname, "..");

/**
 * Start of both child scripts: load TypeScript (argv[2] "cached": with its
 * code cache, as the kernel does) and tslab's converter (argv[2] "published":
 * as published, else as changed by bin/tslab.js); `load` is the time taken.
 */
const LOAD = `
const t0 = process.hrtime.bigint();
if (process.argv[2] === "cached") {
  const ts = require(${JSON.stringify(join(ROOT, "bin", "typescriptCodeCache.js"))}).loadTypeScript();
  if (!ts.used) throw new Error(ts.why);
}
const { loadConverter } = require(${JSON.stringify(join(ROOT, "bin", "tslab.js"))});
const { createConverter } = loadConverter(process.argv[2] !== "published").module.exports;
const ms = (a) => Number(process.hrtime.bigint() - a) / 1e6;
const load = ms(t0);
`;

/** Runs in a child process (cwd dist/kernel): start the converter, convert the cells, print JSON. */
const CHILD = `${LOAD}
let a = process.hrtime.bigint();
const c = createConverter({ isJS: false, isBrowser: false });
const start = ms(a);
let d = c.convert("", process.argv[1]).declOutput ?? "";
a = process.hrtime.bigint();
for (let i = 0; i < 10; i++) d = c.convert(d, "const y" + i + " = " + i + ";\\nconsole.log(y" + i + ");").declOutput ?? "";
console.log(JSON.stringify({ load, start, perCell: ms(a) / 10 }));
c.close();
`;

/** Runs in a child process (cwd dist/kernel): convert a notebook's code cells twice, print JSON. */
const NOTEBOOK_CHILD = `${LOAD}
const nb = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const cells = nb.cells.filter((c) => c.cell_type === "code")
  .map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
const c = createConverter({ isJS: false, isBrowser: false });
const ready = ms(t0);
const pass = () => {
  const a = process.hrtime.bigint();
  let d = "";
  for (const src of cells) d = c.convert(d, src).declOutput ?? d;
  return Number(process.hrtime.bigint() - a) / 1e6;
};
const cold = pass();
console.log(JSON.stringify({ cells: cells.length, load, ready, cold, warm: pass() }));
c.close();
`;

const CASES: readonly [string, string][] = [
  ["no import", "const x = 1;"],
  ["one name from the front door", 'import { feols } from "./lib/seminar";'],
  [
    "twelve names, namespaces included",
    'import { feols, etable, se, coeftable, check, show, charts, sources, measures, lessons, engine, replication } from "./lib/seminar";',
  ],
];

/** tslab's converter as published, as the kernel runs it (bin/tslab.js), and that with TypeScript's code cache. */
const CONVERTERS = ["published", "changed", "cached"] as const;

function main(): void {
  const kernel = freshKernel(ROOT);
  if (!kernel.dir) throw new Error(`dist/kernel is not fresh (${kernel.why}): run npm run build`);
  console.log(`bench:tslab: ${ensureTypeScriptCache(ROOT, (s) => console.log(s)).why}`);
  // what V8 has compiled once the module has loaded: all that a cache made then could hold
  const loaded = runCommonJs(
    TYPESCRIPT,
    readFileSync(TYPESCRIPT, "utf8"),
  ).script.createCachedData();
  const mb = (n: number) => (n / 1e6).toFixed(1);
  console.log(
    `bench:tslab: code cache ${mb(statSync(TYPESCRIPT_CACHE).size)} MB (after the notebooks' cells); ${mb(loaded.length)} MB compiled once the module has loaded`,
  );
  console.log(`bench:tslab: load average ${loadavg()[0].toFixed(2)} (1 min); cwd ${kernel.dir}`);
  for (const [what, first] of CASES) {
    for (const converter of CONVERTERS) {
      const out = execFileSync(process.execPath, ["-e", CHILD, first, converter], {
        cwd: kernel.dir,
        encoding: "utf8",
      });
      const r = JSON.parse(out) as { load: number; start: number; perCell: number };
      console.log(
        `first cell: ${what.padEnd(34)} ${converter.padEnd(9)} load ${(r.load / 1000).toFixed(2)} s, converter start ${(r.start / 1000).toFixed(2)} s, per one-line cell ${r.perCell.toFixed(1)} ms`,
      );
    }
  }
  const prefixes = process.argv.slice(2);
  const notebooks = listNotebooks().filter(
    (f) => prefixes.length === 0 || prefixes.some((p) => basename(f).startsWith(p)),
  );
  console.log("all code cells of a notebook: fresh process (cold) and the same cells again (warm)");
  for (const nb of notebooks) {
    for (const converter of CONVERTERS) {
      const out = execFileSync(process.execPath, ["-e", NOTEBOOK_CHILD, nb, converter], {
        cwd: kernel.dir,
        encoding: "utf8",
      });
      const r = JSON.parse(out) as {
        cells: number;
        ready: number;
        cold: number;
        warm: number;
      };
      console.log(
        `${basename(nb).padEnd(34)} ${converter.padEnd(9)} ${String(r.cells).padStart(2)} cells: load + start ${(r.ready / 1000).toFixed(2)} s, cold ${(r.cold / 1000).toFixed(2)} s, warm ${(r.warm / 1000).toFixed(2)} s`,
      );
    }
  }
}

main();
