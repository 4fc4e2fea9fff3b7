/**
 * Results too slow for a notebook cell, computed once by `npm run replicate`
 * into build/precomputed/ and read back by the notebook.
 *
 *   const size = precomputed({ name: "size-study", inputs: { R, seed }, compute: () => run(R) });
 *   size.value      // the result
 *   size.source     // "build" (read back) or "computed" (run now)
 *   size.seconds    // wall time of the computation (when it was computed)
 *
 * Each result lives in `build/precomputed/<name>.json` as
 * `{ name, inputsHash, inputs, seconds, value }`. `inputsHash` is the SHA-256
 * of the canonical JSON of `inputs` (keys sorted), so a file written for other
 * inputs (another R, seed, sample) is never read back: it is recomputed. The
 * file is written atomically (temporary file in the same folder, then rename):
 * an interrupted run leaves the previous file or none, never half of one.
 *
 * Recomputing is forced with `{ recompute: true }` or with the environment
 * variable ALLIANCE_RECOMPUTE: `1` / `all` for every result, or a
 * comma-separated list of names. The folder is `ALLIANCE_PRECOMPUTED_DIR`,
 * else build/precomputed in the repository. `value` must be JSON-serialisable
 * (numbers, strings, booleans, arrays, plain objects); NaN and ±Infinity are
 * refused rather than silently written as null.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../io/dataRoot";
import { writeFileAtomic } from "../io/csvWrite";

export interface PrecomputeSpec<T> {
  /** File stem: letters, digits, `-`, `_`, `.` (e.g. "size-study"). */
  name: string;
  /** Everything the result depends on; hashed to decide whether a stored file still applies. */
  inputs: unknown;
  compute: () => T;
}

export interface PrecomputeOptions {
  /** Compute even when a matching file exists (default: ALLIANCE_RECOMPUTE). */
  recompute?: boolean;
  /** Folder of the stored results (default: ALLIANCE_PRECOMPUTED_DIR, else build/precomputed). */
  dir?: string;
  /** Write the result after computing it (default true). */
  write?: boolean;
}

export interface Precomputed<T> {
  name: string;
  value: T;
  /** "build": read back from the stored file; "computed": computed by this call. */
  source: "build" | "computed";
  /** Wall time of the computation, in seconds (as stored when read back). */
  seconds: number;
  file: string;
  inputsHash: string;
  /** Why it was computed rather than read ("forced", "no file", "inputs changed"); undefined when read. */
  reason?: string;
}

interface StoredFile {
  name: string;
  inputsHash: string;
  inputs: unknown;
  seconds: number;
  value: unknown;
}

/** Canonical JSON: object keys sorted at every level, so equal inputs hash equally. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === "number" && !Number.isFinite(x))
      throw new Error(`precomputed: ${x} is not JSON-serialisable`);
    if (x && typeof x === "object" && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return x;
  });
}

/** SHA-256 (hex) of the canonical JSON of `inputs`. */
export function inputsHash(inputs: unknown): string {
  return createHash("sha256").update(canonicalJson(inputs)).digest("hex");
}

/** The folder of stored results (see module doc). */
export function precomputedDir(): string {
  return process.env.ALLIANCE_PRECOMPUTED_DIR || path.join(REPO_ROOT, "build", "precomputed");
}

/** Is recomputing `name` forced by ALLIANCE_RECOMPUTE? */
export function recomputeForced(
  name: string,
  env: string | undefined = process.env.ALLIANCE_RECOMPUTE,
): boolean {
  if (!env) return false;
  const list = env.split(",").map((s) => s.trim());
  return list.includes("1") || list.includes("all") || list.includes(name);
}

/** Where `spec`'s result lives, its inputs hash, and the stored result when it still applies. */
function lookup<T>(
  spec: Omit<PrecomputeSpec<T>, "compute">,
  opts: PrecomputeOptions,
): { file: string; hash: string; reason: string; stored?: Precomputed<T> } {
  if (!/^[A-Za-z0-9._-]+$/.test(spec.name))
    throw new Error(`precomputed: bad name "${spec.name}" (letters, digits, ., _, - only)`);
  const file = path.join(opts.dir ?? precomputedDir(), `${spec.name}.json`);
  const hash = inputsHash(spec.inputs);
  const forced = opts.recompute ?? recomputeForced(spec.name);
  if (forced) return { file, hash, reason: "forced" };
  if (!fs.existsSync(file)) return { file, hash, reason: "no file" };
  let stored: StoredFile;
  try {
    stored = JSON.parse(fs.readFileSync(file, "utf8")) as StoredFile;
  } catch (e) {
    throw new Error(
      `precomputed: ${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}); delete it or recompute`,
      { cause: e },
    );
  }
  if (stored.inputsHash !== hash || stored.name !== spec.name)
    return { file, hash, reason: "inputs changed" };
  // The stored value was written by compute() for these very inputs.
  const value = stored.value as T;
  const read = { name: spec.name, value, source: "build" as const, seconds: stored.seconds };
  return { file, hash, reason: "", stored: { ...read, file, inputsHash: hash } };
}

/** Write a computed result (unless `opts.write` is false) and describe it. */
function store<T>(
  spec: Omit<PrecomputeSpec<T>, "compute">,
  at: { file: string; hash: string; reason: string },
  value: T,
  seconds: number,
  opts: PrecomputeOptions,
): Precomputed<T> {
  if (opts.write ?? true) {
    const out: StoredFile = {
      name: spec.name,
      inputsHash: at.hash,
      inputs: spec.inputs,
      seconds,
      value,
    };
    writeFileAtomic(at.file, canonicalJson(out) + "\n");
  }
  const { file, hash: inputsHash, reason } = at;
  return { name: spec.name, value, source: "computed", seconds, file, inputsHash, reason };
}

const secondsSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e9;

/** Read back the stored result of `spec`, or compute (and store) it; see the module doc. */
export function precomputed<T>(
  spec: PrecomputeSpec<T>,
  opts: PrecomputeOptions = {},
): Precomputed<T> {
  const at = lookup<T>(spec, opts);
  if (at.stored) return at.stored;
  const t0 = process.hrtime.bigint();
  const value = spec.compute();
  return store(spec, at, value, secondsSince(t0), opts);
}

/**
 * {@link precomputed} with the value computed by `compute` instead of
 * `spec.compute`, asynchronously (the size study in parallel processes,
 * scripts/sizeStudyParallel.ts). `compute` must give what `spec.compute`
 * gives: the stored file is the same and is read back by `precomputed(spec)`.
 */
export async function precomputedAsync<T>(
  spec: PrecomputeSpec<T>,
  compute: () => Promise<T>,
  opts: PrecomputeOptions = {},
): Promise<Precomputed<T>> {
  const at = lookup<T>(spec, opts);
  if (at.stored) return at.stored;
  const t0 = process.hrtime.bigint();
  const value = await compute();
  return store(spec, at, value, secondsSince(t0), opts);
}

/** One line for a notebook: where the result came from and what it cost. */
export function describePrecomputed(p: Precomputed<unknown>): string {
  const rel = path.relative(REPO_ROOT, p.file) || p.file;
  return p.source === "build"
    ? `read back from ${rel} (computed by \`npm run replicate\` in ${p.seconds.toFixed(1)} s; ` +
        "set ALLIANCE_RECOMPUTE=" +
        p.name +
        " to recompute live)"
    : `computed now in ${p.seconds.toFixed(1)} s (${String(p.reason)}); stored in ${rel}`;
}
