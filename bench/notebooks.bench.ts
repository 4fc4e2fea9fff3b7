/**
 * Benchmark: what Run All costs per notebook on a fresh kernel (issue 16).
 * Each notebook is executed alone (one at a time, nothing else started by
 * this command) by bench/notebookDriver.py, which is nbconvert's execution
 * (nbclient's NotebookClient) with a clock around each step, under the
 * project kernel and the Jupyter that `npm run replicate` uses. Printed per
 * notebook:
 *
 *   kernel   kernel start until it answers (the kernel of a fresh Lab session)
 *   import   the first code cell (the imports)
 *   cells    all code cells
 *   k+cells  kernel + cells: what Run All costs on a fresh kernel in Lab
 *   wall     the whole execution process (Python start-up, nbclient, kernel,
 *            cells, writing the notebook): what `nbconvert --execute` takes
 *
 * and every cell above 1 s (its number, time and first line). Targets on the
 * idle 2-core machine: import <= 1 s, cells <= 3 s, kernel + cells <= 5 s;
 * Python's own start is printed, not counted. No assertion: speed is never
 * tested in `npm test`.
 *
 *   npm run bench:notebooks [-- 02 08]   (notebooks whose name starts with the given prefixes)
 *
 * The kernel's switches pass through and are printed when set:
 * ALLIANCE_KERNEL_SNAPSHOT=0 (the kernel without its startup snapshot),
 * ALLIANCE_KERNEL_WARM=0 (no warm-up cells at the kernel's start),
 * ALLIANCE_TS_CODE_CACHE=0 (TypeScript without its code cache),
 * ALLIANCE_TSLAB_PRISTINE=1 (tslab's converter as published),
 * ALLIANCE_KERNEL_SOURCES=1 (the TypeScript sources instead of dist/kernel/).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../lib/io/dataRoot";
import { ensureJupyter } from "../scripts/jupyter/env";
import { checksEnv, listNotebooks, readNotebook } from "../scripts/jupyter/execute";
import {
  ensureKernelBuild,
  jupyterEnv,
  KERNEL_NAME,
  registerKernel,
} from "../scripts/jupyter/kernel";

interface DriverResult {
  python_ms: number;
  kernel_ms: number;
  cells_ms: number[];
  write_ms: number;
  errors: { cell: number; text: string }[];
}

const TARGET = { import: 1000, cells: 3000, kernelCells: 5000 };

function runDriver(
  python: string,
  nb: string,
  out: string,
): Promise<{ wall: number; r: DriverResult }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(
      python,
      [path.join(REPO_ROOT, "bench", "notebookDriver.py"), nb, out, KERNEL_NAME, "600"],
      {
        cwd: REPO_ROOT,
        env: checksEnv(jupyterEnv()),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => {
      const wall = performance.now() - t0;
      const line = stdout.trim().split("\n").pop() ?? "";
      if (code !== 0 || !line.startsWith("{"))
        return reject(
          new Error(
            `${path.basename(nb)}: driver exit ${code ?? "none, killed by a signal"}\n${stderr.slice(-2000)}`,
          ),
        );
      resolve({ wall, r: JSON.parse(line) as DriverResult });
    });
  });
}

const s = (ms: number): string => (ms / 1000).toFixed(2).padStart(6);
const mark = (ms: number, target: number): string => (ms <= target ? " " : "*");

async function main(): Promise<void> {
  const prefixes = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  const notebooks = listNotebooks().filter(
    (f) => !prefixes.length || prefixes.some((p) => path.basename(f).startsWith(p)),
  );
  const { python } = await ensureJupyter();
  registerKernel();
  const build = ensureKernelBuild();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "alliance-nbbench-"));
  const [l1, l5] = os.loadavg();
  console.log(
    `bench:notebooks: ${notebooks.length} notebooks, one at a time; ${os.cpus().length} CPUs, load average ${l1.toFixed(2)} (1 min) ${l5.toFixed(2)} (5 min) at the start`,
  );
  console.log(`kernel: ${build.why}`);
  for (const v of [
    "ALLIANCE_KERNEL_SNAPSHOT",
    "ALLIANCE_KERNEL_WARM",
    "ALLIANCE_TS_CODE_CACHE",
    "ALLIANCE_TSLAB_PRISTINE",
    "ALLIANCE_KERNEL_SOURCES",
  ]) {
    const value = process.env[v];
    if (value !== undefined) console.log(`kernel: ${v}=${value}`);
  }
  console.log(
    `${"notebook".padEnd(34)} ${"kernel".padStart(6)} ${"import".padStart(7)} ${"cells".padStart(7)} ${"k+cells".padStart(7)} ${"wall".padStart(6)} ${"python".padStart(6)}   (seconds; * above target)`,
  );
  const slow: string[] = [];
  const totals = { kernel: 0, cells: 0, wall: 0 };
  for (const nb of notebooks) {
    const name = path.basename(nb);
    const { wall, r } = await runDriver(python, nb, path.join(work, name));
    const cells = r.cells_ms.reduce((a, b) => a + b, 0);
    const imp = r.cells_ms[0] ?? 0;
    totals.kernel += r.kernel_ms;
    totals.cells += cells;
    totals.wall += wall;
    console.log(
      `${name.padEnd(34)} ${s(r.kernel_ms)} ${s(imp)}${mark(imp, TARGET.import)} ${s(cells)}${mark(cells, TARGET.cells)} ${s(r.kernel_ms + cells)}${mark(r.kernel_ms + cells, TARGET.kernelCells)} ${s(wall)} ${s(r.python_ms)}` +
        (r.errors.length
          ? `   ${r.errors.length} cell(s) with errors: ${r.errors.map((e) => `cell ${e.cell}: ${e.text.split("\n")[0]}`).join("; ")}`
          : ""),
    );
    const code = readNotebook(nb).cells.filter(
      (c) => c.cell_type === "code" && [c.source].flat().join("").trim(),
    );
    r.cells_ms.forEach((ms, i) => {
      if (i > 0 && ms > 1000)
        slow.push(
          `  ${name} code cell ${i + 1}: ${s(ms).trim()} s  ${[code[i]?.source ?? ""].flat().join("").split("\n")[0].slice(0, 70)}`,
        );
    });
  }
  const [e1] = os.loadavg();
  console.log(
    `total: kernel ${s(totals.kernel).trim()} s, cells ${s(totals.cells).trim()} s, wall ${s(totals.wall).trim()} s; load average ${e1.toFixed(2)} at the end`,
  );
  console.log(
    `targets (idle 2-core machine): import <= ${TARGET.import / 1000} s, cells <= ${TARGET.cells / 1000} s, kernel + cells <= ${TARGET.kernelCells / 1000} s`,
  );
  if (slow.length) console.log(`cells other than the imports above 1 s:\n${slow.join("\n")}`);
  fs.rmSync(work, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
