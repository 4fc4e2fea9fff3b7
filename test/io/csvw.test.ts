/**
 * lib/io/csvw.ts: the CSV on the Web sidecar, written out in full for a
 * hand-made table (W3C Metadata Vocabulary for Tabular Data: @context, url,
 * tableSchema.columns with name/titles/datatype, notes as dc:description),
 * datatype inference, column names a URI template accepts, and the pair of
 * files written by writeCsvWithMetadata.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  csvMetadata,
  csvMetadataText,
  inferDatatype,
  metadataPath,
  writeCsvWithMetadata,
  writerComment,
} from "../../lib/io/csvw";
import { readSidecar } from "../helpers/json";

test("the sidecar of a small table, in full", () => {
  const rows = [
    { term: "=x", estimate: -0.642, n: 104, ok: true, note: null },
    { term: "z", estimate: 2, n: 96, ok: false, note: "a" },
  ];
  const meta = csvMetadata("/some/where/t2.csv", rows, ["term", "estimate", "n", "ok", "note"], {
    title: "Table 2",
    notes: ["first note", "second note"],
    source: "npm run replicate",
    columns: { estimate: { description: "coefficient" }, n: { titles: "N" } },
    neutralized: 1,
  });
  assert.deepEqual(meta, {
    "@context": "http://www.w3.org/ns/csvw",
    url: "t2.csv",
    "dc:title": "Table 2",
    "dc:description": ["first note", "second note"],
    "dc:source": "npm run replicate",
    "rdfs:comment": writerComment({ neutralized: 1 }),
    tableSchema: {
      columns: [
        { name: "term", titles: "term", datatype: "string" },
        {
          name: "estimate",
          titles: "estimate",
          datatype: "number",
          "dc:description": "coefficient",
        },
        { name: "n", titles: "N", datatype: "integer" },
        { name: "ok", titles: "ok", datatype: "boolean" },
        { name: "note", titles: "note", datatype: "string" },
      ],
    },
  });
  assert.equal(
    writerComment({ neutralized: 1 }),
    "Plain CSV (RFC 4180, UTF-8): one header row, then data rows only; an empty field is a missing value; numbers rounded to 12 significant digits; " +
      "a text cell beginning with =, +, -, @, TAB or CR is written with a leading ' so that a spreadsheet shows it as text instead of running it as a formula (OWASP, CSV Injection); numbers are never changed; text cells of this file that carry the added ': 1.",
  );
  assert.match(
    writerComment({ digits: "shortest", neutralize: false, neutralized: 0 }),
    /shortest text that reads back to the same double; text cells are written as they are/,
  );
  // without notes, title or source those keys are absent (not empty)
  const bare = csvMetadata("a.csv", [[1]], ["a"], { neutralized: 0 });
  assert.deepEqual(Object.keys(bare), ["@context", "url", "rdfs:comment", "tableSchema"]);
  assert.equal(csvMetadataText(bare), JSON.stringify(bare, null, 2) + "\n");
});

test("datatypes: integers, numbers (mixed with integers), booleans, strings; missing values do not count", () => {
  assert.equal(inferDatatype([1, 2, null, undefined]), "integer");
  assert.equal(inferDatatype([1, 2.5]), "number");
  assert.equal(inferDatatype([2.5, 1, NaN]), "number");
  assert.equal(inferDatatype([BigInt(3)]), "integer");
  assert.equal(inferDatatype([true, null]), "boolean");
  assert.equal(inferDatatype([1, "a"]), "string");
  assert.equal(inferDatatype([null, null]), "string");
  assert.equal(inferDatatype([2 ** 60]), "number"); // not a safe integer
});

test("a header a URI template cannot take gets the name col<j> and keeps its text as titles; unknown column metadata is an error", () => {
  const meta = csvMetadata("x.csv", [["a", 1, 2]], ["", "(1)", "R²"], { neutralized: 0 });
  assert.deepEqual(
    meta.tableSchema.columns.map((c) => [c.name, c.titles]),
    [
      ["col1", ""],
      ["col2", "(1)"],
      ["col3", "R²"],
    ],
  );
  assert.throws(
    () => csvMetadata("x.csv", [], ["a"], { neutralized: 0, columns: { b: {} } }),
    /metadata for "b", which is not a column \(a\)/,
  );
});

test("writeCsvWithMetadata writes FILE.csv and FILE.csv-metadata.json, both complete, nothing else", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csvw-"));
  try {
    const f = path.join(dir, "out.csv");
    const w = writeCsvWithMetadata(
      f,
      [
        ["-y", -1.5],
        ["ok", 3],
      ],
      ["label", "value"],
      { notes: ["n1"] },
    );
    assert.equal(metadataPath(f), `${f}-metadata.json`);
    assert.deepEqual([w.csv, w.metadata], [f, `${f}-metadata.json`]);
    assert.equal(fs.readFileSync(f, "utf8"), "label,value\n'-y,-1.5\nok,3\n");
    const side = readSidecar(w.metadata);
    assert.deepEqual(side, w.meta);
    assert.deepEqual(side["dc:description"], ["n1"]);
    assert.deepEqual(
      side.tableSchema.columns.map((c) => c.datatype),
      ["string", "number"],
    );
    assert.match(side["rdfs:comment"], /carry the added ': 1\.$/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ["out.csv", "out.csv-metadata.json"]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
