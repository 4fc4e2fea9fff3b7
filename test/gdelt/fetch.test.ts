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
import { fetchGdelt, formatFetchReport, etaText, type FetchOptions } from "../../lib/gdelt/fetch";
import { aggregateFetched, aggregateInput, writePolicyCsv, readPolicyCsv } from "../../lib/gdelt/aggregate";
import { listCheckpoints } from "../../lib/gdelt/checkpoint";
import { policyScores, type KeywordRule } from "../../lib/measures/policyScore";
import { parseGdeltText, type GdeltEvent } from "../../lib/sources/gdelt";
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
let sampleEvents: GdeltEvent[];
const tmpDirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-fetch-"));
  tmpDirs.push(d);
  return d;
};
const FAST = { attempts: 3, backoffMs: 5, idleMs: 400, deadlineMs: 3000 };

before(async () => {
  lines = {};
  zips = new Map();
  for (const [day, rel] of Object.entries(DAYS)) {
    lines[day] = sampleAsV1Daily(rel);
    zips.set(zipName(day), await dailyZip(day, lines[day]));
  }
  sampleEvents = Object.values(lines).flatMap((l) => parseGdeltText(l.join("\n") + "\n", "x").events);
});
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

async function withServer<T>(files: Map<string, Buffer>, fn: (s: GdeltServer) => Promise<T>, md5Override?: Map<string, string>, omit?: string[]): Promise<T> {
  const s = await startServer(files, md5Override, omit);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}
const opts = (s: GdeltServer, out: string, extra: Partial<FetchOptions> = {}): FetchOptions => ({
  from: "2018-01-05", to: "2018-01-07", out, baseUrl: s.url, concurrency: 2, allDyads: true, progress: false, retry: FAST, ...extra,
});
const expected = (rule: KeywordRule, days = Object.keys(DAYS)) =>
  policyScores(days.flatMap((d) => parseGdeltText(lines[d].join("\n") + "\n", d).events), { rule }).rows;

test("ETA text from files done", () => {
  assert.equal(etaText(0, 10, 5), "?");
  assert.equal(etaText(2, 10, 10), "40s"); // 5 s per file, 8 left
  assert.equal(etaText(1, 1827, 2), "1h00m"); // 2 s x 1826 = 3652 s
  assert.equal(etaText(10, 100, 20), "3m00s");
});

test("fetch + aggregate over the loopback server equal Eq. 1 on the same rows; a second run skips everything", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    const r = await fetchGdelt(opts(s, out));
    assert.equal(r.ok, 3, formatFetchReport(r));
    assert.equal(r.failed, 0);
    for (const rule of ["none", "substring", "token"] as const) {
      assert.deepEqual(aggregateFetched(out, { rule }).rows, expected(rule), rule);
    }
    // the real rows (gdelt/SOURCE.md): 18 + 11 + 3 = 32 ally->CH events, 8 with a substring keyword hit
    assert.equal(aggregateFetched(out, { rule: "none" }).report.rowsKept, 32);
    assert.equal(aggregateFetched(out, { rule: "substring" }).report.rowsKept, 8);
    const again = await fetchGdelt(opts(s, out));
    assert.deepEqual([again.ok, again.skipped, again.failed], [0, 3, 0]);
    assert.equal(s.hits.get(zipName("20180105")), 1, "no second download");
    // a narrower run is also satisfied by the wider checkpoints
    const narrow = await fetchGdelt(opts(s, out, { allDyads: false, rule: "token" }));
    assert.equal(narrow.skipped, 3);
    // policy_gdelt.csv round trip, and the BigQuery-style CSV input
    const csv = path.join(out, "policy_gdelt.csv");
    writePolicyCsv(expected("none"), csv);
    assert.deepEqual(readPolicyCsv(csv).rows, expected("none"));
    assert.deepEqual(aggregateInput(csv).rows, expected("none"));
  });
});

test("events fetched with a narrow rule cannot be aggregated with a wider one", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    const r = await fetchGdelt(opts(s, out, { allDyads: false, rule: "token" }));
    assert.equal(r.ok, 3);
    assert.deepEqual(aggregateFetched(out, { rule: "token" }).rows, expected("token"));
    assert.throws(() => aggregateFetched(out, { rule: "substring" }), /narrower than the "substring" rule/);
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
    assert.deepEqual(listCheckpoints(out).map((c) => c.day), ["20180105"]);
    // debris of a crash: a half-written download and an events file without checkpoint
    fs.writeFileSync(path.join(out, "tmp", "20180107.export.CSV.zip.1.part"), "PK\u0003\u0004 half");
    fs.writeFileSync(path.join(out, "events", "20180107.events.tsv"), "GLOBALEVENTID\tgarbage\n");
    assert.match(aggregateFetched(out, { rule: "none" }).report.notes.join("\n"), /ignored 1 events file\(s\) without an intact checkpoint/);
    s.onRequest = undefined;
    const second = await fetchGdelt(opts(s, out));
    assert.deepEqual([second.ok, second.skipped, second.failed], [2, 1, 0], formatFetchReport(second));
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
    // progress: true runs the cli-progress code path (it draws nothing when stderr is not a terminal)
    const r = await fetchGdelt(opts(s, out, { log: (m) => log.push(m), concurrency: 3, progress: true }));
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
  files.set(zipName("20180106"), await makeTraversalZip("20180106.export.CSV", Buffer.from(lines["20180106"].join("\n") + "\n")));
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
    assert.deepEqual(aggregateFetched(out).rows, []);
  });
});

test("404, a file missing from md5sums, and an unreachable server are reported", async () => {
  const out = tmp();
  await withServer(zips, async (s) => {
    s.faults.set(zipName("20180105"), ["404"]);
    const r = await fetchGdelt(opts(s, out));
    assert.equal(r.ok, 1);
    const err = Object.fromEntries(r.results.map((x) => [x.day, x.error ?? ""]));
    assert.match(err["20180105"], /HTTP 404/);
    assert.equal(s.hits.get(zipName("20180105")), 1, "404 is not retried");
    assert.match(err["20180106"], /not in GDELT's md5sums list/);
  }, undefined, [zipName("20180106")]);
  const gone = await startServer(zips);
  const url = gone.url;
  await gone.close();
  const r = await fetchGdelt({ from: "2018-01-05", to: "2018-01-05", out: tmp(), baseUrl: url, progress: false, retry: { ...FAST, attempts: 2 } });
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
    const strict = await fetchGdelt(opts(s, tmp(), { from: "2018-01-05", to: "2018-01-05", strict: true }));
    assert.equal(strict.failed, 1);
    assert.match(strict.results[0].error ?? "", /20180105\.export\.CSV \(row 11\): expected 58 fields \(1\.0-daily\), found 40/);
  });
});
