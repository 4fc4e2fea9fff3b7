/**
 * A temporary folder for one test file, removed when the process exits, and
 * a writer of numbered files in it (`f0.csv`, `f1.csv`, … by default).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function tempFiles(
  prefix: string,
  ext = ".csv",
): { dir: string; file: (content: string | Buffer) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  let k = 0;
  const file = (content: string | Buffer): string => {
    const f = join(dir, `f${k++}${ext}`);
    writeFileSync(f, content);
    return f;
  };
  return { dir, file };
}
