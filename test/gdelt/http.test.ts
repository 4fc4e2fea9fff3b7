/**
 * download / downloadText against a scripted loopback server (127.0.0.1 only):
 * each request to a path takes the next scripted answer. Tiny payloads,
 * backoff 5 ms, idle timeout 150 ms, at most 3 attempts: every case ends by
 * itself in well under a second.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import type { AddressInfo } from "node:net";
import { download, downloadText, DownloadError, type RetryOptions } from "../../lib/gdelt/http";

type Answer = { status: number; body?: string } | "hang" | "cut";
const script = new Map<string, Answer[]>();
const hits = new Map<string, number>();
let server: http.Server;
let base = "";
let dir = "";
// Generous idle and deadline limits: a loaded CI machine can take over 150 ms to answer on loopback;
// the timeout tests set their own small limits.
const FAST: RetryOptions = { attempts: 3, backoffMs: 5, idleMs: 5000, deadlineMs: 10000 };
const PAYLOAD = "GDELT\tbytes\n";
const md5 = (s: string) => crypto.createHash("md5").update(s).digest("hex");

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-http-"));
  server = http.createServer((req, res) => {
    const p = req.url ?? "/";
    hits.set(p, (hits.get(p) ?? 0) + 1);
    const a = script.get(p)?.shift() ?? { status: 404, body: "not found" };
    if (a === "hang") return; // never answers; the client's idle timeout ends it, close() frees it
    if (a === "cut") {
      // promises 20 bytes, sends 4, then drops the connection
      res.writeHead(200, { "content-length": 20 });
      res.write("GDEL", () => res.socket?.destroy());
      return;
    }
    const body = Buffer.from(a.body ?? "");
    res.writeHead(a.status, { "content-length": body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  fs.rmSync(dir, { recursive: true, force: true });
});

const dest = (n: string) => path.join(dir, n);
async function rejection(p: Promise<unknown>): Promise<DownloadError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DownloadError, String(e));
    return e;
  }
  assert.fail("expected a DownloadError");
}

test("404 is not retried: one request, DownloadError with status 404, no file left", async () => {
  script.set("/missing.zip", [{ status: 404, body: "nope" }]);
  const logs: string[] = [];
  const e = await rejection(
    download(`${base}/missing.zip`, dest("missing.zip"), undefined, {
      ...FAST,
      log: (m) => logs.push(m),
    }),
  );
  assert.equal(e.message, `HTTP 404 for ${base}/missing.zip`);
  assert.equal(e.status, 404);
  assert.equal(e.retryable, false);
  assert.equal(e.name, "DownloadError");
  assert.equal(hits.get("/missing.zip"), 1);
  assert.deepEqual(logs, []);
  assert.equal(fs.existsSync(dest("missing.zip")), false);
});

test("503 then 200: succeeds on attempt 2 with the exact bytes, MD5 checked, one retry logged", async () => {
  script.set("/a.zip", [
    { status: 503, body: "busy" },
    { status: 200, body: PAYLOAD },
  ]);
  const logs: string[] = [];
  let seen = 0;
  const got = await download(`${base}/a.zip`, dest("a.zip"), md5(PAYLOAD).toUpperCase(), {
    ...FAST,
    log: (m) => logs.push(m),
    onBytes: (n) => (seen += n),
  });
  assert.deepEqual(got, { bytes: 12, md5: md5(PAYLOAD), attempts: 2 });
  assert.equal(fs.readFileSync(dest("a.zip"), "utf8"), PAYLOAD);
  assert.equal(hits.get("/a.zip"), 2);
  assert.deepEqual(logs, [`retry 1/2 in 5 ms: HTTP 503 for ${base}/a.zip`]);
  assert.equal(seen, 12); // the 503 body is not counted, only the file's bytes
});

test("MD5 mismatch is retried, then refused after the last attempt and the file deleted", async () => {
  script.set("/bad.zip", [
    { status: 200, body: PAYLOAD },
    { status: 200, body: PAYLOAD },
  ]);
  const listed = md5("something else");
  const logs: string[] = [];
  const e = await rejection(
    download(`${base}/bad.zip`, dest("bad.zip"), listed, {
      ...FAST,
      attempts: 2,
      log: (m) => logs.push(m),
    }),
  );
  assert.equal(
    e.message,
    `MD5 mismatch for ${base}/bad.zip: got ${md5(PAYLOAD)}, GDELT lists ${listed} (after 2 attempts)`,
  );
  assert.equal(e.retryable, false);
  assert.equal(hits.get("/bad.zip"), 2);
  assert.equal(logs.length, 1);
  assert.equal(fs.existsSync(dest("bad.zip")), false);
});

test("backoff doubles between retries; 429 and 500 are retryable; gives up after `attempts`", async () => {
  script.set("/busy.zip", [{ status: 429 }, { status: 500 }, { status: 503 }]);
  const logs: string[] = [];
  const e = await rejection(
    download(`${base}/busy.zip`, dest("busy.zip"), undefined, {
      ...FAST,
      log: (m) => logs.push(m),
    }),
  );
  assert.equal(e.message, `HTTP 503 for ${base}/busy.zip (after 3 attempts)`);
  assert.equal(e.status, 503);
  assert.deepEqual(logs, [
    `retry 1/2 in 5 ms: HTTP 429 for ${base}/busy.zip`,
    `retry 2/2 in 10 ms: HTTP 500 for ${base}/busy.zip`,
  ]);
  assert.equal(hits.get("/busy.zip"), 3);
});

test("a connection cut mid-body is retried, never kept as a short file", async () => {
  script.set("/cut.zip", ["cut", { status: 200, body: PAYLOAD }]);
  const logs: string[] = [];
  const got = await download(`${base}/cut.zip`, dest("cut.zip"), undefined, {
    ...FAST,
    log: (m) => logs.push(m),
  });
  assert.equal(got.attempts, 2);
  assert.equal(fs.readFileSync(dest("cut.zip"), "utf8"), PAYLOAD);
  assert.equal(logs.length, 1);
  assert.match(
    logs[0],
    /^retry 1\/2 in 5 ms: (connection closed mid-body after 4 bytes|truncated body: 4 of 20 bytes|aborted|ECONNRESET)/,
  );
});

test("a server that never answers hits the idle timeout", async () => {
  script.set("/hang.zip", ["hang"]);
  const e = await rejection(
    download(`${base}/hang.zip`, dest("hang.zip"), undefined, {
      ...FAST,
      attempts: 1,
      idleMs: 100,
    }),
  );
  assert.equal(e.message, `no data for 100 ms: ${base}/hang.zip`);
  assert.equal(e.retryable, false); // the final error is never retryable
});

test("an aborted signal stops before the first request", async () => {
  script.set("/never.zip", [{ status: 200, body: PAYLOAD }]);
  const ac = new AbortController();
  ac.abort();
  const e = await rejection(
    download(`${base}/never.zip`, dest("never.zip"), undefined, { ...FAST, signal: ac.signal }),
  );
  assert.equal(e.message, "aborted");
  assert.equal(hits.get("/never.zip"), undefined); // no request sent
  assert.equal(fs.existsSync(dest("never.zip")), false);
});

test("downloadText returns the text and removes its temp file", async () => {
  const list = `${md5(PAYLOAD)}  20180105.export.CSV.zip\n`;
  script.set("/md5sums", [{ status: 502 }, { status: 200, body: list }]);
  const tmp = dest("md5sums.tmp");
  assert.equal(await downloadText(`${base}/md5sums`, tmp, FAST), list);
  assert.equal(fs.existsSync(tmp), false);
  assert.equal(hits.get("/md5sums"), 2);
});
