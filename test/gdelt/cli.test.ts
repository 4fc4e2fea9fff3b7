import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { startServer, sampleAsV1Daily, dailyZip } from "../helpers/gdeltServer";
import { readPolicyCsv } from "../../lib/gdelt/aggregate";
import { policyScores } from "../../lib/measures/policyScore";
import { parseGdeltText } from "../../lib/sources/gdelt";
import { readSidecar } from "../helpers/json";

const run = promisify(execFile);
const BIN = path.join(__dirname, "..", "..", "bin", "alliance.js");
const alliance = (...args: string[]) => run(process.execPath, [BIN, ...args]);
type Failed = { code?: number; stdout?: string; stderr?: string };

test("`alliance gdelt fetch` then `aggregate` over the loopback server; `bigquery` prints the SQL", async () => {
  const lines = sampleAsV1Daily("gdelt/chn_20180105.csv");
  const server = await startServer(
    new Map([["20180105.export.CSV.zip", await dailyZip("20180105", lines)]]),
  );
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-cli-"));
  try {
    const f = await alliance(
      "gdelt",
      "fetch",
      "--from",
      "2018-01-05",
      "--to",
      "2018-01-05",
      "--out",
      out,
      "--base-url",
      server.url,
      "--keywords",
      "none",
    );
    assert.match(f.stdout, /files: 1 \(ok 1, skipped as already done 0, failed 0\)/);
    assert.match(f.stdout, /events kept this run: 18/);
    assert.match(f.stdout, /rows dropped this run: none/);
    // stderr is a pipe here, not a terminal: progress comes as lines (the last one at the end)
    assert.match(f.stderr, /^gdelt fetch: 1\/1 files, [\d.]+ MB of ~[\d.]+ MB \(100\.0%\), .*ETA/m);
    const csv = path.join(out, "policy_gdelt.csv");
    const a = await alliance("gdelt", "aggregate", "--in", out, "--out", csv, "--keywords", "none");
    // 18 ally->CH events, 3 of them dated 2017 (outside the range's year 2018): 15 events in 10 ally-years
    assert.match(a.stdout, /wrote 10 ally-year rows/);
    const want = policyScores(
      parseGdeltText(lines.join("\n") + "\n", "x").events.filter((e) => e.year === 2018),
      { rule: "none" },
    ).rows;
    assert.deepEqual(readPolicyCsv(csv).rows, want);
    assert.equal(a.stderr, "");
    // a non-empty aggregate is never overwritten without --force
    await assert.rejects(
      alliance("gdelt", "aggregate", "--in", out, "--out", csv, "--keywords", "none"),
      (e: Failed) =>
        e.code === 2 &&
        e.stderr === `alliance: ${csv} exists and is not empty; pass --force to overwrite it\n`,
    );
    const before = fs.readFileSync(csv, "utf8");
    await alliance(
      "gdelt",
      "aggregate",
      "--in",
      out,
      "--out",
      csv,
      "--keywords",
      "none",
      "--force",
    );
    assert.equal(fs.readFileSync(csv, "utf8"), before);
    // a day that cannot be fetched makes the command exit non-zero
    await assert.rejects(
      alliance(
        "gdelt",
        "fetch",
        "--from",
        "2018-01-05",
        "--to",
        "2018-01-06",
        "--out",
        out,
        "--base-url",
        server.url,
        "--attempts",
        "1",
        "--no-progress",
      ),
      (e: Failed) =>
        e.code === 1 &&
        /not in GDELT's md5sums list/.test(e.stdout ?? "") &&
        /MD5 re-check of the 1 day\(s\) already done: all match/.test(e.stdout ?? "") &&
        e.stderr === "",
    );
    // ... and the aggregate of that range fails, naming the day and why, unless --allow-partial
    await assert.rejects(
      alliance(
        "gdelt",
        "aggregate",
        "--in",
        out,
        "--out",
        path.join(out, "p2.csv"),
        "--keywords",
        "none",
      ),
      (e: Failed) =>
        e.code === 2 &&
        /1 of 2 days of 2018-01-05\.\.2018-01-06 .* are missing or failed: 20180106 \(failed: 20180106\.export\.CSV\.zip is not in GDELT's md5sums list/.test(
          e.stderr ?? "",
        ) &&
        !fs.existsSync(path.join(out, "p2.csv")),
    );
    const p = await alliance(
      "gdelt",
      "aggregate",
      "--in",
      out,
      "--out",
      path.join(out, "p2.csv"),
      "--keywords",
      "none",
      "--allow-partial",
    );
    assert.match(
      p.stderr,
      /^alliance gdelt aggregate: warning: PARTIAL result \(--allow-partial\): 1 of 2 days of 2018-01-05\.\.2018-01-06 missing or failed/,
    );
    assert.match(p.stdout, /PARTIAL \(--allow-partial\): 1 of 2 days missing or failed: 20180106/);
    const text = fs.readFileSync(path.join(out, "p2.csv"), "utf8").split("\n");
    assert.equal(
      text[0],
      "iso3,year,n_events,mean_goldstein,mean_mentions,policy,days_in_range,days_complete",
    );
    // plain CSV: the header, 10 data rows, nothing else
    assert.deepEqual(text.slice(-1), [""]);
    const data = text.slice(1, -1);
    assert.equal(data.length, 10);
    assert.ok(
      data.every((l) => /^[A-Z]{3},2018,.*,2,1$/.test(l)),
      text.join("\n"),
    );
    // the notes travel beside the file, in its CSV on the Web sidecar (lib/io/csvw.ts)
    const side = readSidecar(path.join(out, "p2.csv-metadata.json"));
    const description = side["dc:description"] ?? [];
    assert.equal(side.url, "p2.csv");
    assert.match(
      side["dc:source"] ?? "",
      /^alliance gdelt aggregate --in .* \(keyword rule "none"\)$/,
    );
    assert.ok(
      description.includes(
        "PARTIAL (--allow-partial): 1 of 2 days missing or failed: 20180106 (failed: 20180106.export.CSV.zip is not in GDELT's md5sums list; refusing an unverifiable file); each row gives days_complete of days_in_range for its year",
      ),
      description.join("\n"),
    );
    assert.ok(
      description.includes("dropped 3 row(s): event year (SQLDATE) outside the years of the range"),
      description.join("\n"),
    );
    assert.deepEqual(
      side.tableSchema.columns.map((c) => c.name),
      text[0].split(","),
    );
    assert.match(
      readPolicyCsv(path.join(out, "p2.csv")).report.notes.join("\n"),
      /PARTIAL aggregate: daily files missing in 2018 \(1 of 2 days\)/,
    );
  } finally {
    await server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
  const b = await alliance(
    "gdelt",
    "bigquery",
    "--from",
    "2016-01-01",
    "--to",
    "2020-12-31",
    "--keywords",
    "token",
  );
  assert.equal(
    b.stdout,
    fs.readFileSync(path.join(__dirname, "snapshots", "policy_2016-2020_token.sql"), "utf8"),
  );
});

test("--from/--to outside 2013-04-01 .. today are refused by fetch, aggregate and bigquery", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-cli-"));
  try {
    const msg =
      /^alliance: --from 1850-01-01 is before 2013-04-01: GDELT 1\.0 daily files start on 2013-04-01/;
    for (const args of [
      ["fetch", "--out", out, "--base-url", "http://127.0.0.1:9"],
      ["aggregate", "--in", out, "--out", path.join(out, "x.csv")],
      ["bigquery"],
    ]) {
      await assert.rejects(
        alliance("gdelt", ...args, "--from", "1850-01-01", "--to", "2016-12-31"),
        (e: Failed) => e.code === 2 && msg.test(e.stderr ?? ""),
      );
    }
    assert.deepEqual(fs.readdirSync(out), [], "nothing written");
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("deadline and backoff from the command line, with their defaults in --help", async () => {
  const help = (await alliance("gdelt", "fetch", "--help")).stdout.replace(/\s+/g, " ");
  assert.match(
    help,
    /--backoff <ms> wait before the first retry, doubled after each failure \(at most 60 s\) \(default: 2000\)/,
  );
  assert.match(
    help,
    /--deadline <ms> abort an attempt when one file takes longer than this in all \(15 min\) \(default: 900000\)/,
  );
  assert.match(help, /--idle-timeout <ms> .* \(default: 60000\)/);
  assert.match(help, /--max-line-bytes <n> .* \(default: 1048576\)/);
  assert.match(help, /--progress-every <s> .* \(default: 10\)/);
  const agg = (await alliance("gdelt", "aggregate", "--help")).stdout.replace(/\s+/g, " ");
  assert.match(agg, /--allow-partial accept missing or failed days/);
  assert.match(agg, /--force overwrite a non-empty output file/);

  const lines = sampleAsV1Daily("gdelt/chn_20180105.csv");
  const server = await startServer(
    new Map([["20180105.export.CSV.zip", await dailyZip("20180105", lines)]]),
  );
  server.faults.set("20180105.export.CSV.zip", ["trickle", "trickle"]);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-cli-"));
  try {
    await assert.rejects(
      alliance(
        "gdelt",
        "fetch",
        "--from",
        "2018-01-05",
        "--to",
        "2018-01-05",
        "--out",
        out,
        "--base-url",
        server.url,
        "--attempts",
        "2",
        "--deadline",
        "300",
        "--backoff",
        "7",
        "--no-progress",
      ),
      (e: Failed) =>
        e.code === 1 &&
        /failed 20180105\.export\.CSV\.zip: timed out after 300 ms: .* \(after 2 attempts\)/.test(
          e.stdout ?? "",
        ) &&
        /^retry 1\/1 in 7 ms: timed out after 300 ms/m.test(e.stderr ?? ""),
    );
  } finally {
    await server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
});
