import { test } from "node:test";
import assert from "node:assert/strict";
import { ByteProgress, durationText, progressLine } from "../../lib/gdelt/progress";

test("ETA by bytes: in-flight remainders plus files not started at the mean known size, over the byte rate", () => {
  const t0 = 1_000_000;
  const p = new ByteProgress(4, t0);
  assert.equal(p.snapshot(t0).etaSec, undefined, "nothing known yet");
  p.start("a");
  p.response("a", 100e6); // a: 100 MB
  p.bytes("a", 20e6);
  p.start("b");
  p.response("b", 300e6); // b: 300 MB
  p.bytes("b", 30e6);
  // after 10 s: 50 MB received -> 5 MB/s; left: 80 + 270 (in flight) + 2 x 200 (mean of 100 and 300) = 750 MB -> 150 s
  let s = p.snapshot(t0 + 10_000);
  assert.equal(s.bytesDone, 50e6);
  assert.equal(s.bytesTotal, 800e6);
  assert.equal(s.rate, 5e6);
  assert.equal(s.etaSec, 150);
  // a file-count ETA would say 4 files, 0 done -> unknown; and after a finishes it would say 3 x the time of a.
  p.bytes("a", 80e6);
  p.finish("a", true);
  // after 20 s: 130 MB received -> 6.5 MB/s; left: 270 + 2 x 200 = 670 MB -> 103.08 s
  s = p.snapshot(t0 + 20_000);
  assert.deepEqual([s.filesDone, s.bytesDone, s.bytesTotal], [1, 130e6, 800e6]);
  assert.ok(Math.abs(s.etaSec! - 670 / 6.5) < 1e-9);
  // b is retried: its bytes start again from zero (the rate still counts what was received)
  p.response("b", 300e6);
  s = p.snapshot(t0 + 20_000);
  assert.deepEqual([s.bytesDone, s.bytesTotal], [100e6, 800e6]);
  assert.ok(Math.abs(s.etaSec! - 700 / 6.5) < 1e-9);
  // b fails: it leaves the estimate; c has no Content-Length (the mean stands in for it)
  p.finish("b", false);
  p.start("c");
  p.response("c", undefined);
  p.bytes("c", 50e6);
  s = p.snapshot(t0 + 36_000); // 180 MB in 36 s = 5 MB/s; left: (200 - 50) + 1 x 200 = 350 MB -> 70 s
  assert.deepEqual(
    [s.filesDone, s.failed, s.bytesDone, s.bytesTotal, s.rate, s.etaSec],
    [2, 1, 150e6, 500e6, 5e6, 70],
  );
  assert.equal(
    progressLine(s, 12),
    "gdelt fetch: 2/4 files, 150.0 MB of ~500.0 MB (30.0%), 5.0 MB/s, ETA 1m10s, kept 12, failed 1, 36s elapsed",
  );
});

test("duration text", () => {
  assert.equal(durationText(undefined), "?");
  assert.equal(durationText(40), "40s");
  assert.equal(durationText(180), "3m00s");
  assert.equal(durationText(3652), "1h00m");
  assert.equal(durationText(Infinity), "?");
});
