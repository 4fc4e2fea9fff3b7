/**
 * Progress of `alliance gdelt fetch` by bytes, not files.
 *
 * GDELT's daily zips differ in size (a few MB to tens of MB), so the time
 * left is estimated from bytes:
 *
 *   rate      = bytes received (all attempts) / seconds since the start
 *   remaining = sum over files in flight of (size - bytes of this attempt)
 *             + (files not yet started) x (mean size of the files whose size is known)
 *   ETA       = remaining / rate
 *
 * A file's size is its Content-Length as soon as its response starts (or its
 * final byte count). Before any size is known, or before the first byte, the
 * ETA is unknown ("?"). A failed file leaves the estimate; a retried file
 * starts again from zero. The same figures feed the cli-progress bar (on a
 * terminal) and the periodic lines printed when stderr is not a terminal.
 */

interface InFlight {
  size?: number;
  got: number;
}

export interface ProgressSnapshot {
  files: number;
  filesDone: number;
  failed: number;
  /** Bytes of finished files plus bytes of the current attempts. */
  bytesDone: number;
  /** bytesDone + the estimate of what is left; undefined before any size is known. */
  bytesTotal?: number;
  /** Bytes per second over all attempts. */
  rate: number;
  /** Seconds left; undefined when it cannot be estimated yet. */
  etaSec?: number;
  elapsedSec: number;
}

export class ByteProgress {
  private readonly inFlight = new Map<string, InFlight>();
  private started = 0;
  private done = 0;
  private failed = 0;
  private doneBytes = 0;
  private received = 0;
  private knownSizes = 0;
  private knownCount = 0;

  constructor(
    private readonly files: number,
    private readonly t0: number = Date.now(),
  ) {}

  /** A file's download starts (first attempt). */
  start(file: string): void {
    if (!this.inFlight.has(file)) {
      this.inFlight.set(file, { got: 0 });
      this.started++;
    }
  }

  /** A response starts for `file` (every attempt): its bytes restart from zero; `length` is the Content-Length if sent. */
  response(file: string, length: number | undefined): void {
    const f = this.inFlight.get(file) ?? { got: 0 };
    if (!this.inFlight.has(file)) {
      this.inFlight.set(file, f);
      this.started++;
    }
    f.got = 0;
    if (length !== undefined && f.size === undefined) {
      f.size = length;
      this.knownSizes += length;
      this.knownCount++;
    }
  }

  /** Bytes received for `file`. */
  bytes(file: string, n: number): void {
    this.received += n;
    const f = this.inFlight.get(file);
    if (f) f.got += n;
  }

  /** `file` is finished: ok (its bytes count as done) or failed (it leaves the estimate). */
  finish(file: string, ok: boolean): void {
    const f = this.inFlight.get(file);
    this.inFlight.delete(file);
    if (!f) this.started++;
    this.done++;
    if (!ok) {
      this.failed++;
      return;
    }
    const size = f?.size ?? f?.got ?? 0;
    this.doneBytes += size;
    if (f && f.size === undefined && size > 0) {
      this.knownSizes += size;
      this.knownCount++;
    }
  }

  snapshot(now: number = Date.now()): ProgressSnapshot {
    const elapsedSec = Math.max(0, (now - this.t0) / 1000);
    const mean = this.knownCount ? this.knownSizes / this.knownCount : undefined;
    let flight = 0,
      left = 0,
      unknown = false;
    for (const f of this.inFlight.values()) {
      flight += f.got;
      const size = f.size ?? mean;
      if (size === undefined) unknown = true;
      else left += Math.max(0, size - f.got);
    }
    const notStarted = this.files - this.started;
    if (notStarted > 0) {
      if (mean === undefined) unknown = true;
      else left += notStarted * mean;
    }
    const bytesDone = this.doneBytes + flight;
    const rate = elapsedSec > 0 ? this.received / elapsedSec : 0;
    return {
      files: this.files,
      filesDone: this.done,
      failed: this.failed,
      bytesDone,
      bytesTotal: unknown ? undefined : bytesDone + left,
      rate,
      etaSec: unknown || rate <= 0 ? undefined : left / rate,
      elapsedSec,
    };
  }
}

/** Seconds as "42s", "3m05s", "1h02m"; "?" when unknown. */
export function durationText(sec: number | undefined): string {
  if (sec === undefined || !Number.isFinite(sec)) return "?";
  const s = Math.round(sec);
  return s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
      : `${s}s`;
}

/** One progress line for logs (stderr not a terminal). */
export function progressLine(p: ProgressSnapshot, kept: number): string {
  const mb = (b: number) => (b / 1e6).toFixed(1);
  const of =
    p.bytesTotal !== undefined && p.bytesTotal > 0
      ? ` of ~${mb(p.bytesTotal)} MB (${((100 * p.bytesDone) / p.bytesTotal).toFixed(1)}%)`
      : "";
  return `gdelt fetch: ${p.filesDone}/${p.files} files, ${mb(p.bytesDone)} MB${of}, ${mb(p.rate)} MB/s, ETA ${durationText(p.etaSec)}, kept ${kept}, failed ${p.failed}, ${durationText(p.elapsedSec)} elapsed`;
}
