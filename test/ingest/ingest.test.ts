/**
 * The ingest front: CSV/Parquet dispatch, header-only files, complete cases
 * counted by reason, duplicate (unit, time) keys, and Parquet read through
 * DuckDB giving the same columns as the CSV of the same table.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  completeCases,
  describeDuplicateKeys,
  findDuplicateKeyCodes,
  readColumns,
} from "../../lib/ingest/ingest";

const dir = mkdtempSync(join(tmpdir(), "ingest-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
const csv = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const cat = (levels: string[], codes: number[]) => ({ levels, codes: Int32Array.from(codes) });

test("a header-only file: no data rows in FILE", async () => {
  await assert.rejects(
    readColumns(csv("h.csv", "u,t,y\n"), { numeric: ["y"] }, "h.csv"),
    /^Error: h\.csv: no data rows in h\.csv \(only a header\)$|h\.csv: no data rows in h\.csv/,
  );
});

test("complete cases: dropped rows counted by the first missing column, in the order given", () => {
  const y = Float64Array.from([1, NaN, 3, NaN, 5, 6]);
  const x = Float64Array.from([1, 2, NaN, NaN, 5, 6]);
  const u = Int32Array.from([0, 0, 1, 1, -1, 2]);
  const cc = completeCases(
    [
      { name: "y", values: y },
      { name: "x", values: x },
      { name: "u", codes: u },
    ],
    6,
  );
  assert.deepEqual(Array.from(cc.rows), [0, 5]);
  assert.deepEqual(cc.dropped, { "missing y": 2, "missing x": 1, "missing u": 1 });
});

test("duplicate keys: counted, the first ones named with the earlier row; both search paths agree", () => {
  const u = cat(["A", "B"], [0, 0, 1, 1, 0, 1, -1, 0]);
  const t = cat(["1", "2"], [0, 1, 0, 1, 1, 0, 0, -1]);
  for (const bitmapMax of [1 << 28, 0]) {
    const d = findDuplicateKeyCodes(u, t, 3, bitmapMax);
    assert.equal(d.count, 2);
    assert.deepEqual(d.first, [
      { row: 4, earlier: 1 },
      { row: 5, earlier: 2 },
    ]);
  }
  const msg = describeDuplicateKeys(
    {
      file: "p.csv",
      format: "csv",
      header: [],
      nrows: 8,
      numeric: {},
      categorical: { u, t },
      missing: {},
      line: (i) => i + 2,
      bytes: 0,
    },
    ["u", "t"],
    findDuplicateKeyCodes(u, t),
  );
  assert.equal(
    msg,
    "2 rows repeat an earlier (u, t) key: (A, 2) on lines 3 and 6; (B, 1) on lines 4 and 7",
  );
  assert.equal(findDuplicateKeyCodes(cat(["A"], [0]), cat(["1"], [0])).count, 0);
});

test("Parquet: same columns as the CSV; NULL is missing; text y, NaN and duplicate names refused", async () => {
  const text = "u,t,y,x\nA,1,1.5,2\nA,2,NA,3\nB,1,-0.25,1e-3\nB,2,4,5\n";
  const f = csv("p.csv", text);
  const pq = join(dir, "p.parquet");
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  await con.run(
    `COPY (SELECT * FROM read_csv('${f}', nullstr = 'NA', types = {'y': 'DOUBLE', 'x': 'DOUBLE', 't': 'INTEGER'})) TO '${pq}' (FORMAT parquet)`,
  );
  await con.run(`COPY (SELECT 'A' AS u, 'x' AS y) TO '${join(dir, "s.parquet")}' (FORMAT parquet)`);
  await con.run(
    `COPY (SELECT 'A' AS u, 'nan'::DOUBLE AS y UNION ALL SELECT 'B', 1) TO '${join(dir, "n.parquet")}' (FORMAT parquet)`,
  );
  con.closeSync();
  inst.closeSync();
  const spec = { numeric: ["y", "x"], categorical: ["u", "t"] };
  const a = await readColumns(f, spec);
  const b = await readColumns(pq, spec, "p.parquet");
  assert.equal(b.format, "parquet");
  assert.deepEqual(Array.from(b.numeric.y), Array.from(a.numeric.y));
  assert.deepEqual(Array.from(b.numeric.x), Array.from(a.numeric.x));
  assert.deepEqual(Array.from(b.categorical.u.codes), Array.from(a.categorical.u.codes));
  assert.deepEqual(b.categorical.t.levels, ["1", "2"]);
  assert.deepEqual(b.missing, { y: 1, x: 0, u: 0, t: 0 });
  await assert.rejects(
    readColumns(join(dir, "s.parquet"), { numeric: ["y"] }, "s.parquet"),
    /^DataError: s\.parquet \(column "y"\): column "y" has type VARCHAR; a numeric column is needed$|s\.parquet \(column "y"\): column "y" has type VARCHAR/,
  );
  await assert.rejects(
    readColumns(join(dir, "n.parquet"), { numeric: ["y"] }, "n.parquet"),
    /n\.parquet \(row 1, column "y"\): not a finite number: NaN/,
  );
  await assert.rejects(
    readColumns(join(dir, "p.parquet"), { numeric: ["nope"] }, "p.parquet"),
    /missing required column "nope" \(header has: u, t, y, x\)/,
  );
  await assert.rejects(
    readColumns(csv("fake.parquet", "not parquet"), { numeric: ["y"] }, "fake.parquet"),
    /fake\.parquet: not a readable Parquet file/,
  );
});

// Issue 19: one missing-value rule for both CSV readers, one rule for numbers as keys.
test("a numeric missing-value token is missing on the fast path too, quoted or not, as in lib/io/csv.ts", async () => {
  const { parseCsvText, num } = await import("../../lib/io/csv");
  const text = 'u,t,y\nA,1,-99\nA,2,"-99"\nB,1, -99 \nB,2,5\n';
  const t = await readColumns(
    csv("na.csv", text),
    { numeric: ["y"], categorical: ["u", "t"], na: ["-99"] },
    "na.csv",
  );
  assert.deepEqual(Array.from(t.numeric.y), [NaN, NaN, NaN, 5]);
  assert.equal(t.missing.y, 3);
  const c = parseCsvText(text, "na.csv");
  assert.deepEqual(
    c.rows.map((_, i) => num(c, i, "y", { na: ["-99"] })),
    [null, null, null, 5],
  );
});

test("numbers as keys: 1 = 1.0 = 01 and 2003 = 2003.0 are one level (noted), text keys untouched", async () => {
  const t = await readColumns(
    csv("k.csv", "u,t,y\n1,2003,1\n1.0,2004,2\n2,2003.0,3\n02,2004,4\nA,2003,5\nA ,2004,6\n"),
    { numeric: ["y"], categorical: ["u", "t"] },
    "k.csv",
  );
  assert.deepEqual(t.categorical.u.levels, ["1", "2", "A"]);
  assert.deepEqual(Array.from(t.categorical.u.codes), [0, 0, 1, 1, 2, 2]);
  assert.deepEqual(t.categorical.t.levels, ["2003", "2004"]);
  assert.deepEqual(Array.from(t.categorical.t.codes), [0, 1, 0, 1, 0, 1]);
  assert.ok(
    t.notes?.some((n) => n.includes('"1" = "1.0"')),
    JSON.stringify(t.notes),
  );
  // so a duplicate (unit, time) key written two ways is found
  const d = await readColumns(
    csv("kd.csv", "u,t,y\n1,2003,1\n1.0,2003.0,2\n"),
    { numeric: ["y"], categorical: ["u", "t"] },
    "kd.csv",
  );
  assert.equal(findDuplicateKeyCodes(d.categorical.u, d.categorical.t).count, 1);
});

test("Parquet: int64 ids above 2^53 stay distinct; STRUCT and LIST columns before the used ones; text is never a number", async () => {
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  const nested = join(dir, "nested.parquet");
  // Synthetic (labelled): 10 ids 2^53 + 1 … 2^53 + 10 (as doubles they would collapse to 6 values).
  await con.run(
    `COPY (SELECT {'a': i, 'b': 'x'} AS s, [i, i + 1] AS l, 9007199254740992::BIGINT + 1 + (i % 10) AS id, ` +
      `(i % 3)::INTEGER AS t, i::DOUBLE AS y, (i * 0.5)::DOUBLE AS x2, '1_000' AS txt FROM range(40) r(i)) TO '${nested}' (FORMAT parquet)`,
  );
  con.closeSync();
  inst.closeSync();
  const t = await readColumns(
    nested,
    { numeric: ["y", "x2"], categorical: ["id", "t"] },
    "nested.parquet",
  );
  assert.deepEqual(t.header, ["s", "l", "id", "t", "y", "x2", "txt"]);
  assert.equal(t.categorical.id.levels.length, 10);
  assert.equal(t.categorical.id.levels[0], "9007199254740993");
  assert.equal(t.numeric.x2[3], 1.5);
  await assert.rejects(
    readColumns(nested, { numeric: ["txt"] }, "nested.parquet"),
    /nested\.parquet \(column "txt"\): column "txt" has type VARCHAR; a numeric column is needed/,
  );
  await assert.rejects(
    readColumns(nested, { numeric: ["s"] }, "nested.parquet"),
    /column "s" has type STRUCT\(a BIGINT, b VARCHAR\); a numeric column is needed/,
  );
});

test("Parquet: what a flipped byte does (documented in lib/ingest/ingestParquet.ts)", async () => {
  const { readFileSync } = await import("node:fs");
  const inst = await DuckDBInstance.create(":memory:");
  const con = await inst.connect();
  const f = join(dir, "flip.parquet");
  await con.run(
    `COPY (SELECT i::DOUBLE * 1.25 AS y FROM range(8) r(i)) TO '${f}' (FORMAT parquet, COMPRESSION uncompressed)`,
  );
  con.closeSync();
  inst.closeSync();
  const bytes = readFileSync(f);
  // The footer is framed: a flipped magic byte makes the file unreadable.
  const tail = Buffer.from(bytes);
  tail[tail.length - 1] ^= 0xff;
  writeFileSync(join(dir, "flip-tail.parquet"), tail);
  await assert.rejects(
    readColumns(join(dir, "flip-tail.parquet"), { numeric: ["y"] }, "flip-tail.parquet"),
    /not a readable Parquet file/,
  );
  // A flipped byte inside a plain-encoded value (8.75 = 7 x 1.25, stored as its 8 IEEE bytes) is not detected: no page checksum.
  const v = Buffer.alloc(8);
  v.writeDoubleLE(8.75);
  const at = bytes.indexOf(v);
  assert.ok(at > 0);
  const mid = Buffer.from(bytes);
  mid[at + 7] ^= 0x01;
  writeFileSync(join(dir, "flip-mid.parquet"), mid);
  const t = await readColumns(
    join(dir, "flip-mid.parquet"),
    { numeric: ["y"] },
    "flip-mid.parquet",
  );
  assert.notEqual(t.numeric.y[7], 8.75);
});
