/**
 * Run a notebook's code cells in Node, in order, with the project's library
 * (what tslab runs), using the browser kernel's cell compiler so that both
 * sides treat top-level names alike; then run a probe cell and print its
 * output after a marker line. Display bundles are discarded.
 *
 *   node --import tsx scripts/lite/nodeRun.ts notebooks/08-hypotheses.ipynb 'console.log(...)'
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { setDisplaySink } from "../../lib/display";
import { compileCell } from "../../lite/worker/cell";

const AsyncFunction = (
  Object.getPrototypeOf(async function () {}) as {
    constructor: new (
      ...args: string[]
    ) => (imp: (s: string) => Promise<unknown>) => Promise<unknown>;
  }
).constructor;

/** The module as tslab's cells get it (CommonJS `require`), or a rejection. */
function importModule(spec: string): Promise<unknown> {
  return new Promise((resolve) =>
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS module object, as tslab's cells load it
    resolve(require(spec.startsWith(".") ? path.resolve(REPO_ROOT, spec) : spec)),
  );
}

async function runCell(code: string): Promise<void> {
  const cell = compileCell(ts, code);
  await new AsyncFunction("__import", cell.body)(importModule);
}

async function main(): Promise<void> {
  const [file, probe] = process.argv.slice(2);
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as {
    cells: { cell_type: string; source: string | string[] }[];
  };
  setDisplaySink(() => undefined);
  const log = console.log;
  console.log = () => undefined;
  for (const c of nb.cells) {
    if (c.cell_type !== "code") continue;
    await runCell(Array.isArray(c.source) ? c.source.join("") : c.source);
  }
  console.log = log;
  process.stdout.write("\n@@probe@@\n");
  await runCell(probe);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
