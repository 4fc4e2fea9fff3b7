/**
 * `npm run data:verify [-- --data-dir DIR]`: check every raw file named in
 * data/sources.json against its SHA-256 and print one line per file that is
 * missing, changed, or not a file (a directory standing where it should be),
 * then the files under the data root that the manifest does not list
 * (provenance notes such as SOURCE.md aside), and a summary. Exits 1 if any
 * listed file is not OK; unknown extra files are listed but do not fail.
 * An expected failure is one line on stderr (lib/io/runScript.ts).
 */
import { resolveDataRoot } from "../lib/io/dataRoot";
import { optionValue } from "../lib/cli/args";
import { runScript } from "../lib/io/runScript";
import { manifest, unknownFiles, verifyAll } from "../lib/io/manifest";

void runScript(() => {
  const dataDir = optionValue(process.argv.slice(2), "--data-dir", "a folder");
  const root = resolveDataRoot({ dataDir });
  console.log(`data root: ${root.dir} (via ${root.via})`);
  const results = verifyAll({ dataDir });
  const bySource = new Map<string, { ok: number; bad: number }>();
  for (const r of results) {
    const src = manifest().files.find((f) => f.path === r.path)?.source ?? "?";
    const s = bySource.get(src) ?? { ok: 0, bad: 0 };
    if (r.status === "ok") s.ok++;
    else {
      s.bad++;
      if (r.status === "missing") console.log(`MISSING  ${r.path}  (expected at ${r.absPath})`);
      else if (r.status === "not-a-file")
        console.log(`NOTFILE  ${r.path}  is a directory (or not a regular file): ${r.absPath}`);
      else
        console.log(
          `CHANGED  ${r.path}  sha256 ${r.actual ?? "?"} != manifest ${r.expected ?? "none"}`,
        );
    }
    bySource.set(src, s);
  }
  for (const [src, s] of [...bySource].sort())
    console.log(`${s.bad ? "FAIL" : "OK  "}  ${src.padEnd(20)} ${s.ok}/${s.ok + s.bad} files`);
  const extra = unknownFiles({ dataDir });
  for (const f of extra) console.log(`UNKNOWN  ${f}  (not in data/sources.json)`);
  const bad = results.filter((r) => r.status !== "ok").length;
  console.log(
    (bad
      ? `${bad} of ${results.length} files missing, changed or not a file`
      : `all ${results.length} files OK`) +
      (extra.length ? `; ${extra.length} unknown file(s) in the data root` : "; no unknown files"),
  );
  process.exitCode = bad ? 1 : 0;
});
