/**
 * Parallel CSV ingest: the reader of lib/ingest/ingestCsv.ts run on byte ranges
 * of the file by node:worker_threads, with results identical to the
 * sequential read (every value bit for bit, level order, missing counts, line
 * numbers, and the same first error).
 *
 * How (a split-at-newline scheme, as in data.table's fread, Dowle &
 * Srinivasan, and DuckDB's parallel CSV reader):
 * - The main thread reads the header with the sequential reader, then cuts the
 *   data into parts that end just after a line feed (default 4 per thread, at
 *   least one per 32 MiB).
 * - Parts are claimed in file order from a shared counter (Atomics.add) by the
 *   main thread (which starts at once with the first part) and by the workers
 *   (lib/ingest/ingestCsvWorker.ts) as soon as they are up. Claiming rather than a
 *   fixed split keeps both cores busy when a worker starts late (tsx compiles
 *   TypeScript in each new thread) or the machine is shared.
 * - Each part streams its range through its own file descriptor in blocks, as
 *   the sequential reader does; memory is the columns plus one block per
 *   thread (the columns have 10% room to spare).
 * - Output: one SharedArrayBuffer per column, in which part j writes its rows
 *   from an estimated offset: parts get room for their estimated line count
 *   (line feeds per byte in 64 KiB samples at the cuts) plus 10%. After the
 *   parse, parts are moved down in file order to their real first row
 *   (copyWithin; a part's real first row is known only once the earlier
 *   parts are parsed, so rows cannot be written at their final place at once).
 *   Why not concatenate the parts' own arrays into new ones: on the
 *   1,000,000-row benchmark that took 50-70 ms, nearly all of it the page
 *   faults of touching 56 MB of fresh memory, against a few ms to move rows
 *   within memory the parse has already touched. A part that outgrows its
 *   room goes on in arrays of its own; if then a part's rows would not fit
 *   below the next part's room, the columns are concatenated into new
 *   arrays instead (same result, slower).
 * - Levels: the first part's, then each later part's new ones in its order,
 *   so codes are in order of first appearance in the file, as the sequential
 *   reader gives; later parts' codes are remapped. Physical lines: a part's
 *   local line plus the line feeds of the parts before it.
 * - Errors: a part stops at its first error and returns it as data (message,
 *   local line, column); the error of the first failing part in file order is
 *   rethrown as a DataError with its file line. (The sequential reader reports
 *   errors in file order whatever the block size, so both agree.)
 * - Quotes: a line feed inside a quoted field is not a record boundary. A part
 *   is parsed from its start as if it were one; that is valid only if every
 *   earlier part ended at a record boundary. A part that ends inside a quoted
 *   field says so (straddle), and then the whole file is read again by the
 *   sequential reader (rare: a quoted line break exactly at a cut).
 *
 * A worker that crashes rejects the read with an error naming it; workers are
 * always terminated, also on errors.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { DataError } from "../io/dataError";
import {
  CsvReader,
  ingestCsv,
  mergeLevels,
  type CategoricalColumn,
  type CsvPart,
  type IngestSpec,
  type IngestTable,
} from "./ingestCsv";

/** Default size from which readColumns reads a CSV in parallel. */
export const PARALLEL_MIN_BYTES = 32 << 20;
const LF = 10;

/** What a worker needs (structured-cloned as workerData). */
export interface CsvJob {
  path: string;
  name: string;
  /** The spec without onProgress (functions cannot cross threads). */
  spec: IngestSpec;
  header: string[];
  size: number;
  /** Part j is bytes [bounds[j], bounds[j + 1]). */
  bounds: number[];
  /** Int32Array[1]: the next part to claim. */
  claim: SharedArrayBuffer;
  /** BigInt64Array, one slot per thread: bytes read (progress). */
  progress: SharedArrayBuffer;
  /** This worker's progress slot. */
  slot: number;
  out: Layout;
}

/** The shared output columns: part j writes rows from row at[j], room for cap[j]. */
export interface Layout {
  numeric: SharedArrayBuffer[];
  codes: SharedArrayBuffer[];
  at: number[];
  cap: number[];
  /** Rows of room in all. */
  rows: number;
}

/** A worker's messages. */
export type CsvWorkerMessage = { type: "part"; index: number; part: CsvPart } | { type: "done" };

/** Threads used by default: the cores, at most 4. */
export function defaultThreads(): number {
  return Math.min(availableParallelism(), 4);
}

/**
 * Start a CSV reader thread running lib/ingest/ingestCsvWorker.ts.
 * Inside the esbuild bundle (this code is then in dist/alliance.cjs, so
 * __filename ends with .cjs) the worker is the bundled dist/ingestCsvWorker.cjs
 * beside it. From source (tsx: bin/alliance.js, tests) the worker is a small
 * script that loads tsx's require hook and then the TypeScript entry; tsx
 * compiles the reader again in the new thread, which the bundle avoids.
 */
export function startCsvWorker(workerData: CsvJob): Worker {
  if (__filename.endsWith(".cjs"))
    return new Worker(join(__dirname, "ingestCsvWorker.cjs"), { workerData });
  const entry = join(__dirname, "ingestCsvWorker.ts");
  // Absolute paths: an eval'd worker resolves modules from the current directory.
  // execArgv: [] so that a `--import tsx` of the parent is not loaded a second time.
  const tsx = require.resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, {
    eval: true,
    workerData,
    execArgv: [],
  });
}

/** Parse part j of a job on an open file (main thread and workers). */
export function parsePartOf(
  fd: number,
  job: CsvJob,
  j: number,
  buf: Buffer | undefined,
  onRead: (bytes: number) => void,
): { part: CsvPart; buf: Buffer } {
  const r = new CsvReader(fd, job.size, job.name, job.spec, {
    start: job.bounds[j],
    end: job.bounds[j + 1],
    buf,
    onRead,
  });
  r.columns(job.header);
  setOutput(r, job.out, j);
  const part = r.parsePart();
  return { part, buf: r.buffer() };
}

/** Point a part reader at its room in the shared columns. */
function setOutput(r: CsvReader, out: Layout, j: number): void {
  const at = out.at[j],
    cap = out.cap[j];
  r.setOutput(
    out.numeric.map((b) => new Float64Array(b, at * 8, cap)),
    out.codes.map((b) => new Int32Array(b, at * 4, cap)),
    cap,
  );
}

/** The shared columns for parts of about `lines[j]` lines each (10% room to spare). */
export function layout(spec: IngestSpec, lines: number[]): Layout {
  const at: number[] = [],
    cap: number[] = [];
  let rows = 0;
  for (const l of lines) {
    at.push(rows);
    const c = Math.ceil(l * 1.1) + 16;
    cap.push(c);
    rows += c;
  }
  return {
    numeric: (spec.numeric ?? []).map(() => new SharedArrayBuffer(rows * 8)),
    codes: (spec.categorical ?? []).map(() => new SharedArrayBuffer(rows * 4)),
    at,
    cap,
    rows,
  };
}

/** The ArrayBuffers of a part, moved (not copied) to the main thread; rows in the shared columns are not sent. */
export function transferList(p: CsvPart): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  if (p.inPlace) {
    p.numeric = [];
    p.codes = [];
  }
  const add = (a: { buffer: ArrayBufferLike }) => {
    if (a.buffer instanceof ArrayBuffer && !out.includes(a.buffer)) out.push(a.buffer);
  };
  p.numeric.forEach(add);
  p.codes.forEach(add);
  p.levels.forEach((l) => {
    add(l.bytes);
    add(l.offs);
  });
  if (p.lines) add(p.lines);
  return out;
}

/**
 * Cut [dataStart, size) into about `parts` ranges, each ending just after a
 * line feed (the last one at the end of the file): bounds[j] to bounds[j + 1].
 * Also estimates each range's lines from the line feeds per byte of the
 * 64 KiB read at each cut.
 */
export function splitPoints(
  fd: number,
  dataStart: number,
  size: number,
  parts: number,
): { bounds: number[]; lines: number[] } {
  const bounds = [dataStart];
  const probe = Buffer.allocUnsafe(1 << 16);
  let sampled = 0,
    lfs = 0;
  const sample = (p: number): number => {
    const got = readSync(fd, probe, 0, Math.min(probe.length, size - p), p);
    sampled += got;
    for (let i = probe.indexOf(LF); i >= 0 && i < got; i = probe.indexOf(LF, i + 1)) lfs++;
    return got;
  };
  if (size > dataStart) sample(dataStart);
  for (let k = 1; k < parts; k++) {
    let p = Math.max(
      Math.floor(dataStart + ((size - dataStart) * k) / parts),
      bounds[bounds.length - 1],
    );
    let cut = -1;
    while (p < size) {
      const got = sample(p);
      if (got === 0) break;
      const i = probe.indexOf(LF);
      if (i >= 0 && i < got) {
        cut = p + i + 1;
        break;
      }
      p += got;
    }
    if (cut < 0 || cut >= size) break;
    bounds.push(cut);
  }
  bounds.push(size);
  const perByte = lfs / Math.max(1, sampled);
  const lines: number[] = [];
  for (let j = 0; j + 1 < bounds.length; j++)
    lines.push(Math.ceil((bounds[j + 1] - bounds[j]) * perByte));
  return { bounds, lines };
}

/**
 * Read a CSV file's columns: in parallel when the file has at least
 * `spec.parallelMinBytes` bytes (default 32 MiB) and more than one thread is
 * allowed, else with the sequential reader. Same result either way.
 */
export async function ingestCsvFile(
  path: string,
  spec: IngestSpec,
  name = path,
): Promise<IngestTable> {
  const threads = Math.max(1, Math.floor(spec.threads ?? defaultThreads()));
  if (threads < 2 || statSync(path).size < (spec.parallelMinBytes ?? PARALLEL_MIN_BYTES))
    return ingestCsv(path, spec, name);
  return ingestCsvParallel(path, spec, name, threads);
}

/** Test hooks of {@link ingestCsvParallel}. */
export interface ParallelHooks {
  /** Starts a worker (default startCsvWorker). */
  spawn?: (job: CsvJob) => Worker;
  /** False: the main thread parses the first part only, the workers the rest (default true). */
  mainClaims?: boolean;
}

/** The parallel read (see the module comment); `threads` counts the main thread. */
export async function ingestCsvParallel(
  path: string,
  spec: IngestSpec,
  name = path,
  threads = defaultThreads(),
  hooks: ParallelHooks = {},
): Promise<IngestTable> {
  const fd = openSync(path, "r");
  const pool = new PartPool(name);
  let ticker: NodeJS.Timeout | undefined;
  try {
    const size = fstatSync(fd).size;
    const progress = new BigInt64Array(new SharedArrayBuffer(8 * threads));
    let mainBytes = 0;
    const report = spec.onProgress
      ? () => {
          let b = mainBytes;
          for (let w = 1; w < threads; w++) b += Number(Atomics.load(progress, w));
          spec.onProgress?.(b, size);
        }
      : undefined;
    const onRead = (bytes: number) => {
      mainBytes += bytes;
      report?.();
    };
    const first = new CsvReader(fd, size, name, spec, { start: 0, end: size, onRead });
    const header = first.header();
    const dataStart = first.offset();
    const nParts = Math.max(
      1,
      Math.floor(
        spec.parallelParts ?? Math.max(4 * threads, Math.ceil((size - dataStart) / (32 << 20))),
      ),
    );
    const { bounds, lines } = splitPoints(fd, dataStart, size, nParts);
    const n = bounds.length - 1;
    const out = layout(spec, lines);
    first.limitTo(bounds[1]);
    setOutput(first, out, 0);
    const { onProgress: _, ...plain } = spec;
    const job: CsvJob = {
      path,
      name,
      spec: plain,
      header,
      size,
      bounds,
      claim: new SharedArrayBuffer(4),
      progress: progress.buffer as SharedArrayBuffer,
      slot: 0,
      out,
    };
    const claim = new Int32Array(job.claim);
    claim[0] = 1; // part 0 is the main thread's (its reader holds the header)
    pool.start(job, n, Math.min(threads, n), hooks.spawn ?? startCsvWorker);
    parseOnMain(first, fd, job, pool, hooks.mainClaims !== false, onRead);
    // Wait, in file order, for the parts the workers claimed, up to the first that stops.
    if (report) ticker = setInterval(report, 250);
    const last = await pool.waitInOrder();
    if (ticker) clearInterval(ticker);
    ticker = undefined;
    const done = pool.parts.slice(0, last + 1) as CsvPart[];
    pool.stop();
    if (done[last].straddle && last < n - 1) {
      // A quoted field spans a cut: the parse of the later parts is not valid.
      return ingestCsv(path, spec, name);
    }
    report?.();
    return mergeParts(done, header, spec, name, size, out);
  } finally {
    if (ticker) clearInterval(ticker);
    pool.stop();
    closeSync(fd);
  }
}

/** Does this part end the read (an error, or a quoted field across its end)? */
const stops = (p: CsvPart) => p.error !== undefined || p.straddle;

/**
 * The main thread's share: part 0 (its reader holds the header), then, with
 * `claims` (or when no worker runs), further parts claimed as the workers do,
 * until none is left or one stops the read.
 */
function parseOnMain(
  first: CsvReader,
  fd: number,
  job: CsvJob,
  pool: PartPool,
  claims: boolean,
  onRead: (bytes: number) => void,
): void {
  const claim = new Int32Array(job.claim);
  const n = job.bounds.length - 1;
  const part0 = first.parsePart();
  pool.parts[0] = part0;
  if (stops(part0)) Atomics.store(claim, 0, n);
  let buf: Buffer | undefined = first.buffer();
  while (claims || pool.size === 0) {
    const j = Atomics.add(claim, 0, 1);
    if (j >= n) break;
    const r = parsePartOf(fd, job, j, buf, onRead);
    pool.parts[j] = r.part;
    buf = r.buf;
    if (stops(r.part)) {
      Atomics.store(claim, 0, n);
      break;
    }
  }
}

/** The reader threads of one parallel read and the parts they send back. */
class PartPool {
  parts: (CsvPart | undefined)[] = [];
  private readonly workers: Worker[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly name: string) {}

  /** Threads running. */
  get size(): number {
    return this.workers.length;
  }

  private poke(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Start threads 1 … `threads` − 1 on `job` (of n parts). */
  start(job: CsvJob, n: number, threads: number, spawn: (job: CsvJob) => Worker): void {
    const name = this.name;
    this.parts = new Array<CsvPart | undefined>(n);
    let alive = Math.max(0, threads - 1);
    for (let w = 1; w < threads; w++) {
      const worker = spawn({ ...job, slot: w });
      this.workers.push(worker);
      worker.on("message", (m: CsvWorkerMessage) => {
        if (m.type === "part") this.parts[m.index] = m.part;
        this.poke();
      });
      worker.on("error", (e) => {
        this.failure ??= new Error(
          `CSV reader thread ${w} failed while reading ${name}: ${e.message}`,
        );
        this.poke();
      });
      worker.on("exit", (code) => {
        if (code !== 0)
          this.failure ??= new Error(
            `CSV reader thread ${w} stopped (exit code ${code}) while reading ${name}`,
          );
        if (--alive === 0)
          this.failure ??= new Error(
            `CSV reader threads ended before every part of ${name} was read`,
          );
        this.poke();
      });
    }
  }

  /** Wait for the parts in file order, up to the first that stops the read; returns its index (else the last). */
  async waitInOrder(): Promise<number> {
    const n = this.parts.length;
    for (let j = 0; j < n; j++) {
      let p: CsvPart | undefined;
      while (!(p = this.parts[j])) {
        if (this.failure) throw this.failure;
        await new Promise<void>((res) => (this.wake = res));
      }
      if (stops(p)) return j;
    }
    return n - 1;
  }

  /** Stop every thread (their exit is no longer a failure). */
  stop(): void {
    for (const w of this.workers.splice(0)) {
      w.removeAllListeners("exit");
      void w.terminate();
    }
  }
}

/**
 * dest[o + i] = m[src[s0 + i]] (−1 stays −1) for i < n. With dest and src
 * one array and o ≤ s0, reads stay ahead of writes (i upward).
 */
function remapCodes(
  dest: Int32Array,
  o: number,
  src: Int32Array,
  s0: number,
  n: number,
  m: Int32Array,
): void {
  for (let i = 0; i < n; i++) {
    const v = src[s0 + i];
    dest[o + i] = v < 0 ? v : m[v];
  }
}

/**
 * Where each part starts among the file's lines and the table's rows; a
 * part's error is thrown as a DataError with its file line.
 */
function partOffsets(
  parts: CsvPart[],
  name: string,
): { lineOff: number[]; rowOff: number[]; N: number } {
  const lineOff: number[] = [];
  const rowOff: number[] = [];
  let lo = 0,
    N = 0;
  for (const p of parts) {
    lineOff.push(lo);
    rowOff.push(N);
    if (p.error) {
      const { reason, row, column } = p.error;
      throw new DataError(name, reason, { row: row === undefined ? undefined : row + lo, column });
    }
    lo += p.lineCount;
    N += p.n;
  }
  return { lineOff, rowOff, N };
}

/**
 * The file line of each merged row: row i on line base + i unless a part has
 * empty lines or quoted line breaks (then a table of lines).
 */
function lineOfRow(
  parts: CsvPart[],
  lineOff: number[],
  rowOff: number[],
  N: number,
): (i: number) => number {
  const base = parts[0].firstLine;
  const regular = parts.every(
    (p, j) => p.lines === null && lineOff[j] + p.firstLine === base + rowOff[j],
  );
  if (regular) return (i) => base + i;
  const lines = new Int32Array(N);
  parts.forEach((p, j) => {
    const o = rowOff[j],
      l0 = lineOff[j];
    for (let i = 0; i < p.n; i++) lines[o + i] = l0 + (p.lines ? p.lines[i] : p.firstLine + i);
  });
  return (i) => lines[i];
}

/**
 * Join the parts (file order) into one table: rows moved down within the
 * shared columns when they fit, else copied into new arrays. A part's error
 * becomes a DataError with its file line.
 */
export function mergeParts(
  parts: CsvPart[],
  header: string[],
  spec: IngestSpec,
  name: string,
  bytes: number,
  out: Layout,
): IngestTable {
  const { lineOff, rowOff, N } = partOffsets(parts, name);
  // In place when every part's rows end at or below the next part's room
  // (then each move is down, after the parts below it have moved).
  const inPlace = parts.every(
    (p, j) => rowOff[j] + p.n <= (j + 1 < out.at.length ? out.at[j + 1] : out.rows),
  );
  const numNames = spec.numeric ?? [];
  const catNames = spec.categorical ?? [];
  const numeric: Record<string, Float64Array> = {};
  const categorical: Record<string, CategoricalColumn> = {};
  const missing: Record<string, number> = {};
  numNames.forEach((c, k) => {
    const shared = new Float64Array(out.numeric[k]);
    const dest = inPlace ? shared : new Float64Array(N);
    let miss = 0;
    parts.forEach((p, j) => {
      // copyWithin is a memmove (set() on one buffer would copy through a new array).
      if (p.inPlace && inPlace) dest.copyWithin(rowOff[j], out.at[j], out.at[j] + p.n);
      else
        dest.set(
          (p.inPlace ? shared.subarray(out.at[j]) : p.numeric[k]).subarray(0, p.n),
          rowOff[j],
        );
      miss += p.numMiss[k];
    });
    numeric[c] = dest.subarray(0, N);
    missing[c] = miss;
  });
  catNames.forEach((c, k) => {
    const { levels, maps } = mergeLevels(parts.map((p) => p.levels[k]));
    const shared = new Int32Array(out.codes[k]);
    const dest = inPlace ? shared : new Int32Array(N);
    let miss = 0;
    parts.forEach((p, j) => {
      const src = p.inPlace ? shared : p.codes[k],
        s0 = p.inPlace ? out.at[j] : 0;
      const m = maps[j],
        o = rowOff[j];
      if (m === null) {
        if (dest === src) dest.copyWithin(o, s0, s0 + p.n);
        else dest.set(src.subarray(s0, s0 + p.n), o);
      } else remapCodes(dest, o, src, s0, p.n, m);
      miss += p.catMiss[k];
    });
    categorical[c] = { codes: dest.subarray(0, N), levels };
    missing[c] = Math.max(missing[c] ?? 0, miss);
  });
  const line = lineOfRow(parts, lineOff, rowOff, N);
  return {
    file: name,
    format: "csv",
    header,
    nrows: N,
    numeric,
    categorical,
    missing,
    line,
    bytes,
  };
}
