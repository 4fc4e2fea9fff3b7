#!/bin/sh
# Start the tslab kernel. tslab compiles cells with rootDir = its working
# directory and resolves a notebook's `import ... from "./lib/seminar"` there.
#
# - While the kernel's compiled library is fresh (dist/kernel/, made by
#   `npm run build`; bin/bundle.js freshKernel), start in dist/kernel/: the
#   import reads declaration files and loads plain JavaScript (fast first cell).
# - Otherwise (lib/ edited since the build, or ALLIANCE_KERNEL_SOURCES=1),
#   start in the repository root: the same import compiles the TypeScript
#   sources (slower, never stale). The reason goes to the server's log.
#
# Either way notebooks in notebooks/ import "./lib/..." (a "../lib/..."
# import would fall outside rootDir and fail), and tslab starts through
# bin/tslab.js: tslab with its converter building each cell's program once
# instead of twice (same results; ALLIANCE_TSLAB_PRISTINE=1: tslab as published),
# and with TypeScript's code cache dist/tslab/ when it fits (bin/typescriptCodeCache.js;
# ALLIANCE_TS_CODE_CACHE=0: without).
# Written to .jupyter-local/ by scripts/jupyter/kernel.ts; never installed globally.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir="$root"
if [ "${ALLIANCE_KERNEL_SOURCES:-}" != "1" ]; then
  why=$(node -e 'const f = require(process.argv[1]).freshKernel(process.argv[2]); process.stdout.write(f.dir ? "" : f.why)' "$root/bin/bundle.js" "$root" 2>&1)
  if [ -z "$why" ]; then dir="$root/dist/kernel"; else echo "tslab-kernel: compiling the TypeScript sources: $why" >&2; fi
fi
cd "$dir" || exit 1
# ALLIANCE_KERNEL_PRINT_DIR=1: say where tslab would start, and stop (tests)
if [ "${ALLIANCE_KERNEL_PRINT_DIR:-}" = "1" ]; then pwd; exit 0; fi
exec node "$root/bin/tslab.js" "$@"
