// Where and how the notebook kernel starts: read by
// scripts/jupyter/tslab-kernel.sh, which prints nothing of its own. Plain
// JavaScript: it runs before any TypeScript loader, in a process of its own
// (about 0.1 s), so it does only file checks.
//
// - The folder: dist/kernel/ while the kernel's compiled library there is
//   fresh (bin/bundle.js freshKernel), so that a notebook's import reads
//   declaration files and loads plain JavaScript; otherwise (lib/ edited since
//   the build, or ALLIANCE_KERNEL_SOURCES=1) the repository root, where the
//   same import compiles the TypeScript sources.
// - The snapshot: dist/tslab/kernel.blob when its record fits this Node, the
//   installed TypeScript and that folder (bin/kernelSnapshot.js);
//   ALLIANCE_KERNEL_SNAPSHOT=0 switches it off.
//
// `node bin/kernelStart.js <root>` prints the folder on the first line and
// the snapshot (or an empty line) on the second; why the kernel runs
// without either goes to stderr, which is the Jupyter server's log.
"use strict";
const path = require("node:path");
const { freshKernel } = require("./bundle");
const { checkKernelSnapshot, kernelSnapshotPath } = require("./kernelSnapshot");
const { TYPESCRIPT } = require("./typescriptCodeCache");

/**
 * @param {string} root repository root
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ dir: string, blob: string, notes: string[] }}
 */
function kernelStart(root, env) {
  const notes = [];
  let dir = root;
  if (env.ALLIANCE_KERNEL_SOURCES === "1")
    notes.push("compiling the TypeScript sources: ALLIANCE_KERNEL_SOURCES=1");
  else {
    const f = freshKernel(root);
    if (f.dir) dir = f.dir;
    else notes.push(`compiling the TypeScript sources: ${f.why}`);
  }
  let blob = "";
  if (env.ALLIANCE_KERNEL_SNAPSHOT === "0")
    notes.push("without its snapshot: ALLIANCE_KERNEL_SNAPSHOT=0");
  else {
    const c = checkKernelSnapshot(kernelSnapshotPath(root), TYPESCRIPT, dir);
    if (c.ok) blob = kernelSnapshotPath(root);
    else notes.push(`without its snapshot: ${c.why}`);
  }
  return { dir, blob, notes };
}

module.exports = { kernelStart };

if (require.main === module) {
  const root = path.resolve(process.argv[2] || path.join(__dirname, ".."));
  const { dir, blob, notes } = kernelStart(root, process.env);
  for (const n of notes) process.stderr.write(`tslab-kernel: ${n}\n`);
  process.stdout.write(`${dir}\n${blob}\n`);
}
