#!/usr/bin/python3
"""Writes the LibreOffice part of the interop corpus through one headless soffice (Python-UNO).

  lo_build.py vba  BASE.xlsx OUT_DIR MANIFEST.json VBAPROJECT_OUT.bin
      libreoffice-macro.xlsm: BASE with a VBA project (a standard module and document modules),
      saved with Calc's "Excel 2007-365 (macro-enabled)" filter; its xl/vbaProject.bin is also
      copied to VBAPROJECT_OUT.bin for XlsxWriter to embed.
  lo_build.py rest BASE.xlsx OUT_DIR MANIFEST.json
      libreoffice-pivot.xlsx: BASE plus a DataPilot (pivot table) over the Initiatives table;
      libreoffice-resave-openpyxl.xlsx, libreoffice-resave-xlsxwriter.xlsx: the openpyxl and
      XlsxWriter feature files (already in OUT_DIR) opened and saved again by Calc.

LibreOffice stamps docProps/core.xml's modified date and every zip entry with the clock, and
the VBA project's ID with a fresh GUID, so these files differ byte-wise from run to run.
"""
import json
import os
import shutil
import subprocess
import sys
import zipfile

from lo_session import LibreOffice, file_url, props
from com.sun.star.script import ModuleInfo
from com.sun.star.script.ModuleType import DOCUMENT, NORMAL
from com.sun.star.sheet.DataPilotFieldOrientation import DATA, ROW
from com.sun.star.sheet.GeneralFunction import AVERAGE, COUNT
from com.sun.star.table import CellAddress

XLSX = 'Calc MS Excel 2007 XML'
XLSM = 'Calc MS Excel 2007 VBA XML'

MODULE1 = '''Option Explicit

' Stamps the time of the last refresh next to the title on the first sheet.
Sub RefreshAll()
    Dim ws As Worksheet
    Set ws = ThisWorkbook.Worksheets(1)
    ws.Range("K1").Value = "Last run: " & Format(Now, "yyyy-mm-dd hh:nn")
End Sub

Function DaysLate(dueDate As Date, forecast As Date) As Long
    DaysLate = Application.WorksheetFunction.Max(0, forecast - dueDate)
End Function
'''


def writer_version():
    try:
        out = subprocess.run(['soffice', '--version'], capture_output=True, text=True, timeout=60).stdout.split()
        return 'LibreOffice %s' % out[1]
    except Exception:
        return 'LibreOffice'


def table_entries(doc):
    """The Throughline inputs of a Calc document: its database ranges that came from tables."""
    kinds = {'objectives': 'Objectives', 'kpis': 'KPIs', 'initiatives': 'Initiatives', 'history': 'History',
             'settings': 'Settings', 'dependencies': 'Dependencies'}
    out = []
    for name in doc.DatabaseRanges.ElementNames:
        if name.lower() not in kinds:
            continue
        a = doc.DatabaseRanges.getByName(name).DataArea
        sheet = doc.Sheets.getByIndex(a.Sheet).Name
        ref = doc.Sheets.getByIndex(a.Sheet).getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn, a.EndRow).AbsoluteName
        ref = ref.split('.', 1)[1].replace('$', '')
        out.append({'kind': kinds[name.lower()], 'sheet': sheet, 'ref': ref, 'formal': True, 'name': name})
    return out


def add_vba_project(doc):
    libs = doc.BasicLibraries
    libs.VBACompatibilityMode = True
    if not libs.hasByName('VBAProject'):
        libs.createLibrary('VBAProject')
    libs.ProjectName = 'VBAProject'
    lib = libs.getByName('VBAProject')

    def add(name, kind, code):
        info = ModuleInfo()
        info.ModuleType = kind
        lib.insertModuleInfo(name, info)
        lib.insertByName(name, code)

    add('Module1', NORMAL, MODULE1)
    add('ThisWorkbook', DOCUMENT, 'Option Explicit\n')
    for i in range(doc.Sheets.Count):
        doc.Sheets.getByIndex(i).CodeName = 'Sheet%d' % (i + 1)
        add('Sheet%d' % (i + 1), DOCUMENT, 'Option Explicit\n')
    return [m for m in lib.ElementNames]


def build_vba(lo, base, out_dir, manifest, bin_out):
    doc = lo.load(base, read_only=False)
    modules = add_vba_project(doc)
    out = os.path.join(out_dir, 'libreoffice-macro.xlsm')
    tables = table_entries(doc)
    doc.storeToURL(file_url(out), props(FilterName=XLSM))
    doc.close(True)
    with zipfile.ZipFile(out) as z:
        data = z.read('xl/vbaProject.bin')
    with open(bin_out, 'wb') as f:
        f.write(data)
    manifest.append({'path': os.path.basename(out), 'writer': writer_version(), 'kind': 'xlsm', 'tables': tables,
                     'features': sorted(['formal-tables', 'vba', 'shared-strings']), 'source': 'openpyxl (lo-base.xlsx)',
                     'notes': 'VBA project VBAProject with modules %s, written by LibreOffice\'s VBA export.' % ', '.join(sorted(modules))})


def build_pivot(lo, base, out_dir, manifest):
    doc = lo.load(base, read_only=False)
    sheets = doc.Sheets
    sheets.insertNewByName('Pivot', sheets.Count)
    pivot_sheet = sheets.getByName('Pivot')
    pivot_sheet.getCellByPosition(0, 0).String = 'Initiatives by function'
    desc = pivot_sheet.DataPilotTables.createDataPilotDescriptor()
    desc.SourceRange = doc.DatabaseRanges.getByName('Initiatives').DataArea
    fields = desc.DataPilotFields
    fields.getByName('Function').Orientation = ROW
    pct = fields.getByName('% Complete')
    pct.Orientation = DATA
    pct.Function = AVERAGE
    ids = fields.getByName('ID')
    ids.Orientation = DATA
    ids.Function = COUNT
    dest = CellAddress()
    dest.Sheet, dest.Column, dest.Row = sheets.Count - 1, 0, 2
    pivot_sheet.DataPilotTables.insertNewByName('InitiativesByFunction', dest, desc)
    out = os.path.join(out_dir, 'libreoffice-pivot.xlsx')
    tables = table_entries(doc)
    doc.storeToURL(file_url(out), props(FilterName=XLSX))
    doc.close(True)
    manifest.append({'path': os.path.basename(out), 'writer': writer_version(), 'kind': 'xlsx', 'tables': tables,
                     'features': sorted(['formal-tables', 'pivot-table', 'pivot-cache', 'shared-strings']),
                     'source': 'openpyxl (lo-base.xlsx)',
                     'notes': "DataPilot 'InitiativesByFunction' on sheet Pivot (rows: Function; data: average "
                              "% Complete, count of ID) over the Initiatives table."})


def build_resave(lo, src, out, manifest):
    """Opens a corpus file and saves it again; describe_corpus.py carries the source's plain ranges
    and declared features over and reports which of them Calc dropped."""
    doc = lo.load(src, read_only=True)
    tables = table_entries(doc)
    doc.storeToURL(file_url(out), props(FilterName=XLSX))
    doc.close(True)
    manifest.append({'path': os.path.basename(out), 'writer': writer_version(), 'kind': 'xlsx',
                     'tables': tables, 'features': ['resave'], 'source': os.path.basename(src),
                     'notes': 'Opened and saved again by LibreOffice Calc (headless): what Calc does not keep is gone.'})


def main():
    step, base, out_dir, manifest_path = sys.argv[1:5]
    manifest = []
    with LibreOffice() as lo:
        if step == 'vba':
            build_vba(lo, base, out_dir, manifest, sys.argv[5])
        elif step == 'rest':
            build_pivot(lo, base, out_dir, manifest)
            for name in ['openpyxl-features', 'xlsxwriter-features']:
                build_resave(lo, os.path.join(out_dir, name + '.xlsx'),
                             os.path.join(out_dir, 'libreoffice-resave-%s.xlsx' % name.split('-')[0]), manifest)
        else:
            sys.exit('unknown step %r' % step)
    with open(manifest_path, 'w', encoding='utf-8') as f:
        json.dump(manifest, f, indent=1)


if __name__ == '__main__':
    shutil.which('soffice') or sys.exit('soffice not found: apt-get install libreoffice-calc-nogui python3-uno')
    main()
