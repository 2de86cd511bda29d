// Loads a workbook into the in-memory Excel fake, as Excel itself would hold it: dates as serial
// numbers, formulas as their results, tables where they are. Bytes are read with Throughline's own
// package layer; a workbook still being built with exceljs is read from exceljs's model.
import ExcelJS from 'exceljs';
import { FakeExcel, type FakeValue } from './excel-fake';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { decodeRef } from '../../src/cells';
import { scanWorksheet } from '../../src/io/xlsx/worksheet-read';
import { formatCode } from '../../src/io/ooxml/styles';
import { serialFromDay } from '../../src/engine/parse/values';
import type { CellValue } from '../../src/engine/types';

const toFake = (v: CellValue, date1904: boolean): FakeValue =>
  v instanceof Date ? serialFromDay(Math.floor(v.getTime() / 86_400_000), date1904) : v;

function fromBytes(data: Uint8Array, date1904?: boolean): FakeExcel {
  const excel = new FakeExcel();
  const model = XlsxWorkbook.open(data).model;
  excel.date1904 = date1904 ?? model.info.date1904;
  for (const s of model.sheets) {
    const sheet = excel.addSheet(s.entry.name);
    scanWorksheet(model.pkg.text(s.entry.part), s.entry.part, model.context, {
      wantRow: () => true,
      wantCell: () => true,
      cell: (r, c, v, style) => {
        const value = toFake(v, excel.date1904);
        const code = formatCode(model.styles, style);
        const numberFormat = code && code !== 'General' ? code : undefined;
        if (value !== null) sheet.cells.set(`${r - 1},${c - 1}`, numberFormat ? { value, numberFormat } : { value });
      },
    });
    for (const t of s.tables) {
      excel.tables.push({
        name: t.name,
        sheet,
        top: t.box.top - 1,
        left: t.box.left - 1,
        columns: t.box.right - t.box.left + 1,
        dataRows: t.box.bottom - t.box.top - t.totalsRowCount,
        showTotals: t.totalsRowCount > 0,
      });
    }
  }
  return excel;
}

interface ExcelJsTable {
  name: string;
  tableRef?: string;
  ref?: string;
  totalsRow?: boolean;
}

function fromExcelJs(wb: ExcelJS.Workbook): FakeExcel {
  const excel = new FakeExcel();
  excel.date1904 = Boolean((wb.properties as { date1904?: boolean }).date1904);
  for (const ws of wb.worksheets) {
    const sheet = excel.addSheet(ws.name);
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        let v = cell.value as unknown;
        if (v && typeof v === 'object' && !(v instanceof Date)) {
          const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
          v = o.richText
            ? o.richText.map((x) => x.text).join('')
            : 'error' in o
              ? { error: o.error }
              : 'result' in o
                ? (o.result ?? null)
                : (o.text ?? null);
        }
        const value = toFake(v as CellValue, excel.date1904);
        // Number formats travel too: the pane reads the currency of the Value at Stake column.
        const numberFormat = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
        if (value !== null) sheet.cells.set(`${r - 1},${c - 1}`, numberFormat ? { value, numberFormat } : { value });
      }),
    );
    for (const t of (ws as unknown as { getTables(): { table?: ExcelJsTable; model?: ExcelJsTable }[] }).getTables()) {
      const model = (t.table ?? t.model)!;
      const box = decodeRef(model.tableRef ?? model.ref!)!;
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

/** `date1904` holds the same dates in the other date system (the workbook as a Mac made it). */
export function fakeFromXlsx(source: Uint8Array | ExcelJS.Workbook, options: { date1904?: boolean } = {}): FakeExcel {
  // ArrayBuffer.isView, not instanceof: under jsdom a Node Buffer comes from another realm.
  return ArrayBuffer.isView(source)
    ? fromBytes(source as Uint8Array, options.date1904)
    : fromExcelJs(source as ExcelJS.Workbook);
}
