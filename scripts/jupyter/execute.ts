/**
 * Execute notebooks headless through Jupyter's own tool:
 * `python -m nbconvert --to notebook --execute` (the same program as
 * `jupyter nbconvert`) with the project-local tslab kernelspec
 * (scripts/jupyter/kernel.ts) and the Jupyter chosen by scripts/jupyter/env.ts
 * (created as the project venv when there is none). HTML exports:
 * scripts/jupyter/htmlExport.ts.
 *
 * Cells run with `--allow-errors`, because tslab reports a failing cell
 * (compile error or exception) as text on stderr and nbconvert would
 * otherwise stop with an empty message. The executed notebook is then read
 * back and every `error` output and every stderr stream is reported, with the
 * cell number and its text, by {@link notebookProblems}. A notebook passes only
 * when there are none.
 *
 * `executeNotebooks` runs one long-lived nbconvert per lane
 * ({@link NbconvertDriver}, scripts/jupyter/nbconvertDriver.py): the same
 * NbConvertApp with the same arguments, without importing nbconvert again for
 * every notebook.
 *
 * Execution counts: tslab does not publish `execute_input` messages, which is
 * where nbconvert's ExecutePreprocessor reads a cell's count from, so nbconvert
 * leaves every count empty ("In [ ]:"). {@link numberCells} fills them in the
 * way nbclient's own `NotebookClient.execute()` does (1, 2, ... over the code
 * cells with non-empty source, in order); for a fresh kernel this is exactly
 * the count tslab returns in its execute_reply, which JupyterLab shows (the
 * Lab test compares the two).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as readline from "node:readline";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { writeAtomic } from "./atomicWrite";
import { ensureJupyter } from "./env";
import { ensureKernelBuild, jupyterEnv, KERNEL_NAME, registerKernel } from "./kernel";

/** The notebooks of `dir` (default notebooks/), in file-name order (00-, 01-, ...). */
export function listNotebooks(dir: string = path.join(REPO_ROOT, "notebooks")): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .map((f) => path.join(dir, f));
}

export interface NotebookProblem {
  /** 1-based index of the code cell among all cells. */
  cell: number;
  kind: "error" | "stderr";
  text: string;
}

interface NbOutput {
  output_type: string;
  name?: string;
  text?: string | string[];
  ename?: string;
  evalue?: string;
  traceback?: string[];
  data?: Record<string, unknown>;
}
interface NbCell {
  cell_type: string;
  source: string | string[];
  outputs?: NbOutput[];
  execution_count?: number | null;
  metadata?: Record<string, unknown>;
}
export interface NbJson {
  cells: NbCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

const joinText = (t: string | string[] | undefined): string =>
  Array.isArray(t) ? t.join("") : (t ?? "");

/** Every error output and stderr stream of an (executed) notebook. */
export function notebookProblems(nb: NbJson): NotebookProblem[] {
  const out: NotebookProblem[] = [];
  nb.cells.forEach((c, i) => {
    for (const o of c.outputs ?? []) {
      if (o.output_type === "error")
        out.push({
          cell: i + 1,
          kind: "error",
          text: `${o.ename ?? ""}: ${o.evalue ?? ""}\n${(o.traceback ?? []).join("\n")}`.trim(),
        });
      else if (o.output_type === "stream" && o.name === "stderr")
        out.push({ cell: i + 1, kind: "stderr", text: joinText(o.text).trim() });
    }
  });
  return out;
}

/**
 * Number the code cells 1, 2, ... (cells with empty source stay unnumbered,
 * as nbclient skips them); returns a new notebook.
 */
export function numberCells(nb: NbJson): NbJson {
  let k = 0;
  const cells = nb.cells.map((c) => {
    if (c.cell_type !== "code") return c;
    return { ...c, execution_count: joinText(c.source).trim() ? ++k : null };
  });
  return { ...nb, cells };
}

/** Code cells (with source) that have no execution count. */
export function unnumberedCells(nb: NbJson): number[] {
  const out: number[] = [];
  nb.cells.forEach((c, i) => {
    if (
      c.cell_type === "code" &&
      joinText(c.source).trim() &&
      typeof c.execution_count !== "number"
    )
      out.push(i + 1);
  });
  return out;
}

/** Read a notebook file as JSON. */
export function readNotebook(file: string): NbJson {
  return JSON.parse(fs.readFileSync(file, "utf8")) as NbJson;
}

/** Number of outputs in a notebook (0 for a committed, cleared notebook). */
export function outputCount(nb: NbJson): number {
  return nb.cells.reduce((n, c) => n + (c.outputs?.length ?? 0), 0);
}

export interface RunResult {
  notebook: string;
  /** The executed copy. */
  output: string;
  ms: number;
  exitCode: number | null;
  /** nbconvert's own stderr when it failed (timeouts, kernel death). */
  log: string;
  problems: NotebookProblem[];
}

export function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env, cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    let stdout = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    p.on("error", reject);
    p.on("close", (code) => resolve({ code, stderr, stdout }));
  });
}

export interface ExecuteOptions {
  /** Seconds a single cell may take (default 180). */
  cellTimeout?: number;
  /** Notebooks executed at the same time (default 2). */
  parallel?: number;
  /** Called after each notebook. */
  onDone?: (r: RunResult) => void;
  /**
   * Which notebook a free worker takes next: "given" (file order) or
   * "largest-first" (by file size, a proxy for run time, so that the long
   * notebooks do not all land at the end; default). Results always come back
   * in the given order.
   */
  schedule?: "given" | "largest-first";
  /** Python to run nbconvert with (default: scripts/jupyter/env.ts ensureJupyter()). */
  python?: string;
  /**
   * Failed `check()` claims throw (ALLIANCE_STRICT_CHECKS=1 in the kernel's
   * environment; lib/notebook/check.ts). Default true: replicate and the
   * tests enforce the prose; only a student's own kernel merely notes a failure.
   */
  strictChecks?: boolean;
  /**
   * Compute the slow results the notebooks read back (scripts/precompute.ts,
   * into build/precomputed/) before executing any notebook (default true;
   * a result whose stored inputs hash matches is not recomputed).
   */
  precompute?: boolean;
}

/**
 * Run scripts/precompute.ts once, synchronously, with its progress on this
 * process's stderr. Throws when it fails: a notebook would otherwise compute
 * the result live inside a cell and hit the cell timeout.
 */
export function ensurePrecomputed(): void {
  const script = path.join(REPO_ROOT, "scripts", "precompute.ts");
  const r = spawnSync(process.execPath, ["--import", "tsx", script], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0)
    throw new Error(
      `scripts/precompute.ts failed (exit ${r.status ?? "none, killed by a signal"}); the notebooks need its results`,
    );
}

/** The environment of a kernel whose failed claims throw (or not): lib/notebook/check.ts. */
export function checksEnv(env: NodeJS.ProcessEnv, strict = true): NodeJS.ProcessEnv {
  const out = { ...env };
  if (strict) out.ALLIANCE_STRICT_CHECKS = "1";
  else delete out.ALLIANCE_STRICT_CHECKS;
  return out;
}

/**
 * A long-lived nbconvert (scripts/jupyter/nbconvertDriver.py): one Python
 * process converts notebook after notebook with the arguments a single
 * `python -m nbconvert` call would get, so nbconvert and nbclient are
 * imported once (about 2 s of CPU each time) rather than once per notebook.
 * One request at a time; `executeNotebooks` starts one per lane.
 */
export class NbconvertDriver {
  private readonly p: ChildProcess;
  private pending: ((r: { code: number | null; stderr: string }) => void) | undefined;
  private stderr = "";

  constructor(python: string, env: NodeJS.ProcessEnv) {
    const script = path.join(REPO_ROOT, "scripts", "jupyter", "nbconvertDriver.py");
    this.p = spawn(python, [script], { env, cwd: REPO_ROOT, stdio: ["pipe", "pipe", "pipe"] });
    this.p.stderr?.on("data", (d: Buffer) => (this.stderr += d.toString()));
    if (this.p.stdout)
      readline.createInterface({ input: this.p.stdout }).on("line", (line) => {
        const a = JSON.parse(line) as { code: number; log?: string };
        this.settle({ code: a.code, stderr: a.code === 0 ? "" : `${a.log ?? ""}\n${this.stderr}` });
      });
    this.p.on("close", (code) =>
      this.settle({ code: code ?? null, stderr: `nbconvert driver exited\n${this.stderr}` }),
    );
    this.p.on("error", (e) => this.settle({ code: null, stderr: e.message }));
  }

  private settle(r: { code: number | null; stderr: string }): void {
    const done = this.pending;
    this.pending = undefined;
    this.stderr = "";
    done?.(r);
  }

  /** Run nbconvert with `args` (those of `python -m nbconvert`, without `-m nbconvert`). */
  convert(args: string[]): Promise<{ code: number | null; stderr: string }> {
    if (this.pending) throw new Error("NbconvertDriver: one request at a time");
    if (this.p.exitCode !== null || !this.p.stdin)
      return Promise.resolve({ code: null, stderr: `nbconvert driver exited\n${this.stderr}` });
    return new Promise((resolve) => {
      this.pending = resolve;
      this.p.stdin?.write(JSON.stringify({ args }) + "\n");
    });
  }

  /** End the process (end of its input) and wait for it. */
  async close(): Promise<void> {
    if (this.p.exitCode !== null) return;
    const closed = new Promise<void>((r) => this.p.once("close", () => r()));
    this.p.stdin?.end();
    await closed;
  }
}

/**
 * Execute one notebook into `outDir` (same file name). nbconvert writes into a
 * temporary folder; the numbered notebook then replaces the old copy in one
 * rename, so `outDir` never holds a half-written notebook. With `driver`, the
 * long-lived nbconvert runs it (its environment decides strict checks);
 * otherwise a `python -m nbconvert` process of its own.
 */
export async function executeNotebook(
  file: string,
  outDir: string,
  opts: ExecuteOptions = {},
  driver?: NbconvertDriver,
): Promise<RunResult> {
  const py = opts.python ?? (await ensureJupyter()).python;
  fs.mkdirSync(outDir, { recursive: true });
  const tmpDir = fs.mkdtempSync(path.join(outDir, ".executing-"));
  const t0 = Date.now();
  const args = [
    "--to",
    "notebook",
    "--execute",
    "--allow-errors",
    `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
    `--ExecutePreprocessor.timeout=${opts.cellTimeout ?? 180}`,
    "--ExecutePreprocessor.startup_timeout=120",
    "--output-dir",
    tmpDir,
    file,
  ];
  const r = driver
    ? await driver.convert(args)
    : await run(
        py,
        ["-m", "nbconvert", ...args],
        checksEnv(jupyterEnv(), opts.strictChecks ?? true),
      );
  const tmpOut = path.join(tmpDir, path.basename(file));
  const output = path.join(outDir, path.basename(file));
  let problems: NotebookProblem[] = [];
  if (r.code === 0 && fs.existsSync(tmpOut)) {
    const nb = numberCells(readNotebook(tmpOut));
    problems = notebookProblems(nb);
    writeAtomic(output, JSON.stringify(nb, null, 1) + "\n");
  }
  fs.rmSync(tmpDir, { recursive: true, force: true });
  return {
    notebook: file,
    output,
    ms: Date.now() - t0,
    exitCode: r.code,
    log: r.code === 0 ? "" : r.stderr,
    problems,
  };
}

/**
 * Register the kernel, then execute the notebooks into `outDir`, `parallel`
 * at a time (largest first by default, see {@link ExecuteOptions.schedule});
 * results come back in the input order.
 */
export async function executeNotebooks(
  files: readonly string[],
  outDir: string,
  opts: ExecuteOptions = {},
): Promise<RunResult[]> {
  registerKernel();
  ensureKernelBuild(REPO_ROOT, (s) => console.log(s));
  if (opts.precompute ?? true) ensurePrecomputed();
  const python = opts.python ?? (await ensureJupyter()).python;
  opts = { ...opts, python };
  const results = new Array<RunResult>(files.length);
  const queue = files.map((f, i) => ({ i, size: fs.statSync(f).size }));
  if ((opts.schedule ?? "largest-first") === "largest-first")
    queue.sort((a, b) => b.size - a.size || a.i - b.i);
  let next = 0;
  // one long-lived nbconvert per lane (NbconvertDriver), with this batch's strict checks
  const env = checksEnv(jupyterEnv(), opts.strictChecks ?? true);
  const worker = async (): Promise<void> => {
    const driver = new NbconvertDriver(python, env);
    try {
      while (next < queue.length) {
        const { i } = queue[next++];
        results[i] = await executeNotebook(files[i], outDir, opts, driver);
        opts.onDone?.(results[i]);
      }
    } finally {
      await driver.close();
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(opts.parallel ?? 2, files.length)) }, worker),
  );
  return results;
}

/** A readable report of one run: ok, or each problem with its cell. */
export function formatRun(r: RunResult): string {
  const name = path.basename(r.notebook);
  const secs = (r.ms / 1000).toFixed(1);
  if (r.exitCode !== 0)
    return `FAIL  ${name} (${secs} s): nbconvert exit ${r.exitCode ?? "none, killed by a signal"}\n${r.log.split("\n").slice(-15).join("\n")}`;
  if (r.problems.length)
    return `FAIL  ${name} (${secs} s):\n${r.problems.map((p) => `  cell ${p.cell} ${p.kind}: ${p.text.split("\n").slice(0, 8).join("\n    ")}`).join("\n")}`;
  return `ok    ${name} (${secs} s)`;
}
