#!/usr/bin/python3
"""Writes corpus.json: each writer's account of its files, checked against the files themselves.

  describe_corpus.py CORPUS_DIR MANIFEST.json...

Every feature that can be seen in the package (a part, an element, an attribute) is detected
here from the zip, not taken on trust: a writer that claims a feature its file lacks stops the
run. Features no scan can prove (a plain header-row range, a table named by an alias, a user's
sheet called Risks) come from the writer's manifest. A LibreOffice re-save inherits its source's
plain ranges and claimed features; what Calc dropped is listed under lostInResave.
"""
import json
import os
import re
import sys
import zipfile

from inventory import package_facts

# Features this scan can prove or disprove from the package alone.
DETECTABLE = {
    'formal-tables', 'no-header-row-count', 'calculated-column', 'totals-row', 'charts', 'chartsheet', 'image',
    'comments', 'sparklines', 'data-bars-2010', 'pivot-table', 'pivot-cache', 'vba', 'custom-doc-props', 'date1904',
    'absolute-rel-targets', 'hyperlink-internal', 'hyperlink-external', 'data-validation', 'conditional-formatting',
    'merged-cells', 'frozen-panes', 'defined-names', 'defined-name-constant', 'defined-name-local', 'print-area',
    'hidden-sheet', 'very-hidden-sheet', 'shared-strings', 'inline-strings', 'inline-str-cells', 'form-button',
    'textbox', 'autofilter',
}

CONSTANT = re.compile(r'^\s*(-?\d+(\.\d+)?([eE][-+]?\d+)?|"[^"]*"|TRUE|FALSE)\s*$')


def scan(path):
    """The features a package shows, and the chart kinds its chart parts hold."""
    z = zipfile.ZipFile(path)
    names = z.namelist()
    found = set()
    chart_kinds = set()
    facts = package_facts(path)
    if facts['tables']:
        found.add('formal-tables')
    if any(t['headerRowCountAttr'] is None for t in facts['tables']):
        found.add('no-header-row-count')
    if any(t['calculatedColumns'] for t in facts['tables']):
        found.add('calculated-column')
    if any(t['totalsRowCount'] not in (None, '0') for t in facts['tables']):
        found.add('totals-row')
    if facts['chartParts']:
        found.add('charts')
    if facts['chartsheetParts']:
        found.add('chartsheet')
    if facts['mediaParts']:
        found.add('image')
    if facts['sparklines']:
        found.add('sparklines')
    if facts['dataBars2010']:
        found.add('data-bars-2010')
    if facts['pivotTableParts']:
        found.add('pivot-table')
    if any(re.match(r'xl/pivotCache/pivotCacheDefinition', n, re.I) for n in names):
        found.add('pivot-cache')
    if facts['vba']['present']:
        found.add('vba')
    if facts['customProperties']:
        found.add('custom-doc-props')
    if facts.get('date1904'):
        found.add('date1904')
    if facts['relationshipTargets']['absolute']:
        found.add('absolute-rel-targets')
    if facts['formButtons']:
        found.add('form-button')
    if facts['textBoxes']:
        found.add('textbox')
    if any(re.match(r'xl/comments[^/]*\.xml$', n, re.I) or re.match(r'xl/comments/[^/]+\.xml$', n, re.I) for n in names):
        found.add('comments')
    if any(n.lower() == 'xl/sharedstrings.xml' for n in names) and b'<si>' in z.read(next(n for n in names if n.lower() == 'xl/sharedstrings.xml')):
        found.add('shared-strings')

    for n in names:
        if re.match(r'xl/worksheets/[^/]+\.xml$', n, re.I):
            xml = z.read(n)
            rels_name = posix_rels(n)
            external = {}  # relationship id -> target, for hyperlink relationships
            if rels_name in names:
                for m in re.finditer(rb'<Relationship\b[^>]*>', z.read(rels_name)):
                    tag = m.group(0)
                    if b'TargetMode="External"' in tag and b'/hyperlink"' in tag:
                        external[re.search(rb'Id="([^"]+)"', tag).group(1)] = re.search(rb'Target="([^"]*)"', tag).group(1)
            for m in re.finditer(rb'<hyperlink\b[^>]*>', xml):
                tag = m.group(0)
                rid = re.search(rb'r:id="([^"]+)"', tag)
                target = external.get(rid.group(1)) if rid else None
                # exceljs writes an in-workbook link twice: location="#..." and an external "#..." target.
                if b'location=' in tag or (target or b'').startswith(b'#'):
                    found.add('hyperlink-internal')
                elif target is not None:
                    found.add('hyperlink-external')
            if re.search(rb'<(x14:)?dataValidation[\s>]', xml):
                found.add('data-validation')
            if b'<conditionalFormatting' in xml or b'<x14:conditionalFormatting' in xml:
                found.add('conditional-formatting')
            if b'<mergeCell ' in xml:
                found.add('merged-cells')
            if re.search(rb'<pane\b[^>]*state="frozen"', xml):
                found.add('frozen-panes')
            if b'<autoFilter' in xml:
                found.add('autofilter')
            if b't="inlineStr"' in xml:
                found.add('inline-strings')
            if re.search(rb'<c\b[^>]*t="str"[^>]*><v>', xml):
                found.add('inline-str-cells')
        elif re.match(r'xl/charts/chart[^/]*\.xml$', n, re.I):
            for m in re.finditer(rb'<(?:\w+:)?(\w+Chart)[\s>]', z.read(n)):  # c: prefix or default namespace
                chart_kinds.add(m.group(1).decode())

    wb = z.read('xl/workbook.xml').decode('utf-8')
    for m in re.finditer(r'<sheet\b[^>]*>', wb):
        if 'state="hidden"' in m.group(0):
            found.add('hidden-sheet')
        if 'state="veryHidden"' in m.group(0):
            found.add('very-hidden-sheet')
    for m in re.finditer(r'<definedName\b([^>]*)>([^<]*)</definedName>', wb):
        attrs, text = m.group(1), m.group(2)
        name = re.search(r'name="([^"]+)"', attrs).group(1)
        if name == '_xlnm.Print_Area':
            found.add('print-area')
        if name.startswith('_xlnm.'):
            continue
        found.add('defined-names')
        if 'localSheetId=' in attrs:
            found.add('defined-name-local')
        if CONSTANT.match(text.replace('&quot;', '"')):
            found.add('defined-name-constant')
    return found, sorted(chart_kinds), facts


def posix_rels(part):
    d, f = part.rsplit('/', 1)
    return '%s/_rels/%s.rels' % (d, f)


def main(argv):
    corpus_dir, manifests = argv[0], argv[1:]
    entries = []
    for m in manifests:
        with open(m, encoding='utf-8') as f:
            entries.extend(json.load(f))
    by_path = {e['path']: e for e in entries}
    problems = []
    out = []
    for e in sorted(entries, key=lambda e: e['path']):
        path = os.path.join(corpus_dir, e['path'])
        found, chart_kinds, facts = scan(path)
        declared = set(e['features'])
        source = by_path.get(e.get('source', ''))
        entry = {'path': e['path'], 'writer': e['writer'], 'kind': e['kind']}
        if source is not None:
            entry['source'] = source['path']
            declared = (declared | set(source['features'])) - {'resave'}
            e['tables'] = e['tables'] + [t for t in source['tables'] if not t['formal']]
            lost = sorted(f for f in declared & DETECTABLE if f not in found)
            declared -= set(lost)
        else:
            if e.get('source'):
                entry['source'] = e['source']
            missing = sorted(f for f in declared & DETECTABLE if f not in found)
            if missing:
                problems.append('%s claims %s but the package shows none' % (e['path'], ', '.join(missing)))
            lost = None
        ext_kind = 'xlsm' if e['path'].endswith('.xlsm') else 'xlsx'
        macro_ct = 'macroEnabled' in (facts['workbookContentType'] or '')
        if ext_kind != e['kind'] or (ext_kind == 'xlsm') != macro_ct:
            problems.append('%s: kind %s but content type %s' % (e['path'], e['kind'], facts['workbookContentType']))
        entry['tables'] = sorted(e['tables'], key=lambda t: (t['sheet'], t['ref']))
        entry['features'] = sorted((declared - DETECTABLE) | found)
        if lost:
            entry['lostInResave'] = lost
        entry['chartTypes'] = chart_kinds
        entry['package'] = {
            'parts': facts['parts'],
            'relationshipTargets': facts['relationshipTargets'],
            'tableHeaderRowCount': {t['name']: t['headerRowCountAttr'] for t in facts['tables']},
            'vbaProjectBytes': facts['vba']['size'],
            'sparklines': facts['sparklines'],
            'customProperties': [p['name'] for p in facts['customProperties']],
        }
        if e.get('notes'):
            entry['notes'] = e['notes']
        out.append(entry)
    if problems:
        sys.stderr.write('corpus check failed:\n  ' + '\n  '.join(problems) + '\n')
        return 1
    doc = {
        'about': 'Workbooks written by other programs, each holding Throughline input tables; '
                 'regenerate with scripts/interop/make-corpus.sh. tables[].ref is the header row plus data '
                 '(plus a totals row where the table has one); formal=false means a plain header-row range '
                 'recognised by its sheet name. Features marked in the package were detected from the zip.',
        'files': out,
    }
    with open(os.path.join(corpus_dir, 'corpus.json'), 'w', encoding='utf-8') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
