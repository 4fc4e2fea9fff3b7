#!/usr/bin/env bash
# One setup for every place the project runs: a laptop, CI (.ci/run), a
# Binder/JupyterHub image (binder/postBuild) and a dev container
# (.devcontainer/devcontainer.json).
#
#   1. npm ci, unless node_modules already matches package-lock.json (the
#      stamp that `npm ci` itself writes through the prepare script, so
#      `npm ci && npm run setup` installs once), and the bundle of the
#      `alliance` command and the kernel's compiled library (dist/, npm run
#      build) when stale;
#   2. the Jupyter: the one you have (ALLIANCE_PYTHON, or jupyter/python3 on
#      PATH with JupyterLab and plotly), else the project venv .venv/ built
#      from requirements/jupyter.txt (scripts/jupyter/env.ts);
#   3. the tslab kernel "TypeScript (alliance)" under .jupyter-local/.
#
# Nothing is installed outside the repository. Needs Node >= 20 and Python 3
# with venv and pip (only when no Jupyter is found). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

lock_hash=$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync("package-lock.json")).digest("hex"))')
stamp=node_modules/.alliance-lock.sha256
if [ -L node_modules ]; then
  # npm ci would empty the folder the link points to (shared by other checkouts)
  echo "setup: node_modules is a symbolic link ($(readlink node_modules)); not running npm ci"
elif [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  echo "setup: node_modules matches package-lock.json"
else
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
  printf '%s\n' "$lock_hash" > "$stamp"
fi
# npm ci builds dist/ and dist/kernel/ (the "prepare" script); rebuild them when sources changed since.
if ! node -e 'const b = require("./bin/bundle.js"); process.exit(b.freshBundle(process.cwd()).bundle && b.freshKernel(process.cwd()).dir ? 0 : 1)'; then
  npm run --silent build
fi

node --import tsx scripts/jupyter/setup.ts "$@"
