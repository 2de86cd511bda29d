#!/usr/bin/python3
"""Writes the XlsxWriter part of the interop corpus.

  write_xlsxwriter.py EXAMPLE.json OUT_DIR MANIFEST.json VBAPROJECT.bin

XlsxWriter copies Excel's own XML closely: tables without headerRowCount (Excel leaves the
default out), shared strings, x14 extensions for sparklines and 2010 data bars, VML for form
buttons. VBAPROJECT.bin is a real VBA project that LibreOffice wrote on this machine
(lo_build.py vba); XlsxWriter only embeds it.

XlsxWriter is reproducible by itself: it stamps zip entries 1980-01-01 and takes docProps'
created date from set_properties().
"""
import os
import sys

import xlsxwriter

from corpus_common import (CREATOR, FIXED_DATETIME, KIND_OF_SHEET, Manifest, area, load_example, number_format,
                           rows_of, table_entry)

WRITER = 'XlsxWriter %s' % xlsxwriter.__version__


def new_workbook(path):
    wb = xlsxwriter.Workbook(path, {'default_date_format': 'yyyy-mm-dd'})
    wb.set_properties({'title': 'Order-to-cash roll-out', 'author': CREATOR, 'company': 'Example Subscriptions Ltd',
                       'created': FIXED_DATETIME, 'comments': 'Interop corpus: written by XlsxWriter'})
    return wb


class Formats:
    def __init__(self, wb, data):
        self.wb = wb
        self.data = data
        self.cache = {}

    def for_header(self, header, value):
        code = number_format(self.data, header) or ('yyyy-mm-dd' if hasattr(value, 'year') else None)
        if code is None:
            return None
        if code not in self.cache:
            self.cache[code] = self.wb.add_format({'num_format': code})
        return self.cache[code]


def write_table(ws, fmts, spec, top=0, left=0, extra_columns=(), total_row=None, style='Table Style Medium 9'):
    """Writes a spec as a formal table (0-based top/left); extra_columns are calculated columns."""
    headers = spec['headers']
    rows = rows_of(spec)
    columns = []
    for c, h in enumerate(headers):
        col = {'header': h}
        fmt = fmts.for_header(h, next((r[c] for r in rows if r[c] is not None), None))
        if fmt is not None:
            col['format'] = fmt
        if total_row and h in total_row:
            col.update(total_row[h])
        columns.append(col)
    for extra in extra_columns:
        columns.append(dict(extra))
    n_rows = len(rows)
    last_row = top + n_rows + (1 if total_row else 0)
    ws.add_table(top, left, last_row, left + len(columns) - 1,
                 {'name': spec['table'], 'columns': columns, 'style': style, 'total_row': bool(total_row),
                  'data': [r + [None] * len(extra_columns) for r in rows]})
    for c, h in enumerate(columns):
        ws.set_column(left + c, left + c, max(10, min(36, len(h['header']) + 4)))
    ref = area(top + 1, left + 1, last_row - top + 1, len(columns))
    return table_entry(KIND_OF_SHEET[spec['sheet']], ws.get_name(), ref, name=spec['table'])


def write_plain(ws, fmts, spec, top=0):
    bold = fmts.wb.add_format({'bold': True})
    if spec['title']:
        ws.write(top, 0, spec['title'], fmts.wb.add_format({'bold': True, 'font_size': 13}))
        top += 2
    ws.write_row(top, 0, spec['headers'], bold)
    for r, row in enumerate(rows_of(spec)):
        for c, v in enumerate(row):
            fmt = fmts.for_header(spec['headers'][c], v)
            ws.write(top + 1 + r, c, v, fmt) if fmt is not None else ws.write(top + 1 + r, c, v)
    ref = area(top + 1, 1, len(spec['rows']) + 1, len(spec['headers']))
    return table_entry(KIND_OF_SHEET[spec['sheet']], ws.get_name(), ref, header_row=top + 1)


def features_workbook(data, sheets, out, manifest):
    wb = new_workbook(out)
    fmts = Formats(wb, data)
    tables = []
    dash = wb.add_worksheet('Dashboard')
    ws_obj = wb.add_worksheet('Objectives')
    tables.append(write_table(ws_obj, fmts, sheets['Objectives']))
    ws_kpi = wb.add_worksheet('KPIs')
    n_kpi = len(sheets['KPIs']['rows'])
    # A calculated column: Excel keeps its formula in the table part (calculatedColumnFormula).
    tables.append(write_table(ws_kpi, fmts, sheets['KPIs'], extra_columns=[
        {'header': 'Gap to Target', 'formula': '=[@Target]-[@Actual]', 'format': wb.add_format({'num_format': '#,##0.###'})}]))
    ws_ini = wb.add_worksheet('Initiatives')
    n_ini = len(sheets['Initiatives']['rows'])
    tables.append(write_table(ws_ini, fmts, sheets['Initiatives'], total_row={
        'ID': {'total_string': 'Total'},
        'Name': {'total_function': 'count'},
        '% Complete': {'total_function': 'average'}}))
    ws_dep = wb.add_worksheet('Dependencies')
    tables.append(write_plain(ws_dep, fmts, sheets['Dependencies']))
    ws_hist = wb.add_worksheet('Check-ins')
    tables.append(write_table(ws_hist, fmts, sheets['Check-ins']))
    ws_set = wb.add_worksheet('Settings')
    tables.append(write_table(ws_set, fmts, sheets['Settings']))

    # 2010 data bars (an x14 extension) on % Complete, and a plain 3-colour scale on Progress.
    pct_col = sheets['Initiatives']['headers'].index('% Complete')
    ws_ini.conditional_format(1, pct_col, n_ini, pct_col, {'type': 'data_bar', 'data_bar_2010': True,
                                                           'bar_color': '#63C384', 'min_type': 'num', 'min_value': 0,
                                                           'max_type': 'num', 'max_value': 1})
    ws_obj.conditional_format(1, 5, len(sheets['Objectives']['rows']), 5, {'type': '3_color_scale'})
    ws_ini.data_validation(1, 9, n_ini, 9, {'validate': 'list', 'source': ['Green', 'Amber', 'Red', 'On track']})
    ws_kpi.data_validation(1, 3, n_kpi, 3, {'validate': 'list', 'source': '=Directions'})
    wb.define_name('Directions', '=Dashboard!$Q$2:$Q$3')
    wb.define_name('VatRate', '=0.2')
    wb.define_name('KPIs!KpiTargets', '=KPIs!$F$2:$F$%d' % (n_kpi + 1))

    # Dashboard: sparklines of each item's check-ins, a chart, a text box, a button, links.
    dash.write(0, 0, 'Dashboard', wb.add_format({'bold': True, 'font_size': 14}))
    dash.write_url(1, 0, 'internal:Initiatives!A1', string='Initiatives')
    dash.write_url(2, 0, 'https://example.com/pmo/rollout', string='Roll-out site')
    dash.write_column(1, 16, ['Increase', 'Decrease'])
    hist_rows = sheets['Check-ins']['rows']
    by_id = {}
    for i, r in enumerate(hist_rows):
        by_id.setdefault(r[0], []).append(i + 2)  # sheet row of each check-in
    dash.write(4, 0, 'Item', wb.add_format({'bold': True}))
    dash.write(4, 1, 'Trend', wb.add_format({'bold': True}))
    for n, (item, rows) in enumerate(sorted(by_id.items())):
        dash.write(5 + n, 0, item)
        dash.add_sparkline(5 + n, 1, {'range': "'Check-ins'!C%d:C%d" % (rows[0], rows[-1]),
                                      'type': 'column' if item.startswith('KPI') else 'line', 'markers': True})
    chart = wb.add_chart({'type': 'column'})
    chart.add_series({'name': 'Value at Stake', 'categories': '=Objectives!$A$2:$A$8', 'values': '=Objectives!$G$2:$G$8'})
    chart.set_title({'name': 'Value at stake by objective'})
    dash.insert_chart('D2', chart, {'x_scale': 0.8, 'y_scale': 0.8})
    dash.insert_textbox('D20', 'Numbers are as of the last check-in. Press Refresh in the Throughline pane.',
                        {'width': 320, 'height': 60, 'font': {'color': '#1F4E78'}})
    dash.insert_button('J20', {'caption': 'Refresh', 'width': 96, 'height': 28})

    # A chart sheet of KPI-1's bookings.
    cs = wb.add_chartsheet('Bookings Chart')
    line = wb.add_chart({'type': 'line'})
    line.add_series({'name': 'KPI-1 bookings', 'categories': "='Check-ins'!$B$2:$B$6", 'values': "='Check-ins'!$C$2:$C$6",
                     'marker': {'type': 'circle'}})
    line.set_title({'name': 'EMEA bookings, check-ins'})
    cs.set_chart(line)

    # Custom document properties, including the kind a sensitivity label leaves behind.
    label = 'MSIP_Label_0a1b2c3d-0000-4000-8000-000000000001_'
    wb.set_custom_property(label + 'Enabled', 'true')
    wb.set_custom_property(label + 'SetDate', '2026-06-30T09:00:00Z')
    wb.set_custom_property(label + 'Name', 'Internal')
    wb.set_custom_property('Department', 'PMO')
    wb.set_custom_property('Budget Year', 2026)
    wb.set_custom_property('Reviewed', True)
    wb.set_custom_property('Review Date', FIXED_DATETIME)
    wb.close()
    manifest.add(os.path.basename(out), WRITER, 'xlsx', tables,
                 ['formal-tables', 'plain-range', 'no-header-row-count', 'calculated-column', 'totals-row',
                  'shared-strings', 'sparklines', 'data-bars-2010', 'conditional-formatting', 'data-validation',
                  'defined-names', 'defined-name-constant', 'defined-name-local', 'hyperlink-internal',
                  'hyperlink-external', 'charts', 'chartsheet', 'textbox',
                  'form-button', 'custom-doc-props'],
                 notes="KPIs has a calculated column 'Gap to Target' (=[@Target]-[@Actual]); Initiatives has a "
                       "totals row (its ref includes it). Dependencies is a plain range under a title.")


def macro_workbook(data, sheets, out, vba_bin, manifest):
    wb = new_workbook(out)
    fmts = Formats(wb, data)
    tables = []
    wb.set_vba_name('ThisWorkbook')
    front = wb.add_worksheet('Start')
    front.set_vba_name('Sheet1')
    for name in ['Objectives', 'KPIs', 'Initiatives', 'Settings']:
        ws = wb.add_worksheet(name)
        ws.set_vba_name('Sheet%d' % (len(tables) + 2))
        tables.append(write_table(ws, fmts, sheets[name]))
    front.write(0, 0, 'Press the button to run the workbook macro.')
    front.insert_button('B3', {'macro': 'RefreshAll', 'caption': 'Run macro', 'width': 120, 'height': 30})
    wb.add_vba_project(vba_bin)
    wb.close()
    manifest.add(os.path.basename(out), WRITER, 'xlsm', tables,
                 ['formal-tables', 'no-header-row-count', 'vba', 'form-button', 'macro-button'],
                 notes='vbaProject.bin made by LibreOffice on this machine (module Module1, Sub RefreshAll).')


def main():
    example, out_dir, manifest_path, vba_bin = sys.argv[1:5]
    data, sheets = load_example(example)
    manifest = Manifest()
    features_workbook(data, sheets, os.path.join(out_dir, 'xlsxwriter-features.xlsx'), manifest)
    macro_workbook(data, sheets, os.path.join(out_dir, 'xlsxwriter-macro.xlsm'), vba_bin, manifest)
    manifest.save(manifest_path)


if __name__ == '__main__':
    main()
