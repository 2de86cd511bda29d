#!/usr/bin/env bash
# Regenerates test/fixtures/interop/: workbooks written by openpyxl, XlsxWriter, LibreOffice,
# exceljs and SheetJS, each holding Throughline's input tables (a compact copy of the worked
# example) beside the features real finance workbooks carry, and corpus.json describing them.
#
#   bash scripts/interop/make-corpus.sh            (from anywhere; writes into the repository)
#
# Needs (Debian 12): python3-openpyxl python3-xlsxwriter python3-pil python3-uno
# libreoffice-calc-nogui, the project's node_modules (ts-node), and the npm registry for
# exceljs@4.4.0 and xlsx@0.18.5, which are installed into a temporary prefix, never into
# package.json. Files from openpyxl, XlsxWriter, exceljs and SheetJS come out byte-identical on
# every run; LibreOffice stamps the clock (and a fresh VBA project GUID) into its files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/test/fixtures/interop"
py=/usr/bin/python3   # the system python: its dist-packages hold openpyxl, xlsxwriter and uno
export TZ=UTC

for tool in soffice node npm; do
  command -v "$tool" >/dev/null || { echo "make-corpus: $tool not found" >&2; exit 1; }
done
"$py" -c 'import openpyxl, xlsxwriter, PIL, uno' 2>/dev/null || {
  echo "make-corpus: needs apt-get install python3-openpyxl python3-xlsxwriter python3-pil python3-uno libreoffice-calc-nogui" >&2
  exit 1
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out" "$tmp/build"
rm -f "$out"/*.xlsx "$out"/*.xlsm "$out"/corpus.json

step() { printf '%-60s' "$1" >&2; }
done_() { echo " ok" >&2; }

step "example data (scripts/interop/example-data.ts)"
(cd "$root" && npx --no-install ts-node --transpile-only scripts/interop/example-data.ts "$out/example-data.json")
done_

cd "$here"
step "openpyxl"
"$py" write_openpyxl.py "$out/example-data.json" "$out" "$tmp/m-openpyxl.json" "$tmp/build"
done_

step "LibreOffice: .xlsm with a VBA project"
"$py" lo_build.py vba "$tmp/build/lo-base.xlsx" "$out" "$tmp/m-lo-vba.json" "$tmp/build/vbaProject.bin"
done_

step "XlsxWriter (embeds LibreOffice's vbaProject.bin)"
"$py" write_xlsxwriter.py "$out/example-data.json" "$out" "$tmp/m-xlsxwriter.json" "$tmp/build/vbaProject.bin"
done_

step "LibreOffice: pivot table, re-saves"
"$py" lo_build.py rest "$tmp/build/lo-base.xlsx" "$out" "$tmp/m-lo.json"
done_

step "npm install exceljs@4.4.0 xlsx@0.18.5 (temporary prefix)"
npm install --prefix "$tmp/npm" --no-save --no-audit --no-fund --no-package-lock --loglevel=error \
  exceljs@4.4.0 xlsx@0.18.5 >/dev/null
done_

step "exceljs and SheetJS"
node write_node.js "$out/example-data.json" "$out" "$tmp/m-node.json" "$tmp/npm/node_modules" "$tmp/build/logo.png"
done_

step "corpus.json (checks every claimed feature against the zip)"
"$py" describe_corpus.py "$out" "$tmp"/m-*.json
done_

shared="$root/../shared/interop"
if [ -d "$shared" ]; then
  step "shared-interop.json (openpyxl and LibreOffice on ../shared/interop)"
  "$py" shared_report.py "$shared" "$out/shared-interop.json"
  done_
fi

ls -l "$out" | awk 'NR > 1 { printf "  %7d  %s\n", $5, $9 }' >&2
