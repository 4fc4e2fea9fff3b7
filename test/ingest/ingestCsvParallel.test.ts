/**
 * The parallel CSV read (lib/ingest/ingestCsvParallel.ts) gives exactly what the
 * sequential reader (lib/ingest/ingestCsv.ts) gives: every value bit for bit,
 * codes and levels in first-appearance order, missing counts, physical line
 * numbers, and the same first error with its file line. Tiny blocks and many
 * parts put cuts and block ends everywhere; `mainClaims: false` makes the
 * worker threads parse every part but the first.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { closeSync, openSync, rmSync, statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { ingestCsv, type IngestSpec, type IngestTable } from "../../lib/ingest/ingestCsv";
import {
  ingestCsvParallel,
  layout,
  parsePartOf,
  splitPoints,
  type CsvJob,
} from "../../lib/ingest/ingestCsvParallel";
import { readColumns } from "../../lib/ingest/ingest";
import { tempFiles } from "../helpers/tempFiles";

const { file } = tempFiles("ingest-par-");

const bytes = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** Everything a caller can see of the table, compared exactly. */
function assertSame(p: IngestTable, s: IngestTable, spec: IngestSpec): void {
  assert.equal(p.nrows, s.nrows);
  assert.deepEqual(p.header, s.header);
  assert.deepEqual(p.missing, s.missing);
  for (const c of spec.numeric ?? []) {
    assert.equal(p.numeric[c].length, s.numeric[c].length);
    assert.ok(bytes(p.numeric[c]).equals(bytes(s.numeric[c])), `numeric ${c} differs bit for bit`);
  }
  for (const c of spec.categorical ?? []) {
    assert.deepEqual(p.categorical[c].levels, s.categorical[c].levels, `levels of ${c}`);
    assert.ok(bytes(p.categorical[c].codes).equals(bytes(s.categorical[c].codes)), `codes of ${c}`);
  }
  for (let i = 0; i < s.nrows; i++)
    if (p.line(i) !== s.line(i)) assert.fail(`line(${i}): ${p.line(i)} != ${s.line(i)}`);
}

/** The sequential result or error message, and the parallel one, must agree. */
async function agree(
  f: string,
  spec: IngestSpec,
  threads: number,
  opts: { mainClaims?: boolean } = {},
): Promise<IngestTable | string> {
  let seq: IngestTable | string;
  try {
    seq = ingestCsv(f, spec, "t.csv");
  } catch (e) {
    seq = (e as Error).message;
    assert.equal((e as Error).name, "DataError");
  }
  let par: IngestTable | string;
  try {
    par = await ingestCsvParallel(f, spec, "t.csv", threads, opts);
  } catch (e) {
    par = (e as Error).message;
    assert.equal((e as Error).name, "DataError", par);
  }
  if (typeof seq === "string" || typeof par === "string") assert.equal(par, seq);
  else assertSame(par, seq, spec);
  return seq;
}

/**
 * A panel with what a later part may hold: CRLF, empty lines, quoted fields
 * with delimiters, doubled quotes and line breaks, levels first seen late,
 * missing tokens, padded cells, numbers off the fast path, no final LF.
 */
function panel(rows: number, crlf: boolean, finalLf: boolean): string {
  const nl = crlf ? "\r\n" : "\n";
  const out = ["id,t,y,x,note,unused"];
  for (let i = 0; i < rows; i++) {
    const id = i < rows / 2 ? `u${i % 7}` : `v${(i * 13) % 29}`;
    const t = i % 9 === 4 ? "NA" : String(i % 11);
    const y = [
      String(i * 0.37),
      `${i}e-3`,
      "12345678901234567890",
      "-0",
      ` ${i} `,
      "1.7976931348623157e308",
      `${i}.`,
    ][i % 7];
    const x = i % 10 === 3 ? "" : i % 10 === 6 ? "." : i % 13 === 0 ? "NA" : (i * 1.1).toFixed(2);
    const note = i % 17 === 5 ? `"two${nl}lines, ""q"""` : i % 5 === 0 ? `"a,b"` : `n${i % 3}`;
    out.push(`${id},${t},${y},${x},${note},z`);
    if (i % 23 === 11) out.push("");
  }
  return out.join(nl) + (finalLf ? nl : "");
}
const spec: IngestSpec = { numeric: ["y", "x"], categorical: ["id", "t", "note"] };

test("parallel == sequential: many parts and tiny blocks, CRLF, empty lines, quoted line breaks, late levels, no final LF", async () => {
  for (const [crlf, finalLf] of [
    [false, true],
    [true, false],
  ] as const) {
    const f = file(panel(600, crlf, finalLf));
    for (const [parts, blockSize] of [
      [2, undefined],
      [7, 64],
      [40, 16],
      [300, 33],
    ] as const) {
      const t = await agree(f, { ...spec, parallelParts: parts, blockSize }, 1);
      assert.ok(typeof t !== "string" && t.nrows === 600);
    }
  }
  // The values are the ones written (a spot check that both readers are right, not just equal).
  const t = ingestCsv(file(panel(40, true, false)), spec);
  assert.deepEqual([t.numeric.y[0], t.numeric.y[2], t.numeric.y[4]], [0, 12345678901234567168, 4]); // 12345678901234567890 as the nearest double
  assert.deepEqual(t.categorical.note.levels.slice(0, 3), ["a,b", "n1", "n2"]);
});

test("worker threads parse the later parts: same columns, levels, lines; rows and buffers come back whole", async () => {
  const f = file(panel(900, true, true));
  await agree(f, { ...spec, parallelParts: 12, blockSize: 128 }, 3, { mainClaims: false });
  await agree(f, { ...spec, parallelParts: 5 }, 2, { mainClaims: false });
  // Parts that outgrow their room: lines are estimated from 64 KiB samples at
  // the cuts, here of long lines, while the rest holds short ones. With 2
  // parts the rows no longer fit (columns concatenated into new arrays); with
  // 3, the second part outgrows its room but fits below the third's (moved in
  // place). A column is both numeric and categorical.
  const long = (i: number) => `${i},${i % 3},${"w".repeat(1000)}\n`;
  const text =
    "a,b,c\n" +
    Array.from({ length: 100 }, (_, i) => long(i)).join("") +
    "3,4,z\n".repeat(30000) +
    Array.from({ length: 70 }, (_, i) => long(i)).join("");
  const f2 = file(text);
  for (const parts of [2, 3])
    await agree(f2, { numeric: ["a", "b"], categorical: ["a"], parallelParts: parts }, 2, {
      mainClaims: false,
    });
});

test("readColumns reads in parallel above parallelMinBytes, with the sequential result", async () => {
  const f = file(panel(300, false, true));
  const s = ingestCsv(f, spec, "t.csv");
  const seen: number[] = [];
  const p = await readColumns(
    f,
    {
      ...spec,
      parallelMinBytes: 0,
      threads: 2,
      parallelParts: 6,
      blockSize: 50,
      onProgress: (d) => seen.push(d),
    },
    "t.csv",
  );
  assertSame(p, s, spec);
  // Progress counts the bytes of every part once: it ends at the file size.
  assert.equal(seen[seen.length - 1], statSync(f).size);
  assert.ok(seen.every((d) => d <= statSync(f).size));
});

test("errors in a later part: the sequential reader's first error, with the file line", async () => {
  const body = panel(400, false, true).split("\n");
  const at = (line: number, text: string) => {
    const b = body.slice();
    b[line - 1] = text;
    return b.join("\n");
  };
  const cases: [string, RegExp][] = [
    [at(350, "u1,3,0x10,1,n,z"), /^t\.csv \(row \d+, column "y"\): not a number: "0x10"/],
    [at(380, "u1,3,1,2"), /\(row \d+\): expected 6 fields, found 4/],
    [at(300, 'u1,3,1,2,n"q,z'), /a quote inside unquoted field 5/],
    [body.join("\n") + 'u1,3,1,2,"open,z\n', /unclosed quoted field at the end of the file/],
    // Two errors: the first in file order wins.
    [at(390, "u1,3,abc,1,n,z").replace("\nu", "\nu,1\nu"), /expected 6 fields, found 2/],
  ];
  for (const [text, re] of cases) {
    const f = file(text);
    for (const [parts, threads, mainClaims] of [
      [9, 1, true],
      [6, 2, false],
    ] as const) {
      const msg = await agree(f, { ...spec, parallelParts: parts, blockSize: 40 }, threads, {
        mainClaims,
      });
      assert.ok(
        typeof msg === "string" && re.test(msg),
        `${typeof msg === "string" ? msg : "a table"} ~ ${re.source}`,
      );
    }
  }
  // The reported line is the physical line (earlier parts hold empty lines and quoted line breaks).
  const lines = panel(400, false, true).split("\n");
  const bad = lines.length - 20;
  lines[bad - 1] = "u1,3,1e400,1,n,z";
  const msg = await agree(file(lines.join("\n")), { ...spec, parallelParts: 8 }, 2, {
    mainClaims: false,
  });
  assert.equal(
    msg,
    `t.csv (row ${bad}, column "y"): not a finite number: "1e400" (overflows a double)`,
  );
});

test("invalid UTF-8: reported in file order whatever the block size or cut", async () => {
  const head = "u,x\n" + "A,1\n".repeat(100);
  // A number error on line 50 comes before an invalid byte on line 90, also in one block.
  const text = Buffer.concat([
    Buffer.from(head.replace(/(A,1\n){50}$/, "") + "A,zz\n" + "A,1\n".repeat(39)),
    Buffer.from([0x4d, 0xfc]),
    Buffer.from(",2\n" + "A,1\n".repeat(30)),
  ]);
  const f = file(text);
  for (const blockSize of [undefined, 16, 1000]) {
    assert.throws(
      () => ingestCsv(f, { numeric: ["x"], categorical: ["u"], blockSize }, "t.csv"),
      /^DataError: t\.csv \(row 52, column "x"\): not a number: "zz"$|t\.csv \(row 52, column "x"\): not a number: "zz"/,
    );
    await agree(f, { numeric: ["x"], categorical: ["u"], blockSize, parallelParts: 5 }, 2, {
      mainClaims: false,
    });
  }
  const only = file(
    Buffer.concat([
      Buffer.from(head),
      Buffer.from([0xc0, 0xaf]),
      Buffer.from(",2\n" + "A,1\n".repeat(30)),
    ]),
  );
  const msg = await agree(only, { numeric: ["x"], categorical: ["u"], parallelParts: 6 }, 1);
  assert.equal(
    msg,
    "t.csv (row 102): invalid UTF-8 (bytes 0xC0 0xAF 0x2C 0x32); the file is not UTF-8. Convert it (e.g. iconv -f latin1 -t utf-8)",
  );
});

test("a quoted line break across a cut: detected, and the file is read again sequentially", async () => {
  // 200 data lines, then one quoted field of 300 line breaks in the middle of the file.
  const rows = Array.from({ length: 200 }, (_, i) => `${i},${i % 4},x`);
  const inner = Array.from({ length: 300 }, (_, i) => `${i},${i},y`).join("\n");
  const text = `a,b,c\n${rows.join("\n")}\n7,7,"${inner}"\n${rows.join("\n")}\n`;
  const f = file(text);
  const fd = openSync(f, "r");
  const { bounds } = splitPoints(fd, 6, statSync(f).size, 2);
  closeSync(fd);
  const open = text.indexOf('"'),
    close = text.lastIndexOf('"');
  assert.ok(bounds[1] > open && bounds[1] < close, "the cut falls inside the quoted field");
  const s = ingestCsv(f, { numeric: ["a", "b"], categorical: ["c"] }, "t.csv");
  assert.equal(s.nrows, 401);
  assert.equal(s.line(200), 501); // the record ends on the line of its closing quote
  // The first part says it ends inside a quoted field.
  const spec3: IngestSpec = { numeric: ["a", "b"], categorical: ["c"] };
  const job: CsvJob = {
    path: f,
    name: "t.csv",
    spec: spec3,
    header: ["a", "b", "c"],
    size: statSync(f).size,
    bounds,
    claim: new SharedArrayBuffer(4),
    progress: new SharedArrayBuffer(16),
    slot: 0,
    out: layout(spec3, [1000, 1000]),
  };
  const fd2 = openSync(f, "r");
  const p0 = parsePartOf(fd2, job, 0, undefined, () => {});
  const p1 = parsePartOf(fd2, job, 1, undefined, () => {});
  closeSync(fd2);
  assert.deepEqual([p0.part.straddle, p0.part.error, p0.part.n], [true, undefined, 200]);
  assert.equal(p1.part.straddle, false);
  for (const mainClaims of [true, false]) {
    const p = await ingestCsvParallel(
      f,
      { numeric: ["a", "b"], categorical: ["c"], parallelParts: 2 },
      "t.csv",
      2,
      { mainClaims },
    );
    assertSame(p, s, { numeric: ["a", "b"], categorical: ["c"] });
  }
});

test("a worker that crashes or exits rejects the read with a clear error (and nothing hangs)", async () => {
  const f = file(panel(300, false, true));
  // The fake worker has claimed part 1 (as a real one would) and then fails.
  const failing = (code: string) => (job: CsvJob) => {
    Atomics.add(new Int32Array(job.claim), 0, 1);
    return new Worker(code, { eval: true });
  };
  await assert.rejects(
    ingestCsvParallel(f, { ...spec, parallelParts: 4 }, "t.csv", 2, {
      spawn: failing('throw new Error("boom")'),
    }),
    /^Error: CSV reader thread 1 failed while reading t\.csv: boom$|CSV reader thread 1 failed while reading t\.csv: boom/,
  );
  await assert.rejects(
    ingestCsvParallel(f, { ...spec, parallelParts: 4 }, "t.csv", 2, {
      spawn: failing("process.exit(3)"),
    }),
    /CSV reader thread 1 stopped \(exit code 3\) while reading t\.csv/,
  );
});

test("property: parallel == sequential on random small CSVs (result or first error)", async () => {
  const cell = fc.oneof(
    fc.constantFrom(
      "",
      "NA",
      ".",
      " 1 ",
      "-0",
      "1e5",
      "0x1",
      "abc",
      'x"y',
      '"q,1"',
      '"l\nb"',
      '"d""q"',
      "é",
    ),
    fc.integer({ min: -50, max: 50 }).map(String),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  );
  const row = fc.array(cell, { minLength: 3, maxLength: 3 });
  const csv = fc.record({
    rows: fc.array(
      fc.oneof(
        { weight: 8, arbitrary: row },
        { weight: 1, arbitrary: fc.constant([] as string[]) },
      ),
      { maxLength: 40 },
    ),
    crlf: fc.boolean(),
    finalLf: fc.boolean(),
    parts: fc.integer({ min: 2, max: 12 }),
    blockSize: fc.integer({ min: 8, max: 200 }),
  });
  await fc.assert(
    fc.asyncProperty(csv, async ({ rows, crlf, finalLf, parts, blockSize }) => {
      const nl = crlf ? "\r\n" : "\n";
      const text = ["a,b,c", ...rows.map((r) => r.join(","))].join(nl) + (finalLf ? nl : "");
      const f = file(text);
      await agree(
        f,
        { numeric: ["a"], categorical: ["b", "c"], parallelParts: parts, blockSize },
        1,
      );
      rmSync(f);
    }),
    { numRuns: 300 },
  );
});
