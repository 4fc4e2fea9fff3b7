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

const run = promisify(execFile);
const BIN = path.join(__dirname, "..", "..", "bin", "alliance.js");

test("`alliance gdelt fetch` then `aggregate` over the loopback server; `bigquery` prints the SQL", async () => {
  const lines = sampleAsV1Daily("gdelt/chn_20180105.csv");
  const server = await startServer(new Map([["20180105.export.CSV.zip", await dailyZip("20180105", lines)]]));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-cli-"));
  try {
    const f = await run(process.execPath, [BIN, "gdelt", "fetch", "--from", "2018-01-05", "--to", "2018-01-05", "--out", out, "--base-url", server.url, "--keywords", "none", "--no-progress"]);
    assert.match(f.stdout, /files: 1 \(ok 1, skipped as already done 0, failed 0\)/);
    assert.match(f.stdout, /events kept this run: 18/);
    const csv = path.join(out, "policy_gdelt.csv");
    const a = await run(process.execPath, [BIN, "gdelt", "aggregate", "--in", out, "--out", csv, "--keywords", "none"]);
    assert.match(a.stdout, /wrote 11 ally-year rows/);
    const want = policyScores(parseGdeltText(lines.join("\n") + "\n", "x").events, { rule: "none" }).rows;
    assert.deepEqual(readPolicyCsv(csv).rows, want);
    // a day that cannot be fetched makes the command exit non-zero
    await assert.rejects(run(process.execPath, [BIN, "gdelt", "fetch", "--from", "2018-01-06", "--to", "2018-01-06", "--out", out, "--base-url", server.url, "--attempts", "1", "--no-progress"]), (e: { code?: number; stdout?: string }) => e.code === 1 && /not in GDELT's md5sums list/.test(e.stdout ?? ""));
  } finally {
    await server.close();
    fs.rmSync(out, { recursive: true, force: true });
  }
  const b = await run(process.execPath, [BIN, "gdelt", "bigquery", "--from", "2016-01-01", "--to", "2020-12-31", "--keywords", "token"]);
  assert.equal(b.stdout, fs.readFileSync(path.join(__dirname, "snapshots", "policy_2016-2020_token.sql"), "utf8"));
});
