/**
 * `alliance gdelt fetch`: download the GDELT 1.0 daily event files for a date
 * range, verify each against GDELT's MD5 list, stream-unzip and filter them,
 * and keep only the matching events, one compact file per day.
 *
 *   lock DIR (DIR/fetch.lock), delete stale temporary files (*.part, .*.tmp) of an interrupted run (counted)
 *   GET BASE/md5sums (always: it also re-checks the days already done)
 *   for each day D in [from, to] (days = DATEADDED, lib/gdelt/range.ts):
 *     skip D if DIR/checkpoints/D.json is intact and its filter covers this run's;
 *       its recorded MD5 (and a kept zip's) must still match md5sums, else a mismatch is reported
 *     GET BASE/D.export.CSV.zip -> DIR/tmp (retries, backoff, timeouts; MD5 checked)
 *     yauzl inflate -> GdeltStreamScanner -> Eq. 1 filter (lib/measures/policyScore.ts)
 *     write DIR/events/D.events.tsv (temp + rename), then DIR/checkpoints/D.json
 *   write DIR/fetch.json: the span of all fetches into DIR and the days that failed (for `aggregate`)
 *
 * Files are ~1 per day (2016-2020: 1,827 zips, roughly 30 GB zipped).
 * Progress is by bytes (lib/gdelt/progress.ts): a cli-progress bar on a
 * terminal, otherwise one line every `progressEveryMs` (default 10 s). The
 * run ends with a report of files ok, skipped and failed, rows dropped and
 * why, MD5 mismatches, and events kept.
 * Official source: http://data.gdeltproject.org/events/index.html.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as cliProgress from "cli-progress";
import { download, downloadText, type RetryOptions } from "./http";
import { parseMd5List, md5File } from "./md5";
import { scanZip, NOT_SELECTED } from "./streamFilter";
import {
  dirs,
  readCheckpoint,
  writeCheckpoint,
  writeFileAtomic,
  sha256File,
  tmpPath,
  readRunRecord,
  writeRunRecord,
  ATOMIC_TMP,
  type Checkpoint,
} from "./checkpoint";
import { COMPACT_HEADER, formatCompactEvent } from "../sources/gdelt";
import { makeEventFilter, selectionCovers, type KeywordRule } from "../measures/policyScore";
import type { DataRootOptions } from "../io/dataRoot";
import { dayRange } from "./range";
import { ByteProgress, progressLine, durationText } from "./progress";

/** GDELT 1.0 daily event files (and their `md5sums` list). */
export const GDELT_V1_BASE_URL = "http://data.gdeltproject.org/events";
/** Default interval of the progress lines when stderr is not a terminal. */
export const DEFAULT_PROGRESS_EVERY_MS = 10_000;

export interface FetchOptions extends DataRootOptions {
  /** First and last day, YYYY-MM-DD (inclusive). */
  from: string;
  to: string;
  /** Output folder. */
  out: string;
  baseUrl?: string;
  /** Files downloaded at once; default 4. */
  concurrency?: number;
  /** Keyword rule; default "substring". */
  rule?: KeywordRule;
  allDyads?: boolean;
  /** Fail a file on its first malformed row instead of counting it. */
  strict?: boolean;
  /** Keep the verified zips in DIR/zips instead of deleting them. */
  keepZips?: boolean;
  /**
   * Progress display: "bar" (cli-progress), "lines" (one line every
   * progressEveryMs), false (none). Default / true: a bar when the progress
   * stream is a terminal, lines otherwise.
   */
  progress?: boolean | "bar" | "lines";
  /** Interval of the progress lines; default 10 000 ms. */
  progressEveryMs?: number;
  /** Where progress goes; default process.stderr. */
  progressStream?: { write(s: string): unknown; isTTY?: boolean };
  /** Longest line the scanner accepts (bytes); default 1 MiB. */
  maxLineBytes?: number;
  retry?: RetryOptions;
  signal?: AbortSignal;
  /** Messages (retries, rejected checkpoints, stale files removed); default: none. */
  log?: (msg: string) => void;
}

export interface FileResult {
  day: string;
  file: string;
  status: "ok" | "skipped" | "failed";
  error?: string;
  eventsKept?: number;
  rowsRead?: number;
  dropped?: Record<string, number>;
}

export interface FetchReport {
  files: number;
  ok: number;
  skipped: number;
  failed: number;
  /** Events kept by the files fetched in this run. */
  eventsKept: number;
  /** Rows dropped by the files fetched in this run, by reason (rows the filter did not select are not counted here). */
  dropped: Record<string, number>;
  /** Zip bytes downloaded (all attempts). */
  bytesDownloaded: number;
  seconds: number;
  /** Stale temporary files (*.part, .*.tmp) of an interrupted run deleted at the start. */
  staleParts: number;
  /** Days already done whose MD5 was re-checked against md5sums. */
  md5Rechecked: number;
  /** Days already done whose file no longer matches GDELT's md5sums. */
  md5Mismatches: { day: string; file: string; why: string }[];
  /** Why md5sums could not be re-checked (nothing else to fetch and the list was unreachable). */
  md5Warning?: string;
  results: FileResult[];
}

export const dailyZipName = (day: string) => `${day}.export.CSV.zip`;

/** What every step of one fetch run reads: the options and what follows from them. */
interface FetchRun {
  o: FetchOptions;
  t0: number;
  base: string;
  rule: KeywordRule;
  allDyads: boolean;
  days: string[];
  filter: ReturnType<typeof makeEventFilter>;
  d: ReturnType<typeof dirs>;
  log: (msg: string) => void;
}

/** Run the fetch (see module doc). Never throws for a single bad file: it is reported as failed. */
export async function fetchGdelt(o: FetchOptions): Promise<FetchReport> {
  const rule = o.rule ?? "substring";
  const allDyads = o.allDyads ?? false;
  const r: FetchRun = {
    o,
    t0: Date.now(),
    base: (o.baseUrl ?? GDELT_V1_BASE_URL).replace(/\/+$/, ""),
    rule,
    allDyads,
    days: dayRange(o.from, o.to),
    filter: makeEventFilter({ rule, allDyads, dataDir: o.dataDir }),
    d: dirs(o.out),
    log: o.log ?? (() => {}),
  };
  for (const p of Object.values(r.d)) fs.mkdirSync(p, { recursive: true });
  const unlock = lockFolder(o.out);
  try {
    const staleParts = removeStaleParts(o.out);
    if (staleParts) {
      r.log(
        `removed ${staleParts} stale temporary file(s) (*.part, .*.tmp) left by an interrupted run in ${o.out}`,
      );
    }
    const report = await runFetch(r);
    report.staleParts = staleParts;
    recordRun(r, report);
    return report;
  } finally {
    unlock();
  }
}

/**
 * Write DIR/fetch.json: the span of every fetch into this folder (so that
 * fetching year by year still aggregates as one range) and the days that
 * failed, updated by this run's results.
 */
function recordRun(r: FetchRun, report: FetchReport): void {
  const { o, rule, allDyads } = r;
  const prev = readRunRecordSafe(o.out, r.log);
  const failed = new Map(Object.entries(prev?.failures ?? {}));
  for (const x of report.results) {
    if (x.status === "failed") failed.set(x.day, x.error ?? "failed");
    else failed.delete(x.day);
  }
  const failures = Object.fromEntries(failed);
  const from = prev && prev.from < o.from ? prev.from : o.from;
  const to = prev && prev.to > o.to ? prev.to : o.to;
  writeRunRecord(o.out, {
    from,
    to,
    rule,
    allDyads,
    finishedAt: new Date().toISOString(),
    failures,
  });
}

/** The days of the range already done (intact checkpoint covering this run's filter), and the rest. */
function splitDone(r: FetchRun, results: FileResult[]) {
  const todo: string[] = [];
  const done = new Map<string, Checkpoint>();
  for (const day of r.days) {
    const cp = readCheckpoint(r.o.out, day, r.log);
    if (cp && selectionCovers(cp, { rule: r.rule, allDyads: r.allDyads })) {
      results.push({ day, file: dailyZipName(day), status: "skipped", eventsKept: cp.rowsKept });
      done.set(day, cp);
    } else todo.push(day);
  }
  return { todo, done };
}

/** GDELT's md5sums list (also kept as DIR/md5sums), or the message saying why it could not be had. */
async function getMd5List(r: FetchRun): Promise<Map<string, string> | { error: string }> {
  const url = `${r.base}/md5sums`;
  try {
    const text = await downloadText(url, tmpPath(r.d.tmp, "md5sums"), {
      ...r.o.retry,
      signal: r.o.signal,
      log: r.log,
    });
    const md5s = parseMd5List(text, url);
    writeFileAtomic(path.join(r.o.out, "md5sums"), text);
    return md5s;
  } catch (e) {
    return { error: `cannot get the MD5 list ${url}: ${(e as Error).message}` };
  }
}

async function runFetch(r: FetchRun): Promise<FetchReport> {
  const { o } = r;
  const results: FileResult[] = [];
  const { todo, done } = splitDone(r, results);
  // md5sums: needed for the days to fetch, and re-checked against the days already done
  const md5s = await getMd5List(r);
  if (!(md5s instanceof Map)) {
    for (const day of todo) {
      results.push({ day, file: dailyZipName(day), status: "failed", error: md5s.error });
    }
    const rep = finishReport(r.days.length, results, 0, r.t0);
    if (!todo.length && done.size) {
      rep.md5Warning = `${md5s.error}; the ${done.size} day(s) already done were not re-checked`;
    }
    return rep;
  }
  const md5Mismatches = await recheckMd5(o.out, done, md5s);

  const view = new FetchProgressView(o, todo.length);
  // a fixed pool of workers over the day list
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !o.signal?.aborted) {
      const day = todo[next++];
      const x = await fetchDay(r, day, md5s, view);
      results.push(x);
      view.fileDone(x);
    }
  };
  try {
    const workers = Math.max(1, Math.min(o.concurrency ?? 4, todo.length));
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    view.stop();
  }
  view.finalLine();
  for (const day of todo.slice(next)) {
    results.push({
      day,
      file: dailyZipName(day),
      status: "failed",
      error: "not started (aborted)",
    });
  }
  const rep = finishReport(r.days.length, results, view.bytesDownloaded, r.t0);
  rep.md5Rechecked = done.size;
  rep.md5Mismatches = md5Mismatches;
  return rep;
}

/**
 * One day: download its zip (MD5 checked), filter it, write its events file
 * and then its checkpoint. A failure is returned as a failed result.
 */
async function fetchDay(
  r: FetchRun,
  day: string,
  md5s: Map<string, string>,
  view: FetchProgressView,
): Promise<FileResult> {
  const { o, base, log } = r;
  const file = dailyZipName(day);
  const want = md5s.get(file);
  if (!want) {
    const error = `${file} is not in GDELT's md5sums list; refusing an unverifiable file`;
    return { day, file, status: "failed", error };
  }
  const zip = tmpPath(r.d.tmp, file);
  view.prog.start(file);
  try {
    const got = await download(`${base}/${file}`, zip, want, {
      ...o.retry,
      signal: o.signal,
      log,
      onResponse: (n) => view.prog.response(file, n),
      onBytes: (n) => view.bytes(file, n),
    });
    const lines: string[] = [];
    const rep = await scanZip(zip, {
      file,
      filter: r.filter,
      strict: o.strict,
      maxLineBytes: o.maxLineBytes,
      onEvent: (e) => lines.push(formatCompactEvent(e)),
    });
    const evRel = path.join("events", `${day}.events.tsv`);
    writeFileAtomic(path.join(o.out, evRel), COMPACT_HEADER + lines.join(""));
    const cp: Checkpoint = {
      file,
      day,
      md5: got.md5,
      zipBytes: got.bytes,
      events: evRel,
      eventsSha256: sha256File(path.join(o.out, evRel)),
      rule: r.rule,
      allDyads: r.allDyads,
      layout: rep.notes[0] ?? "",
      rowsRead: rep.rowsRead,
      rowsKept: rep.rowsKept,
      dropped: rep.dropped,
      completedAt: new Date().toISOString(),
    };
    writeCheckpoint(o.out, cp);
    if (o.keepZips) {
      fs.mkdirSync(path.join(o.out, "zips"), { recursive: true });
      fs.renameSync(zip, path.join(o.out, "zips", file));
    }
    return {
      day,
      file,
      status: "ok",
      eventsKept: rep.rowsKept,
      rowsRead: rep.rowsRead,
      dropped: rep.dropped,
    };
  } catch (e) {
    return { day, file, status: "failed", error: (e as Error).message };
  } finally {
    fs.rmSync(zip, { force: true });
  }
}

/**
 * The progress display of a fetch (module doc): a cli-progress bar, or a line
 * every `progressEveryMs`, or nothing; it also counts the bytes downloaded.
 */
class FetchProgressView {
  readonly prog: ByteProgress;
  /** Zip bytes downloaded (all attempts). */
  bytesDownloaded = 0;
  private kept = 0;
  private lastDraw = 0;
  private readonly mode: "bar" | "lines" | undefined;
  private readonly stream: NonNullable<FetchOptions["progressStream"]>;
  private readonly bar: cliProgress.SingleBar | undefined;
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  constructor(o: FetchOptions, files: number) {
    this.stream = o.progressStream ?? process.stderr;
    this.mode = progressMode(o, files, this.stream);
    this.prog = new ByteProgress(files);
    this.bar =
      this.mode === "bar"
        ? new cliProgress.SingleBar(
            {
              format:
                "gdelt |{bar}| {files} files | {mb} of ~{totalMb} MB | {rate} MB/s | ETA {etaText} | kept {kept} | failed {failed}",
              stream: this.stream as NodeJS.WritableStream,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
    this.bar?.start(1, 0, this.payload());
    const every = o.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS;
    this.timer = this.mode === "lines" ? setInterval(() => this.line(), every) : undefined;
  }

  private payload() {
    const p = this.prog.snapshot();
    return {
      files: `${p.filesDone}/${p.files}`,
      mb: (p.bytesDone / 1e6).toFixed(1),
      totalMb: p.bytesTotal === undefined ? "?" : (p.bytesTotal / 1e6).toFixed(0),
      rate: (p.rate / 1e6).toFixed(1),
      etaText: durationText(p.etaSec),
      kept: this.kept,
      failed: p.failed,
      p,
    };
  }

  private draw(): void {
    if (!this.bar) return;
    const x = this.payload();
    this.bar.setTotal(Math.max(1, Math.round(x.p.bytesTotal ?? x.p.bytesDone + 1)));
    this.bar.update(Math.round(x.p.bytesDone), x);
  }

  private line(): void {
    this.stream.write(progressLine(this.prog.snapshot(), this.kept) + "\n");
  }

  /** `n` more bytes of `file` arrived; the bar is redrawn at most every 200 ms. */
  bytes(file: string, n: number): void {
    this.bytesDownloaded += n;
    this.prog.bytes(file, n);
    const now = Date.now();
    if (this.bar && now - this.lastDraw > 200) {
      this.lastDraw = now;
      this.draw();
    }
  }

  fileDone(r: FileResult): void {
    this.prog.finish(r.file, r.status === "ok");
    if (r.status === "ok") this.kept += r.eventsKept ?? 0;
    this.draw();
  }

  /** Stop the timer and the bar (after a last redraw). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.bar) {
      this.draw();
      this.bar.stop();
    }
  }

  /** The closing progress line, in "lines" mode. */
  finalLine(): void {
    if (this.mode === "lines") this.line();
  }
}

/** "bar", "lines" or none (see FetchOptions.progress); none when there is nothing to fetch. */
function progressMode(
  o: FetchOptions,
  files: number,
  stream: NonNullable<FetchOptions["progressStream"]>,
): "bar" | "lines" | undefined {
  if (o.progress === false || !files) return undefined;
  if (o.progress === "bar" || o.progress === "lines") return o.progress;
  return stream.isTTY ? "bar" : "lines";
}

/**
 * Re-check the days already done against GDELT's current md5sums: the MD5
 * recorded in each checkpoint (what was verified when the day was fetched)
 * and, with --keep-zips, the MD5 of the zip on disk.
 */
async function recheckMd5(
  out: string,
  done: Map<string, Checkpoint>,
  md5s: Map<string, string>,
): Promise<FetchReport["md5Mismatches"]> {
  const bad: FetchReport["md5Mismatches"] = [];
  for (const [day, cp] of done) {
    const want = md5s.get(cp.file);
    if (!want) {
      bad.push({ day, file: cp.file, why: "no longer in GDELT's md5sums list" });
      continue;
    }
    if (cp.md5 !== want) {
      bad.push({
        day,
        file: cp.file,
        why: `GDELT's md5sums now lists ${want}; the file fetched at ${cp.completedAt} had ${cp.md5}`,
      });
      continue;
    }
    const zip = path.join(out, "zips", cp.file);
    if (fs.existsSync(zip)) {
      const got = await md5File(zip);
      if (got !== want)
        bad.push({
          day,
          file: cp.file,
          why: `the kept zip ${zip} has MD5 ${got}; md5sums lists ${want}`,
        });
    }
  }
  return bad;
}

function readRunRecordSafe(out: string, log: (m: string) => void) {
  try {
    return readRunRecord(out);
  } catch (e) {
    log(`${(e as Error).message}; starting a new one`);
    return undefined;
  }
}

/**
 * Delete what an interrupted run left in the output folder: downloads
 * (`*.part`) and temporary files of atomic writes (`.<name>.<pid>.<hex>.tmp`).
 * Returns how many.
 */
export function removeStaleParts(out: string): number {
  let n = 0;
  for (const dir of [out, ...Object.values(dirs(out)), path.join(out, "zips")]) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith(".part") && !ATOMIC_TMP.test(f)) continue;
      const p = path.join(dir, f);
      if (fs.statSync(p).isFile()) {
        fs.rmSync(p, { force: true });
        n++;
      }
    }
  }
  return n;
}

/**
 * One fetch per output folder at a time (a second one would delete the
 * first one's .part files): DIR/fetch.lock holds the pid. A lock whose
 * process no longer runs is stale and taken over. Returns the release function.
 */
export function lockFolder(out: string): () => void {
  const lock = path.join(out, "fetch.lock");
  for (let k = 0; k < 2; k++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const pid = Number(fs.readFileSync(lock, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new Error(
          `another \`alliance gdelt fetch\` (pid ${pid}) is writing to ${out}; wait for it, or delete ${lock} if it is gone`,
          { cause: e },
        );
      }
      if (pid === process.pid)
        throw new Error(`a fetch into ${out} is already running in this process`, { cause: e });
      fs.rmSync(lock, { force: true }); // stale
    }
  }
  throw new Error(`cannot lock ${out}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

function finishReport(
  files: number,
  results: FileResult[],
  bytesDownloaded: number,
  t0: number,
): FetchReport {
  results.sort((a, b) => a.day.localeCompare(b.day));
  const n = (s: FileResult["status"]) => results.filter((r) => r.status === s).length;
  const dropped: Record<string, number> = {};
  for (const r of results) {
    if (r.status !== "ok") continue;
    for (const [k, v] of Object.entries(r.dropped ?? {}))
      if (k !== NOT_SELECTED) dropped[k] = (dropped[k] ?? 0) + v;
  }
  return {
    files,
    ok: n("ok"),
    skipped: n("skipped"),
    failed: n("failed"),
    eventsKept: results
      .filter((r) => r.status === "ok")
      .reduce((s, r) => s + (r.eventsKept ?? 0), 0),
    dropped,
    bytesDownloaded,
    seconds: (Date.now() - t0) / 1000,
    staleParts: 0,
    md5Rechecked: 0,
    md5Mismatches: [],
    results,
  };
}

/** The final report as text. */
export function formatFetchReport(r: FetchReport): string {
  const lines = [
    `files: ${r.files} (ok ${r.ok}, skipped as already done ${r.skipped}, failed ${r.failed})`,
    `events kept this run: ${r.eventsKept}; downloaded ${(r.bytesDownloaded / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s`,
  ];
  const drops = Object.entries(r.dropped);
  if (drops.length) {
    for (const [why, n] of drops) {
      const where = r.results.flatMap((x) => {
        const d = x.status === "ok" ? (x.dropped?.[why] ?? 0) : 0;
        return d > 0 ? [`${x.day} ${d}`] : [];
      });
      lines.push(
        `rows dropped this run, ${why}: ${n} (${where.slice(0, 10).join(", ")}${where.length > 10 ? `, and ${where.length - 10} more days` : ""})`,
      );
    }
  } else if (r.ok)
    lines.push("rows dropped this run: none (every row had the right column count and values)");
  if (r.staleParts)
    lines.push(
      `removed ${r.staleParts} stale temporary file(s) (*.part, .*.tmp) of an interrupted run`,
    );
  if (r.md5Warning) lines.push(`warning: ${r.md5Warning}`);
  else if (r.md5Rechecked) {
    lines.push(
      r.md5Mismatches.length
        ? `MD5 re-check of the ${r.md5Rechecked} day(s) already done: ${r.md5Mismatches.length} MISMATCH(ES); delete their checkpoints/DAY.json and run again to fetch GDELT's current file`
        : `MD5 re-check of the ${r.md5Rechecked} day(s) already done: all match GDELT's md5sums`,
    );
  }
  for (const m of r.md5Mismatches) lines.push(`  md5 mismatch ${m.file}: ${m.why}`);
  for (const f of r.results.filter((x) => x.status === "failed"))
    lines.push(`  failed ${f.file}: ${f.error ?? "failed"}`);
  return lines.join("\n");
}
