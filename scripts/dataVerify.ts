/**
 * `npm run data:verify [-- --data-dir DIR]`: check every raw file named in
 * data/sources.json against its SHA-256 and print one line per file that is
 * missing or changed (and a summary). Exits 1 if any file is not OK.
 */
import { dataDirFromArgv, resolveDataRoot } from "../lib/dataRoot";
import { manifest, verifyAll } from "../lib/manifest";

const dataDir = dataDirFromArgv(process.argv.slice(2));
const root = resolveDataRoot({ dataDir });
console.log(`data root: ${root.dir} (via ${root.via})`);
const results = verifyAll({ dataDir });
const bySource = new Map<string, { ok: number; bad: number }>();
for (const r of results) {
  const src = manifest().files.find((f) => f.path === r.path)!.source;
  const s = bySource.get(src) ?? { ok: 0, bad: 0 };
  if (r.status === "ok") s.ok++;
  else {
    s.bad++;
    if (r.status === "missing") console.log(`MISSING  ${r.path}  (expected at ${r.absPath})`);
    else console.log(`CHANGED  ${r.path}  sha256 ${r.actual} != manifest ${r.expected}`);
  }
  bySource.set(src, s);
}
for (const [src, s] of [...bySource].sort()) console.log(`${s.bad ? "FAIL" : "OK  "}  ${src.padEnd(20)} ${s.ok}/${s.ok + s.bad} files`);
const bad = results.filter((r) => r.status !== "ok").length;
console.log(bad ? `${bad} of ${results.length} files missing or changed` : `all ${results.length} files OK`);
process.exit(bad ? 1 : 0);
