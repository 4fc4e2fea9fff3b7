#!/usr/bin/env bash
# Regenerate the golden fixtures of the estimation engine (test/fixtures/oracle)
# with R. Needs: apt-get install -y --no-install-recommends r-base-core r-cran-plm
#   r-cran-sandwich r-cran-lmtest r-cran-car   (jsonlite comes with them)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v Rscript >/dev/null || { echo "Rscript not found: install R (see DEVELOPERS.md)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the real panel's estimation sample (derived from data/panel.csv by the project's own code)
npx tsx scripts/oracle/exportPanelSample.ts "$tmp/panel_sample.csv"
PANEL_SAMPLE="$tmp/panel_sample.csv" Rscript scripts/oracle/fe_oracle.R
