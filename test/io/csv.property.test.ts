/**
 * Property tests (fast-check) of the CSV reader (lib/io/csv.ts) against the
 * writer (lib/io/csvWrite.ts), issue 11 item 7:
 * - random valid tables written with formatCsv read back exactly, in memory
 *   and streamed in small chunks;
 * - random invalid ones (duplicate headers, ragged rows, non-decimal numerals,
 *   invalid UTF-8, unterminated quotes, arbitrary bytes) fail with a DataError,
 *   never another exception; sizes are bounded so nothing can hang.
 * A failure prints the seed; rerun it with FC_SEED=<seed>.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { num, parseCsvBytes, parseCsvText, readCsv, type CsvTable } from "../../lib/io/csv";
import { formatCsv, neutralizeCell } from "../../lib/io/csvWrite";
import { firstInvalidUtf8 } from "../../lib/io/csvTokenizer";
import { DataError } from "../../lib/io/dataError";
import { isDecimal } from "../../lib/io/decimal";

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(seed !== undefined ? { seed } : {}) });

/** Text with the characters that matter to CSV, plus any well-formed Unicode. */
const special = fc.constantFrom(
  ",",
  '"',
  "\n",
  "\r",
  "\r\n",
  "#",
  "=",
  "-",
  "+",
  "@",
  "\t",
  " ",
  "é",
  "😀",
  "\u2028",
  "0x1F",
  ";",
);
const text = fc
  .array(fc.oneof(special, fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 6 })
  .map((parts) => parts.join(""));

type Kind = "num" | "str";
interface Table {
  columns: string[];
  kinds: Kind[];
  rows: (string | number | null)[][];
  notes: string[];
}

const tableArb: fc.Arbitrary<Table> = fc
  .uniqueArray(text, {
    minLength: 1,
    maxLength: 5,
    // the reader trims header names and strips a leading BOM; names must stay distinct as read
    selector: (c) => neutralizeCell(c).trim(),
  })
  .filter((cols) => !cols[0].startsWith("\ufeff"))
  .chain((columns) =>
    fc.record({
      columns: fc.constant(columns),
      kinds: fc.array(fc.constantFrom<Kind>("num", "str"), {
        minLength: columns.length,
        maxLength: columns.length,
      }),
      nrow: fc.nat({ max: 8 }),
      notes: fc.array(text, { maxLength: 3 }),
    }),
  )
  .chain(({ columns, kinds, nrow, notes }) => {
    const cell = (k: Kind) =>
      k === "num"
        ? fc.option(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), {
            freq: 4,
          })
        : fc.option(text, { freq: 4 });
    const row = fc.tuple(...kinds.map(cell));
    return fc.record({
      columns: fc.constant(columns),
      kinds: fc.constant(kinds),
      rows: fc.array(row, { minLength: nrow, maxLength: nrow }),
      notes: fc.constant(notes),
    });
  });

function checkSame(t: CsvTable, tab: Table): void {
  assert.deepEqual(
    t.header,
    tab.columns.map((c) => neutralizeCell(c).trim()),
  );
  assert.equal(t.rows.length, tab.rows.length);
  tab.rows.forEach((r, i) => {
    r.forEach((v, j) => {
      const got = t.rows[i][j];
      if (v === null) assert.equal(got, "");
      else if (typeof v === "number") assert.equal(num(t, i, t.header[j]), v === 0 ? 0 : v);
      else assert.equal(got, neutralizeCell(v));
    });
  });
  // a note's line breaks become separate lines; nothing else changes
  assert.deepEqual(
    t.notes,
    tab.notes.flatMap((n) => n.split(/\r\n|\r|\n/)),
  );
}

let dirForFiles: string | undefined;
function tmp(name: string, data: string | Buffer): string {
  dirForFiles ??= fs.mkdtempSync(path.join(os.tmpdir(), "csvprop-"));
  const f = path.join(dirForFiles, name);
  fs.writeFileSync(f, data);
  return f;
}

test("random valid tables round-trip exactly through formatCsv and the reader (in memory and streamed)", () => {
  fc.assert(
    fc.property(
      tableArb,
      fc.integer({ min: 1, max: 17 }),
      fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
      (tab, chunkBytes, eol) => {
        // the writer writes no notes any more (they go to a CSVW sidecar); the reader still reads the
        // trailing "# " note lines of files written before, so the test appends them itself
        const noteLines = tab.notes
          .flatMap((n) => n.split(/\r\n|\r|\n/))
          .map((l) => (l === "" ? "#" : `# ${l}`) + eol);
        const csv =
          formatCsv(tab.rows, tab.columns, { digits: "shortest", eol }) + noteLines.join("");
        checkSame(parseCsvText(csv, "t.csv", { comments: true }), tab);
        checkSame(parseCsvBytes(Buffer.from(csv, "utf8"), "t.csv", { comments: true }), tab);
        const f = tmp("t.csv", csv);
        checkSame(readCsv(f, { comments: true, blockSize: chunkBytes }), tab);
      },
    ),
    params(300),
  );
});

function expectDataError(fn: () => unknown, re?: RegExp): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DataError)) throw new Error("expected a DataError", { cause: e });
    if (re && !re.test(e.message))
      throw new Error(
        `DataError message ${JSON.stringify(e.message)} does not match ${re.source}`,
        { cause: e },
      );
    return;
  }
  throw new Error("expected a DataError, but the input was accepted");
}

test("a duplicate header name is always a DataError naming both positions", () => {
  fc.assert(
    fc.property(tableArb, fc.nat(), fc.nat(), (tab, a, b) => {
      const cols = [...tab.columns];
      const i = a % cols.length;
      cols.splice(b % (cols.length + 1), 0, cols[i]);
      // formatCsv refuses duplicate columns, so the header is written as a data line
      const names = cols.map((_, j) => `c${j}`);
      const csv = formatCsv([cols, ...tab.rows.map(() => cols.map(() => "v"))], names, {
        header: false,
      });
      expectDataError(
        () => parseCsvText(csv, "d.csv"),
        /duplicate column name ".*" at positions \d+ and \d+ of the header/s,
      );
    }),
    params(200),
  );
});

test("a ragged row (one field too many, or one too few) is always a DataError naming its line", () => {
  fc.assert(
    fc.property(tableArb, fc.nat(), fc.boolean(), (tab, at, more) => {
      const k = tab.columns.length;
      if (!more && k < 2) return; // a one-column row with one field less is an empty line, which is skipped
      const body = tab.rows.map((r) =>
        formatCsv([r], tab.columns, { header: false, digits: "shortest" }),
      );
      const extra = more
        ? formatCsv([[...Array<string>(k).fill("v"), "w"]], [...tab.columns, "\u0000extra"], {
            header: false,
          })
        : formatCsv([Array(k - 1).fill("v")], tab.columns.slice(1), { header: false });
      const pos = at % (body.length + 1);
      body.splice(pos, 0, extra);
      const head = formatCsv([], tab.columns);
      const csv = head + body.join("");
      // the bad line's number: the LFs up to and including its own
      const line = (head + body.slice(0, pos + 1).join("")).split("\n").length - 1;
      expectDataError(
        () => parseCsvText(csv, "r.csv"),
        new RegExp(
          `r\\.csv \\(row ${line}\\): expected ${k} fields, found ${more ? k + 1 : k - 1}`,
        ),
      );
    }),
    params(200),
  );
});

test("a non-decimal numeral is refused; num never returns NaN or accepts what the decimal grammar refuses", () => {
  const hex = fc
    .tuple(
      fc.constantFrom("", "-", "+"),
      fc.constantFrom("0x", "0X", "0o", "0b"),
      fc.stringMatching(/^[0-9a-fA-F]{1,6}$/),
    )
    .map((p) => p.join(""));
  const anyCell = fc.oneof(hex, fc.string({ maxLength: 8 }), fc.double().map(String), special);
  fc.assert(
    fc.property(anyCell, (s) => {
      const t = parseCsvText(formatCsv([[s]], ["x"], { neutralize: false }), "n.csv");
      let v: number | null;
      try {
        v = num(t, 0, "x");
      } catch (e) {
        assert.ok(e instanceof DataError, String(e));
        assert.match(e.message, /^n\.csv \(row \d+, column "x"\): not a number: /);
        assert.ok(!isDecimal(s.trim()) || !Number.isFinite(Number(s.trim())));
        return;
      }
      assert.ok(isDecimal(s.trim()), `accepted ${JSON.stringify(s)}`);
      assert.equal(v, Number(s.trim()));
    }),
    params(500),
  );
});

test("firstInvalidUtf8 agrees with TextDecoder({ fatal: true }) and names the first bad byte", () => {
  const dec = new TextDecoder("utf-8", { fatal: true });
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 12 }),
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            0x0a,
            0x41,
            0x80,
            0xbf,
            0xc0,
            0xc2,
            0xe0,
            0xed,
            0xef,
            0xf0,
            0xf4,
            0xf5,
            0xff,
            0x9f,
            0xa0,
            0x8f,
            0x90,
          ),
        ),
        { maxLength: 10 },
      )
      .map((a) => Uint8Array.from(a)),
    fc
      .string({ unit: "grapheme", maxLength: 6 })
      .map((s) => new Uint8Array(Buffer.from(s, "utf8"))),
  );
  fc.assert(
    fc.property(bytes, (b) => {
      let ok = true;
      try {
        dec.decode(b);
      } catch {
        ok = false;
      }
      const off = firstInvalidUtf8(b);
      assert.equal(off === -1, ok);
      if (off >= 0) {
        // everything before the reported byte decodes; the byte itself starts no valid sequence
        dec.decode(b.subarray(0, off));
        assert.throws(() =>
          dec.decode(b.subarray(off, Math.min(b.length, off + 4)).subarray(0, b.length - off)),
        );
      }
    }),
    params(1000),
  );
});

test("an invalid UTF-8 byte inserted anywhere is a DataError naming its line, in memory and streamed", () => {
  fc.assert(
    fc.property(
      tableArb,
      fc.nat(),
      fc.constantFrom(0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff),
      fc.integer({ min: 1, max: 9 }),
      (tab, at, badByte, chunkBytes) => {
        const good = Buffer.from(formatCsv(tab.rows, tab.columns, { digits: "shortest" }), "utf8");
        // insert between two whole characters: before a byte that is not a continuation byte
        const starts = [...good.keys()]
          .filter((i) => (good[i] & 0xc0) !== 0x80)
          .concat(good.length);
        const pos = starts[at % starts.length];
        const bad = Buffer.concat([
          good.subarray(0, pos),
          Buffer.from([badByte]),
          good.subarray(pos),
        ]);
        const line = 1 + good.subarray(0, pos).filter((c) => c === 0x0a).length;
        const re = new RegExp(
          `u\\.csv \\(row ${line}\\): invalid UTF-8 \\(bytes? 0x${badByte.toString(16).toUpperCase()}`,
        );
        expectDataError(() => parseCsvBytes(bad, "u.csv"), re);
        const f = tmp("u.csv", bad);
        expectDataError(() => readCsv(f, { blockSize: chunkBytes }), re);
      },
    ),
    params(200),
  );
});

test("an unterminated quote is a DataError", () => {
  fc.assert(
    fc.property(tableArb, text, (tab, tail) => {
      const csv = formatCsv(tab.rows, tab.columns) + `"${tail.replace(/"/g, "")}`;
      expectDataError(
        () => parseCsvText(csv, "q.csv"),
        /^q\.csv \(row \d+\): unclosed quoted field at the end of the file$/,
      );
    }),
    params(200),
  );
});

test("arbitrary text or bytes either parse or fail with a DataError, never another exception", () => {
  const input = fc.oneof(
    fc
      .array(
        fc.oneof(
          special,
          fc.string({ maxLength: 3 }),
          fc.constantFrom('""', '"a"b', "\ufeff", "\u0000"),
        ),
        { maxLength: 30 },
      )
      .map((p) => Buffer.from(p.join(""), "utf8")),
    fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
  );
  fc.assert(
    fc.property(
      input,
      fc.boolean(),
      fc.boolean(),
      fc.integer({ min: 1, max: 8 }),
      (buf, comments, trailingComma, chunkBytes) => {
        for (const run of [
          () => parseCsvBytes(buf, "a.csv", { comments, trailingComma }),
          () =>
            parseCsvText(buf.toString("latin1"), "a.csv", {
              comments,
              trailingComma,
              skipLines: chunkBytes % 3,
            }),
          () => readCsv(tmp("a.csv", buf), { comments, blockSize: chunkBytes }),
        ]) {
          try {
            const t = run();
            for (const r of t.rows) assert.equal(r.length, t.header.length);
          } catch (e) {
            if (!(e instanceof DataError)) throw e;
          }
        }
      },
    ),
    params(500),
  );
});
