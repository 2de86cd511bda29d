#!/usr/bin/env bash
# Regenerates test/fixtures/: the example workbook as LibreOffice saves it, so the tests cover a file
# written by another spreadsheet program. Needs LibreOffice:
#   apt-get install -y --no-install-recommends libreoffice-calc-nogui
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
libreoffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out" examples/rollout.xlsx >/dev/null
mv "$out/rollout.xlsx" test/fixtures/rollout-libreoffice.xlsx
rmdir "$out"
echo "wrote test/fixtures/rollout-libreoffice.xlsx"
