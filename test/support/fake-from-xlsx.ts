// Loads an exceljs workbook into the in-memory Excel fake, as Excel itself would hold it:
// dates as serial numbers, formulas as their results, tables where they are.
import ExcelJS from 'exceljs';
import { FakeExcel, type FakeValue } from './excel-fake';
import { decodeRef, tableModel, tablesOf } from '../../src/workbook/xlsx/read';
import { cellValue } from '../../src/workbook/xlsx/cells';
import { serialFromDay } from '../../src/engine/parse/values';

export function fakeFromXlsx(wb: ExcelJS.Workbook): FakeExcel {
  const excel = new FakeExcel();
  excel.date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  for (const ws of wb.worksheets) {
    const sheet = excel.addSheet(ws.name);
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cellValue(cell);
        const value: FakeValue = v instanceof Date ? serialFromDay(Math.floor(v.getTime() / 86_400_000), excel.date1904) : v;
        // Number formats travel too: the pane reads the currency of the Value at Stake column.
        const numberFormat = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
        if (value !== null) sheet.cells.set(`${r - 1},${c - 1}`, numberFormat ? { value, numberFormat } : { value });
      }),
    );
    for (const t of tablesOf(ws)) {
      const model = tableModel(t);
      const box = decodeRef(model.tableRef ?? model.ref!);
      excel.tables.push({
        name: model.name,
        sheet,
        top: box.top - 1,
        left: box.left - 1,
        columns: box.right - box.left + 1,
        dataRows: box.bottom - box.top - (model.totalsRow ? 1 : 0),
        showTotals: Boolean(model.totalsRow),
      });
    }
  }
  return excel;
}
