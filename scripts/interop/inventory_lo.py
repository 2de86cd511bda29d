#!/usr/bin/python3
"""What LibreOffice Calc sees in each workbook, through UNO, as JSON on stdout.

  inventory_lo.py [--timeout SECONDS] FILE...

One headless soffice serves every file (private profile in a temporary folder, started and
stopped here; see lo_session.py). Files are opened hidden and read-only, macros never run,
external links never updated. A file that takes longer than --timeout (default 60 s, or the
environment variable INVENTORY_LO_TIMEOUT) to open and describe is reported as an error, soffice
is restarted, and the run goes on with the next file. A file Calc refuses gets {"error": ...}.

Prints {"tool", "version", "elapsed_s", "startup_s", "restarts", "files": {FILE: {...}}}, each
entry with: sheets (name, visible), charts per sheet (object name, chart2 types), sheets holding
only a chart (how an Excel chart sheet arrives in Calc, which has no chart sheets), drawing
shapes per sheet (images, form controls, text shapes), DataPilot (pivot) tables per sheet,
validations (ranges, type, first formula), named ranges (workbook and sheet scope), hyperlinks
(URL fields in cells), database ranges (how Calc holds Excel tables), comments and conditional
formats per sheet, Basic/VBA libraries with their module names, the null date (1904 system or
not) and custom document property names. Calc 7.4 has no UNO API for sparklines, so they are
not reported (inventory.py counts them in the package).

Needs the Debian packages libreoffice-calc-nogui and python3-uno, run with /usr/bin/python3.
"""
import json
import os
import sys
import time

from lo_session import LibreOffice, Timeout

from com.sun.star.sheet.CellFlags import FORMATTED

# Hyperlinks are found by walking rich-text cells over the UNO bridge (about 1 ms a cell): a file
# with more of them than this is reported as truncated rather than slowing the run down.
MAX_TEXT_CELLS_PER_FILE = 20000
MAX_SHAPES_PER_SHEET = 300


def enum_name(v):
    return getattr(v, 'value', v)


def chart_types(chart):
    try:
        diagram = chart.EmbeddedObject.getFirstDiagram()
        types = []
        for cs in diagram.getCoordinateSystems():
            for ct in cs.getChartTypes():
                types.append(ct.getChartType().rsplit('.', 1)[-1])
        return types
    except Exception:
        return []


def shapes_of(sheet):
    counts = {'charts': 0, 'images': 0, 'controls': 0, 'text': 0, 'notes': 0, 'other': 0}
    page = sheet.DrawPage
    total = page.Count
    # Each shape costs a round trip; past the cap the rest are only counted (one file of the
    # shared corpus has 2,500 cell-anchored text boxes).
    for i in range(min(total, MAX_SHAPES_PER_SHEET)):
        t = page.getByIndex(i).ShapeType
        if t == 'com.sun.star.drawing.OLE2Shape':
            counts['charts'] += 1
        elif t == 'com.sun.star.drawing.GraphicObjectShape':
            counts['images'] += 1
        elif t == 'com.sun.star.drawing.ControlShape':
            counts['controls'] += 1
        elif t == 'com.sun.star.drawing.CaptionShape':  # a comment's callout
            counts['notes'] += 1
        elif t in ('com.sun.star.drawing.TextShape', 'com.sun.star.drawing.CustomShape', 'com.sun.star.drawing.RectangleShape'):
            counts['text'] += 1
        else:
            counts['other'] += 1
    counts['unclassified'] = max(0, total - MAX_SHAPES_PER_SHEET)
    return {k: v for k, v in counts.items() if v}


def validations_of(sheet):
    out = []
    ranges = sheet.getUniqueCellFormatRanges()
    for k in range(ranges.Count):
        r = ranges.getByIndex(k)
        v = r.Validation
        kind = enum_name(v.Type)
        if kind != 'ANY':
            out.append({'ranges': r.RangeAddressesAsString, 'type': kind, 'formula1': v.getFormula1()})
    return out


def hyperlinks_of(sheet, budget):
    """URL fields in cell text; returns (links, cells visited).

    Only edit cells (CellFlags.FORMATTED: rich text or fields) can hold a URL field, so plain text
    cells are never visited: a sheet of 100,000 plain strings costs one query."""
    links, visited = [], 0
    cells = sheet.queryContentCells(FORMATTED).Cells.createEnumeration()
    while cells.hasMoreElements() and visited < budget:
        cell = cells.nextElement()
        visited += 1
        e = cell.TextFields.createEnumeration()
        while e.hasMoreElements():
            f = e.nextElement()
            if f.getPropertySetInfo().hasPropertyByName('URL'):
                links.append({'cell': cell.AbsoluteName.replace('$', ''), 'url': f.URL})
    return links, visited


def has_cell_content(sheet):
    return sheet.queryContentCells(0x3FF).Count > 0  # any CellFlags


def basic_of(doc):
    libs = doc.BasicLibraries
    out = {'vbaCompatibility': bool(libs.VBACompatibilityMode), 'projectName': libs.ProjectName or None,
           'libraries': {}}
    for name in libs.ElementNames:
        try:
            libs.loadLibrary(name)
            out['libraries'][name] = sorted(libs.getByName(name).ElementNames)
        except Exception as e:
            out['libraries'][name] = {'error': str(e)}
    return out


def describe(lo, path):
    doc = lo.load(path)
    try:
        entry = {'sheets': [], 'charts': {}, 'chartOnlySheets': [], 'shapes': {}, 'pivotTables': {}, 'validations': [],
                 'namedRanges': [], 'hyperlinks': [], 'databaseRanges': [], 'comments': {}, 'conditionalFormats': {}}
        budget = MAX_TEXT_CELLS_PER_FILE
        for i in range(doc.Sheets.Count):
            sh = doc.Sheets.getByIndex(i)
            name = sh.Name
            entry['sheets'].append({'name': name, 'visible': bool(sh.IsVisible)})
            charts = sh.Charts
            if charts.Count:
                entry['charts'][name] = [{'name': n, 'types': chart_types(charts.getByName(n))} for n in charts.ElementNames]
                if not has_cell_content(sh):
                    entry['chartOnlySheets'].append(name)
            shapes = shapes_of(sh)
            if shapes:
                entry['shapes'][name] = shapes
            if sh.DataPilotTables.Count:
                entry['pivotTables'][name] = list(sh.DataPilotTables.ElementNames)
            for v in validations_of(sh):
                entry['validations'].append(dict(v, sheet=name))
            if budget > 0:
                links, visited = hyperlinks_of(sh, budget)
                budget -= visited
                entry['hyperlinks'].extend(dict(link, sheet=name) for link in links)
            if sh.Annotations.Count:
                entry['comments'][name] = sh.Annotations.Count
            if sh.ConditionalFormats.Length:
                entry['conditionalFormats'][name] = sh.ConditionalFormats.Length
            local = getattr(sh, 'NamedRanges', None)
            if local is not None:
                for n in local.ElementNames:
                    entry['namedRanges'].append({'name': n, 'content': local.getByName(n).Content, 'scope': name})
        if budget <= 0:
            entry['hyperlinksTruncated'] = True
        for n in doc.NamedRanges.ElementNames:
            entry['namedRanges'].insert(0, {'name': n, 'content': doc.NamedRanges.getByName(n).Content, 'scope': None})
        for n in doc.DatabaseRanges.ElementNames:
            a = doc.DatabaseRanges.getByName(n).DataArea
            sheet = doc.Sheets.getByIndex(a.Sheet)
            ref = sheet.getCellRangeByPosition(a.StartColumn, a.StartRow, a.EndColumn, a.EndRow).AbsoluteName
            entry['databaseRanges'].append({'name': n, 'sheet': sheet.Name, 'range': ref.split('.', 1)[1].replace('$', '')})
        entry['hyperlinkCount'] = len(entry['hyperlinks'])
        entry['validationCount'] = len(entry['validations'])
        entry['basic'] = basic_of(doc)
        nd = doc.NullDate
        entry['nullDate'] = '%04d-%02d-%02d' % (nd.Year, nd.Month, nd.Day)
        entry['date1904'] = nd.Year == 1904
        udp = doc.DocumentProperties.UserDefinedProperties
        entry['customProperties'] = sorted(p.Name for p in udp.PropertySetInfo.Properties)
        return entry
    finally:
        try:
            doc.close(True)
        except Exception:
            pass


def version():
    import subprocess
    try:
        return subprocess.run(['soffice', '--version'], capture_output=True, text=True, timeout=60).stdout.split()[1]
    except Exception:
        return None


def main(argv):
    timeout = float(os.environ.get('INVENTORY_LO_TIMEOUT', '60'))
    if argv[:1] == ['--timeout']:
        timeout = float(argv[1])
        argv = argv[2:]
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    started = time.monotonic()
    files = {}
    with LibreOffice() as lo:
        startup = time.monotonic() - started
        for path in argv:
            t0 = time.monotonic()
            if not os.path.isfile(path):
                files[path] = {'error': 'no such file'}
                continue
            try:
                files[path] = lo.guarded(timeout, describe, lo, path)
            except Timeout as e:
                files[path] = {'error': 'timeout: %s' % e}
                lo.restart()
            except Exception as e:
                files[path] = {'error': '%s: %s' % (type(e).__name__, getattr(e, 'Message', None) or e)}
                if lo.proc is None or lo.proc.poll() is not None:  # soffice died on this file
                    lo.restart()
            files[path]['elapsed_s'] = round(time.monotonic() - t0, 3)
        restarts = lo.restarts
    out = {'tool': 'libreoffice', 'version': version(), 'elapsed_s': round(time.monotonic() - started, 3),
           'startup_s': round(startup, 3), 'restarts': restarts, 'files': files}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
