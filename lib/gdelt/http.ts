/**
 * HTTP downloads for the GDELT fetch: stream to disk, retry with exponential
 * backoff on 5xx / 429 responses, connection resets, truncated bodies and
 * timeouts, and verify the MD5 of what arrived.
 *
 * Two timeouts guard every attempt: `idleMs` (no byte for that long, e.g. a
 * stalled server) and `deadlineMs` (the whole file takes longer, e.g. a slow
 * trickle that never stalls). A body shorter than its Content-Length, or a
 * connection closed mid-body, is an error, never a short file. Node's own
 * http client is used (no extra dependency); the retry loop is small enough
 * to read in full here.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as crypto from "node:crypto";

export class DownloadError extends Error {
  readonly retryable: boolean;
  readonly status?: number;
  constructor(message: string, retryable: boolean, status?: number) {
    super(message);
    this.name = "DownloadError";
    this.retryable = retryable;
    this.status = status;
  }
}

export interface RetryOptions {
  /** Attempts in all (first try included); default 5. */
  attempts?: number;
  /** First backoff in ms, doubled after each failure (capped at 60 s); default 2000. */
  backoffMs?: number;
  /** Abort the attempt when no byte arrives for this long; default 60 000 ms. */
  idleMs?: number;
  /** Abort the attempt when the whole body takes longer; default 15 min. */
  deadlineMs?: number;
  signal?: AbortSignal;
  /** Bytes received (every chunk, all attempts), for progress. */
  onBytes?: (n: number) => void;
  /** A 200 response starts (every attempt), with its Content-Length if sent, for progress. */
  onResponse?: (contentLength: number | undefined) => void;
  /** One line per retry. */
  log?: (msg: string) => void;
}

export interface Downloaded {
  bytes: number;
  md5: string;
  attempts: number;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DownloadError("aborted", false));
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new DownloadError("aborted", false));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** How a response handler ends its attempt (each settles the attempt once). */
interface AttemptEnd {
  /** Fail the attempt with this error (closes the request and the file). */
  finish: (err: Error) => void;
  /** Resolve the attempt with the size and MD5 of what arrived. */
  succeed: (val: { bytes: number; md5: string }) => void;
  /** Whether the attempt has already ended. */
  settled: () => boolean;
  /** Hand over the file being written, to be closed on failure. */
  opened: (file: fs.WriteStream) => void;
}

/**
 * One attempt's response: refuse a status other than 200, stream the body
 * into `dest` while hashing it, and refuse a body cut short.
 */
function receive(
  res: http.IncomingMessage,
  url: string,
  dest: string,
  o: RetryOptions,
  end: AttemptEnd,
): void {
  const { finish } = end;
  const status = res.statusCode ?? 0;
  if (status !== 200) {
    res.resume();
    const retry = status >= 500 || status === 429 || status === 408;
    return finish(new DownloadError(`HTTP ${status} for ${url}`, retry, status));
  }
  const expected =
    res.headers["content-length"] !== undefined ? Number(res.headers["content-length"]) : undefined;
  o.onResponse?.(expected);
  const hash = crypto.createHash("md5");
  let bytes = 0;
  const file = fs.createWriteStream(dest);
  end.opened(file);
  file.on("error", (e) => finish(new DownloadError(`writing ${dest}: ${e.message}`, false)));
  res.on("data", (chunk: Buffer) => {
    bytes += chunk.length;
    hash.update(chunk);
    o.onBytes?.(chunk.length);
    if (!file.write(chunk)) {
      res.pause();
      file.once("drain", () => res.resume());
    }
  });
  res.on("aborted", () =>
    finish(new DownloadError(`connection closed mid-body after ${bytes} bytes: ${url}`, true)),
  );
  res.on("error", (e) =>
    finish(new DownloadError(`${e.message} after ${bytes} bytes: ${url}`, true)),
  );
  res.on("end", () => {
    if (end.settled()) return;
    if (expected !== undefined && bytes !== expected) {
      return finish(
        new DownloadError(`truncated body: ${bytes} of ${expected} bytes: ${url}`, true),
      );
    }
    file.end(() => end.succeed({ bytes, md5: hash.digest("hex") }));
  });
}

/** One attempt: GET url into `dest` (overwritten). Resolves with size and MD5. */
function attempt(
  url: string,
  dest: string,
  o: RetryOptions,
): Promise<{ bytes: number; md5: string }> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith("https:") ? https : http;
    let settled = false;
    let out: fs.WriteStream | undefined;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(deadline);
      o.signal?.removeEventListener("abort", onAbort);
      return true;
    };
    const finish = (err: Error) => {
      if (!settle()) return;
      req.destroy();
      if (out) out.destroy();
      reject(err);
    };
    const succeed = (val: { bytes: number; md5: string }) => {
      if (settle()) resolve(val);
    };
    const end: AttemptEnd = {
      finish,
      succeed,
      settled: () => settled,
      opened: (file) => {
        out = file;
      },
    };
    const req = lib.get(
      url,
      { agent: false, headers: { "user-agent": "alliance-gdelt-fetch" } },
      (res) => receive(res, url, dest, o, end),
    );
    req.setTimeout(o.idleMs ?? 60_000, () =>
      finish(new DownloadError(`no data for ${o.idleMs ?? 60_000} ms: ${url}`, true)),
    );
    req.on("error", (e: NodeJS.ErrnoException) =>
      finish(new DownloadError(`${e.code ?? e.message}: ${url}`, true)),
    );
    const deadline = setTimeout(
      () =>
        finish(new DownloadError(`timed out after ${o.deadlineMs ?? 900_000} ms: ${url}`, true)),
      o.deadlineMs ?? 900_000,
    );
    const onAbort = () => finish(new DownloadError("aborted", false));
    o.signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Download `url` to `dest` with retries. If `expectedMd5` is given, a file
 * with another MD5 is deleted and retried like a transfer error; after the
 * last attempt it is refused. Throws the last DownloadError.
 */
export async function download(
  url: string,
  dest: string,
  expectedMd5: string | undefined,
  o: RetryOptions = {},
): Promise<Downloaded> {
  const attempts = o.attempts ?? 5;
  let wait = o.backoffMs ?? 2000;
  for (let k = 1; ; k++) {
    if (o.signal?.aborted) throw new DownloadError("aborted", false); // a listener added after the abort would never fire
    let err: DownloadError;
    try {
      const got = await attempt(url, dest, o);
      if (expectedMd5 === undefined || got.md5 === expectedMd5.toLowerCase())
        return { ...got, attempts: k };
      err = new DownloadError(
        `MD5 mismatch for ${url}: got ${got.md5}, GDELT lists ${expectedMd5}`,
        true,
      );
    } catch (e) {
      err = e instanceof DownloadError ? e : new DownloadError((e as Error).message, false);
    }
    fs.rmSync(dest, { force: true });
    if (!err.retryable || k >= attempts) {
      throw new DownloadError(
        k > 1 ? `${err.message} (after ${k} attempts)` : err.message,
        false,
        err.status,
      );
    }
    o.log?.(`retry ${k}/${attempts - 1} in ${wait} ms: ${err.message}`);
    await sleep(wait, o.signal);
    wait = Math.min(wait * 2, 60_000);
  }
}

/** Download a small text file (e.g. the MD5 list) with the same retries. */
export async function downloadText(
  url: string,
  tmpFile: string,
  o: RetryOptions = {},
): Promise<string> {
  await download(url, tmpFile, undefined, o);
  try {
    return fs.readFileSync(tmpFile, "utf8");
  } finally {
    fs.rmSync(tmpFile, { force: true });
  }
}
