#!/bin/sh
# Start the tslab kernel from the repository root, whatever folder Jupyter
# opened the notebook from. tslab compiles cells with rootDir = its working
# directory, so notebooks in notebooks/ can then `import ... from "./lib/..."`
# (a "../lib/..." import would fall outside rootDir and fail).
# Written to .jupyter-local/ by scripts/jupyter/kernel.ts; never installed globally.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root" || exit 1
exec node "$root/node_modules/tslab/bin/tslab" "$@"
