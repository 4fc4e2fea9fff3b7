/**
 * bin/kernelSnapshot.js and bin/kernelStart.js: the kernel's startup snapshot
 * (tslab's TypeScript with the declaration files a notebook sees already
 * parsed and bound). A kernel started from it, after its warm-up cells
 * (bin/tslab.js WARM_CELLS), converts every code cell of notebooks 03 and 08
 * and the edge cells exactly as one started without it,
 * while taking its declaration files from the snapshot; a file whose text or
 * compiler options differ is parsed afresh; a snapshot made by another Node,
 * from another TypeScript, or for another folder is not used, and the reason
 * is given. Each kernel here is a fresh process: a snapshot is only ever
 * read when a process starts.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../lib/io/dataRoot";
import { freshKernel } from "../../bin/bundle";
import {
  askSnapshotFirst,
  checkKernelSnapshot,
  kernelSnapshotPath,
  recordPath,
  type SnapshotRecord,
} from "../../bin/kernelSnapshot";
import { kernelStart } from "../../bin/kernelStart";
import { TYPESCRIPT } from "../../bin/typescriptCodeCache";
import { ensureKernelBuild } from "../../scripts/jupyter/kernel";
import { codeCells, EDGE_CELLS } from "../helpers/converters";

ensureKernelBuild();
const dir = freshKernel(REPO_ROOT).dir ?? "";
const blob = kernelSnapshotPath(REPO_ROOT);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kernel-snapshot-"));

/**
 * A kernel's first steps in a fresh process, started from `snapshot` or not,
 * in `cwd`: take TypeScript as bin/tslab.js does, convert `cells` in order
 * with the changed converter (from the snapshot after the kernel's warm-up
 * cells, as bin/tslab.js does), print the results and the store's counts.
 */
const CHILD = `
const [bin, cellsFile] = process.argv.slice(2);
const { useKernelSnapshot, STORE } = require(bin + "/kernelSnapshot.js");
const tc = require(bin + "/typescriptCodeCache.js");
const use = useKernelSnapshot(tc.TYPESCRIPT);
if (!use.used) tc.loadTypeScript();
const { loadConverter, warmConverter } = require(bin + "/tslab.js");
const conv = loadConverter(true).module.exports.createConverter({ isJS: false, isBrowser: false });
if (use.used) warmConverter(conv); // as the kernel does when started from the snapshot
const results = [];
let decl = "";
for (const src of JSON.parse(require("fs").readFileSync(cellsFile, "utf8"))) {
  const r = conv.convert(decl, src);
  results.push(r);
  decl = r.declOutput ?? decl;
}
conv.close();
const store = globalThis[STORE];
const counts = store && { files: store.files.size, taken: store.taken, refused: store.refused };
process.stdout.write(JSON.stringify({ use, counts, results }));
`;
const childFile = path.join(tmp, "child.cjs");
fs.writeFileSync(childFile, CHILD);

interface ChildOut {
  use: { used: boolean; why: string };
  counts?: { files: number; taken: number; refused: number };
  results: unknown[];
}

function kernel(cells: readonly string[], opts: { snapshot: boolean; cwd?: string }): ChildOut {
  const cellsFile = path.join(tmp, `cells-${String(Math.random()).slice(2)}.json`);
  fs.writeFileSync(cellsFile, JSON.stringify(cells));
  const args = [childFile, path.join(REPO_ROOT, "bin"), cellsFile];
  const r = spawnSync(process.execPath, opts.snapshot ? ["--snapshot-blob", blob, ...args] : args, {
    cwd: opts.cwd ?? dir,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ChildOut;
}

test("ensureKernelBuild writes a snapshot that fits this Node, TypeScript and dist/kernel/", () => {
  assert.ok(dir, "dist/kernel/ is fresh after ensureKernelBuild");
  const c = checkKernelSnapshot(blob, TYPESCRIPT, dir);
  assert.ok(c.ok, c.why);
  const record = c.record as SnapshotRecord;
  assert.equal(record.node, process.version);
  assert.equal(record.cwd, dir);
  assert.equal(record.bytes, fs.statSync(blob).size);
  // lib.es2022 and Node's types (about 100 files) and the library's front door with what it imports
  assert.ok(record.files > 300, `${record.files} declaration files`);
});

for (const [what, cells] of [
  ["notebook 03", codeCells(path.join(REPO_ROOT, "notebooks", "03-political-identity.ipynb"))],
  ["notebook 08", codeCells(path.join(REPO_ROOT, "notebooks", "08-hypotheses.ipynb"))],
  ["the edge cells", EDGE_CELLS],
] as const) {
  test(`${what}: the same converter results with and without the snapshot, files taken from it`, () => {
    const from = kernel(cells, { snapshot: true });
    const without = kernel(cells, { snapshot: false });
    assert.equal(from.use.used, true, from.use.why);
    assert.deepEqual(without.use, { used: false, why: "" }, "nothing to report without a snapshot");
    assert.equal(without.counts, undefined, "no store without the snapshot");
    assert.equal(from.results.length, cells.length);
    from.results.forEach((r, i) => {
      assert.deepEqual(r, without.results[i], `${what}, cell ${i + 1}`);
    });
    const counts = from.counts ?? { files: 0, taken: 0, refused: 0 };
    // the converter's program took its declaration files from the snapshot, none refused
    assert.ok(counts.taken >= 100, `${counts.taken} of ${counts.files} files taken`);
    assert.equal(counts.refused, 0);
  });
}

test("a file whose text or compiler options differ is parsed afresh", () => {
  const script = `
const { useKernelSnapshot, STORE } = require(${JSON.stringify(path.join(REPO_ROOT, "bin", "kernelSnapshot.js"))});
const tc = require(${JSON.stringify(path.join(REPO_ROOT, "bin", "typescriptCodeCache.js"))});
useKernelSnapshot(tc.TYPESCRIPT);
const store = globalThis[STORE];
const ts = store.ts;
const [name, file] = [...store.files].find(([n]) => n.endsWith("lib.es2022.d.ts"));
const options = require(${JSON.stringify(path.join(REPO_ROOT, "bin", "kernelSnapshot.js"))})
  .tslabOptions(ts, process.cwd(), ${JSON.stringify(path.dirname(require.resolve("tslab/package.json")))});
const v = { languageVersion: file.languageVersion, impliedNodeFormat: file.impliedNodeFormat };
const same = store.take(name, file.text, v, options) === file;
const edited = store.take(name, file.text + " ", v, options);
const otherTarget = store.take(name, file.text, { ...v, languageVersion: ts.ScriptTarget.ES5 }, options);
const otherOptions = store.take(name, file.text, v, { ...options, strict: true });
const host = ts.createCompilerHost(options);
const parsed = host.getSourceFile(name, v);
process.stdout.write(JSON.stringify({
  same, edited: edited === undefined, otherTarget: otherTarget === undefined,
  otherOptions: otherOptions === undefined, refused: store.refused,
  hostTakes: parsed === file,
}));
`;
  const file = path.join(tmp, "take.cjs");
  fs.writeFileSync(file, script);
  const r = spawnSync(process.execPath, ["--snapshot-blob", blob, file], {
    cwd: dir,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    same: true,
    edited: true,
    otherTarget: true,
    otherOptions: true,
    refused: 3,
    hostTakes: true, // TypeScript's own compiler host asks the snapshot first
  });
});

test("TypeScript is changed at one place only, and another text is refused", () => {
  const text = fs.readFileSync(TYPESCRIPT, "utf8");
  const changed = askSnapshotFirst(text);
  assert.ok("source" in changed);
  assert.equal(changed.source.split("alliance.kernelSnapshot").length, 2);
  assert.equal(changed.source.length > text.length, true);
  assert.deepEqual(askSnapshotFirst("const ts = {};"), {
    why: "TypeScript's createGetSourceFile is not the one bin/kernelSnapshot.js changes",
  });
});

test("started from the snapshot in another folder, the kernel loads TypeScript from its file", () => {
  const out = kernel(["const a: number = 1;"], { snapshot: true, cwd: REPO_ROOT });
  assert.deepEqual(out.use, {
    used: false,
    why: `the kernel starts in ${REPO_ROOT}, the snapshot was made in ${dir}`,
  });
  assert.deepEqual(out.counts, { files: 0, taken: 0, refused: 0 }, "its files are dropped");
});

test("a snapshot is not used when its record does not fit, and says why", () => {
  const fake = path.join(tmp, "fake.blob");
  const record = JSON.parse(fs.readFileSync(recordPath(blob), "utf8")) as SnapshotRecord;
  const write = (r: Partial<SnapshotRecord>) => {
    fs.writeFileSync(fake, "0123456789");
    fs.writeFileSync(recordPath(fake), JSON.stringify({ ...record, bytes: 10, ...r }));
    return checkKernelSnapshot(fake, TYPESCRIPT, dir);
  };
  assert.equal(write({}).ok, true);
  assert.deepEqual(write({ node: "v0.0.0" }), {
    ok: false,
    why: `${fake} was made by another Node (node v0.0.0, now ${process.version})`,
  });
  assert.match(write({ execPath: "/elsewhere/node" }).why, /another Node \(execPath/);
  assert.equal(write({ cwd: "/elsewhere" }).why, `${fake} was made for the kernel in /elsewhere`);
  assert.equal(
    write({ typescript: { ...record.typescript, size: 1 } }).why,
    `${fake} was made from another TypeScript than ${TYPESCRIPT}`,
  );
  assert.equal(write({ bytes: 11 }).why, `${fake} is not the snapshot its record describes`);
  fs.rmSync(fake);
  assert.deepEqual(checkKernelSnapshot(fake, TYPESCRIPT, dir), {
    ok: false,
    why: `no snapshot ${fake}`,
  });
});

test("kernelStart: the snapshot for dist/kernel/, none with ALLIANCE_KERNEL_SNAPSHOT=0 or for the sources", () => {
  assert.deepEqual(kernelStart(REPO_ROOT, {}), { dir, blob, notes: [] });
  assert.deepEqual(kernelStart(REPO_ROOT, { ALLIANCE_KERNEL_SNAPSHOT: "0" }), {
    dir,
    blob: "",
    notes: ["without its snapshot: ALLIANCE_KERNEL_SNAPSHOT=0"],
  });
  assert.deepEqual(kernelStart(REPO_ROOT, { ALLIANCE_KERNEL_SOURCES: "1" }), {
    dir: REPO_ROOT,
    blob: "",
    notes: [
      "compiling the TypeScript sources: ALLIANCE_KERNEL_SOURCES=1",
      `without its snapshot: ${blob} was made for the kernel in ${dir}`,
    ],
  });
});
