/**
 * Fast streaming filter for full-size GDELT event files (tab-separated:
 * 1.0 daily, 1.0 historic, 2.0; an optional header line).
 *
 * A GDELT 1.0 daily file is about 100-150 MB of text, and the study needs
 * five years of them, so the parser must not build a string per field. This
 * scanner walks the bytes once, notes where the geo-code fields are, and counts the
 * fields of every line (a line of the wrong width is dropped and counted, or
 * raised in strict mode). Only a line whose two geo codes are, as bytes, an
 * ally's FIPS code (taken from the filter) and "CH" in the filter's
 * direction(s) is decoded: that is the country half of the filter, a
 * necessary condition, never a replacement for it. Such lines
 * are typed by the reference parser's {@link eventFromFields} and then kept
 * only if the Eq. 1 filter of lib/measures/policyScore.ts says so, so there
 * is one filter and one set of value checks.
 *
 * Values are validated only on lines that reach that step; other lines are
 * counted, width-checked, and skipped. A line longer than `maxLineBytes`
 * (default 1 MiB) is a DataError naming file and line: an unfinished line is
 * held as the list of chunks it arrived in and joined once, so memory stays
 * below the limit plus one chunk and the time stays linear in the input.
 * Lines are split by hand instead of with the project's CSV tokenizer
 * (lib/io/csvTokenizer.ts): GDELT 1.0's tab files have no quoting, so a `"`
 * inside a field is data, which an RFC 4180 tokenizer refuses; and the filter
 * looks at a few fields of a line before it splits the rest.
 */
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { DataError } from "../io/dataError";
import { newReport, drop, type LoadReport } from "../io/loadReport";
import {
  eventFromFields,
  layoutByHeader,
  layoutByWidth,
  looksLikeHeader,
  DROP,
  type GdeltEvent,
  type GdeltLayout,
} from "../sources/gdelt";
import type { EventFilter } from "../measures/policyScore";

export interface ScanOptions {
  /** Name used in messages and the report. */
  file: string;
  /** The Eq. 1 event filter (makeEventFilter). */
  filter: EventFilter;
  /** Called for every kept event, in file order. */
  onEvent: (e: GdeltEvent) => void;
  /** Throw a DataError at the first bad line instead of counting it. */
  strict?: boolean;
  /** Longest line accepted, in bytes (default {@link DEFAULT_MAX_LINE_BYTES}); a longer one is a DataError. */
  maxLineBytes?: number;
}

/**
 * Default longest line: 1 MiB. A GDELT event line is a few hundred bytes
 * (the longest SOURCEURLs a few KB), so a longer "line" means the input is
 * not an event file (or a newline is missing), and the scanner stops there
 * instead of buffering without bound.
 */
export const DEFAULT_MAX_LINE_BYTES = 1 << 20;

/** Reason for rows that the filter did not select. */
export const NOT_SELECTED = "not selected by the filter";
const C = 0x43,
  H = 0x48,
  TAB = 9,
  LF = 10,
  CR = 13;

/** Push bytes in, get kept events out; call {@link end} after the last chunk. */
export class GdeltStreamScanner {
  readonly report: LoadReport;
  layout: GdeltLayout | undefined;
  /** Bytes seen so far. */
  bytes = 0;
  /** The unfinished last line, as the chunks it came in (joined once, when its newline arrives). */
  private carry: Buffer[] = [];
  private carryLen = 0;
  private lineNo = 0;
  private readonly maxLine: number;
  private readonly opts: ScanOptions;
  /** 1 at index (b0 << 8 | b1) for each two-letter ally FIPS code of the filter. */
  private readonly allyCodes = new Uint8Array(65536);

  constructor(opts: ScanOptions) {
    this.opts = opts;
    this.report = newReport([opts.file], [""]);
    this.maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!(this.maxLine >= 1)) throw new Error(`maxLineBytes must be >= 1, got ${this.maxLine}`);
    for (const f of opts.filter.fips.keys()) {
      if (f.length !== 2) throw new Error(`FIPS code "${f}" is not two letters`);
      this.allyCodes[(f.charCodeAt(0) << 8) | f.charCodeAt(1)] = 1;
    }
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.carryLen) {
      // finish the line cut at the previous chunk's end: one copy of that line only
      const nl = chunk.indexOf(LF);
      if (nl < 0) return this.keep(chunk);
      const head = Buffer.concat(
        [...this.carry, chunk.subarray(0, nl + 1)],
        this.carryLen + nl + 1,
      );
      this.carry = [];
      this.carryLen = 0;
      this.scan(head); // head is one complete line: scan consumes all of it
      chunk = chunk.subarray(nl + 1);
    }
    const used = this.scan(chunk);
    if (used < chunk.length) this.keep(Buffer.from(chunk.subarray(used)));
  }

  /** Hold the start of an unfinished line; a line longer than the limit is an error. */
  private keep(part: Buffer): void {
    this.carry.push(part);
    this.carryLen += part.length;
    if (this.carryLen > this.maxLine)
      this.tooLong(this.lineNo + 1, `no newline in ${this.carryLen} bytes`);
  }

  private tooLong(line: number, what: string): never {
    throw new DataError(
      this.opts.file,
      `line longer than ${this.maxLine} bytes (${what}); GDELT event lines are a few hundred bytes, so this is not an event file or it lacks newlines (raise the limit with maxLineBytes / --max-line-bytes if the line is real)`,
      { row: line },
    );
  }

  /** Flush a last line without a newline and finish the report. */
  end(): LoadReport {
    if (this.carryLen) {
      const b = Buffer.concat([...this.carry, Buffer.from([LF])], this.carryLen + 1);
      this.carry = [];
      this.carryLen = 0;
      this.scan(b);
    }
    const r = this.report;
    const wrong = r.dropped[DROP.width] ?? 0;
    if (wrong > 0 && wrong * 2 > r.rowsRead) {
      // the layout comes from line 1; if most rows disagree, line 1 was the odd one
      throw new DataError(
        this.opts.file,
        `${wrong} of ${r.rowsRead} rows do not have the ${this.requireLayout().columns.length} fields of line 1 (${this.requireLayout().name}); the first line is probably malformed`,
      );
    }
    const other = Object.values(r.dropped).reduce((s, v) => s + v, 0);
    const notSel = r.rowsRead - r.rowsKept - other;
    if (notSel > 0) drop(r, NOT_SELECTED, notSel);
    r.notes.unshift(`layout ${this.layout?.name ?? "unknown (empty file)"}; ${this.bytes} bytes`);
    return r;
  }

  /** Scan all complete lines of `buf`; returns the offset after the last newline. */
  private scan(buf: Buffer): number {
    let start = 0;
    while (!this.layout) {
      // first line: header or data decides the layout (slow path, once; blank lines before it are skipped)
      const nl = buf.indexOf(LF, start);
      if (nl < 0) return start;
      if (nl - start > this.maxLine) this.tooLong(this.lineNo + 1, `${nl - start} bytes`);
      const first = buf.toString("utf8", start, nl).replace(/\r$/, "");
      this.lineNo++;
      if (first === "") {
        start = nl + 1;
        continue;
      }
      if (looksLikeHeader(first)) {
        this.layout = layoutByHeader(first.split("\t"), this.opts.file);
        start = nl + 1;
      } else {
        this.lineNo--; // a data line: scanned (and counted) below
        const width = first.split("\t").length;
        this.layout = layoutByWidth(width);
        if (!this.layout) {
          throw new DataError(
            this.opts.file,
            `line has ${width} tab-separated fields; GDELT event files have 57, 58 or 61`,
            { row: this.lineNo + 1 },
          );
        }
      }
    }
    const layout = this.layout;
    const res = scanLines(
      buf,
      start,
      layout.columns.length,
      layout.at.Actor1Geo_CountryCode,
      layout.at.Actor2Geo_CountryCode,
      this.opts.filter.allDyads,
      this.allyCodes,
      this.maxLine,
      this.hooks,
    );
    this.lineNo += res.lines;
    this.report.rowsRead += res.rows;
    return res.next;
  }

  /** The layout read from line 1; only called once a line has been scanned. */
  private requireLayout(): GdeltLayout {
    if (!this.layout)
      throw new Error(
        `${this.opts.file}: the column layout is read from line 1 and is not known yet`,
      );
    return this.layout;
  }

  /** Callbacks of the hot loop for the rare lines: wrong width or a "CH" candidate. */
  private readonly hooks: LineHooks = {
    long: (lineOffset, length) => this.tooLong(this.lineNo + lineOffset, `${length} bytes`),
    bad: (lineOffset, width) => {
      const line = this.lineNo + lineOffset;
      if (this.opts.strict) {
        throw new DataError(
          this.opts.file,
          `expected ${this.requireLayout().columns.length} fields (${this.requireLayout().name}), found ${width}`,
          { row: line },
        );
      }
      drop(this.report, DROP.width);
    },
    candidate: (buf, start, end, lineOffset) => {
      const r = this.report;
      const fields = buf.toString("utf8", start, end).split("\t");
      let e: GdeltEvent;
      try {
        e = eventFromFields((j) => fields[j], this.requireLayout(), {
          file: this.opts.file,
          line: this.lineNo + lineOffset,
        });
      } catch (err) {
        if (this.opts.strict || !(err instanceof DataError)) throw err;
        drop(r, DROP.value);
        if (r.notes.length < 5) r.notes.push(err.message);
        return;
      }
      if (!this.opts.filter.keep(e)) return;
      r.rowsKept++;
      this.opts.onEvent(e);
    },
  };
}

interface LineHooks {
  /** A line longer than the limit (throws). */
  long(lineOffset: number, length: number): void;
  /** A line with the wrong number of fields (lineOffset = 1-based line within this call). */
  bad(lineOffset: number, width: number): void;
  /** A line whose geo code(s) pass the "CH" pre-check. */
  candidate(buf: Buffer, start: number, end: number, lineOffset: number): void;
}

/**
 * Number of tab bytes in a 32-bit word (SWAR: "SIMD within a register").
 * x = w XOR 0x09090909 has a zero byte exactly where w has a tab; the exact
 * zero-byte test ~(((x & 0x7F..) + 0x7F..) | x | 0x7F..) sets the high bit of
 * those bytes only, and a multiply adds the four flags. No false positives,
 * unlike the shorter (x - 0x01..) & ~x form.
 */
export function tabsInWord(w: number): number {
  const x = w ^ 0x09090909;
  const z = ~((((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f) >>> 0);
  return z === 0 ? 0 : (((z >>> 7) & 0x01010101) * 0x01010101) >>> 24;
}

/**
 * The "CH" pre-check of one direction: the geo code at buf[sc, ec) is "CH"
 * and the one at buf[sa, ea) is a two-letter code marked in `ally`.
 */
function chinaAndAlly(
  buf: Buffer,
  sc: number,
  ec: number,
  sa: number,
  ea: number,
  ally: Uint8Array,
): boolean {
  return (
    ec - sc === 2 &&
    buf[sc] === C &&
    buf[sc + 1] === H &&
    ea - sa === 2 &&
    ally[(buf[sa] << 8) | buf[sa + 1]] === 1
  );
}

/**
 * The hot loop. Lines are found with Buffer.indexOf (native memchr). Within a
 * line, tabs are counted four bytes at a time (tabsInWord) up to the field
 * before Actor1Geo_CountryCode, then byte by byte across the geo fields
 * (remembering where the two geo codes start and end), then four at a time
 * again to the end of the line, so every line's width is checked. The word
 * loops read an aligned Uint32Array view of the same memory; the bytes before
 * the first aligned word and after the last are counted one by one. Kept as a
 * plain function over locals so V8 optimises it well; the SWAR loops about
 * double its speed over a byte loop (npm run bench:gdelt). Returns the offset
 * after the last complete line, and the numbers of lines and non-empty rows.
 */
function scanLines(
  buf: Buffer,
  from: number,
  width: number,
  a1: number,
  a2: number,
  both: boolean,
  ally: Uint8Array,
  maxLine: number,
  hooks: LineHooks,
): { next: number; lines: number; rows: number } {
  const n = buf.length;
  const a1m = a1 - 1,
    a2m = a2 - 1,
    stopAt = Math.max(a1, a2) + 1;
  // words[k] holds bytes 4k - base .. 4k - base + 3 of buf (little or big endian: counting does not care)
  const base = buf.byteOffset & 3;
  const words = new Uint32Array(buf.buffer, buf.byteOffset - base, (base + n) >>> 2);
  let start = from,
    lines = 0,
    rows = 0;
  while (start < n) {
    const nl = buf.indexOf(LF, start);
    if (nl < 0) break;
    lines++;
    if (nl - start > maxLine) hooks.long(lines, nl - start);
    const end = nl > start && buf[nl - 1] === CR ? nl - 1 : nl;
    if (end > start) {
      rows++;
      let nf = 0,
        i = start,
        s1 = 0,
        e1 = 0,
        s2 = 0,
        e2 = 0;
      // 1. up to the tab that opens field a1: words whose tabs all come before it
      while (i < end && ((i + base) & 3) !== 0) if (buf[i++] === TAB) nf++;
      if (nf <= a1m) {
        for (let k = (i + base) >>> 2; i + 4 <= end; k++) {
          const c = tabsInWord(words[k]);
          if (nf + c > a1m) break;
          nf += c;
          i += 4;
        }
      } else {
        i = start; // the prefix already passed field a1 (very short fields): redo it byte by byte
        nf = 0;
      }
      // 2. byte by byte across the geo fields
      for (; i < end && nf < stopAt; i++) {
        if (buf[i] === TAB) {
          if (nf === a1m) s1 = i + 1;
          else if (nf === a1) e1 = i;
          else if (nf === a2m) s2 = i + 1;
          else if (nf === a2) e2 = i;
          nf++;
        }
      }
      // 3. the rest of the line: count tabs
      while (i < end && ((i + base) & 3) !== 0) if (buf[i++] === TAB) nf++;
      for (let k = (i + base) >>> 2; i + 4 <= end; k++, i += 4) nf += tabsInWord(words[k]);
      for (; i < end; i++) if (buf[i] === TAB) nf++;
      if (nf + 1 !== width) hooks.bad(lines, nf + 1);
      else if (
        chinaAndAlly(buf, s2, e2, s1, e1, ally) ||
        (both && chinaAndAlly(buf, s1, e1, s2, e2, ally))
      )
        hooks.candidate(buf, start, end, lines);
    }
    start = nl + 1;
  }
  return { next: start, lines, rows };
}

/** Scan an uncompressed GDELT file from disk. */
export async function scanFile(path: string, opts: ScanOptions): Promise<LoadReport> {
  const sc = new GdeltStreamScanner(opts);
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 }))
    sc.push(chunk as Buffer);
  return sc.end();
}

/** An entry name we accept inside a GDELT zip: a bare file name, no folders, no "..". */
export function safeEntryName(name: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) && !name.includes("..");
}

/**
 * The inflated bytes of a zip entry as a stream. yauzl reads the raw deflate
 * data; inflating here with 1 MiB output chunks (zlib's default is 16 KiB)
 * cuts the per-chunk overhead of the pipeline, and the entry's size is
 * checked against the central directory (a mismatch is an error).
 */
export function inflateEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  cb: (err: Error | null, stream?: Readable) => void,
): void {
  const deflated = entry.compressionMethod === 8;
  zip.openReadStream(
    entry,
    { decompress: deflated ? false : null, decrypt: null, start: null, end: null },
    (err, raw) => {
      if (err) return cb(err);
      // zlib's streams are declared as interfaces in @types/node, so the rule
      // cannot see that an InflateRaw is a Readable built by its constructor.
      const out: Readable = deflated
        ? // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Node typings
          raw.pipe(zlib.createInflateRaw({ chunkSize: 1 << 20 }))
        : raw;
      if (deflated) raw.on("error", (e) => out.destroy(e));
      let n = 0;
      out.on("data", (c: Buffer) => (n += c.length));
      out.on("end", () => {
        if (n !== entry.uncompressedSize)
          out.emit(
            "error",
            new Error(
              `zip entry ${entry.fileName}: inflated ${n} bytes, the zip says ${entry.uncompressedSize}`,
            ),
          );
      });
      cb(null, out);
    },
  );
}

export interface ZipScanOptions extends ScanOptions {
  /** Called with inflated byte counts as they stream (for progress). */
  onBytes?: (n: number) => void;
}

/**
 * Scan the single event file inside a GDELT zip, streaming the inflate
 * (yauzl) into the scanner. Refuses a zip with no entry, more than one
 * entry, or an entry name that is not a bare file name (path traversal).
 */
export function scanZip(
  zipPath: string,
  opts: ZipScanOptions,
): Promise<LoadReport & { entry: string }> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      zipPath,
      { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true },
      (err, zip) => {
        if (err) return reject(new DataError(opts.file, `not a readable zip: ${err.message}`));
        if (zip.entryCount !== 1) {
          zip.close();
          return reject(
            new DataError(
              opts.file,
              `expected exactly one entry in the zip, found ${zip.entryCount}`,
            ),
          );
        }
        let done = false;
        const fail = (e: Error) => {
          if (done) return;
          done = true;
          zip.close();
          reject(e instanceof DataError ? e : new DataError(opts.file, e.message));
        };
        zip.on("error", fail);
        zip.on("entry", (entry: yauzl.Entry) => {
          if (!safeEntryName(entry.fileName))
            return fail(
              new DataError(opts.file, `refusing zip entry with unsafe name "${entry.fileName}"`),
            );
          inflateEntry(zip, entry, (e2, stream) => {
            if (e2 || !stream) return fail(e2 ?? new Error("no stream"));
            const sc = new GdeltStreamScanner({ ...opts, file: `${opts.file}:${entry.fileName}` });
            const finish = () => {
              if (done) return;
              try {
                const rep = sc.end();
                done = true;
                zip.close();
                resolve({ ...rep, entry: entry.fileName });
              } catch (e4) {
                fail(e4 as Error);
              }
            };
            scanOverlapped(stream, sc, opts.onBytes, () => done, finish, fail);
          });
        });
        zip.readEntry();
      },
    );
  });
}

/**
 * Feed an inflating stream to the scanner. Inflate runs on libuv's thread
 * pool. Scanning inside the 'data' handler would hold back the next inflate
 * job until the scan returns (inflate and scan strictly alternate); queueing
 * the chunk and scanning it on setImmediate lets zlib start the next job
 * first, so the two overlap on two cores. The queue is bounded: the stream
 * pauses above 16 MiB. `finish` runs once the stream has ended and the queue
 * is scanned; `stopped` says the scan has already failed or finished.
 */
function scanOverlapped(
  stream: Readable,
  sc: GdeltStreamScanner,
  onBytes: ((n: number) => void) | undefined,
  stopped: () => boolean,
  finish: () => void,
  fail: (e: Error) => void,
): void {
  const queue: Buffer[] = [];
  let queued = 0,
    scheduled = false,
    ended = false;
  const MAX_QUEUED = 16 << 20;
  const drain = () => {
    scheduled = false;
    try {
      while (!stopped()) {
        const chunk = queue.shift();
        if (chunk === undefined) break;
        queued -= chunk.length;
        sc.push(chunk);
        onBytes?.(chunk.length);
      }
    } catch (e3) {
      stream.destroy();
      fail(e3 as Error);
      return;
    }
    if (stream.isPaused() && !ended) stream.resume();
    if (ended) finish();
  };
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(drain);
    }
  };
  stream.on("data", (chunk: Buffer) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued > MAX_QUEUED) stream.pause();
    schedule();
  });
  stream.on("error", fail);
  stream.on("end", () => {
    ended = true;
    schedule();
  });
}
