/**
 * Per-file checkpoints and atomic writes for `alliance gdelt fetch`.
 *
 * Layout of an output folder:
 *
 *   DIR/events/YYYYMMDD.events.tsv     kept events, compact format (lib/sources/gdelt.ts)
 *   DIR/checkpoints/YYYYMMDD.json      written last: the file is complete
 *   DIR/md5sums                        the MD5 list the run verified against
 *   DIR/fetch.json                     the span of all runs' ranges and every day that failed (until it succeeds)
 *   DIR/tmp/                           downloads in progress, *.part (safe to delete)
 *
 * Every file is written to a temporary name and renamed into place (rename is
 * atomic within one file system; lib/io/csvWrite.ts), and the checkpoint is written only after
 * the events file is in place, with the events file's SHA-256 inside. A run
 * that stops at any moment therefore leaves either a complete, verifiable
 * pair or nothing that counts; on resume a day is skipped only when its
 * checkpoint exists and the events file still has the recorded SHA-256.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { KeywordRule } from "../measures/policyScore";
import { writeFileAtomic } from "../io/csvWrite";

export interface Checkpoint {
  /** Zip file name, e.g. "20160101.export.CSV.zip". */
  file: string;
  /** Day, YYYYMMDD. */
  day: string;
  /** MD5 of the zip, as verified against GDELT's list. */
  md5: string;
  zipBytes: number;
  /** Events file, relative to the output folder. */
  events: string;
  eventsSha256: string;
  /** Filter settings of the run that wrote it. */
  rule: KeywordRule;
  allDyads: boolean;
  layout: string;
  rowsRead: number;
  rowsKept: number;
  dropped: Record<string, number>;
  completedAt: string;
}

export const dirs = (out: string) => ({
  events: path.join(out, "events"),
  checkpoints: path.join(out, "checkpoints"),
  tmp: path.join(out, "tmp"),
});

let tmpCounter = 0;
/** A unique temporary path in `dir` for `name`. */
export function tmpPath(dir: string, name: string): string {
  return path.join(dir, `${name}.${process.pid}.${Date.now()}.${++tmpCounter}.part`);
}

/** Atomic writes: the project's one implementation (temp file in the same folder, fsync, rename). */
export { writeFileAtomic };

/** A temporary file of lib/io/csvWrite.ts's writeFileAtomic (`.<name>.<pid>.<12 hex>.tmp`). */
export const ATOMIC_TMP = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

export function sha256File(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export function checkpointPath(out: string, day: string): string {
  return path.join(dirs(out).checkpoints, `${day}.json`);
}

export function writeCheckpoint(out: string, cp: Checkpoint): void {
  writeFileAtomic(checkpointPath(out, cp.day), JSON.stringify(cp, null, 2) + "\n");
}

/**
 * The checkpoint of a day if it is complete and intact: the JSON parses, and
 * the events file exists with the recorded SHA-256. Otherwise undefined (the
 * day must be fetched again). `why` receives the reason a checkpoint was rejected.
 */
export function readCheckpoint(
  out: string,
  day: string,
  why?: (msg: string) => void,
): Checkpoint | undefined {
  const p = checkpointPath(out, day);
  if (!fs.existsSync(p)) return undefined;
  let cp: Checkpoint;
  try {
    cp = JSON.parse(fs.readFileSync(p, "utf8")) as Checkpoint;
  } catch {
    why?.(`${p}: unreadable checkpoint`);
    return undefined;
  }
  // a parsed file is not trusted to have the fields of its type
  const events: unknown = cp.events;
  const ev = path.join(out, typeof events === "string" ? events : "");
  if (typeof events !== "string" || !events || !fs.existsSync(ev)) {
    why?.(`${p}: events file ${String(events)} is missing`);
    return undefined;
  }
  if (sha256File(ev) !== cp.eventsSha256) {
    why?.(`${p}: events file ${cp.events} does not match its SHA-256`);
    return undefined;
  }
  return cp;
}

/** All intact checkpoints of an output folder, by day. */
export function listCheckpoints(out: string, why?: (msg: string) => void): Checkpoint[] {
  const d = dirs(out).checkpoints;
  if (!fs.existsSync(d)) return [];
  return fs
    .readdirSync(d)
    .filter((f) => /^\d{8}\.json$/.test(f))
    .sort()
    .map((f) => readCheckpoint(out, f.slice(0, 8), why))
    .filter((c): c is Checkpoint => c !== undefined);
}

/**
 * `DIR/fetch.json`: the span of the ranges every `fetch` into a folder asked
 * for (first `from` .. last `to`), and the days that failed (a day leaves the
 * list when a later run fetches it).
 * `aggregate` takes its default range from here and names the failures.
 */
export interface RunRecord {
  /** Earliest --from and latest --to of the runs into this folder (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Filter settings of the last run. */
  rule: KeywordRule;
  allDyads: boolean;
  finishedAt: string;
  /** Day (YYYYMMDD) -> the error of its last failed attempt. */
  failures: Record<string, string>;
}

export const runRecordPath = (out: string) => path.join(out, "fetch.json");

/** The run record of a folder, or undefined when there is none (an unreadable one is an error). */
export function readRunRecord(out: string): RunRecord | undefined {
  const p = runRecordPath(out);
  if (!fs.existsSync(p)) return undefined;
  try {
    const r = JSON.parse(fs.readFileSync(p, "utf8")) as RunRecord;
    // a parsed file is not trusted to have the fields of its type
    const failures: unknown = r.failures;
    if (
      typeof r.from !== "string" ||
      typeof r.to !== "string" ||
      typeof failures !== "object" ||
      failures === null
    )
      throw new Error("fields from, to, failures expected");
    return r;
  } catch (e) {
    throw new Error(
      `${p}: unreadable run record (${(e as Error).message}); delete it and give --from/--to`,
      { cause: e },
    );
  }
}

export function writeRunRecord(out: string, r: RunRecord): void {
  writeFileAtomic(runRecordPath(out), JSON.stringify(r, null, 2) + "\n");
}
