#!/usr/bin/env bash
# Regenerate ALL golden fixtures of the estimation engine (test/fixtures/oracle):
#   1. R (plm, sandwich, lmtest, car): scripts/oracle/fe_oracle.R
#      apt-get install -y --no-install-recommends r-base-core r-cran-plm
#      r-cran-sandwich r-cran-lmtest r-cran-car   (jsonlite comes with them)
#   2. Python (pyfixest, linearmodels, wildboottest; requirements/oracle.txt):
#      scripts/oracle/py_oracle.py, on the datasets R wrote
# The Python interpreter: $ALLIANCE_PYTHON, else .venv/bin/python, else python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v Rscript >/dev/null || { echo "Rscript not found: install R (see DEVELOPERS.md)" >&2; exit 1; }
py="${ALLIANCE_PYTHON:-}"
if [ -z "$py" ]; then
  if [ -x .venv/bin/python ]; then py=.venv/bin/python; else py=python3; fi
fi
"$py" -c "import pyfixest, linearmodels, wildboottest" 2>/dev/null \
  || { echo "$py lacks pyfixest/linearmodels/wildboottest: pip install -r requirements/oracle.txt (or set ALLIANCE_PYTHON)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the real panel's estimation sample (derived from data/panel.csv by the project's own code)
npx tsx scripts/oracle/exportPanelSample.ts "$tmp/panel_sample.csv"
PANEL_SAMPLE="$tmp/panel_sample.csv" Rscript scripts/oracle/fe_oracle.R
"$py" scripts/oracle/py_oracle.py
# de Chaisemartin & D'Haultfoeuille (2020) weights: twowayfeweights (requirements/oracle.txt)
npx tsx scripts/oracle/exportTwfeWeightsSample.ts
"$py" scripts/oracle/twfe_weights_oracle.py
"$py" scripts/oracle/py_accessors.py
