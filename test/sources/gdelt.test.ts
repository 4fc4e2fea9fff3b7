import { test } from "node:test";
import assert from "node:assert/strict";
import {
  parseGdeltText,
  loadGdeltEvents,
  layoutByWidth,
  GDELT_SAMPLES,
  V1_DAILY_COLUMNS,
  V2_COLUMNS,
  V2_DESC_COLUMNS,
} from "../../lib/sources/gdelt";
import { DataError } from "../../lib/io/dataError";
import { v1Line, v2Line, descCsvLine } from "../helpers/gdeltRows";

test("layouts are told apart by field count", () => {
  assert.equal(layoutByWidth(57)?.name, "1.0-historic");
  assert.equal(layoutByWidth(58)?.name, "1.0-daily");
  assert.equal(layoutByWidth(61)?.name, "2.0");
  assert.equal(layoutByWidth(62), undefined);
});

test("a 1.0 daily row is typed field by field", () => {
  const text =
    v1Line({
      id: 7,
      date: 20170301,
      a1: "UK",
      a2: "CH",
      code: "0211",
      g: -2.5,
      m: 12,
      url: "http://x.org/5g",
    }) + "\n";
  const p = parseGdeltText(text, "mem.tsv");
  assert.equal(p.layout.name, "1.0-daily");
  assert.deepEqual(p.events[0], {
    GLOBALEVENTID: 7,
    SQLDATE: 20170301,
    year: 2017,
    Actor1Geo_CountryCode: "UK",
    Actor2Geo_CountryCode: "CH",
    EventCode: "0211",
    QuadClass: 1,
    GoldsteinScale: -2.5,
    NumMentions: 12,
    NumSources: 1,
    NumArticles: 12,
    AvgTone: -1.5,
    SOURCEURL: "http://x.org/5g",
  });
});

test("2.0 rows, a tab header, CRLF line ends and the 62-column CSV give the same event", () => {
  const spec = { id: 9, a1: "JA", a2: "CH", g: 3.4, m: 5, url: "http://y.org/huawei" };
  const a = parseGdeltText(v2Line(spec) + "\n", "a").events;
  const b = parseGdeltText(V2_COLUMNS.join("\t") + "\r\n" + v2Line(spec) + "\r\n", "b").events;
  const c = parseGdeltText(V2_DESC_COLUMNS.join(",") + "\n" + descCsvLine(spec) + "\n", "c").events;
  const d = parseGdeltText(V1_DAILY_COLUMNS.join("\t") + "\n" + v1Line(spec) + "\n", "d").events;
  assert.equal(a.length, 1);
  assert.deepEqual(b, a);
  assert.deepEqual(c, a);
  assert.deepEqual(d, a);
});

test("a row with the wrong column count is counted, or an error in strict mode", () => {
  const bad = v1Line({ id: 2 }).split("\t").slice(0, 40).join("\t");
  const text = [v1Line({ id: 1 }), bad, v1Line({ id: 3 })].join("\n") + "\n";
  const p = parseGdeltText(text, "w.tsv");
  assert.deepEqual(
    p.events.map((e) => e.GLOBALEVENTID),
    [1, 3],
  );
  assert.equal(p.report.rowsRead, 3);
  assert.deepEqual(p.report.dropped, { "wrong column count": 1 });
  assert.throws(
    () => parseGdeltText(text, "w.tsv", { strict: true }),
    (e: unknown) =>
      e instanceof DataError && /w\.tsv \(row 2\).*expected 58 fields.*found 40/.test(e.message),
  );
});

test("a malformed first line does not silently set the layout for the rest", () => {
  const first = v1Line({ id: 1 }).split("\t").slice(0, 57).join("\t");
  assert.throws(
    () => parseGdeltText([first, v1Line({ id: 2 }), v1Line({ id: 3 })].join("\n"), "m.tsv"),
    /m\.tsv: 2 of 3 rows do not have the 57 fields/,
  );
});

test("an unparsable value names file, line and column", () => {
  const text = v1Line({ id: 1 }) + "\n" + v1Line({ id: 2 }).replace("\t1.9\t", "\tx\t") + "\n";
  assert.throws(
    () => parseGdeltText(text, "v.tsv", { strict: true }),
    /v\.tsv \(row 2, column "GoldsteinScale"\): not a number: "x"/,
  );
  const p = parseGdeltText(text, "v.tsv");
  assert.deepEqual(p.report.dropped, { "unparsable value": 1 });
});

test("a file cut inside a quoted field drops the last row, or fails in strict mode", () => {
  const full =
    V2_DESC_COLUMNS.join(",") + "\n" + descCsvLine({ id: 1 }) + "\n" + descCsvLine({ id: 2 });
  const cut = full.slice(0, full.length - 30);
  const p = parseGdeltText(cut, "cut.csv");
  assert.equal(p.events.length, 1);
  assert.deepEqual(p.report.dropped, { "file ends inside a quoted field (truncated last row)": 1 });
  assert.throws(
    () => parseGdeltText(cut, "cut.csv", { strict: true }),
    /cut\.csv \(row 3\): file ends inside a quoted field/,
  );
});

test("a wrong header is an error naming the column", () => {
  const h = [...V2_DESC_COLUMNS];
  h[5] = "ActorOneCode";
  assert.throws(
    () => parseGdeltText(h.join(",") + "\n", "h.csv"),
    /column 6 is "ActorOneCode", expected "Actor1Code"/,
  );
});

test("real samples: row counts, layouts and quirks (gdelt/SOURCE.md)", () => {
  const want: Record<
    string,
    { layout: string; read: number; kept: number; dropped: Record<string, number> }
  > = {
    "gdelt/20191024143000.export.CSV": { layout: "2.0", read: 2111, kept: 2111, dropped: {} },
    "gdelt/20180326044500.export.CSV": { layout: "2.0", read: 1540, kept: 1540, dropped: {} },
    "gdelt/gdelt_2018_05_08.csv": {
      layout: "2.0+description",
      read: 4108,
      kept: 4107,
      dropped: { "file ends inside a quoted field (truncated last row)": 1 },
    },
    "gdelt/chn_20180105.csv": {
      layout: "2.0+description",
      read: 2305,
      kept: 2304,
      dropped: { "all-NA row": 1 },
    },
  };
  for (const f of GDELT_SAMPLES) {
    const r = loadGdeltEvents(f);
    assert.equal(r.layout.name, want[f].layout, f);
    assert.equal(r.report.rowsRead, want[f].read, f);
    assert.equal(r.report.rowsKept, want[f].kept, f);
    assert.deepEqual(r.report.dropped, want[f].dropped, f);
    assert.equal(r.table.numRows(), want[f].kept);
    assert.equal(r.report.sha256[0].length, 64);
  }
  const chn = loadGdeltEvents("gdelt/chn_20180105.csv");
  assert.ok(chn.report.notes.some((n) => n.startsWith("30 kept rows have a DATEADDED")));
  // first event of the 2019 slice, checked by eye against the raw line
  const e = loadGdeltEvents("gdelt/20191024143000.export.CSV").events[0];
  assert.equal(e.GLOBALEVENTID, 881990832);
  assert.equal(e.EventCode, "139");
  assert.equal(e.GoldsteinScale, -7);
  assert.equal(e.NumMentions, 3);
  assert.equal(e.Actor2Geo_CountryCode, "CA");
});
