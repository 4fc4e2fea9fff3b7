/**
 * Where the raw data live.
 *
 * The raw deposit ships with the repository in `data/raw/`, unchanged, one
 * folder per source with its provenance note (data/raw/LICENSES.md). Every
 * loader asks this module for a path, so a user can point the whole project
 * at another copy of the deposit with one switch. Resolution order:
 *
 *   1. an explicit `dataDir` option (the CLI's `--data-dir`);
 *   2. the environment variable `ALLIANCE_DATA_DIR`;
 *   3. `data/raw/` inside the repository.
 *
 * Nothing outside the repository is looked at unless 1 or 2 says so.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DataError } from "./dataError";

/**
 * The repository root: the nearest folder above `dir` that holds package.json.
 * From the sources (lib/io/) that is two levels up; from the CLI bundle (dist/)
 * the parent folder; from the kernel's compiled library (dist/kernel/lib/io/,
 * scripts/buildKernel.ts) four levels up. Falls back to the parent of `dir`.
 */
export function findRepoRoot(dir: string): string {
  for (let d = path.resolve(dir, ".."); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "package.json"))) return d;
    if (path.dirname(d) === d) return path.resolve(dir, "..");
  }
}

/** Absolute path of the repository root (the folder holding package.json). */
export const REPO_ROOT = findRepoRoot(__dirname);

export interface DataRootOptions {
  /** Explicit data root; wins over everything else. */
  dataDir?: string;
  /** Environment to read `ALLIANCE_DATA_DIR` from (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
}

export interface ResolvedRoot {
  dir: string;
  /** Which rule picked it, for messages and provenance. */
  via: "option" | "env" | "repository";
}

/** Resolve the data root, following the documented order (see module doc). */
export function resolveDataRoot(opts: DataRootOptions = {}): ResolvedRoot {
  const env = opts.env ?? process.env;
  if (opts.dataDir) return { dir: path.resolve(opts.dataDir), via: "option" };
  if (env.ALLIANCE_DATA_DIR) return { dir: path.resolve(env.ALLIANCE_DATA_DIR), via: "env" };
  return { dir: path.join(REPO_ROOT, "data", "raw"), via: "repository" };
}

/** The data root as a plain path. */
export function dataRoot(opts: DataRootOptions = {}): string {
  return resolveDataRoot(opts).dir;
}

/**
 * Absolute path of a raw file given relative to the data root
 * (e.g. `"wdi/gdp.csv"`). Throws a DataError when the file is missing or is a directory.
 */
export function rawPath(rel: string, opts: DataRootOptions = {}): string {
  const root = resolveDataRoot(opts);
  const p = path.join(root.dir, rel);
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (st && !st.isFile())
    throw new DataError(
      rel,
      `is a directory (or not a regular file) where a data file should be: ${p}`,
    );
  if (!st) {
    throw new DataError(
      rel,
      `raw file not found: ${rel}\n  looked in ${root.dir} (data root chosen via ${root.via}).\n` +
        `  The deposit ships in the repository's data/raw/; set ALLIANCE_DATA_DIR or pass ` +
        `--data-dir to read another copy. data/sources.json lists every file with its SHA-256.`,
    );
  }
  return p;
}

/** Parse `--data-dir DIR` or `--data-dir=DIR` out of an argv list. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--data-dir") return argv[i + 1];
    if (a.startsWith("--data-dir=")) return a.slice("--data-dir=".length);
  }
  return undefined;
}
