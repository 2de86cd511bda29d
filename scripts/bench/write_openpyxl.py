#!/usr/bin/python3
"""Writes a generated bench workbook with openpyxl, as a user's script would: shared strings, openpyxl's
own XML habits, one formal table per sheet.

  write_openpyxl.py SHEETS.json OUT.xlsx

SHEETS.json: [{"sheet", "table", "headers", "rows"}], dates as {"date": "YYYY-MM-DD"}.
"""
import datetime
import json
import sys

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo


def value(v):
    if isinstance(v, dict) and 'date' in v:
        return datetime.datetime.strptime(v['date'], '%Y-%m-%d')
    return v


def main(src, out):
    with open(src, encoding='utf-8') as f:
        sheets = json.load(f)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec['sheet'])
        ws.append(spec['headers'])
        for row in spec['rows']:
            ws.append([value(v) for v in row])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime.datetime):
                    cell.number_format = 'yyyy-mm-dd'
        if spec.get('table'):
            ref = 'A1:%s%d' % (get_column_letter(len(spec['headers'])), len(spec['rows']) + 1)
            table = Table(displayName=spec['table'], ref=ref)
            table.tableStyleInfo = TableStyleInfo(name='TableStyleMedium2', showRowStripes=True)
            ws.add_table(table)
    wb.save(out)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
