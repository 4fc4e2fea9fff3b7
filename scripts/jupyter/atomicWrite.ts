/**
 * Write a file so that readers see either the old content or the new one,
 * never half of it: write `<file>.tmp-<pid>` in the same folder, then rename
 * (atomic on POSIX file systems within one folder).
 *
 * The team's shared writer is `writeFileAtomic` of lib/io/csvWrite.ts; this
 * copy keeps scripts/jupyter usable before that module lands and does the same.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function writeAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
