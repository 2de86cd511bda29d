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
# 3. The same, refreshed as of 2026-06-30, for the compact ledger's LibreOffice round trip (its item rows are pinned).
# Run on 2026-06-30 too (the day each check-in is recorded), through the command line's own entry point.
node -e "require('./lib/apps/cli/main.js').main(['refresh', 'examples/rollout.xlsx', '--out', process.argv[1], '--as-of', '2026-06-30'], { stdout: () => {}, stderr: (s) => process.stderr.write(s), today: () => Date.UTC(2026, 5, 30) / 86400000, isTTY: false }).then((c) => { process.exitCode = c; })" "$out/compact.xlsx"
libreoffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out/lo" "$out/compact.xlsx" >/dev/null
mv "$out/lo/compact.xlsx" test/fixtures/rollout-refreshed-compact-libreoffice.xlsx
# rollout-refreshed-ledger-v1.xlsx is not regenerated: it is what the version before the compact ledger wrote.
rm -rf "$out"
echo "wrote test/fixtures/rollout-libreoffice.xlsx, rollout-refreshed-libreoffice.xlsx and rollout-refreshed-compact-libreoffice.xlsx"
