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
 * Printed: the converter's start (the kernel's first TypeScript program) and
 * the mean time per cell in each case, each in a fresh process, for tslab's
 * converter as published and as the kernel runs it (bin/tslab.js: the program
 * built once per cell instead of twice).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { loadavg } from "node:os";
import { freshKernel } from "../bin/bundle";

const ROOT = join(__dirname, "..");

/** Runs in a child process (cwd dist/kernel): start the converter, convert the cells, print JSON. */
const CHILD = `
const { loadConverter } = require(${JSON.stringify(join(ROOT, "bin", "tslab.js"))});
const { createConverter } = loadConverter(process.argv[2] === "changed").module.exports;
const ms = (a) => Number(process.hrtime.bigint() - a) / 1e6;
let a = process.hrtime.bigint();
const c = createConverter({ isJS: false, isBrowser: false });
const start = ms(a);
let d = c.convert("", process.argv[1]).declOutput ?? "";
a = process.hrtime.bigint();
for (let i = 0; i < 10; i++) d = c.convert(d, "const y" + i + " = " + i + ";\\nconsole.log(y" + i + ");").declOutput ?? "";
console.log(JSON.stringify({ start, perCell: ms(a) / 10 }));
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

function main(): void {
  const kernel = freshKernel(ROOT);
  if (!kernel.dir) throw new Error(`dist/kernel is not fresh (${kernel.why}): run npm run build`);
  console.log(`bench:tslab: load average ${loadavg()[0].toFixed(2)} (1 min); cwd ${kernel.dir}`);
  for (const [what, first] of CASES) {
    for (const converter of ["published", "changed"]) {
      const out = execFileSync(process.execPath, ["-e", CHILD, first, converter], {
        cwd: kernel.dir,
        encoding: "utf8",
      });
      const r = JSON.parse(out) as { start: number; perCell: number };
      console.log(
        `first cell: ${what.padEnd(34)} ${converter.padEnd(9)} converter start ${(r.start / 1000).toFixed(2)} s, per one-line cell ${r.perCell.toFixed(1)} ms`,
      );
    }
  }
}

main();
