import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  GdeltStreamScanner,
  scanZip,
  scanFile,
  safeEntryName,
  tabsInWord,
  NOT_SELECTED,
  DEFAULT_MAX_LINE_BYTES,
} from "../../lib/gdelt/streamFilter";
import { parseGdeltText, DROP, type GdeltEvent } from "../../lib/sources/gdelt";
import { makeEventFilter, type KeywordRule } from "../../lib/measures/policyScore";
import { readRaw } from "../../lib/io/manifest";
import { DataError } from "../../lib/io/dataError";
import { v1Line } from "../helpers/gdeltRows";
import { makeZip, makeTraversalZip } from "../helpers/zip";

const REAL_TSV = ["gdelt/20191024143000.export.CSV", "gdelt/20180326044500.export.CSV"];

function scanBuffer(
  buf: Buffer,
  chunk: number,
  rule: KeywordRule,
  allDyads = false,
  strict = false,
) {
  const events: GdeltEvent[] = [];
  const sc = new GdeltStreamScanner({
    file: "mem",
    filter: makeEventFilter({ rule, allDyads }),
    onEvent: (e) => events.push(e),
    strict,
  });
  for (let i = 0; i < buf.length; i += chunk) sc.push(buf.subarray(i, i + chunk));
  return { events, report: sc.end() };
}

test("scanner = reference parser + filter on the real 2.0 slices, for any chunking", () => {
  for (const f of REAL_TSV) {
    const bytes = readRaw(f).bytes;
    const ref = parseGdeltText(bytes.toString("utf8"), f).events;
    for (const allDyads of [false, true]) {
      const filter = makeEventFilter({ rule: "none", allDyads });
      const want = ref.filter((e) => filter.keep(e));
      for (const chunk of [13, 977, 65536, bytes.length]) {
        const got = scanBuffer(bytes, chunk, "none", allDyads);
        assert.deepEqual(got.events, want, `${f} chunk ${chunk}`);
        assert.equal(got.report.rowsRead, ref.length);
        assert.equal(got.report.dropped[NOT_SELECTED] ?? 0, ref.length - want.length);
      }
    }
  }
  // 3 ally->CH events in the 2019 slice (UK 2, JA 1), none in 2018 (gdelt/SOURCE.md)
  const b19 = readRaw(REAL_TSV[0]).bytes;
  assert.deepEqual(
    scanBuffer(b19, 65536, "none").events.map((e) => e.Actor1Geo_CountryCode),
    ["UK", "UK", "JA"],
  );
  assert.equal(scanBuffer(b19, 65536, "none", true).events.length > 3, true);
});

test("hand-written 1.0 rows: keyword rule, wrong width, CRLF, missing final newline", () => {
  const lines = [
    v1Line({ id: 1, a1: "UK", a2: "CH", url: "http://a/detail" }),
    v1Line({ id: 2, a1: "GM", a2: "CH", url: "http://a/ai/x" }),
    v1Line({ id: 3, a1: "GM", a2: "CH", url: "http://a/ai" }).split("\t").slice(0, 50).join("\t"),
    v1Line({ id: 4, a1: "CH", a2: "JA", url: "http://a/huawei" }),
    v1Line({ id: 5, a1: "US", a2: "CH", url: "http://a/huawei" }),
  ];
  const buf = Buffer.from(lines.join("\r\n"));
  const sub = scanBuffer(buf, 13, "substring");
  assert.deepEqual(scanBuffer(buf, 1, "substring").events, sub.events, "byte-by-byte chunks");
  assert.deepEqual(
    sub.events.map((e) => e.GLOBALEVENTID),
    [1, 2],
  );
  assert.equal(sub.events[1].SOURCEURL, "http://a/ai/x");
  assert.deepEqual(sub.report.dropped, { "wrong column count": 1, [NOT_SELECTED]: 2 });
  assert.deepEqual(
    scanBuffer(buf, 13, "token").events.map((e) => e.GLOBALEVENTID),
    [2],
  );
  assert.deepEqual(
    scanBuffer(buf, 13, "token", true).events.map((e) => e.GLOBALEVENTID),
    [1, 2, 4],
  );
  assert.throws(
    () => scanBuffer(buf, 13, "token", false, true),
    (e: unknown) =>
      e instanceof DataError &&
      /mem \(row 3\): expected 58 fields \(1\.0-daily\), found 50/.test(e.message),
  );
});

test("a file that is not GDELT fails on its first line", () => {
  assert.throws(
    () => scanBuffer(Buffer.from("a\tb\tc\n"), 10, "none"),
    /row 1.*3 tab-separated fields/,
  );
});

test("a malformed first line (57 fields in a 58-field file) fails the file instead of dropping the rest", () => {
  const first = v1Line({ id: 1 }).split("\t").slice(0, 57).join("\t");
  const buf = Buffer.from([first, v1Line({ id: 2 }), v1Line({ id: 3 })].join("\n") + "\n");
  assert.throws(
    () => scanBuffer(buf, 4096, "none"),
    /2 of 3 rows do not have the 57 fields of line 1 \(1\.0-historic\)/,
  );
});

test("zips: streamed inflate gives the same events; unsafe or extra entries are refused", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-zip-"));
  try {
    const bytes = readRaw(REAL_TSV[0]).bytes;
    const zp = path.join(dir, "20191024.export.CSV.zip");
    fs.writeFileSync(zp, await makeZip([{ name: "20191024.export.CSV", data: bytes }]));
    const filter = makeEventFilter({ rule: "none", allDyads: true });
    const fromZip: GdeltEvent[] = [];
    const rep = await scanZip(zp, { file: "z", filter, onEvent: (e) => fromZip.push(e) });
    assert.equal(rep.entry, "20191024.export.CSV");
    assert.equal(rep.rowsRead, 2111);
    const plain = path.join(dir, "plain.CSV");
    fs.writeFileSync(plain, bytes);
    const fromFile: GdeltEvent[] = [];
    await scanFile(plain, { file: "p", filter, onEvent: (e) => fromFile.push(e) });
    assert.deepEqual(fromZip, fromFile);

    const evil = path.join(dir, "evil.zip");
    fs.writeFileSync(evil, await makeTraversalZip("20191024.export.CSV", bytes));
    await assert.rejects(
      scanZip(evil, { file: "evil.zip", filter, onEvent: () => assert.fail("no event may pass") }),
      (e: unknown) => e instanceof DataError && /evil\.zip.*(\.\.|relative path)/.test(e.message),
    );

    // a central directory that disagrees with the inflated size is an error, not a short file
    const lying = await makeZip([{ name: "20191024.export.CSV", data: bytes }]);
    const cd = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    assert.equal(lying.readUInt32LE(cd + 24), bytes.length);
    lying.writeUInt32LE(bytes.length + 100, cd + 24);
    const lz = path.join(dir, "lying.zip");
    fs.writeFileSync(lz, lying);
    await assert.rejects(
      scanZip(lz, { file: "lying.zip", filter, onEvent: () => {} }),
      new RegExp(`inflated ${bytes.length} bytes, the zip says ${bytes.length + 100}`),
    );

    const two = path.join(dir, "two.zip");
    fs.writeFileSync(
      two,
      await makeZip([
        { name: "a.CSV", data: bytes },
        { name: "b.CSV", data: bytes },
      ]),
    );
    await assert.rejects(
      scanZip(two, { file: "two.zip", filter, onEvent: () => {} }),
      /exactly one entry.*found 2/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(safeEntryName("20160101.export.CSV"), true);
  assert.equal(safeEntryName("../x.CSV"), false);
  assert.equal(safeEntryName("a/b.CSV"), false);
  assert.equal(safeEntryName("/etc/passwd"), false);
});

test("word-at-a-time tab counting: same events and width drops at every byte alignment and with tab-dense lines", () => {
  const bytes = readRaw(REAL_TSV[0]).bytes;
  const lines = bytes.toString("utf8").split("\n").filter(Boolean);
  // corrupt some lines: one tab more (inside the URL), one tab less, and a line of tabs only
  const bad = [lines[5] + "\textra", lines[9].replace("\t", ""), "\t".repeat(50)];
  const text = Buffer.from([...lines.slice(0, 200), ...bad, ...lines.slice(200)].join("\n") + "\n");
  const ref = scanBuffer(text, text.length, "none", true);
  assert.equal(ref.report.dropped[DROP.width], 3);
  for (let offset = 0; offset < 4; offset++) {
    const backing = Buffer.alloc(text.length + offset);
    text.copy(backing, offset);
    for (const chunk of [text.length, 4093, 64]) {
      const got = scanBuffer(backing.subarray(offset), chunk, "none", true);
      assert.deepEqual(got.events, ref.events, `offset ${offset}, chunk ${chunk}`);
      assert.deepEqual(got.report.dropped, ref.report.dropped, `offset ${offset}, chunk ${chunk}`);
      assert.equal(got.report.rowsRead, lines.length + 3);
    }
  }
});

test("tabsInWord counts tab bytes exactly, including next to 0x08, 0x0A, 0x89 and 0x00", () => {
  const tricky = [0x09, 0x08, 0x0a, 0x89, 0x00, 0x01, 0x19, 0xff, 0x41];
  for (const a of tricky)
    for (const b of tricky)
      for (const c of tricky)
        for (const d of tricky) {
          const w = (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
          const want = [a, b, c, d].filter((x) => x === 0x09).length;
          assert.equal(tabsInWord(w), want, `0x${w.toString(16)}`);
        }
});

test("a line longer than the limit is a DataError naming file and line, raised as soon as the limit is passed", () => {
  assert.equal(DEFAULT_MAX_LINE_BYTES, 1 << 20);
  const filter = makeEventFilter({ rule: "none" });
  // 2 good lines, then 4 MiB without a newline, pushed in 64 KiB chunks
  const head = Buffer.from(
    [v1Line({ id: 1, a1: "UK", a2: "CH" }), v1Line({ id: 2 })].join("\n") + "\n",
  );
  const junk = Buffer.alloc(4 << 20, 0x41);
  const sc = new GdeltStreamScanner({ file: "big.CSV", filter, onEvent: () => {} });
  sc.push(head);
  let err: unknown;
  let pushed = 0;
  try {
    for (let i = 0; i < junk.length; i += 65536) {
      sc.push(junk.subarray(i, i + 65536));
      pushed += 65536;
    }
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof DataError, String(err));
  assert.match(
    (err as Error).message,
    /^big\.CSV \(row 3\): line longer than 1048576 bytes \(no newline in 1114112 bytes\)/,
  );
  // it stopped after 1 MiB + one chunk (17 chunks of 64 KiB), not after reading all 4 MiB
  assert.equal(pushed, 16 * 65536);
  assert.equal(sc.bytes, head.length + 17 * 65536);

  // the limit is configurable; a long line that does end in a newline inside one chunk is caught too
  const line = v1Line({ id: 3, a1: "UK", a2: "CH", url: "http://a/" + "x".repeat(5000) });
  const buf = Buffer.from([v1Line({ id: 1 }), line, v1Line({ id: 2 })].join("\n") + "\n");
  const run = (max: number) => {
    const s = new GdeltStreamScanner({ file: "m", filter, onEvent: () => {}, maxLineBytes: max });
    s.push(buf);
    return s.end();
  };
  assert.throws(
    () => run(4096),
    (e: unknown) =>
      e instanceof DataError &&
      /^m \(row 2\): line longer than 4096 bytes \(\d+ bytes\)/.test(e.message),
  );
  assert.equal(run(8192).rowsRead, 3);
  // the same when the long line is the first one (layout detection) or arrives in small chunks
  const first = Buffer.from(line + "\n");
  for (const chunk of [first.length, 100]) {
    const s = new GdeltStreamScanner({ file: "f", filter, onEvent: () => {}, maxLineBytes: 4096 });
    assert.throws(
      () => {
        for (let i = 0; i < first.length; i += chunk) s.push(first.subarray(i, i + chunk));
        s.end();
      },
      (e: unknown) =>
        e instanceof DataError && /^f \(row 1\): line longer than 4096 bytes/.test(e.message),
      `chunk ${chunk}`,
    );
  }
});

test("scanFile and scanZip stop at a 4 MiB line without a newline", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gdelt-long-"));
  try {
    const data = Buffer.concat([
      Buffer.from(v1Line({ id: 1 }) + "\n"),
      Buffer.alloc(4 << 20, 0x42),
    ]);
    const plain = path.join(dir, "long.CSV");
    fs.writeFileSync(plain, data);
    const filter = makeEventFilter({ rule: "none" });
    const re = /\(row 2\): line longer than 1048576 bytes/;
    await assert.rejects(
      scanFile(plain, { file: "long.CSV", filter, onEvent: () => {} }),
      (e: unknown) => e instanceof DataError && re.test(e.message),
    );
    const zp = path.join(dir, "long.zip");
    fs.writeFileSync(zp, await makeZip([{ name: "20180105.export.CSV", data }]));
    await assert.rejects(
      scanZip(zp, { file: "long.zip", filter, onEvent: () => {} }),
      (e: unknown) =>
        e instanceof DataError &&
        /^long\.zip:20180105\.export\.CSV \(row 2\): line longer/.test(e.message),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a line split over hundreds of chunks (7-byte pieces of 3 KB lines) gives the same events as one buffer", () => {
  const lines = Array.from({ length: 50 }, (_, i) =>
    v1Line({ id: i + 1, a1: i % 2 ? "UK" : "JA", a2: "CH", url: "http://a/" + "y".repeat(3000) }),
  );
  const buf = Buffer.from(lines.join("\n") + "\n");
  const whole = scanBuffer(buf, buf.length, "none");
  const tiny = scanBuffer(buf, 7, "none");
  assert.deepEqual(tiny.events, whole.events);
  assert.equal(tiny.events.length, 50);
});
