#!/usr/bin/python3
"""Runs both inventories over a folder of workbooks and records which ones each program opens.

  shared_report.py DIR OUT.json

Used by make-corpus.sh on ../shared/interop (real files from the exceljs project's test corpus),
so tests know, before any refresh, which of those files openpyxl and LibreOffice can read at all
and what each of them sees; a file neither opens is one Throughline must refuse cleanly.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(tool, files):
    out = subprocess.run([os.path.join(HERE, tool)] + files, capture_output=True, text=True, timeout=600, check=True)
    return json.loads(out.stdout)


def main(folder, out_path):
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith(('.xlsx', '.xlsm')))
    opx = run('inventory.py', files)
    lo = run('inventory_lo.py', files)
    report = {}
    for f in files:
        a, b = opx['files'][f], lo['files'][f]
        report[os.path.basename(f)] = {
            'openpyxl': {'opens': 'error' not in a, 'error': a.get('error'),
                         'sheets': [s['name'] for s in a.get('sheets', [])],
                         'charts': sum(a.get('charts', {}).values()), 'chartsheets': a.get('chartsheets', []),
                         'images': a.get('images'), 'comments': a.get('comments'),
                         'definedNames': len(a.get('definedNames', [])), 'date1904': (a.get('package') or {}).get('date1904')},
            'libreoffice': {'opens': 'error' not in b, 'error': b.get('error'),
                            'sheets': [s['name'] for s in b.get('sheets', [])],
                            'charts': sum(len(v) for v in b.get('charts', {}).values()),
                            'chartOnlySheets': b.get('chartOnlySheets', []),
                            'hyperlinks': b.get('hyperlinkCount'), 'namedRanges': len(b.get('namedRanges', [])),
                            'date1904': b.get('date1904')},
        }
    doc = {'about': 'What openpyxl %s and LibreOffice %s see in each file of %s (shared_report.py).'
                    % (opx['version'], lo['version'], os.path.basename(os.path.normpath(folder))),
           'files': report}
    with open(out_path, 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
