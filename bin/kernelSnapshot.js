// A V8 startup snapshot of the kernel's TypeScript, with the declaration
// files a notebook sees already parsed and bound. Plain JavaScript: Node
// runs it to build the snapshot (`--build-snapshot`, where only Node's own
// modules can be required) and the kernel loads it before any TypeScript
// loader (bin/tslab.js).
//
// Why. tslab's converter builds a TypeScript program over every declaration
// file the kernel sees: lib.es2022, Node's types, and after the import cell
// the library's, arquero's, danfo's and plotly's. Parsing and binding them
// is most of what starting the kernel costs (about 1.1 of its 2 s) and most
// of what a notebook's import cell costs. These files do not change between
// kernels, so they can be parsed once. V8 can store a process's whole heap in
// a startup snapshot, and Node starts from one with `--snapshot-blob`
// (Node's documentation: "Startup snapshot API", v8.startupSnapshot).
//
// Made once. `writeKernelSnapshot` runs `node --snapshot-blob <blob>
// --build-snapshot bin/kernelSnapshot.js` in the folder the kernel starts in
// (dist/kernel/). That process reads tslab's TypeScript, changes one
// function (below), runs it, and builds a program with tslab's compiler
// options (tslab 1.0.22 createConverter) over a file importing the
// library's front door (lib/seminar), so every declaration file a notebook
// sees is parsed and bound; Node then writes the heap to the blob (about
// 56 MB), and a record of what it was made from beside it
// (`<blob>.json`). scripts/jupyter/kernel.ts ensureKernelSnapshot writes
// both to dist/tslab/ when missing or out of date (about 5 s).
//
// The one change to TypeScript. Its `createGetSourceFile` (the compiler
// host's reader: read a file's text, parse it) first asks this snapshot for
// the file: a parsed file is handed out only when its name and text are
// those just read, its language version and module format are the ones
// asked for, and the program's compiler options are, key for key, those it
// was parsed and bound with. Otherwise TypeScript parses as usual. So a file
// that changed since the snapshot is parsed afresh, never taken stale.
// Sharing parsed and bound files between programs with the same options is
// what TypeScript's own language service does (its DocumentRegistry).
//
// Used only when it fits. scripts/jupyter/tslab-kernel.sh (bin/kernelStart.js)
// starts the kernel from the snapshot only when the record matches this
// Node (version, executable, platform), the installed TypeScript (size and
// modification time) and the folder the kernel starts in (TypeScript keeps
// the working folder it started in). bin/tslab.js checks TypeScript and the
// folder again in the kernel and otherwise loads TypeScript from its file.
// ALLIANCE_KERNEL_SNAPSHOT=0 switches it off. Same results:
// test/jupyter/kernelSnapshot.test.ts converts notebook cells with and
// without the snapshot and compares every result.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const v8 = require("node:v8");

/** Where the snapshot store lives in the kernel's heap. */
const STORE = Symbol.for("alliance.kernelSnapshot");

/** Where the kernel of the repository `root` looks for the snapshot. @param {string} root */
const kernelSnapshotPath = (root) => path.join(root, "dist", "tslab", "kernel.blob");

/** The record beside a snapshot. @param {string} blob */
const recordPath = (blob) => `${blob}.json`;

/** The line of TypeScript 5.0's createGetSourceFile that parses a file it has read. */
const PARSE_LINE =
  "      return text !== void 0 ? createSourceFile(fileName, text, languageVersionOrOptions, setParentNodes) : void 0;";

/** The same line, asking the snapshot first. */
const ASK_FIRST = `      if (text !== void 0) {
        // bin/kernelSnapshot.js: a file parsed and bound in the kernel's snapshot, when it fits
        const store = globalThis[Symbol.for("alliance.kernelSnapshot")];
        const parsed = store && store.take(fileName, text, languageVersionOrOptions, getCompilerOptions());
        if (parsed) return parsed;
      }
${PARSE_LINE}`;

/**
 * TypeScript's text with the change (module doc), or `{ why }` when the text
 * is not the one the change was written against.
 * @param {string} text
 * @returns {{ source: string } | { why: string }}
 */
function askSnapshotFirst(text) {
  const at = text.indexOf(PARSE_LINE);
  if (at < 0 || text.indexOf(PARSE_LINE, at + 1) >= 0)
    return { why: "TypeScript's createGetSourceFile is not the one bin/kernelSnapshot.js changes" };
  return { source: text.slice(0, at) + ASK_FIRST + text.slice(at + PARSE_LINE.length) };
}

/**
 * tslab 1.0.22's compiler options for the Node converter
 * (node_modules/tslab/dist/converter.js, createConverter and getTypeRoots).
 * @param {any} ts
 * @param {string} cwd
 * @param {string} tslabDir
 */
function tslabOptions(ts, cwd, tslabDir) {
  const major = Number(process.version.slice(1).split(".")[0]);
  if (major < 18)
    throw new Error(`Node ${process.version}: tslab would compile for an older target`);
  const typeRoots = ts.getDefaultTypeRoots(cwd, { directoryExists: ts.sys.directoryExists }) || [];
  if (!typeRoots.some((r) => ts.sys.fileExists(path.join(r, "node", "package.json"))))
    typeRoots.push(path.join(tslabDir, "node_modules", "@types"));
  return {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    declaration: true,
    newLine: ts.NewLineKind.LineFeed,
    noImplicitUseStrict: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    jsx: ts.JsxEmit.React,
    typeRoots,
    allowJs: true,
    checkJs: true,
    disableTopLevelAwait: true,
    skipLibCheck: true,
    rootDir: cwd,
    outDir: "outDir",
  };
}

/** Compiler options as one string, keys sorted. @param {Record<string, unknown>} o */
const optionsKey = (o) =>
  JSON.stringify(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );

/**
 * Build the snapshot's contents (run by `node --build-snapshot`, in the folder
 * the kernel starts in): TypeScript with the change, and the parsed and bound
 * declaration files of a program that imports `front` (module doc).
 * @param {{ typescript: string, tslabDir: string, front: string }} spec
 */
function buildStore(spec) {
  const text = fs.readFileSync(spec.typescript, "utf8");
  const changed = askSnapshotFirst(text);
  if (!("source" in changed)) throw new Error(changed.why);
  const module = { exports: {} };
  const wrapper = new Function(
    "exports",
    "require",
    "module",
    "__filename",
    "__dirname",
    changed.source,
  );
  wrapper(module.exports, require, module, spec.typescript, path.dirname(spec.typescript));
  const ts = module.exports;
  const cwd = process.cwd();
  const options = tslabOptions(ts, cwd, spec.tslabDir);
  const host = ts.createCompilerHost(options);
  const root = path.join(cwd, "__kernel_snapshot__.ts");
  const rootText = `import * as front from ${JSON.stringify(spec.front)};\n`;
  const readFile = host.readFile;
  const fileExists = host.fileExists;
  host.readFile = (f) => (f === root ? rootText : readFile(f));
  host.fileExists = (f) => f === root || fileExists(f);
  const program = ts.createProgram([root], options, host);
  program.getTypeChecker(); // binds every file
  const files = new Map();
  for (const f of program.getSourceFiles()) if (f.fileName !== root) files.set(f.fileName, f);
  const key = optionsKey(options);
  const stat = fs.statSync(spec.typescript);
  const store = {
    ts,
    cwd,
    typescript: { file: spec.typescript, size: stat.size, mtimeMs: stat.mtimeMs },
    files,
    taken: 0,
    refused: 0,
    /** The parsed file when it fits (module doc), else undefined. */
    take(fileName, fileText, languageVersionOrOptions, compilerOptions) {
      const f = files.get(fileName);
      if (!f) return undefined;
      const asked =
        typeof languageVersionOrOptions === "object"
          ? languageVersionOrOptions
          : { languageVersion: languageVersionOrOptions };
      if (
        f.text === fileText &&
        f.languageVersion === asked.languageVersion &&
        f.impliedNodeFormat === asked.impliedNodeFormat &&
        optionsKey(compilerOptions) === key
      ) {
        store.taken++;
        return f;
      }
      store.refused++;
      return undefined;
    },
  };
  return store;
}

/**
 * In the kernel: take TypeScript from the snapshot when this process started
 * from one and it fits (module doc), registered in Node's module cache where
 * tslab's `require("@tslab/typescript-for-tslab")` finds it. When it does not
 * fit, the snapshot's files are dropped and TypeScript loads from its file.
 * @param {string} typescript the file tslab requires
 * @returns {{ used: boolean, why: string }} `why` is empty when this process
 *   did not start from a snapshot (nothing to report)
 */
function useKernelSnapshot(typescript) {
  const store = globalThis[STORE];
  if (!store) return { used: false, why: "" };
  const why = unfit(store, typescript);
  if (why) {
    store.files.clear();
    return { used: false, why };
  }
  const { Module } = require("node:module");
  const m = new Module(typescript);
  m.filename = typescript;
  m.loaded = true;
  m.exports = store.ts;
  require.cache[typescript] = m;
  return { used: true, why: `${store.files.size} declaration files from the snapshot` };
}

/** Why the snapshot's store does not fit this kernel, or "". */
function unfit(store, typescript) {
  if (process.cwd() !== store.cwd)
    return `the kernel starts in ${process.cwd()}, the snapshot was made in ${store.cwd}`;
  if (typescript !== store.typescript.file)
    return `TypeScript is ${typescript}, the snapshot's is ${store.typescript.file}`;
  const st = fs.statSync(typescript);
  if (st.size !== store.typescript.size || st.mtimeMs !== store.typescript.mtimeMs)
    return `${typescript} changed since the snapshot was made`;
  return "";
}

/** What a snapshot made by this Node, now, records about its making. */
function thisNode() {
  return {
    node: process.version,
    execPath: process.execPath,
    platform: process.platform,
    arch: process.arch,
  };
}

/**
 * May the kernel start from `blob`? Its record must match this Node, the
 * installed TypeScript and the folder (module doc).
 * @param {string} blob
 * @param {string} typescript
 * @param {string} cwd the folder the kernel starts in
 * @returns {{ ok: boolean, why: string, record?: any }}
 */
function checkKernelSnapshot(blob, typescript, cwd) {
  let record;
  try {
    record = JSON.parse(fs.readFileSync(recordPath(blob), "utf8"));
  } catch {
    return { ok: false, why: `no snapshot ${blob}` };
  }
  let size;
  try {
    size = fs.statSync(blob).size;
  } catch {
    return { ok: false, why: `no snapshot ${blob}` };
  }
  if (size !== record.bytes)
    return { ok: false, why: `${blob} is not the snapshot its record describes` };
  const node = thisNode();
  for (const k of Object.keys(node))
    if (record[k] !== node[k])
      return {
        ok: false,
        why: `${blob} was made by another Node (${k} ${record[k]}, now ${node[k]})`,
      };
  if (record.cwd !== cwd)
    return { ok: false, why: `${blob} was made for the kernel in ${record.cwd}` };
  const st = fs.statSync(typescript);
  if (
    record.typescript.file !== typescript ||
    record.typescript.size !== st.size ||
    record.typescript.mtimeMs !== st.mtimeMs
  )
    return { ok: false, why: `${blob} was made from another TypeScript than ${typescript}` };
  return { ok: true, why: `${blob} fits`, record };
}

/**
 * Make the snapshot (module doc): `node --snapshot-blob --build-snapshot` in
 * `cwd`, into a temporary file renamed into place, then its record.
 * @param {string} blob
 * @param {{ typescript: string, tslabDir: string, front: string, cwd: string, made?: Record<string, unknown> }} spec
 *   `made`: more fields for the record (what the caller checks to rebuild)
 * @returns {{ bytes: number, files: number, ms: number }}
 */
function writeKernelSnapshot(blob, spec) {
  const { spawnSync } = require("node:child_process");
  const t0 = Date.now();
  fs.mkdirSync(path.dirname(blob), { recursive: true });
  const tmp = `${blob}.tmp-${process.pid}`;
  const r = spawnSync(
    process.execPath,
    ["--snapshot-blob", tmp, "--build-snapshot", path.join(__dirname, "kernelSnapshot.js")],
    {
      cwd: spec.cwd,
      encoding: "utf8",
      env: { ...process.env, ALLIANCE_KERNEL_SNAPSHOT_SPEC: JSON.stringify(spec) },
    },
  );
  const line = (r.stdout || "").trim().split("\n").pop() || "";
  if (r.status !== 0 || !line.startsWith("{")) {
    fs.rmSync(tmp, { force: true });
    throw new Error(
      `building ${blob} failed (status ${String(r.status)}): ${(r.stderr || "").trim().slice(-1500)}`,
    );
  }
  const built = JSON.parse(line);
  const bytes = fs.statSync(tmp).size;
  const st = fs.statSync(spec.typescript);
  const record = {
    ...thisNode(),
    cwd: spec.cwd,
    typescript: { file: spec.typescript, size: st.size, mtimeMs: st.mtimeMs },
    files: built.files,
    bytes,
    ...(spec.made || {}),
  };
  fs.rmSync(recordPath(blob), { force: true });
  fs.renameSync(tmp, blob);
  const recTmp = `${recordPath(blob)}.tmp-${process.pid}`;
  fs.writeFileSync(recTmp, `${JSON.stringify(record, null, 1)}\n`);
  fs.renameSync(recTmp, recordPath(blob));
  return { bytes, files: built.files, ms: Date.now() - t0 };
}

// (Node's snapshot builder runs this file without `module`.)
if (typeof module !== "undefined")
  module.exports = {
    STORE,
    kernelSnapshotPath,
    recordPath,
    askSnapshotFirst,
    tslabOptions,
    useKernelSnapshot,
    checkKernelSnapshot,
    writeKernelSnapshot,
  };

if (v8.startupSnapshot.isBuildingSnapshot()) {
  const spec = JSON.parse(process.env.ALLIANCE_KERNEL_SNAPSHOT_SPEC || "null");
  if (!spec) throw new Error("bin/kernelSnapshot.js: ALLIANCE_KERNEL_SNAPSHOT_SPEC is not set");
  const store = buildStore(spec);
  globalThis[STORE] = store;
  process.stdout.write(`${JSON.stringify({ files: store.files.size })}\n`);
}
