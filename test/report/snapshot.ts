/**
 * Snapshot helper: compare text with test/report/snapshots/<name>; with
 * UPDATE_SNAPSHOTS=1 the file is (re)written instead. Review changed
 * snapshots in the diff before committing them.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function matchSnapshot(name: string, text: string): void {
  const file = join(__dirname, "snapshots", name);
  if (process.env.UPDATE_SNAPSHOTS === "1") {
    writeFileSync(file, text);
    return;
  }
  assert.ok(
    existsSync(file),
    `snapshot ${name} is missing: run with UPDATE_SNAPSHOTS=1 and review it`,
  );
  assert.equal(text, readFileSync(file, "utf8"), `output differs from snapshot ${name}`);
}
