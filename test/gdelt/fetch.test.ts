/**
 * The fetch pipeline end to end against a loopback server (127.0.0.1) that
 * serves zips built at test time from the real sample rows, with faults.
 * Short timeouts and two or three attempts keep every test bounded.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PassThrough } from "node:stream";
import {
  fetchGdelt,
  formatFetchReport,
  lockFolder,
  removeStaleParts,
  type FetchOptions,
} from "../../lib/gdelt/fetch";
import {
  aggregateFetched,
  aggregateInput,
  writePolicyCsv,
  readPolicyCsv,
} from "../../lib/gdelt/aggregate";
import { listCheckpoints } from "../../lib/gdelt/checkpoint";
import { policyScores, type KeywordRule } from "../../lib/measures/policyScore";
import { parseGdeltText } from "../../lib/sources/gdelt";
import { startServer, sampleAsV1Daily, dailyZip, type GdeltServer } from "../helpers/gdeltServer";
import { makeTraversalZip } from "../helpers/zip";

const DAYS: Record<string, string> = {
  "20180105": "gdelt/chn_20180105.csv",
  "20180106": "gdelt/gdelt_2018_05_08.csv",
  "20180107": "gdelt/20191024143000.export.CSV",
};
const zipName = (d: string) => `${d}.export.CSV.zip`;
let lines: Record<string, string[]>;
let zips: Map<string, Buffer>;
const tmpDirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-fetch-"));
  tmpDirs.push(d);
  return d;
};
const FAST = { attempts: 3, backoffMs: 5, idleMs: 2000, deadlineMs: 3000 };

before(async () => {
  lines = {};
  zips = new Map();
  for (const [day, rel] of Object.entries(DAYS)) {
    lines[day] = sampleAsV1Daily(rel);
    zips.set(zipName(day), await dailyZip(day, lines[day]));
  }
});
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

async function withServer<T>(
  files: Map<string, Buffer>,
  fn: (s: GdeltServer) => Promise<T>,
  md5Override?: Map<string, string>,
  omit?: string[],
): Promise<T> {
  const s = await startServer(files, md5Override, omit);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}
const opts = (s: GdeltServer, out: string, extra: Partial<FetchOptions> = {}): FetchOptions => ({
  from: "2018-01-05",
  to: "2018-01-07",
  out,
  baseUrl: s.url,
  concurrency: 2,
  allDyads: true,
  progress: false,
  retry: FAST,
  ...extra,
});
// the range 2018-01-05..2018-01-07 selects the events of Year 2018 in those three files (lib/gdelt/range.ts)
const expected = (rule: KeywordRule, days = Object.keys(DAYS)) =>
  policyScores(
    days
      .flatMap((d) => parseGdeltText(lines[d].join("\n") + "\n", d).events)
      .filter((e) => e.year === 2018),
    { rule },
  ).rows;

test("fetch + aggregate over the loopback server equal Eq. 1 on the same rows; a second run skips everything", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    const r = await fetchGdelt(opts(s, out));
    assert.equal(r.ok, 3, formatFetchReport(r));
    assert.equal(r.failed, 0);
    for (const rule of ["none", "substring", "token"] as const) {
      assert.deepEqual(aggregateFetched(out, { rule }).rows, expected(rule), rule);
    }
    // the real rows (gdelt/SOURCE.md): 18 + 11 + 3 = 32 ally->CH events, 8 with a substring keyword hit;
    // of these, 3 are dated 2017 and 3 are dated 2019, outside the range's year 2018: 26 and 7 remain
    const none = aggregateFetched(out, { rule: "none" });
    assert.equal(none.report.rowsKept, 26);
    assert.equal(
      none.report.dropped["event year (SQLDATE) outside the years of the range"] ?? 0,
      6,
    );
    assert.match(
      none.report.notes.join("\n"),
      /3 of 3 days complete in 2018-01-05\.\.2018-01-07 \(range from the fetches into this folder/,
    );
    assert.equal(aggregateFetched(out, { rule: "substring" }).report.rowsKept, 7);
    const again = await fetchGdelt(opts(s, out));
    assert.deepEqual([again.ok, again.skipped, again.failed], [0, 3, 0]);
    // nothing left to fetch: md5sums is downloaded again and the days already done are re-checked
    assert.equal(s.hits.get("md5sums"), 2);
    assert.equal(again.md5Rechecked, 3);
    assert.deepEqual(again.md5Mismatches, []);
    assert.match(
      formatFetchReport(again),
      /MD5 re-check of the 3 day\(s\) already done: all match GDELT's md5sums/,
    );
    assert.equal(s.hits.get(zipName("20180105")), 1, "no second download");
    // a narrower run is also satisfied by the wider checkpoints
    const narrow = await fetchGdelt(opts(s, out, { allDyads: false, rule: "token" }));
    assert.equal(narrow.skipped, 3);
    // policy_gdelt.csv round trip with the coverage columns, and the BigQuery-style CSV input
    const csv = path.join(out, "policy_gdelt.csv");
    writePolicyCsv(none.rows, csv, none.byYear);
    assert.match(
      fs.readFileSync(csv, "utf8"),
      /^iso3,year,n_events,mean_goldstein,mean_mentions,policy,days_in_range,days_complete\n[A-Z]{3},2018,\d+,[-\d.e]+,[\d.e]+,[-\d.e]+,3,3\n/,
    );
    assert.deepEqual(readPolicyCsv(csv).rows, expected("none"));
    assert.deepEqual(readPolicyCsv(csv).byYear, { 2018: { days_in_range: 3, days_complete: 3 } });
    assert.deepEqual(aggregateInput(csv).rows, expected("none"));
  });
});

test("events fetched with a narrow rule cannot be aggregated with a wider one", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    const r = await fetchGdelt(opts(s, out, { allDyads: false, rule: "token" }));
    assert.equal(r.ok, 3);
    assert.deepEqual(aggregateFetched(out, { rule: "token" }).rows, expected("token"));
    assert.throws(
      () => aggregateFetched(out, { rule: "substring" }),
      /narrower than the "substring" rule/,
    );
  });
});

test("resume after an interruption: the aborted run leaves no partial day, the rerun completes", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    const ac = new AbortController();
    s.onRequest = (name) => {
      if (name === zipName("20180106")) ac.abort();
    };
    const first = await fetchGdelt(opts(s, out, { concurrency: 1, signal: ac.signal }));
    assert.equal(first.ok, 1, formatFetchReport(first));
    assert.equal(first.failed, 2);
    assert.deepEqual(
      listCheckpoints(out).map((c) => c.day),
      ["20180105"],
    );
    // debris of a crash: half-written downloads and outputs, and an events file without checkpoint
    fs.writeFileSync(
      path.join(out, "tmp", "20180107.export.CSV.zip.1.part"),
      "PK\u0003\u0004 half",
    );
    fs.writeFileSync(path.join(out, "events", "20180106.events.tsv.77.1.2.part"), "half");
    fs.writeFileSync(path.join(out, "checkpoints", ".20180106.json.77.0123456789ab.tmp"), "{");
    fs.writeFileSync(path.join(out, "events", "20180107.events.tsv"), "GLOBALEVENTID\tgarbage\n");
    // the aggregate refuses the two missing days, names them and why, unless --allow-partial
    assert.throws(
      () => aggregateFetched(out, { rule: "none" }),
      /2 of 3 days of 2018-01-05\.\.2018-01-07 \(range from the fetches into this folder .*\) are missing or failed: 20180106 \(failed: aborted\), 20180107 \(failed: not started \(aborted\)\); run `alliance gdelt fetch` again for them, or pass --allow-partial/,
    );
    const partial = aggregateFetched(out, { rule: "none", allowPartial: true });
    assert.equal(partial.partial, true);
    assert.match(
      partial.report.notes.join("\n"),
      /PARTIAL \(--allow-partial\): 2 of 3 days missing or failed/,
    );
    assert.match(
      partial.report.notes.join("\n"),
      /ignored 1 events file\(s\) without an intact checkpoint/,
    );
    assert.deepEqual(partial.byYear, { 2018: { days_in_range: 3, days_complete: 1 } });
    assert.deepEqual(partial.rows, expected("none", ["20180105"]));
    s.onRequest = undefined;
    const log: string[] = [];
    const second = await fetchGdelt(opts(s, out, { log: (m) => log.push(m) }));
    assert.deepEqual(
      [second.ok, second.skipped, second.failed],
      [2, 1, 0],
      formatFetchReport(second),
    );
    // the stale temporary files are gone, and counted
    assert.equal(second.staleParts, 3);
    assert.match(
      log.join("\n"),
      /removed 3 stale temporary file\(s\) \(\*\.part, \.\*\.tmp\) left by an interrupted run/,
    );
    assert.match(
      formatFetchReport(second),
      /removed 3 stale temporary file\(s\) \(\*\.part, \.\*\.tmp\) of an interrupted run/,
    );
    for (const sub of ["tmp", "events", "checkpoints"])
      assert.deepEqual(
        fs.readdirSync(path.join(out, sub)).filter((f) => /\.(part|tmp)$/.test(f)),
        [],
        sub,
      );
    assert.deepEqual(aggregateFetched(out, { rule: "none" }).rows, expected("none"));
    // a damaged events file invalidates its checkpoint: the day is fetched again
    fs.appendFileSync(path.join(out, "events", "20180105.events.tsv"), "tampered\n");
    const third = await fetchGdelt(opts(s, out));
    assert.deepEqual([third.ok, third.skipped], [1, 2]);
    assert.deepEqual(aggregateFetched(out, { rule: "none" }).rows, expected("none"));
  });
});

test("faults that recover: reset mid-body, truncated body, 500, slow trickle", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    s.faults.set(zipName("20180105"), ["reset"]);
    s.faults.set(zipName("20180106"), ["truncate", "500"]);
    s.faults.set(zipName("20180107"), ["500"]);
    s.faults.set("md5sums", ["trickle"]);
    const log: string[] = [];
    // progress: "bar" runs the cli-progress code path (it draws nothing when stderr is not a terminal)
    const r = await fetchGdelt(
      opts(s, out, { log: (m) => log.push(m), concurrency: 3, progress: "bar" }),
    );
    assert.equal(r.ok, 3, formatFetchReport(r));
    assert.deepEqual(
      ["20180105", "20180106", "20180107"].map((d) => s.hits.get(zipName(d))),
      [2, 3, 2],
    );
    const text = log.join("\n");
    assert.match(text, /connection closed mid-body|aborted|ECONNRESET/);
    assert.match(text, /MD5 mismatch/);
    assert.match(text, /HTTP 500/);
    assert.deepEqual(aggregateFetched(out, { rule: "none" }).rows, expected("none"));
  });
});

test("faults that fail clearly and keep the day out of the aggregates", async () => {
  const out = tmp();
  const files = new Map(zips);
  files.set(
    zipName("20180106"),
    await makeTraversalZip("20180106.export.CSV", Buffer.from(lines["20180106"].join("\n") + "\n")),
  );
  await withServer(files, async (s) => {
    s.faults.set(zipName("20180105"), ["corrupt", "corrupt", "corrupt"]);
    s.faults.set(zipName("20180107"), ["trickle", "trickle", "trickle"]);
    const r = await fetchGdelt(opts(s, out, { retry: { ...FAST, attempts: 2, deadlineMs: 300 } }));
    assert.deepEqual([r.ok, r.failed], [0, 3], formatFetchReport(r));
    const err = Object.fromEntries(r.results.map((x) => [x.day, x.error ?? ""]));
    assert.match(err["20180105"], /MD5 mismatch.*after 2 attempts/);
    assert.match(err["20180106"], /(unsafe name|relative path).*\.\.\//);
    assert.match(err["20180107"], /timed out after 300 ms.*after 2 attempts/);
    assert.equal(s.hits.get(zipName("20180106")), 1, "a bad zip is not downloaded again");
    assert.deepEqual(listCheckpoints(out), []);
    assert.deepEqual(fs.readdirSync(path.join(out, "events")), []);
    assert.deepEqual(fs.readdirSync(path.join(out, "tmp")), [], "temporary files are removed");
    // no complete day: an error even with --allow-partial
    for (const allowPartial of [false, true]) {
      assert.throws(
        () => aggregateFetched(out, { allowPartial }),
        /no complete day in 2018-01-05\.\.2018-01-07 .*: 20180105 \(failed: MD5 mismatch/,
      );
    }
  });
});

test("404, a file missing from md5sums, and an unreachable server are reported", async () => {
  const out = tmp();
  await withServer(
    zips,
    async (s) => {
      s.faults.set(zipName("20180105"), ["404"]);
      const r = await fetchGdelt(opts(s, out));
      assert.equal(r.ok, 1);
      const err = Object.fromEntries(r.results.map((x) => [x.day, x.error ?? ""]));
      assert.match(err["20180105"], /HTTP 404/);
      assert.equal(s.hits.get(zipName("20180105")), 1, "404 is not retried");
      assert.match(err["20180106"], /not in GDELT's md5sums list/);
    },
    undefined,
    [zipName("20180106")],
  );
  const gone = await startServer(zips);
  const url = gone.url;
  await gone.close();
  const r = await fetchGdelt({
    from: "2018-01-05",
    to: "2018-01-05",
    out: tmp(),
    baseUrl: url,
    progress: false,
    retry: { ...FAST, attempts: 2 },
  });
  assert.equal(r.failed, 1);
  assert.match(r.results[0].error ?? "", /cannot get the MD5 list.*ECONNREFUSED/);
});

test("a row with the wrong column count is counted (or fails the day in strict mode)", async () => {
  const bad = [...lines["20180105"]];
  bad[10] = bad[10].split("\t").slice(0, 40).join("\t");
  const files = new Map(zips);
  files.set(zipName("20180105"), await dailyZip("20180105", bad));
  const out = tmp();
  await withServer(files, async (s) => {
    const r = await fetchGdelt(opts(s, out, { from: "2018-01-05", to: "2018-01-05" }));
    assert.equal(r.ok, 1);
    assert.equal(r.results[0].dropped?.["wrong column count"], 1);
    assert.equal(listCheckpoints(out)[0].dropped["wrong column count"], 1);
    // the summary says so, not only the checkpoint JSON
    assert.deepEqual(r.dropped, { "wrong column count": 1 });
    assert.match(
      formatFetchReport(r),
      /\nrows dropped this run, wrong column count: 1 \(20180105 1\)$/m,
    );
    const strict = await fetchGdelt(
      opts(s, tmp(), { from: "2018-01-05", to: "2018-01-05", strict: true }),
    );
    assert.equal(strict.failed, 1);
    assert.match(
      strict.results[0].error ?? "",
      /20180105\.export\.CSV \(row 11\): expected 58 fields \(1\.0-daily\), found 40/,
    );
  });
});

test("a rerun with nothing left to fetch re-checks md5sums against the checkpoints and the kept zips, and reports mismatches", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    const r = await fetchGdelt(opts(s, out, { keepZips: true }));
    assert.equal(r.ok, 3, formatFetchReport(r));
    // a kept zip damaged on disk
    const kept = path.join(out, "zips", zipName("20180107"));
    const b = fs.readFileSync(kept);
    b[b.length >> 1] ^= 0xff;
    fs.writeFileSync(kept, b);
  });
  // GDELT now lists another MD5 for one day, and no longer lists another
  const other = "0123456789abcdef0123456789abcdef";
  await withServer(
    zips,
    async (s) => {
      const again = await fetchGdelt(opts(s, out, { keepZips: true }));
      assert.deepEqual([again.ok, again.skipped, again.failed], [0, 3, 0]);
      assert.equal(again.md5Rechecked, 3);
      const why = Object.fromEntries(again.md5Mismatches.map((m) => [m.day, m.why]));
      assert.match(
        why["20180105"],
        new RegExp(
          `^GDELT's md5sums now lists ${other}; the file fetched at \\S+ had [0-9a-f]{32}$`,
        ),
      );
      assert.equal(why["20180106"], "no longer in GDELT's md5sums list");
      assert.match(
        why["20180107"],
        /^the kept zip .*20180107\.export\.CSV\.zip has MD5 [0-9a-f]{32}; md5sums lists [0-9a-f]{32}$/,
      );
      const text = formatFetchReport(again);
      assert.match(text, /MD5 re-check of the 3 day\(s\) already done: 3 MISMATCH\(ES\)/);
      assert.match(
        text,
        /md5 mismatch 20180106\.export\.CSV\.zip: no longer in GDELT's md5sums list/,
      );
    },
    new Map([[zipName("20180105"), other]]),
    [zipName("20180106")],
  );
  // md5sums unreachable with nothing to fetch: a warning, not a silent pass
  const gone = await startServer(zips);
  const url = gone.url;
  await gone.close();
  const off = await fetchGdelt({
    ...opts({ url } as GdeltServer, out),
    retry: { ...FAST, attempts: 1 },
  });
  assert.equal(off.skipped, 3);
  assert.match(
    formatFetchReport(off),
    /warning: cannot get the MD5 list .*; the 3 day\(s\) already done were not re-checked/,
  );
});

test("progress when stderr is not a terminal: periodic lines with bytes and a byte-based ETA", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    // 64 bytes every 20 ms until the 1 s deadline, then a retry at full speed: a run of about 1 s
    for (const d of Object.keys(DAYS)) s.faults.set(zipName(d), ["trickle"]);
    const written: string[] = [];
    const stream = { isTTY: false, write: (x: string) => written.push(x) };
    const r = await fetchGdelt(
      opts(s, out, {
        progress: true,
        progressStream: stream,
        progressEveryMs: 100,
        concurrency: 3,
        retry: { ...FAST, deadlineMs: 1000 },
      }),
    );
    assert.equal(r.ok, 3, formatFetchReport(r));
    assert.ok(written.length >= 3, `expected several progress lines, got ${written.length}`);
    const re =
      /^gdelt fetch: (\d)\/3 files, ([\d.]+) MB( of ~([\d.]+) MB \(([\d.]+)%\))?, [\d.]+ MB\/s, ETA (\?|\d+s|\d+m\d\ds), kept \d+, failed 0, \d+s elapsed\n$/;
    for (const w of written) assert.match(w, re);
    // once the three responses have started, the sizes are known and the ETA is by bytes
    const withTotal = written
      .map((w) => re.exec(w)!)
      .filter((m) => (m[4] as string | undefined) !== undefined); // group 4 is optional
    assert.ok(withTotal.length >= 1);
    const total = [...zips.values()].reduce((a, b) => a + b.length, 0) / 1e6;
    assert.equal(Number(withTotal[withTotal.length - 1][4]), Number(total.toFixed(1)));
    assert.match(
      written[written.length - 1],
      /^gdelt fetch: 3\/3 files, [\d.]+ MB of ~[\d.]+ MB \(100\.0%\)/,
    );
  });
});

test("one fetch per folder: a live lock refuses, a stale lock is taken over; stale temporary files are counted", () => {
  const out = tmp();
  fs.writeFileSync(path.join(out, "fetch.lock"), String(process.ppid));
  assert.throws(
    () => lockFolder(out),
    new RegExp(
      `another \`alliance gdelt fetch\` \\(pid ${process.ppid}\\) is writing to ${out.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`,
    ),
  );
  fs.writeFileSync(path.join(out, "fetch.lock"), "2147483646");
  const release = lockFolder(out);
  assert.equal(fs.readFileSync(path.join(out, "fetch.lock"), "utf8"), String(process.pid));
  release();
  assert.equal(fs.existsSync(path.join(out, "fetch.lock")), false);
  fs.mkdirSync(path.join(out, "tmp"));
  fs.writeFileSync(path.join(out, "tmp", "a.zip.1.part"), "x");
  fs.writeFileSync(path.join(out, ".md5sums.12.abcdef012345.tmp"), "x");
  fs.writeFileSync(path.join(out, "keep.tsv"), "x");
  assert.equal(removeStaleParts(out), 2);
  assert.deepEqual(fs.readdirSync(out).sort(), ["keep.tsv", "tmp"]);
});

test("progress on a terminal: the cli-progress bar shows files, MB of the byte total, rate and ETA", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 200 });
    let drawn = "";
    tty.on("data", (c: Buffer) => (drawn += c.toString()));
    const r = await fetchGdelt(opts(s, out, { progressStream: tty, progress: true }));
    assert.equal(r.ok, 3);
    const total = ([...zips.values()].reduce((a, b) => a + b.length, 0) / 1e6).toFixed(0);
    assert.match(
      drawn,
      new RegExp(
        `gdelt \\|[█░]+\\| 3/3 files \\| [\\d.]+ of ~${total} MB \\| [\\d.]+ MB/s \\| ETA \\d+s \\| kept \\d+ \\| failed 0`,
      ),
    );
  });
});

test("fetching a range in pieces: aggregate's default range is the span of the fetches, and a gap is named", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    await fetchGdelt(opts(s, out, { from: "2018-01-05", to: "2018-01-05" }));
    await fetchGdelt(opts(s, out, { from: "2018-01-07", to: "2018-01-07" }));
    assert.throws(
      () => aggregateFetched(out, { rule: "none" }),
      /1 of 3 days of 2018-01-05\.\.2018-01-07 \(range from the fetches into this folder .*\) are missing or failed: 20180106 \(not fetched\)/,
    );
    await fetchGdelt(opts(s, out, { from: "2018-01-06", to: "2018-01-06" }));
    assert.deepEqual(aggregateFetched(out, { rule: "none" }).rows, expected("none"));
  });
});
