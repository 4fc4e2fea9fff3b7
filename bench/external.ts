/**
 * Helpers of the benchmarks for outside software: run a child process and
 * measure its wall time and peak RSS (GNU time's %M when /usr/bin/time is
 * there), find Rscript and a Python that has pyfixest.
 */
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export interface Measured {
  /** Wall time of the child, seconds (measured around the spawn). */
  wall: number;
  /** Peak resident set of the child, MiB (null without /usr/bin/time). */
  rssMiB: number | null;
  /** CPU time (user + system) of the child, seconds (null without /usr/bin/time): stable when the machine is shared. */
  cpu: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

const TIME = "/usr/bin/time";

/** Run `cmd args` and measure it. */
export function measure(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Measured {
  const useTime = existsSync(TIME);
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync(TIME, ["-f", "@@rss %M %U %S", cmd, ...args], {
        encoding: "utf8",
        cwd: opts.cwd,
        env: opts.env,
        maxBuffer: 1 << 26,
      })
    : spawnSync(cmd, args, { encoding: "utf8", cwd: opts.cwd, env: opts.env, maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  // Node's types omit the null that spawnSync gives when the process could not start
  const streams: { stdout: string | null; stderr: string | null } = r;
  let stderr = streams.stderr ?? "";
  let rssMiB: number | null = null;
  let cpu: number | null = null;
  const m = /@@rss (\d+) ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  if (m) {
    rssMiB = Number(m[1]) / 1024;
    cpu = Number(m[2]) + Number(m[3]);
    stderr = stderr.slice(0, m.index);
  }
  return { wall, rssMiB, cpu, status: r.status, stdout: streams.stdout ?? "", stderr };
}

export function hasRscript(): boolean {
  return spawnSync("Rscript", ["--version"], { stdio: "ignore" }).status === 0;
}

/** A Python that imports pyfixest: $ALLIANCE_PYTHON or ./.venv (pip install -r requirements/oracle.txt); null if none. */
export function pyfixestPython(root: string): string | null {
  const cands = [process.env.ALLIANCE_PYTHON, join(root, ".venv", "bin", "python")].filter(
    (p): p is string => !!p,
  );
  for (const p of cands) {
    if (!existsSync(p)) continue;
    if (spawnSync(p, ["-c", "import pyfixest"], { stdio: "ignore" }).status === 0) return p;
  }
  return null;
}

/** Largest relative difference between two lists of numbers. */
export function maxRel(a: number[], b: number[]): number {
  let m = 0;
  for (let i = 0; i < a.length; i++)
    m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-300));
  return m;
}

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** `--name N` from the command line, else `def`; a value that is not a positive number is an error. */
export function numArg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = Number(process.argv[i + 1]);
  if (!(v > 0))
    throw new Error(`--${name} needs a positive number (got "${process.argv[i + 1] ?? ""}")`);
  return v;
}

/**
 * The result line of one pyfixest fit on the difficult design: its time and
 * estimates, or "no convergence after N iterations" when pyfixest's demeaning
 * gave up (its fixef_maxiter, 10,000 by default), as this benchmark reports
 * its own iterations.
 */
export function pyfixestLine(k: string, r: unknown, ours: { t: number; b: number[] }): string {
  if (Array.isArray(r)) {
    const [t, b] = r as [number, number[]];
    return `pyfixest ${k}: ${t.toFixed(3)} s (1 run after a warm-up); ratio pyfixest / node ${(t / ours.t).toFixed(2)}x; max relative difference of estimates ${maxRel(b, ours.b).toExponential(2)}`;
  }
  const msg = typeof r === "object" && r !== null && "error" in r ? String(r.error) : "no result";
  const iters = /(\d[\d_,]*)\s*iterations?/i.exec(msg)?.[1]?.replace(/[_,]/g, "");
  // pyfixest 0.60 (estimation/internals/demean_.py): "Demeaning failed after {fixef_maxiter} iterations."
  const conv = /converge|demeaning failed/i.test(msg);
  return `pyfixest ${k}: ${conv ? `no convergence${iters ? ` after ${Number(iters).toLocaleString("en-US")} iterations` : ""}` : "failed"} (pyfixest: ${msg})`;
}
