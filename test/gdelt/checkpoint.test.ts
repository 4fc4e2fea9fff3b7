import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  writeFileAtomic,
  writeCheckpoint,
  readCheckpoint,
  listCheckpoints,
  sha256File,
  dirs,
  type Checkpoint,
} from "../../lib/gdelt/checkpoint";

test("a checkpoint counts only while its events file is intact", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "cp-"));
  try {
    for (const d of Object.values(dirs(out))) fs.mkdirSync(d, { recursive: true });
    const ev = path.join(out, "events", "20160101.events.tsv");
    writeFileAtomic(ev, "GLOBALEVENTID\n");
    assert.deepEqual(
      fs.readdirSync(path.join(out, "events")),
      ["20160101.events.tsv"],
      "no temp file left behind",
    );
    const cp: Checkpoint = {
      file: "20160101.export.CSV.zip",
      day: "20160101",
      md5: "x",
      zipBytes: 1,
      events: "events/20160101.events.tsv",
      eventsSha256: sha256File(ev),
      rule: "substring",
      allDyads: false,
      layout: "1.0-daily",
      rowsRead: 0,
      rowsKept: 0,
      dropped: {},
      completedAt: "2026-01-01T00:00:00Z",
    };
    writeCheckpoint(out, cp);
    assert.deepEqual(readCheckpoint(out, "20160101"), cp);
    assert.equal(readCheckpoint(out, "20160102"), undefined);
    fs.appendFileSync(ev, "x");
    const why: string[] = [];
    assert.equal(
      readCheckpoint(out, "20160101", (m) => why.push(m)),
      undefined,
    );
    assert.match(why[0], /does not match its SHA-256/);
    fs.rmSync(ev);
    assert.deepEqual(listCheckpoints(out), []);
    fs.writeFileSync(path.join(out, "checkpoints", "20160103.json"), "{ half");
    const why2: string[] = [];
    assert.deepEqual(
      listCheckpoints(out, (m) => why2.push(m)),
      [],
    );
    assert.ok(why2.some((m) => /unreadable checkpoint/.test(m)));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
