/**
 * `alliance gdelt fetch`: download the GDELT 1.0 daily event files for a date
 * range, verify each against GDELT's MD5 list, stream-unzip and filter them,
 * and keep only the matching events, one compact file per day.
 *
 *   for each day D in [from, to]:
 *     skip D if DIR/checkpoints/D.json is intact and its filter covers this run's
 *     GET BASE/D.export.CSV.zip -> DIR/tmp (retries, backoff, timeouts; MD5 checked)
 *     yauzl inflate -> GdeltStreamScanner -> Eq. 1 filter (lib/measures/policyScore.ts)
 *     write DIR/events/D.events.tsv (temp + rename), then DIR/checkpoints/D.json
 *
 * Files are ~1 per day (2016-2020: 1,827 zips, roughly 30 GB zipped); a
 * progress bar (cli-progress) shows files, bytes, rate and ETA, and the run
 * ends with a report of files ok, skipped and failed, and events kept.
 * Official source: http://data.gdeltproject.org/events/index.html.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as cliProgress from "cli-progress";
import { download, downloadText, type RetryOptions } from "./http";
import { parseMd5List } from "./md5";
import { scanZip } from "./streamFilter";
import { dirs, readCheckpoint, writeCheckpoint, writeFileAtomic, sha256File, tmpPath, type Checkpoint } from "./checkpoint";
import { COMPACT_HEADER, formatCompactEvent } from "../sources/gdelt";
import { makeEventFilter, selectionCovers, type KeywordRule } from "../measures/policyScore";
import type { DataRootOptions } from "../dataRoot";
import { dayRange } from "./range";

/** GDELT 1.0 daily event files (and their `md5sums` list). */
export const GDELT_V1_BASE_URL = "http://data.gdeltproject.org/events";

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
  /** Show the progress bar (default: when stderr is a terminal). */
  progress?: boolean;
  retry?: RetryOptions;
  signal?: AbortSignal;
  /** Messages (retries, rejected checkpoints); default: none. */
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
  /** Zip bytes downloaded (all attempts). */
  bytesDownloaded: number;
  seconds: number;
  results: FileResult[];
}

export { dayRange } from "./range";

export const dailyZipName = (day: string) => `${day}.export.CSV.zip`;

/** Run the fetch (see module doc). Never throws for a single bad file: it is reported as failed. */
export async function fetchGdelt(o: FetchOptions): Promise<FetchReport> {
  const t0 = Date.now();
  const base = (o.baseUrl ?? GDELT_V1_BASE_URL).replace(/\/+$/, "");
  const rule = o.rule ?? "substring";
  const allDyads = o.allDyads ?? false;
  const filter = makeEventFilter({ rule, allDyads, dataDir: o.dataDir });
  const d = dirs(o.out);
  for (const p of Object.values(d)) fs.mkdirSync(p, { recursive: true });
  const log = o.log ?? (() => {});
  const days = dayRange(o.from, o.to);
  const results: FileResult[] = [];
  let bytesDownloaded = 0;

  // Which days are already done?
  const todo: string[] = [];
  for (const day of days) {
    const cp = readCheckpoint(o.out, day, log);
    if (cp && selectionCovers(cp, { rule, allDyads })) results.push({ day, file: dailyZipName(day), status: "skipped", eventsKept: cp.rowsKept });
    else todo.push(day);
  }

  const bar = (o.progress ?? Boolean(process.stderr.isTTY)) && todo.length
    ? new cliProgress.SingleBar(
        {
          format: "gdelt |{bar}| {value}/{total} files | {mb} MB | {rate} MB/s | ETA {etaText} | kept {kept} | failed {failed}",
          stream: process.stderr,
          hideCursor: true,
          etaBuffer: 20,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let done = 0, kept = 0, failed = 0;
  const payload = () => ({
    etaText: etaText(done, todo.length, (Date.now() - t0) / 1000),
    mb: (bytesDownloaded / 1e6).toFixed(1),
    rate: (bytesDownloaded / 1e6 / Math.max(0.001, (Date.now() - t0) / 1000)).toFixed(1),
    kept,
    failed,
  });
  bar?.start(todo.length, 0, payload());

  let md5s: Map<string, string> | undefined;
  if (todo.length) {
    try {
      const text = await downloadText(`${base}/md5sums`, tmpPath(d.tmp, "md5sums"), { ...o.retry, signal: o.signal, log });
      md5s = parseMd5List(text, `${base}/md5sums`);
      writeFileAtomic(path.join(o.out, "md5sums"), text);
    } catch (e) {
      bar?.stop();
      const msg = `cannot get the MD5 list ${base}/md5sums: ${(e as Error).message}`;
      for (const day of todo) results.push({ day, file: dailyZipName(day), status: "failed", error: msg });
      return finishReport(days.length, results, bytesDownloaded, t0);
    }
  }

  const one = async (day: string): Promise<FileResult> => {
    const file = dailyZipName(day);
    const want = md5s!.get(file);
    if (!want) return { day, file, status: "failed", error: `${file} is not in GDELT's md5sums list; refusing an unverifiable file` };
    const zip = tmpPath(d.tmp, file);
    try {
      const got = await download(`${base}/${file}`, zip, want, {
        ...o.retry,
        signal: o.signal,
        log,
        onBytes: (n) => {
          bytesDownloaded += n;
          bar?.update(done, payload());
        },
      });
      const lines: string[] = [];
      const rep = await scanZip(zip, { file, filter, strict: o.strict, onEvent: (e) => lines.push(formatCompactEvent(e)) });
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
      done++;
      if (r.status === "ok") kept += r.eventsKept ?? 0;
      else failed++;
      bar?.update(done, payload());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 4, todo.length)) }, worker));
  bar?.stop();
  for (const day of todo.slice(next)) results.push({ day, file: dailyZipName(day), status: "failed", error: "not started (aborted)" });
  return finishReport(days.length, results, bytesDownloaded, t0);
}

/** Time left from the files done so far ("?" before the first one). */
export function etaText(done: number, total: number, elapsedSec: number): string {
  if (done === 0) return "?";
  const s = Math.round((elapsedSec / done) * (total - done));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

function finishReport(files: number, results: FileResult[], bytesDownloaded: number, t0: number): FetchReport {
  results.sort((a, b) => a.day.localeCompare(b.day));
  const n = (s: FileResult["status"]) => results.filter((r) => r.status === s).length;
  return {
    files,
    ok: n("ok"),
    skipped: n("skipped"),
    failed: n("failed"),
    eventsKept: results.filter((r) => r.status === "ok").reduce((s, r) => s + (r.eventsKept ?? 0), 0),
    bytesDownloaded,
    seconds: (Date.now() - t0) / 1000,
    results,
  };
}

/** The final report as text. */
export function formatFetchReport(r: FetchReport): string {
  const lines = [
    `files: ${r.files} (ok ${r.ok}, skipped as already done ${r.skipped}, failed ${r.failed})`,
    `events kept this run: ${r.eventsKept}; downloaded ${(r.bytesDownloaded / 1e6).toFixed(1)} MB in ${r.seconds.toFixed(1)} s`,
  ];
  for (const f of r.results.filter((x) => x.status === "failed")) lines.push(`  failed ${f.file}: ${f.error}`);
  return lines.join("\n");
}
