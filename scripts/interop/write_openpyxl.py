#!/usr/bin/python3
"""Writes the openpyxl part of the interop corpus.

  write_openpyxl.py EXAMPLE.json OUT_DIR MANIFEST.json [BASE_DIR]

openpyxl writes relationship targets as absolute part names (/xl/worksheets/sheet1.xml) and
drawings without the xdr: prefix: both are part of what these files test. BASE_DIR, when given,
also receives a plain base workbook that the LibreOffice step builds on and the logo image the
node writers embed (neither is part of the corpus).
"""
import io
import os
import sys

import openpyxl
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.comments import Comment
from openpyxl.drawing.image import Image
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, DataBarRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo
from PIL import Image as PILImage, ImageDraw

from corpus_common import (CREATOR, FIXED_DATETIME, KIND_OF_SHEET, Manifest, area, load_example, number_format,
                           pinned_zip_clock, rows_of, table_entry)

WRITER = 'openpyxl %s' % openpyxl.__version__


def new_workbook():
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    return wb


def save(wb, path):
    # openpyxl stamps docProps/core.xml's modified date only from wb.properties (pinned above);
    # zip entry times come from the clock, pinned here.
    with pinned_zip_clock():
        wb.save(path)


def write_block(data, ws, spec, top=1, left=1, table=True, style='TableStyleMedium2'):
    """Writes a sheet spec's header and rows at (top, left); returns the corpus.json table entry."""
    if spec['title'] and not table:
        ws.cell(row=top, column=left, value=spec['title']).font = Font(bold=True, size=13)
        top += 2
    for c, h in enumerate(spec['headers']):
        cell = ws.cell(row=top, column=left + c, value=h)
        if not table:
            cell.font = Font(bold=True)
    for r, row in enumerate(rows_of(spec)):
        for c, v in enumerate(row):
            cell = ws.cell(row=top + 1 + r, column=left + c, value=v)
            fmt = number_format(data, spec['headers'][c])
            if fmt:
                cell.number_format = fmt
            elif hasattr(v, 'year'):
                cell.number_format = 'yyyy-mm-dd'
    for c, h in enumerate(spec['headers']):
        ws.column_dimensions[openpyxl.utils.get_column_letter(left + c)].width = max(10, min(36, len(h) + 4))
    ref = area(top, left, len(spec['rows']) + 1, len(spec['headers']))
    kind = KIND_OF_SHEET[spec['sheet']]
    if table and spec['table']:
        t = Table(displayName=spec['table'], ref=ref)
        t.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
        ws.add_table(t)
        return table_entry(kind, ws.title, ref, name=spec['table'])
    return table_entry(kind, ws.title, ref, header_row=top)


def png_bytes():
    """A small bar-chart-like logo, drawn here so no image file has to be shipped."""
    img = PILImage.new('RGB', (96, 48), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    for i, (h, colour) in enumerate([(20, (0, 120, 212)), (34, (16, 124, 16)), (12, (196, 49, 75)), (40, (255, 185, 0))]):
        draw.rectangle([8 + i * 22, 44 - h, 24 + i * 22, 44], fill=colour)
    buf = io.BytesIO()
    img.save(buf, format='PNG', optimize=False)
    return buf


def features_workbook(data, sheets, out, manifest):
    """Formal tables beside every feature openpyxl can write that finance workbooks carry."""
    wb = new_workbook()
    about = wb.create_sheet('About')
    dash = wb.create_sheet('Dashboard')
    tables = []
    for name in ['Objectives', 'KPIs', 'Initiatives', 'Dependencies', 'Check-ins', 'Settings']:
        ws = wb.create_sheet(name)
        spec = sheets[name]
        # Dependencies stays a plain range under a title, as in the example.
        tables.append(write_block(data, ws, spec, table=spec['table'] is not None))
        ws.freeze_panes = 'B2' if name != 'Dependencies' else 'A4'

    # About: merged title, internal and external hyperlinks, a note.
    about['A1'] = 'Order-to-cash roll-out: status workbook'
    about['A1'].font = Font(bold=True, size=14)
    about['A1'].alignment = Alignment(horizontal='center')
    about.merge_cells('A1:F1')
    about.merge_cells('A3:B3')
    about['A3'] = 'Go to the objectives'
    about['A3'].hyperlink = Hyperlink(ref='A3', location="'Objectives'!A1", display='Go to the objectives')
    about['A3'].style = 'Hyperlink'
    about['A4'] = 'PMO handbook'
    about['A4'].hyperlink = 'https://example.com/pmo/handbook?section=status'
    about['A4'].style = 'Hyperlink'
    about['A5'] = 'Shared drive copy'
    about['A5'].hyperlink = 'file:///S:/PMO/Rollout/status.xlsx'
    about['A6'] = 'Ask the PMO'
    about['A6'].hyperlink = 'mailto:pmo@example.com?subject=Roll-out'
    about['A7'] = 'Dependencies'
    about['A7'].hyperlink = Hyperlink(ref='A7', location='Dependencies!A3', tooltip='Who waits on whom')
    about['A8'] = 'FX rate used for EUR figures'
    about['B8'] = '=FxRate'
    about['A1'].comment = Comment('Refreshed every Monday by the PMO.', 'PMO')
    about.freeze_panes = 'A2'

    # Notes on the data.
    kp = wb['KPIs']
    kp['G3'].comment = Comment('Finance restated March; see the close file.', 'P. Novak')
    ini = wb['Initiatives']
    ini['J2'].comment = Comment('Contract still with legal.\nChecked 2 May.', 'M. Okafor')
    ini['A1'].comment = Comment('IDs are assigned by the PMO only.', 'PMO')

    # Drop-downs: a literal list, a list from a named range on a hidden sheet, a whole number, a date.
    lists = wb.create_sheet('Lists')
    for i, v in enumerate(['Status', 'Green', 'Amber', 'Red', 'On track', 'At risk', 'Off track']):
        lists.cell(row=i + 1, column=1, value=v)
    lists.sheet_state = 'hidden'
    n_ini = len(sheets['Initiatives']['rows'])
    n_kpi = len(sheets['KPIs']['rows'])
    dv_status = DataValidation(type='list', formula1='StatusList', allow_blank=True)
    dv_status.add('J2:J%d' % (n_ini + 1))
    ini.add_data_validation(dv_status)
    dv_dir = DataValidation(type='list', formula1='"Increase,Decrease"', allow_blank=True,
                            showErrorMessage=True, errorTitle='Direction', error='Pick Increase or Decrease')
    dv_dir.add('D2:D%d' % (n_kpi + 1))
    kp.add_data_validation(dv_dir)
    dv_pct = DataValidation(type='decimal', operator='between', formula1='0', formula2='1')
    dv_pct.add('I2:I%d' % (n_ini + 1))
    ini.add_data_validation(dv_pct)
    obj = wb['Objectives']
    dv_weight = DataValidation(type='whole', operator='greaterThanOrEqual', formula1='0')
    dv_weight.add('F2:F%d' % (len(sheets['Objectives']['rows']) + 1))
    obj.add_data_validation(dv_weight)

    # Conditional formatting: a colour scale, a data bar, cell-is and formula rules.
    red = PatternFill(start_color='FFC7CE', end_color='FFC7CE', fill_type='solid')
    obj.conditional_formatting.add('G2:G8', ColorScaleRule(start_type='min', start_color='FFFFFF', end_type='max', end_color='63BE7B'))
    ini.conditional_formatting.add('I2:I%d' % (n_ini + 1), DataBarRule(start_type='num', start_value=0, end_type='num', end_value=1, color='638EC6'))
    ini.conditional_formatting.add('J2:J%d' % (n_ini + 1), CellIsRule(operator='equal', formula=['"Red"'], fill=red))
    kp.conditional_formatting.add('O2:O%d' % (n_kpi + 1), FormulaRule(formula=['$O2="Amber"'], fill=PatternFill(start_color='FFEB9C', end_color='FFEB9C', fill_type='solid')))

    # Defined names: a range, a constant, a formula, one scoped to a sheet, a print area.
    wb.defined_names.append(DefinedName('StatusList', attr_text="Lists!$A$2:$A$7"))
    wb.defined_names.append(DefinedName('FxRate', attr_text='1.08', comment='EUR to USD, budget rate'))
    wb.defined_names.append(DefinedName('ReportTitle', attr_text='"Order-to-cash roll-out"'))
    wb.defined_names.append(DefinedName('TotalValueAtStake', attr_text='SUM(Objectives!$G$2:$G$8)'))
    wb.defined_names.append(DefinedName('LocalTargets', attr_text="KPIs!$F$2:$F$%d" % (n_kpi + 1),
                                        localSheetId=wb.sheetnames.index('KPIs')))
    kp.print_area = 'A1:O%d' % (n_kpi + 1)

    # Dashboard: charts and an image, away from the tables so owned columns have room.
    dash['A1'] = 'Dashboard'
    dash['A1'].font = Font(bold=True, size=14)
    bar = BarChart()
    bar.title = 'Value at stake by objective'
    bar.add_data(Reference(obj, min_col=7, min_row=1, max_row=8), titles_from_data=True)
    bar.set_categories(Reference(obj, min_col=1, min_row=2, max_row=8))
    dash.add_chart(bar, 'A3')
    hist = wb['Check-ins']
    line = LineChart()
    line.title = 'KPI-1 bookings'
    line.add_data(Reference(hist, min_col=3, min_row=1, max_row=6), titles_from_data=True)
    dash.add_chart(line, 'J3')
    pie = PieChart()
    pie.title = 'Weights'
    pie.add_data(Reference(obj, min_col=6, min_row=1, max_row=8), titles_from_data=True)
    pie.set_categories(Reference(obj, min_col=1, min_row=2, max_row=8))
    dash.add_chart(pie, 'A20')
    logo = Image(png_bytes())
    dash.add_image(logo, 'J20')

    # A very hidden sheet a macro-free model would use for its assumptions.
    model = wb.create_sheet('Model')
    model['A1'] = 'Budget FX'
    model['B1'] = 1.08
    model.sheet_state = 'veryHidden'

    save(wb, out)
    manifest.add(os.path.basename(out), WRITER, 'xlsx', tables,
                 ['formal-tables', 'plain-range', 'charts', 'image',
                  'comments', 'conditional-formatting', 'data-validation', 'defined-names',
                  'defined-name-constant', 'defined-name-local', 'print-area', 'hyperlink-internal',
                  'hyperlink-external', 'merged-cells', 'frozen-panes', 'hidden-sheet', 'very-hidden-sheet'],
                 notes='Dependencies is a plain range under a title; every other input is a formal table.')


def plain_workbook(data, sheets, out, manifest):
    """The same inputs as header-row ranges, no tables: the shape of teams that never made tables."""
    wb = new_workbook()
    tables = []
    for name in ['Objectives', 'KPIs', 'Initiatives', 'Dependencies', 'Check-ins', 'Settings']:
        ws = wb.create_sheet(name)
        tables.append(write_block(data, ws, sheets[name], table=False))
        ws.freeze_panes = ws.cell(row=tables[-1]['headerRow'] + 1, column=1).coordinate
        ws.auto_filter.ref = tables[-1]['ref']
    wb['Objectives']['B2'].comment = Comment('Wording agreed with the board.', 'CEO office')
    save(wb, out)
    manifest.add(os.path.basename(out), WRITER, 'xlsx', tables,
                 ['plain-range', 'autofilter', 'frozen-panes', 'comments'],
                 notes='No formal tables: every input is recognised by its sheet name.')


def date1904_workbook(data, sheets, out, manifest):
    """The Mac 1904 date system: every date serial is 1462 lower than in a 1900 workbook."""
    wb = new_workbook()
    wb.epoch = CALENDAR_MAC_1904
    tables = []
    for name in ['Objectives', 'KPIs', 'Initiatives', 'Check-ins', 'Settings']:
        ws = wb.create_sheet(name)
        tables.append(write_block(data, ws, sheets[name]))
    save(wb, out)
    manifest.add(os.path.basename(out), WRITER, 'xlsx', tables, ['formal-tables', 'date1904'],
                 notes='date1904="1" in workbook.xml; 2026-06-30 is stored as 44741, not 46203.')


RAID = [
    ['ID', 'Type', 'Description', 'Owner', 'Raised', 'Impact', 'Likelihood', 'Mitigation', 'Status'],
    ['R-01', 'Risk', 'ERP vendor slips the hosting hand-over', 'M. Okafor', '2026-03-02', 'High', 'Medium', 'Weekly vendor call; penalty clause', 'Open'],
    ['R-02', 'Risk', 'EMEA finance staff leave before cut-over', 'L. Moreau', '2026-04-11', 'Medium', 'Low', 'Retention bonus to go-live', 'Open'],
    ['A-01', 'Assumption', 'Tax engine rates load from the ERP', 'R. Chen', '2026-02-20', 'Medium', 'Medium', 'Confirm in dry run 2', 'Open'],
    ['I-01', 'Issue', 'Chart of accounts mapping has 40 gaps', 'P. Novak', '2026-05-19', 'High', 'High', 'Finance working group', 'In progress'],
    ['D-01', 'Dependency', 'Americas sales enablement before cut-over', 'J. Brooks', '2026-01-31', 'High', 'Medium', 'Tracked in Throughline', 'Closed'],
]


def user_risks_workbook(data, sheets, out, manifest):
    """A PMO workbook whose own RAID log is a sheet called Risks: Throughline must leave it alone."""
    wb = new_workbook()
    tables = []
    for name in ['Objectives', 'KPIs', 'Initiatives', 'Settings']:
        ws = wb.create_sheet(name)
        tables.append(write_block(data, ws, sheets[name]))
    risks = wb.create_sheet('Risks', 0)
    risks['A1'] = 'RAID log: order-to-cash roll-out'
    risks['A1'].font = Font(bold=True, size=14)
    risks.merge_cells('A1:I1')
    for r, row in enumerate(RAID):
        for c, v in enumerate(row):
            cell = risks.cell(row=3 + r, column=1 + c, value=v)
            if r == 0:
                cell.font = Font(bold=True, color='FFFFFF')
                cell.fill = PatternFill(start_color='1F4E78', end_color='1F4E78', fill_type='solid')
    risks.freeze_panes = 'A4'
    dv = DataValidation(type='list', formula1='"Open,In progress,Closed"')
    dv.add('I4:I%d' % (3 + len(RAID) - 1))
    risks.add_data_validation(dv)
    risks.conditional_formatting.add('F4:F%d' % (3 + len(RAID) - 1),
                                     CellIsRule(operator='equal', formula=['"High"'], fill=PatternFill(start_color='FFC7CE', end_color='FFC7CE', fill_type='solid')))
    risks['C4'].comment = Comment('Escalated to the steering committee.', 'PMO')
    save(wb, out)
    manifest.add(os.path.basename(out), WRITER, 'xlsx', tables,
                 ['formal-tables', 'user-sheet-named-risks', 'merged-cells', 'data-validation',
                  'conditional-formatting', 'comments', 'frozen-panes'],
                 notes="Sheet 'Risks' (first sheet, A1:I%d) is the user's RAID log with %d entries; "
                       "the owned sheet must become 'Throughline Risks'." % (3 + len(RAID) - 1, len(RAID) - 1))


def lo_base_workbook(data, sheets, out):
    """A plain tables-only workbook that the LibreOffice step turns into a pivot and a macro file."""
    wb = new_workbook()
    for name in ['Objectives', 'KPIs', 'Initiatives', 'Settings']:
        write_block(data, wb.create_sheet(name), sheets[name])
    save(wb, out)


def main():
    example, out_dir, manifest_path = sys.argv[1:4]
    base_dir = sys.argv[4] if len(sys.argv) > 4 else None
    data, sheets = load_example(example)
    manifest = Manifest()
    features_workbook(data, sheets, os.path.join(out_dir, 'openpyxl-features.xlsx'), manifest)
    plain_workbook(data, sheets, os.path.join(out_dir, 'openpyxl-plain-ranges.xlsx'), manifest)
    date1904_workbook(data, sheets, os.path.join(out_dir, 'openpyxl-1904.xlsx'), manifest)
    user_risks_workbook(data, sheets, os.path.join(out_dir, 'openpyxl-user-risks-sheet.xlsx'), manifest)
    if base_dir:
        lo_base_workbook(data, sheets, os.path.join(base_dir, 'lo-base.xlsx'))
        with open(os.path.join(base_dir, 'logo.png'), 'wb') as f:  # for the node writers' image
            f.write(png_bytes().getvalue())
    manifest.save(manifest_path)


if __name__ == '__main__':
    main()
