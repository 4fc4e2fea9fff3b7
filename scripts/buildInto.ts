/**
 * Atomic build output for scripts/buildCli.ts (dist/) and scripts/buildKernel.ts
 * (dist/kernel/): `fill` writes everything into a fresh temporary folder beside
 * the output (`OUT.tmp-PID`, ignored by git and the linter), which is renamed
 * over the output only once `fill` has succeeded. A failed build removes the
 * temporary folder and leaves the previous output (or none), never half of one.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface BuildIntoOptions {
  /**
   * Entries of the previous output moved into the new one before the swap: kept
   * as they were, not rebuilt (dist/kernel/ when the CLI bundle is rebuilt).
   */
  carryOver?: readonly string[];
}

/** Build into a temporary folder with `fill(tmp)`, then rename it over `outDir`; returns what `fill` returns. */
export function buildInto<T>(
  outDir: string,
  fill: (tmp: string) => Promise<T>,
  opts?: BuildIntoOptions,
): Promise<T>;
export function buildInto<T>(outDir: string, fill: (tmp: string) => T, opts?: BuildIntoOptions): T;
export function buildInto<T>(
  outDir: string,
  fill: (tmp: string) => T | Promise<T>,
  opts: BuildIntoOptions = {},
): T | Promise<T> {
  const tmp = `${outDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const fail = (e: unknown): never => {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  };
  const swap = (value: T): T => {
    try {
      for (const name of opts.carryOver ?? []) {
        if (existsSync(join(outDir, name))) renameSync(join(outDir, name), join(tmp, name));
      }
      rmSync(outDir, { recursive: true, force: true });
      renameSync(tmp, outDir);
      return value;
    } catch (e) {
      return fail(e);
    }
  };
  let filled: T | Promise<T>;
  try {
    filled = fill(tmp);
  } catch (e) {
    return fail(e);
  }
  return filled instanceof Promise ? filled.then(swap, fail) : swap(filled);
}
