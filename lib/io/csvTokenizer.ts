/**
 * The project's one CSV tokenizer: RFC 4180 records cut from bytes, for both
 * CSV readers. The validated reader (lib/io/csv.ts: notebooks, loaders) turns
 * each record's fields into strings; the typed reader
 * (lib/ingest/ingestCsv.ts: the command line) extends this class and writes
 * numbers and category codes straight into typed arrays, with a fast path for
 * plain records that hands every other record back to {@link CsvTokenizer.nextRecord}.
 *
 * Grammar (Shafranovich 2005, RFC 4180, with the usual extensions):
 * - a field is quoted when it starts with `"`; inside, `""` is one quote, and
 *   the delimiter and line breaks are data; after the closing quote comes the
 *   delimiter or the line end, anything else is an error. A quote inside an
 *   unquoted field is an error.
 * - line ends are LF or CRLF (a CR just before an LF ends an unquoted field's
 *   data); a file whose first line ends with CR alone is refused
 *   ({@link CR_ONLY_MESSAGE}), as is a gzip-compressed file ({@link GZIP_MESSAGE}).
 * - empty lines are skipped; a leading UTF-8 byte order mark is dropped.
 * - optionally (`comments`), a line that starts with `#` where a record would
 *   start is a note, handed out with its line; `#` elsewhere is data.
 * - bytes are tokenized, not characters: the delimiter, `"`, CR, LF and `#`
 *   are ASCII, so any ASCII-compatible encoding works (UTF-8, Latin-1); UTF-8
 *   is validated (Node's `buffer.isUtf8`) region by region, and an invalid
 *   byte is an error naming its line, reported in file order (after the
 *   records before it).
 * - lines are physical lines (LFs counted, as an editor shows them); a record
 *   with a quoted line break is on the line where it ends.
 *
 * Reading: blocks (default 16 MiB) from a {@link ByteSource} at explicit
 * offsets, cut at the last line feed into regions of whole lines; a record
 * longer than the buffer grows it, up to `maxRecord` (64 MiB; longer is an
 * error, usually an unclosed quote). A tokenizer may read one byte range of
 * the source (a part of a parallel read, lib/ingest/ingestCsvParallel.ts).
 *
 * Why our own rather than csv-parse (which the validated reader used until
 * 2026-12): csv-parse hands out records of strings, so the typed reader could
 * not use it (a string per cell took 11 s on the 116 MB file the typed reader
 * reads in about 0.4 s, `npm run bench:ingest`), and two tokenizers meant two
 * sets of rules for quotes, line ends and line numbers. With string fields
 * this tokenizer is also 2-5 times faster than csv-parse on the deposit's
 * largest CSV files (`npm run bench:csv` prints both).
 */
import { isUtf8 } from "node:buffer";
import { readSync } from "node:fs";
import { DataError } from "./dataError";
import { CR_ONLY_MESSAGE, GZIP_MESSAGE } from "./decimal";

/** Where the tokenizer reads its bytes: a file descriptor or bytes in memory. */
export interface ByteSource {
  /** Bytes in the source. */
  readonly size: number;
  /** Copy up to `length` bytes from `position` into `buf` at `offset`; the count copied (0 at the end). */
  read(buf: Buffer, offset: number, length: number, position: number): number;
}

/** A file opened with `fs.openSync` (read with `fs.readSync` at explicit offsets). */
export function fileSource(fd: number, size: number): ByteSource {
  return {
    size,
    read: (buf, offset, length, position) => readSync(fd, buf, offset, length, position),
  };
}

/** Bytes already in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: b.length,
    read: (buf, offset, length, position) => b.copy(buf, offset, position, position + length),
  };
}

export interface TokenizerOptions {
  /** One-byte field delimiter; default ",". */
  delimiter?: string;
  /** The bytes are UTF-8 and are validated (default); false: another ASCII-compatible encoding, not validated. */
  utf8?: boolean;
  /** What the UTF-8 error tells the user to do (after "the file is not UTF-8"). */
  utf8Hint?: string;
  /** A line starting with `#` where a record would start is a note ({@link CsvTokenizer.notes}). */
  comments?: boolean;
  /**
   * A quoted field left open at the end of the source ends the records instead
   * of being an error; {@link CsvTokenizer.truncatedAt} is the line where the
   * cut record starts (a GDELT export cut off mid-row loses that row, not the file).
   */
  truncatedEnd?: boolean;
  /** Read block in bytes (default 16 MiB; tests use tiny blocks to cross every boundary). */
  blockSize?: number;
  /** Longest record in bytes (default 64 MiB). */
  maxRecord?: number;
}

/** The byte range a tokenizer reads (a part of a parallel read), and who hears of each block. */
export interface TokenizerRange {
  start: number;
  end: number;
  /** A buffer to reuse (a part reader may take its predecessor's). */
  buf?: Buffer;
  /** Called with every block read, in order (hashing, progress). */
  onRead?: (block: Buffer) => void;
}

/** A `#` line (comments mode): its 1-based line and bytes (without the line end). */
export interface NoteLine {
  line: number;
  bytes: Buffer;
}

/** Thrown by a part reader whose range ends inside a quoted field (the typed reader catches it). */
export const STRADDLE = new Error("a quoted field runs past the end of the part");

/** record(): the source ends inside a quoted field and `truncatedEnd` is set. */
const CUT = -2;

export const DEFAULT_BLOCK = 16 << 20;
export const DEFAULT_MAX_RECORD = 64 << 20;
const QUOTE = 34,
  LF = 10,
  CR = 13,
  HASH = 35;

/**
 * Offset of the first byte of `b[s, e)` that is not part of a valid UTF-8
 * sequence (WHATWG / Unicode 15 Table 3-7: no overlongs, no surrogates,
 * <= U+10FFFF), or -1 when it is valid. A sequence cut off at `e` is invalid.
 */
export function firstInvalidUtf8(b: Uint8Array, s = 0, e = b.length): number {
  let i = s;
  while (i < e) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number,
      lo = 0x80,
      hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= e) return i;
      const d = b[i + k];
      if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * True when the first line (up to the first LF) of `b[s, e)` holds a CR,
 * outside quotes, that does not end it: the lines end with CR alone.
 */
export function crOnlyLineEnds(b: Uint8Array, s = 0, e = b.length): boolean {
  let quoted = false;
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === QUOTE) quoted = !quoted;
    else if (c === LF) return false;
    else if (c === CR && !quoted && i + 1 < e && b[i + 1] !== LF) return true;
  }
  return false;
}

/** The strict UTF-8 error: up to four bytes from the first bad one (before `end`), then what to do. */
function invalidUtf8Message(b: Uint8Array, at: number, end: number, hint: string): string {
  const bad = Array.from(
    b.subarray(at, Math.min(at + 4, end)),
    (x) => `0x${x.toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return `invalid UTF-8 (byte${bad.length > 1 ? "s" : ""} ${bad.join(" ")}); the file is not UTF-8. ${hint}`;
}

const DEFAULT_UTF8_HINT = "Convert it (e.g. iconv -f latin1 -t utf-8)";

/**
 * The tokenizer's state. A class rather than closures so that V8 keeps the
 * typed reader's hot loop on fields it reads once per record. After
 * {@link begin}, {@link nextRecord} leaves a record's fields as byte ranges:
 * field j is `(fq[j] ? scratch : buf)[fs[j], fe[j])`, on line `recLine`.
 */
export class CsvTokenizer {
  protected buf: Buffer;
  protected len = 0;
  protected pos = 0;
  protected limit = 0;
  protected eof = false;
  protected readTotal = 0;
  /** The line of the byte at pos (1-based). */
  protected line = 1;
  protected scratch = Buffer.allocUnsafe(1 << 16);
  private scratchUsed = 0;
  protected readonly delim: number;
  private cap = 64;
  protected fs = new Int32Array(64);
  protected fe = new Int32Array(64);
  protected fq = new Uint8Array(64);
  protected nf = 0;
  protected recLine = 0;
  protected readonly start: number;
  protected end: number;
  protected filePos: number;
  private readonly onRead: ((block: Buffer) => void) | undefined;
  private readonly maxRecord: number;
  private readonly utf8: boolean;
  private readonly utf8Hint: string;
  private readonly comments: boolean;
  private readonly truncatedEnd: boolean;
  /** With `truncatedEnd`: the line where a record cut off inside a quoted field starts. */
  truncatedAt: number | undefined;
  /** The `#` lines met where a record would start (comments mode). */
  readonly notes: NoteLine[] = [];
  /** The last byte of the buffer is the line feed added after a last line without one. */
  private sentinel = false;
  /** An invalid UTF-8 byte ahead: thrown when the parse reaches its line (nextRegion). */
  private utf8Error: DataError | null = null;

  constructor(
    protected readonly source: ByteSource,
    protected readonly name: string,
    opts: TokenizerOptions,
    range: TokenizerRange = { start: 0, end: source.size },
  ) {
    this.start = this.filePos = range.start;
    this.end = range.end;
    this.onRead = range.onRead;
    const d = opts.delimiter ?? ",";
    if (Buffer.byteLength(d) !== 1 || d === '"' || d === "\n" || d === "\r")
      throw new Error(
        `bad delimiter ${JSON.stringify(d)}: one ASCII byte other than a quote or line end`,
      );
    this.delim = d.charCodeAt(0);
    this.utf8 = opts.utf8 ?? true;
    this.utf8Hint = opts.utf8Hint ?? DEFAULT_UTF8_HINT;
    this.comments = opts.comments ?? false;
    this.truncatedEnd = opts.truncatedEnd ?? false;
    this.maxRecord = opts.maxRecord ?? DEFAULT_MAX_RECORD;
    const block = opts.blockSize ?? DEFAULT_BLOCK;
    this.buf =
      range.buf ??
      Buffer.allocUnsafe(
        Math.min(
          block,
          Math.max(range.end - range.start + 1, Math.min(block, 1 << 16)),
          this.maxRecord,
        ),
      );
  }

  /** The read buffer (a part reader may reuse its predecessor's). */
  buffer(): Buffer {
    return this.buf;
  }

  protected err(message: string, where: { row?: number; column?: string } = {}): DataError {
    return new DataError(this.name, message, where);
  }

  /** Keep [pos, len), read more after it (growing the buffer for a long record). */
  private fill(): void {
    if (this.pos > 0) {
      this.buf.copy(this.buf, 0, this.pos, this.len);
      this.len -= this.pos;
      this.limit -= this.pos;
      this.pos = 0;
    }
    if (this.len >= this.buf.length - 1) {
      if (this.buf.length >= this.maxRecord)
        throw this.err(
          `a record longer than ${this.maxRecord} bytes starts here (an unclosed quote?)`,
          { row: this.line },
        );
      const b2 = Buffer.allocUnsafe(Math.min(this.buf.length * 2, this.maxRecord));
      this.buf.copy(b2, 0, 0, this.len);
      this.buf = b2;
    }
    // One byte stays spare for the line-feed sentinel (nextRegion).
    const want = Math.min(this.buf.length - 1 - this.len, this.end - this.filePos);
    const got = want > 0 ? this.source.read(this.buf, this.len, want, this.filePos) : 0;
    if (got === 0) this.eof = true;
    else this.onRead?.(this.buf.subarray(this.len, this.len + got));
    this.len += got;
    this.filePos += got;
    this.readTotal += got;
  }

  /**
   * End this reader's range at byte `end` (just after a line feed, at or after
   * the current position): bytes already read past it are dropped.
   */
  limitTo(end: number): void {
    if (this.filePos > end) {
      const excess = this.filePos - end;
      this.len -= excess;
      this.readTotal -= excess;
      this.filePos = end;
      if (this.limit > this.len) this.limit = this.len;
    }
    this.end = end;
    if (this.utf8Error) {
      // The bad byte may lie past the new end: validate the region again.
      this.utf8Error = null;
      this.limit = this.pos;
    }
  }

  /** Source offset of the next unparsed byte. */
  offset(): number {
    return this.filePos - (this.len - this.pos);
  }

  /** Make [pos, limit) a validated region of complete lines; false at the end of the range. */
  protected nextRegion(): boolean {
    if (this.utf8Error) throw this.utf8Error;
    for (;;) {
      if (!this.eof) {
        const lf = this.len > this.pos ? this.buf.lastIndexOf(LF, this.len - 1) : -1;
        if (lf >= this.pos && lf >= this.limit) {
          this.limit = lf + 1;
          break;
        }
        this.fill();
        continue;
      }
      if (this.len > this.pos) {
        // A last line without a line feed gets one (a sentinel in the spare
        // byte), so every region ends with LF and the hot loops need no
        // bounds checks; lines and records are unchanged.
        if (this.buf[this.len - 1] !== LF) {
          this.buf[this.len++] = LF;
          this.sentinel = true;
        }
        this.limit = this.len;
        break;
      }
      return false;
    }
    if (this.utf8) this.checkUtf8();
    return true;
  }

  /**
   * Refuse invalid UTF-8 in [pos, limit). Errors come in file order whatever
   * the block size: the region is cut at the start of the bad byte's line, so
   * the records before it are parsed first, and the error is thrown when the
   * parse reaches that line.
   */
  private checkUtf8(): void {
    const b = this.buf;
    if (isUtf8(b.subarray(this.pos, this.limit))) return;
    const bad = firstInvalidUtf8(b, this.pos, this.limit);
    let l = this.line;
    for (let p = this.pos; p < bad; p++) if (b[p] === LF) l++;
    // Bytes are named up to the end of the bad one's line (the same whatever
    // the block size); the sentinel LF is not the file's.
    let lineEnd = b.indexOf(LF, bad) + 1;
    if (this.sentinel && lineEnd === this.len) lineEnd--;
    const e = this.err(invalidUtf8Message(b, bad, lineEnd, this.utf8Hint), { row: l });
    const lineStart = bad > this.pos ? b.lastIndexOf(LF, bad - 1) + 1 : 0;
    if (lineStart <= this.pos) throw e;
    this.utf8Error = e;
    this.limit = lineStart;
  }

  /**
   * Start reading (a reader of the whole source): refuse a gzip file and
   * CR-only line ends, drop a UTF-8 byte order mark. False when the source is empty.
   */
  begin(): boolean {
    if (this.start === 0) {
      const magic = Buffer.alloc(2);
      if (this.source.read(magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b)
        throw this.err(GZIP_MESSAGE, { row: 1 });
    }
    if (!this.nextRegion()) return false;
    const b = this.buf;
    if (crOnlyLineEnds(b, this.pos, this.limit)) throw this.err(CR_ONLY_MESSAGE, { row: 1 });
    if (this.utf8 && this.start === 0 && this.limit - this.pos >= 3) {
      if (b[this.pos] === 0xef && b[this.pos + 1] === 0xbb && b[this.pos + 2] === 0xbf)
        this.pos += 3;
    }
    return true;
  }

  /** Skip `n` physical lines (a preamble before the header), quotes or not. */
  skipLines(n: number): void {
    for (let k = 0; k < n; k++) {
      if (this.pos >= this.limit && !this.nextRegion()) return;
      this.pos = this.buf.indexOf(LF, this.pos) + 1; // every region ends with LF
      this.line++;
    }
  }

  /** The first non-empty record's fields as trimmed strings (the header), or null at the end. */
  protected headerRecord(encoding: BufferEncoding = "utf8"): string[] | null {
    for (;;) {
      const r = this.nextRecord();
      if (r === null) return null;
      if (r) return this.fields(encoding).map((h) => h.trim());
    }
  }

  /** The current record's fields as strings (decoded with `encoding`). */
  fields(encoding: BufferEncoding = "utf8"): string[] {
    const out = new Array<string>(this.nf);
    for (let j = 0; j < this.nf; j++)
      out[j] = (this.fq[j] ? this.scratch : this.buf).toString(encoding, this.fs[j], this.fe[j]);
    return out;
  }

  /** Fields in the current record. */
  fieldCount(): number {
    return this.nf;
  }

  /** Line of the current record (where it ends). */
  recordLine(): number {
    return this.recLine;
  }

  /**
   * Next record, or null at the end of the range: true = a record (its fields
   * in fs/fe/fq), false = an empty line (skipped by the caller). With
   * `comments`, `#` lines where a record would start go to {@link notes}.
   */
  nextRecord(): boolean | null {
    for (;;) {
      if (this.pos >= this.limit && !this.nextRegion()) return null;
      if (this.comments && this.buf[this.pos] === HASH) {
        this.note();
        continue;
      }
      const r = this.record();
      if (r === CUT) {
        this.truncatedAt = this.line;
        this.pos = this.limit = this.len;
        return null;
      }
      if (r < 0) {
        this.limit = this.pos; // refill from the record's start, then tokenize it again
        this.fill();
        continue;
      }
      return r === 1;
    }
  }

  /** Take the `#` line at pos as a note. */
  private note(): void {
    const lf = this.buf.indexOf(LF, this.pos); // every region ends with LF
    let e = lf;
    if (e > this.pos && this.buf[e - 1] === CR) e--;
    this.notes.push({ line: this.line, bytes: Buffer.from(this.buf.subarray(this.pos, e)) });
    this.pos = lf + 1;
    this.line++;
  }

  private growFields(): void {
    this.cap *= 2;
    const a = new Int32Array(this.cap),
      b = new Int32Array(this.cap),
      c = new Uint8Array(this.cap);
    a.set(this.fs);
    b.set(this.fe);
    c.set(this.fq);
    this.fs = a;
    this.fe = b;
    this.fq = c;
  }

  /**
   * Tokenize one record at pos. Returns 1 = a record (fields in fs/fe/fq, pos
   * moved past it), 0 = an empty line (skipped), −1 = incomplete (a quoted
   * line break crosses the region's end: refill and call again), {@link CUT}
   * = the source ends inside a quoted field (with `truncatedEnd`).
   */
  private record(): number {
    const b = this.buf,
      lim = this.limit;
    let p = this.pos;
    let l = this.line;
    this.nf = 0;
    this.scratchUsed = 0;
    for (;;) {
      if (this.nf === this.cap) this.growFields();
      const f = this.nf;
      if (p < lim && b[p] === QUOTE) {
        const q = this.quotedField(p, f, l);
        if (q < 0) return q;
        l += this.quotedLines;
        p = q;
      } else p = this.plainField(p, f, l);
      this.nf++;
      if (p >= lim) break;
      if (b[p] === LF) {
        p++;
        break;
      }
      p++; // the delimiter
    }
    const empty =
      this.nf === 1 && this.fq[0] === 0 && this.fs[0] === this.pos && this.fe[0] === this.fs[0];
    this.recLine = l;
    this.line = l + 1;
    this.pos = p;
    return empty ? 0 : 1;
  }

  /** Unquoted field f starting at p (line l): stores its range, returns the byte after it. */
  private plainField(p: number, f: number, l: number): number {
    const b = this.buf,
      lim = this.limit,
      D = this.delim;
    const s = p;
    while (p < lim) {
      const c = b[p];
      if (c === D || c === LF) break;
      if (c === QUOTE) throw this.quoteInUnquoted(f, l);
      p++;
    }
    let e = p;
    if (e > s && b[e - 1] === CR && (p >= lim || b[p] === LF)) e--;
    this.fs[f] = s;
    this.fe[f] = e;
    this.fq[f] = 0;
    return p;
  }

  /** Line feeds inside the last quoted field read by quotedField. */
  private quotedLines = 0;

  /**
   * Quoted field f whose opening quote is at p (line l): stores its range
   * (unescaped into scratch when it holds `""`), returns the byte after the
   * closing quote, or −1 when the region ends inside it.
   */
  private quotedField(p: number, f: number, l: number): number {
    const b = this.buf,
      lim = this.limit,
      D = this.delim;
    p++;
    let s = p;
    let esc = false;
    let nl = 0;
    for (;;) {
      while (p < lim && b[p] !== QUOTE) {
        if (b[p] === LF) nl++;
        p++;
      }
      if (p >= lim) return this.quotedRunsOut();
      if (p + 1 < lim && b[p + 1] === QUOTE) {
        esc = true;
        p += 2;
        continue;
      }
      break;
    }
    let e = p;
    p++; // the closing quote
    if (p + 1 < lim && b[p] === CR && b[p + 1] === LF) p++;
    if (p < lim && b[p] !== D && b[p] !== LF) throw this.afterClosingQuote(f, l + nl);
    if (esc) {
      s = this.unescape(s, e);
      e = this.scratchUsed;
      this.fq[f] = 1;
    } else this.fq[f] = 0;
    this.fs[f] = s;
    this.fe[f] = e;
    this.quotedLines = nl;
    return p;
  }

  /**
   * The region ends inside a quoted field: rethrow a UTF-8 error held for this
   * point, refuse a quote left open at the end of the file (or CUT with
   * `truncatedEnd`), else −1 (refill).
   */
  private quotedRunsOut(): number {
    if (this.utf8Error) throw this.utf8Error;
    if (this.eof) {
      if (this.end < this.source.size) throw STRADDLE;
      if (this.truncatedEnd) return CUT;
      throw this.err("unclosed quoted field at the end of the file", { row: this.line });
    }
    return -1;
  }

  /** The error for a character other than a delimiter or line end after field f's closing quote. */
  private afterClosingQuote(f: number, row: number): DataError {
    return this.err(
      `unexpected character after the closing quote of field ${f + 1} (quote a whole field; double a quote inside it)`,
      { row },
    );
  }

  /** The error for a quote inside unquoted field f. */
  private quoteInUnquoted(f: number, row: number): DataError {
    return this.err(
      `a quote inside unquoted field ${f + 1} (quote the whole field and double the quote)`,
      { row },
    );
  }

  /**
   * Copy the quoted field buf[s, e) into the scratch buffer with each doubled
   * quote made single; returns the copy's start (its end is scratchUsed).
   */
  private unescape(s: number, e: number): number {
    const b = this.buf;
    if (this.scratchUsed + (e - s) > this.scratch.length) {
      const s2 = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, this.scratchUsed + (e - s)));
      this.scratch.copy(s2, 0, 0, this.scratchUsed);
      this.scratch = s2;
    }
    const start = this.scratchUsed;
    let u = start;
    for (let k = s; k < e; k++) {
      this.scratch[u++] = b[k];
      if (b[k] === QUOTE) k++;
    }
    this.scratchUsed = u;
    return start;
  }
}
