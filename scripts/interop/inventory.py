#!/usr/bin/python3
"""What openpyxl sees in each workbook, as JSON on stdout.

  inventory.py FILE...

Prints {"tool", "version", "elapsed_s", "files": {FILE: {...}}}, one entry per argument, in order.
A file openpyxl cannot open gets {"error": "..."} instead of stopping the run; a section that fails
on an odd file is reported under "errors" and the rest of the file is still described. Warnings
openpyxl raises while reading (for example when it drops an extension it does not model) are
listed under "warnings".

Each entry holds what openpyxl models (sheets, tables, charts, chartsheets, images, comments,
conditional formats, data validations, defined names, hyperlinks, merged cells, freeze panes,
pivot tables, VBA) plus a "package" section read straight from the zip for what openpyxl 3.0
does not model or rewrites on load: custom document properties, the raw headerRowCount attribute
of each table part, the size of xl/vbaProject.bin, sparklines, 2010 data bars, form controls,
absolute relationship targets and the 1904 flag.

Needs the Debian packages python3-openpyxl (3.0.9 on Debian 12) and python3-pil; run with the
system python3 (the shebang), not a virtualenv without them.
"""
import json
import posixpath
import re
import sys
import time
import traceback
import warnings
import zipfile
import xml.etree.ElementTree as ET

import openpyxl

NS = {
    'main': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
    'rel': 'http://schemas.openxmlformats.org/package/2006/relationships',
    'ct': 'http://schemas.openxmlformats.org/package/2006/content-types',
    'cp': 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties',
    'vt': 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
    'x14': 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main',
}


def jsonable(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    if hasattr(v, 'isoformat'):
        return v.isoformat()
    return str(v)


def section(errors, name, fn, default=None):
    try:
        return fn()
    except Exception as e:  # one odd part must not hide the rest of the file
        errors[name] = '%s: %s' % (type(e).__name__, e)
        return default


# --- what openpyxl models -------------------------------------------------------------------

def sheets_of(wb):
    return [{'name': s.title, 'state': s.sheet_state,
             'type': 'chartsheet' if s.__class__.__name__ == 'Chartsheet' else 'worksheet'} for s in wb._sheets]


def tables_of(ws):
    out = []
    for t in ws.tables.values():
        out.append({'name': t.displayName or t.name, 'ref': t.ref,
                    'columns': [c.name for c in t.tableColumns],
                    'headerRowCount': t.headerRowCount, 'totalsRowCount': t.totalsRowCount,
                    'calculatedColumns': [c.name for c in t.tableColumns if c.calculatedColumnFormula is not None]})
    return out


def chart_types(charts):
    types = []
    for c in charts:
        # A combined chart keeps its extra plots in _charts; its own tagname is the first plot's.
        plots = [c] + [p for p in getattr(c, '_charts', []) if p is not c]
        types.append('+'.join(sorted({p.tagname for p in plots})))
    return types


def cell_facts(ws):
    comments, links = 0, []
    seen = set()
    for row in ws.iter_rows():
        for cell in row:
            if cell.comment is not None:
                comments += 1
            h = cell.hyperlink
            if h is not None:
                ref = h.ref or cell.coordinate
                if ref in seen:
                    continue
                seen.add(ref)
                links.append({'cell': ref, 'target': h.target, 'location': h.location})
    return comments, links


def conditional_formats(ws):
    out = []
    for cf in ws.conditional_formatting:
        out.append({'sqref': str(cf.sqref), 'rules': [r.type for r in cf.rules]})
    return out


def validations(ws):
    return [{'sqref': str(dv.sqref), 'type': dv.type, 'formula1': dv.formula1, 'formula2': dv.formula2}
            for dv in ws.data_validations.dataValidation]


def defined_names(wb):
    out = []
    dn = wb.defined_names
    if hasattr(dn, 'definedName'):  # openpyxl 3.0: one list, sheet scope in localSheetId
        items = list(dn.definedName)
    else:  # openpyxl 3.1: a dict for the workbook, one per sheet
        items = list(dn.values())
        for i, ws in enumerate(wb.worksheets):
            for d in getattr(ws, 'defined_names', {}).values():
                d.localSheetId = i
                items.append(d)
    for d in items:
        out.append({'name': d.name, 'value': d.attr_text, 'localSheetId': d.localSheetId,
                    'hidden': bool(d.hidden)})
    return out


def describe_sheet(ws, errors):
    kind = ws.__class__.__name__
    if kind == 'Chartsheet':
        return {'name': ws.title, 'type': 'chartsheet', 'charts': len(ws._charts), 'chartTypes': chart_types(ws._charts)}
    e = {}
    d = {'name': ws.title, 'type': 'worksheet', 'state': ws.sheet_state}
    d['dimensions'] = section(e, 'dimensions', lambda: ws.dimensions)
    d['tables'] = section(e, 'tables', lambda: tables_of(ws), [])
    d['charts'] = len(ws._charts)
    d['chartTypes'] = section(e, 'chartTypes', lambda: chart_types(ws._charts), [])
    d['images'] = len(ws._images)
    comments, links = section(e, 'cells', lambda: cell_facts(ws), (None, []))
    d['comments'] = comments
    d['hyperlinks'] = links
    d['conditionalFormatting'] = section(e, 'conditionalFormatting', lambda: conditional_formats(ws), [])
    d['dataValidations'] = section(e, 'dataValidations', lambda: validations(ws), [])
    d['mergedCells'] = section(e, 'mergedCells', lambda: [str(r) for r in ws.merged_cells.ranges], [])
    d['freezePanes'] = ws.freeze_panes
    d['pivotTables'] = len(getattr(ws, '_pivots', []))
    d['pivotNames'] = [p.name for p in getattr(ws, '_pivots', [])]
    d['autoFilter'] = ws.auto_filter.ref
    for k, v in e.items():
        errors['%s/%s' % (ws.title, k)] = v
    return d


# --- what only the package shows -------------------------------------------------------------

def resolve(source_part, target):
    """Resolves a relationship target as the packaging standard does (absolute or relative)."""
    if target.startswith('/'):
        return target.lstrip('/')
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def package_facts(path):
    with zipfile.ZipFile(path) as z:
        return _package_facts(z)


def _package_facts(z):
    names = z.namelist()
    lower = {n.lower(): n for n in names}
    out = {'parts': len(names)}
    rels_targets = {'absolute': 0, 'relative': 0}
    for n in names:
        if n.endswith('.rels'):
            root = ET.fromstring(z.read(n))
            for r in root.findall('rel:Relationship', NS):
                if r.get('TargetMode') == 'External':
                    continue
                rels_targets['absolute' if r.get('Target', '').startswith('/') else 'relative'] += 1
    out['relationshipTargets'] = rels_targets

    wb_xml = z.read(lower.get('xl/workbook.xml', 'xl/workbook.xml')) if 'xl/workbook.xml' in lower else None
    if wb_xml is not None:
        pr = ET.fromstring(wb_xml).find('main:workbookPr', NS)
        out['date1904'] = pr is not None and pr.get('date1904') in ('1', 'true')

    tables = []
    for n in sorted(names):
        if re.match(r'xl/tables/[^/]+\.xml$', n, re.I):
            t = ET.fromstring(z.read(n))
            tables.append({'part': n, 'name': t.get('displayName') or t.get('name'), 'ref': t.get('ref'),
                           'headerRowCountAttr': t.get('headerRowCount'), 'totalsRowCount': t.get('totalsRowCount'),
                           'totalsRowShown': t.get('totalsRowShown'),
                           'calculatedColumns': [c.get('name') for c in t.findall('main:tableColumns/main:tableColumn', NS)
                                                 if c.find('main:calculatedColumnFormula', NS) is not None]})
    out['tables'] = tables

    vba = lower.get('xl/vbaproject.bin')
    out['vba'] = {'present': vba is not None, 'size': z.getinfo(vba).file_size if vba else 0}

    ct = ET.fromstring(z.read('[Content_Types].xml'))
    main_ct = [o.get('ContentType') for o in ct.findall('ct:Override', NS) if o.get('PartName', '').lower() == '/xl/workbook.xml']
    out['workbookContentType'] = main_ct[0] if main_ct else None

    custom = []
    if 'docprops/custom.xml' in lower:
        root = ET.fromstring(z.read(lower['docprops/custom.xml']))
        for p in root.findall('cp:property', NS):
            value = list(p)[0] if len(p) else None
            custom.append({'name': p.get('name'),
                           'type': value.tag.split('}')[1] if value is not None else None,
                           'value': value.text if value is not None else None})
    out['customProperties'] = custom

    sparklines = databars2010 = buttons = checkboxes = textboxes = 0
    for n in names:
        if re.match(r'xl/worksheets/[^/]+\.xml$', n, re.I):
            xml = z.read(n)
            sparklines += len(re.findall(rb"<x14:sparkline[\s>]", xml))
            databars2010 += len(re.findall(rb'<x14:dataBar[\s>]', xml))
        elif n.lower().endswith('.vml'):
            xml = z.read(n)
            buttons += len(re.findall(rb'ObjectType="Button"', xml))
            checkboxes += len(re.findall(rb'ObjectType="Checkbox"', xml))
        elif re.match(r'xl/drawings/[^/]+\.xml$', n, re.I):
            textboxes += len(re.findall(rb'txBox="1"', z.read(n)))
    out['sparklines'] = sparklines
    out['dataBars2010'] = databars2010
    out['formButtons'] = buttons
    out['formCheckboxes'] = checkboxes
    out['textBoxes'] = textboxes
    out['chartParts'] = len([n for n in names if re.match(r'xl/charts/chart[^/]*\.xml$', n, re.I)])
    out['chartsheetParts'] = len([n for n in names if re.match(r'xl/chartsheets/[^/]+\.xml$', n, re.I)])
    out['pivotTableParts'] = len([n for n in names if re.match(r'xl/pivotTables/[^/]+\.xml$', n, re.I)])
    out['mediaParts'] = len([n for n in names if n.lower().startswith('xl/media/')])
    return out


def describe(path):
    errors = {}
    entry = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        warnings.simplefilter('ignore', ResourceWarning)  # a failed load's open file, not a fact about the next one
        try:
            wb = openpyxl.load_workbook(path, keep_vba=path.lower().endswith(('.xlsm', '.xltm')), keep_links=True)
        except Exception as e:
            entry['error'] = '%s: %s' % (type(e).__name__, e)
            entry['warnings'] = sorted({str(w.message) for w in caught})
            entry['package'] = section(errors, 'package', lambda: package_facts(path))
            if errors:
                entry['errors'] = errors
            return entry
        entry['sheets'] = section(errors, 'sheets', lambda: sheets_of(wb), [])
        entry['epoch1904'] = section(errors, 'epoch', lambda: wb.epoch.year == 1904)
        entry['worksheets'] = [describe_sheet(ws, errors) for ws in wb._sheets]
        entry['tables'] = [dict(t, sheet=ws['name']) for ws in entry['worksheets'] for t in ws.get('tables', [])]
        entry['charts'] = {ws['name']: ws['charts'] for ws in entry['worksheets'] if ws['charts']}
        entry['chartsheets'] = [ws['name'] for ws in entry['worksheets'] if ws['type'] == 'chartsheet']
        entry['images'] = sum(ws.get('images', 0) for ws in entry['worksheets'])
        entry['comments'] = sum(ws.get('comments') or 0 for ws in entry['worksheets'])
        entry['pivotTables'] = {ws['name']: ws['pivotTables'] for ws in entry['worksheets'] if ws.get('pivotTables')}
        entry['definedNames'] = section(errors, 'definedNames', lambda: defined_names(wb), [])
        vba = getattr(wb, 'vba_archive', None)
        entry['vbaKept'] = bool(vba is not None and any(n.lower() == 'xl/vbaproject.bin' for n in vba.namelist()))
        entry['package'] = section(errors, 'package', lambda: package_facts(path))
        entry['warnings'] = sorted({str(w.message) for w in caught})
    if errors:
        entry['errors'] = errors
    return entry


def main(argv):
    if not argv:
        sys.stderr.write(__doc__)
        return 2
    started = time.monotonic()
    files = {}
    for path in argv:
        try:
            files[path] = describe(path)
        except Exception as e:  # never die on one file
            files[path] = {'error': '%s: %s' % (type(e).__name__, e), 'trace': traceback.format_exc(limit=3)}
    out = {'tool': 'openpyxl', 'version': openpyxl.__version__, 'elapsed_s': round(time.monotonic() - started, 3),
           'files': files}
    json.dump(out, sys.stdout, indent=1, default=jsonable)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
