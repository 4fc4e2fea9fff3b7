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
  dirs, readCheckpoint, writeCheckpoint, writeFileAtomic, sha256File, tmpPath, readRunRecord, writeRunRecord, ATOMIC_TMP, type Checkpoint,
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

/** Run the fetch (see module doc). Never throws for a single bad file: it is reported as failed. */
export async function fetchGdelt(o: FetchOptions): Promise<FetchReport> {
  const t0 = Date.now();
  const base = (o.baseUrl ?? GDELT_V1_BASE_URL).replace(/\/+$/, "");
  const rule = o.rule ?? "substring";
  const allDyads = o.allDyads ?? false;
  const days = dayRange(o.from, o.to);
  const filter = makeEventFilter({ rule, allDyads, dataDir: o.dataDir });
  const d = dirs(o.out);
  for (const p of Object.values(d)) fs.mkdirSync(p, { recursive: true });
  const log = o.log ?? (() => {});
  const unlock = lockFolder(o.out);
  try {
    const staleParts = removeStaleParts(o.out);
    if (staleParts) log(`removed ${staleParts} stale temporary file(s) (*.part, .*.tmp) left by an interrupted run in ${o.out}`);
    const report = await run();
    report.staleParts = staleParts;
    const prev = readRunRecordSafe(o.out, log);
    const failed = new Map(Object.entries(prev?.failures ?? {}));
    for (const r of report.results) {
      if (r.status === "failed") failed.set(r.day, r.error ?? "failed");
      else failed.delete(r.day);
    }
    const failures = Object.fromEntries(failed);
    // the span of every fetch into this folder, so that fetching year by year still aggregates as one range
    const from = prev && prev.from < o.from ? prev.from : o.from;
    const to = prev && prev.to > o.to ? prev.to : o.to;
    writeRunRecord(o.out, { from, to, rule, allDyads, finishedAt: new Date().toISOString(), failures });
    return report;
  } finally {
    unlock();
  }

  async function run(): Promise<FetchReport> {
    const results: FileResult[] = [];
    let bytesDownloaded = 0;

    // Which days are already done?
    const todo: string[] = [];
    const done = new Map<string, Checkpoint>();
    for (const day of days) {
      const cp = readCheckpoint(o.out, day, log);
      if (cp && selectionCovers(cp, { rule, allDyads })) {
        results.push({ day, file: dailyZipName(day), status: "skipped", eventsKept: cp.rowsKept });
        done.set(day, cp);
      } else todo.push(day);
    }

    // md5sums: needed for the days to fetch, and re-checked against the days already done
    let md5s: Map<string, string>;
    try {
      const text = await downloadText(`${base}/md5sums`, tmpPath(d.tmp, "md5sums"), { ...o.retry, signal: o.signal, log });
      md5s = parseMd5List(text, `${base}/md5sums`);
      writeFileAtomic(path.join(o.out, "md5sums"), text);
    } catch (e) {
      const msg = `cannot get the MD5 list ${base}/md5sums: ${(e as Error).message}`;
      for (const day of todo) results.push({ day, file: dailyZipName(day), status: "failed", error: msg });
      const rep = finishReport(days.length, results, bytesDownloaded, t0);
      if (!todo.length && done.size) rep.md5Warning = `${msg}; the ${done.size} day(s) already done were not re-checked`;
      return rep;
    }
    const md5Mismatches = await recheckMd5(o.out, done, md5s);

    const mode = o.progress === false || !todo.length ? undefined : o.progress === "bar" || o.progress === "lines" ? o.progress : (o.progressStream ?? process.stderr).isTTY ? "bar" : "lines";
    const stream = o.progressStream ?? process.stderr;
    const prog = new ByteProgress(todo.length);
    let kept = 0;
    const bar = mode === "bar"
      ? new cliProgress.SingleBar(
          {
            format: "gdelt |{bar}| {files} files | {mb} of ~{totalMb} MB | {rate} MB/s | ETA {etaText} | kept {kept} | failed {failed}",
            stream: stream as NodeJS.WritableStream,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    const payload = () => {
      const p = prog.snapshot();
      return {
        files: `${p.filesDone}/${p.files}`,
        mb: (p.bytesDone / 1e6).toFixed(1),
        totalMb: p.bytesTotal === undefined ? "?" : (p.bytesTotal / 1e6).toFixed(0),
        rate: (p.rate / 1e6).toFixed(1),
        etaText: durationText(p.etaSec),
        kept,
        failed: p.failed,
        p,
      };
    };
    const draw = () => {
      if (!bar) return;
      const x = payload();
      bar.setTotal(Math.max(1, Math.round(x.p.bytesTotal ?? x.p.bytesDone + 1)));
      bar.update(Math.round(x.p.bytesDone), x);
    };
    let lastDraw = 0;
    bar?.start(1, 0, payload());
    const timer = mode === "lines" ? setInterval(() => stream.write(progressLine(prog.snapshot(), kept) + "\n"), o.progressEveryMs ?? DEFAULT_PROGRESS_EVERY_MS) : undefined;

    const one = async (day: string): Promise<FileResult> => {
      const file = dailyZipName(day);
      const want = md5s.get(file);
      if (!want) return { day, file, status: "failed", error: `${file} is not in GDELT's md5sums list; refusing an unverifiable file` };
      const zip = tmpPath(d.tmp, file);
      prog.start(file);
      try {
        const got = await download(`${base}/${file}`, zip, want, {
          ...o.retry,
          signal: o.signal,
          log,
          onResponse: (n) => prog.response(file, n),
          onBytes: (n) => {
            bytesDownloaded += n;
            prog.bytes(file, n);
            const now = Date.now();
            if (bar && now - lastDraw > 200) {
              lastDraw = now;
              draw();
            }
          },
        });
        const lines: string[] = [];
        const rep = await scanZip(zip, { file, filter, strict: o.strict, maxLineBytes: o.maxLineBytes, onEvent: (e) => lines.push(formatCompactEvent(e)) });
        const evRel = path.join("events", `${day}.events.tsv`);
        writeFileAtomic(path.join(o.out, evRel), COMPACT_HEADER + lines.join(""));
        const cp: Checkpoint = {
          file, day, md5: got.md5, zipBytes: got.bytes, events: evRel, eventsSha256: sha256File(path.join(o.out, evRel)),
          rule, allDyads, layout: rep.notes[0] ?? "", rowsRead: rep.rowsRead, rowsKept: rep.rowsKept, dropped: rep.dropped,
          completedAt: new Date().toISOString(),
        };
        writeCheckpoint(o.out, cp);
        if (o.keepZips) {
          fs.mkdirSync(path.join(o.out, "zips"), { recursive: true });
          fs.renameSync(zip, path.join(o.out, "zips", file));
        }
        return { day, file, status: "ok", eventsKept: rep.rowsKept, rowsRead: rep.rowsRead, dropped: rep.dropped };
      } catch (e) {
        return { day, file, status: "failed", error: (e as Error).message };
      } finally {
        fs.rmSync(zip, { force: true });
      }
    };

    // a fixed pool of workers over the day list
    let next = 0;
    const worker = async () => {
      while (next < todo.length && !o.signal?.aborted) {
        const day = todo[next++];
        const r = await one(day);
        results.push(r);
        prog.finish(r.file, r.status === "ok");
        if (r.status === "ok") kept += r.eventsKept ?? 0;
        draw();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 4, todo.length)) }, worker));
    } finally {
      if (timer) clearInterval(timer);
      if (bar) {
        draw();
        bar.stop();
      }
    }
    if (mode === "lines") stream.write(progressLine(prog.snapshot(), kept) + "\n");
    for (const day of todo.slice(next)) results.push({ day, file: dailyZipName(day), status: "failed", error: "not started (aborted)" });
    const rep = finishReport(days.length, results, bytesDownloaded, t0);
    rep.md5Rechecked = done.size;
    rep.md5Mismatches = md5Mismatches;
    return rep;
  }
}

/**
 * Re-check the days already done against GDELT's current md5sums: the MD5
 * recorded in each checkpoint (what was verified when the day was fetched)
 * and, with --keep-zips, the MD5 of the zip on disk.
 */
async function recheckMd5(out: string, done: Map<string, Checkpoint>, md5s: Map<string, string>): Promise<FetchReport["md5Mismatches"]> {
  const bad: FetchReport["md5Mismatches"] = [];
  for (const [day, cp] of done) {
    const want = md5s.get(cp.file);
    if (!want) {
      bad.push({ day, file: cp.file, why: "no longer in GDELT's md5sums list" });
      continue;
    }
    if (cp.md5 !== want) {
      bad.push({ day, file: cp.file, why: `GDELT's md5sums now lists ${want}; the file fetched at ${cp.completedAt} had ${cp.md5}` });
      continue;
    }
    const zip = path.join(out, "zips", cp.file);
    if (fs.existsSync(zip)) {
      const got = await md5File(zip);
      if (got !== want) bad.push({ day, file: cp.file, why: `the kept zip ${zip} has MD5 ${got}; md5sums lists ${want}` });
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
        throw new Error(`another \`alliance gdelt fetch\` (pid ${pid}) is writing to ${out}; wait for it, or delete ${lock} if it is gone`, { cause: e });
      }
      if (pid === process.pid) throw new Error(`a fetch into ${out} is already running in this process`, { cause: e });
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

function finishReport(files: number, results: FileResult[], bytesDownloaded: number, t0: number): FetchReport {
  results.sort((a, b) => a.day.localeCompare(b.day));
  const n = (s: FileResult["status"]) => results.filter((r) => r.status === s).length;
  const dropped: Record<string, number> = {};
  for (const r of results) {
    if (r.status !== "ok") continue;
    for (const [k, v] of Object.entries(r.dropped ?? {})) if (k !== NOT_SELECTED) dropped[k] = (dropped[k] ?? 0) + v;
  }
  return {
    files,
    ok: n("ok"),
    skipped: n("skipped"),
    failed: n("failed"),
    eventsKept: results.filter((r) => r.status === "ok").reduce((s, r) => s + (r.eventsKept ?? 0), 0),
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
      lines.push(`rows dropped this run, ${why}: ${n} (${where.slice(0, 10).join(", ")}${where.length > 10 ? `, and ${where.length - 10} more days` : ""})`);
    }
  } else if (r.ok) lines.push("rows dropped this run: none (every row had the right column count and values)");
  if (r.staleParts) lines.push(`removed ${r.staleParts} stale temporary file(s) (*.part, .*.tmp) of an interrupted run`);
  if (r.md5Warning) lines.push(`warning: ${r.md5Warning}`);
  else if (r.md5Rechecked) {
    lines.push(r.md5Mismatches.length
      ? `MD5 re-check of the ${r.md5Rechecked} day(s) already done: ${r.md5Mismatches.length} MISMATCH(ES); delete their checkpoints/DAY.json and run again to fetch GDELT's current file`
      : `MD5 re-check of the ${r.md5Rechecked} day(s) already done: all match GDELT's md5sums`);
  }
  for (const m of r.md5Mismatches) lines.push(`  md5 mismatch ${m.file}: ${m.why}`);
  for (const f of r.results.filter((x) => x.status === "failed")) lines.push(`  failed ${f.file}: ${f.error ?? "failed"}`);
  return lines.join("\n");
}
