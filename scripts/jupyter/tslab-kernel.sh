#!/bin/sh
# Start the tslab kernel. tslab compiles cells with rootDir = its working
# directory and resolves a notebook's `import ... from "./lib/seminar"` there.
#
# bin/kernelStart.js says where and how (and why not otherwise, in the
# server's log):
# - the folder: dist/kernel/ while the kernel's compiled library is fresh
#   (`npm run build`): the import reads declaration files and loads plain
#   JavaScript (fast first cell); otherwise (lib/ edited since the build, or
#   ALLIANCE_KERNEL_SOURCES=1) the repository root: the same import compiles
#   the TypeScript sources (slower, never stale);
# - the snapshot: dist/tslab/kernel.blob, TypeScript with the declaration
#   files already parsed (bin/kernelSnapshot.js), when it fits this Node,
#   TypeScript and folder (ALLIANCE_KERNEL_SNAPSHOT=0: without).
#
# Either way notebooks in notebooks/ import "./lib/..." (a "../lib/..."
# import would fall outside rootDir and fail), and tslab starts through
# bin/tslab.js: tslab with its converter building each cell's program once
# instead of twice (same results; ALLIANCE_TSLAB_PRISTINE=1: tslab as published),
# and, without the snapshot, with TypeScript's code cache dist/tslab/ when it
# fits (bin/typescriptCodeCache.js; ALLIANCE_TS_CODE_CACHE=0: without).
# Written to .jupyter-local/ by scripts/jupyter/kernel.ts; never installed globally.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
plan=$(node "$root/bin/kernelStart.js" "$root") || exit 1
{ read -r dir; read -r blob; } <<PLAN
$plan
PLAN
cd "$dir" || exit 1
# ALLIANCE_KERNEL_PRINT_DIR=1: say where tslab would start and from which snapshot, and stop (tests)
if [ "${ALLIANCE_KERNEL_PRINT_DIR:-}" = "1" ]; then pwd; echo "$blob"; exit 0; fi
if [ -n "$blob" ]; then exec node --snapshot-blob "$blob" "$root/bin/tslab.js" "$@"; fi
exec node "$root/bin/tslab.js" "$@"
