#!/usr/bin/env bash
# Regenerates test/fixtures/ from the example, through LibreOffice, so the tests cover files written
# by another spreadsheet program. Needs LibreOffice and a built command line (npm install):
#   apt-get install -y --no-install-recommends libreoffice-calc-nogui
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
# 1. The example as LibreOffice saves it.
libreoffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out" examples/rollout.xlsx >/dev/null
mv "$out/rollout.xlsx" test/fixtures/rollout-libreoffice.xlsx
# 2. The example refreshed by Throughline (computed columns, Risks, the hidden ledger), then saved by LibreOffice.
node bin/throughline.js refresh examples/rollout.xlsx --out "$out/refreshed.xlsx" >/dev/null
libreoffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out/lo" "$out/refreshed.xlsx" >/dev/null
mv "$out/lo/refreshed.xlsx" test/fixtures/rollout-refreshed-libreoffice.xlsx
rm -rf "$out"
echo "wrote test/fixtures/rollout-libreoffice.xlsx and test/fixtures/rollout-refreshed-libreoffice.xlsx"
