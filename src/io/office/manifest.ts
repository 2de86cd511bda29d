// The open workbook's own Portfolio table, read through Office.js. When the workbook open in Excel is a
// portfolio's hub, its table says which team workbooks to pick and the keys they (and it) go by, as it
// does on the command line. Found as the file layer finds it: a table of that name, or a sheet of that
// name holding no table.
import type { CellValue } from '../../engine';
import { isPortfolioName } from '../../portfolio';
import type { ExcelRun } from './port';
import { firstRowOf } from './range';
import type { NamedRange } from '../../portfolio';

const cell = (v: unknown): CellValue => (v === '' || v === undefined ? null : (v as CellValue));

export async function readOpenPortfolioTable(run: ExcelRun): Promise<NamedRange | null> {
  return run(async (context) => {
    const tables = context.workbook.tables.load('items/name,items/showTotals,items/worksheet/name');
    const sheets = context.workbook.worksheets.load('items/name');
    await context.sync();
    const table = tables.items.find((t) => isPortfolioName(t.name));
    if (table) {
      const range = table.getRange().load('values,rowIndex');
      await context.sync();
      const [headers = [], ...rest] = range.values;
      const rows = table.showTotals ? rest.slice(0, -1) : rest;
      return {
        sheet: table.worksheet.name,
        headerRow: firstRowOf(range),
        headers: headers.map(cell),
        rows: rows.map((r) => r.map(cell)),
      };
    }
    const withTables = new Set(tables.items.map((t) => t.worksheet.name.toLowerCase()));
    const sheet = sheets.items.find((s) => isPortfolioName(s.name) && !withTables.has(s.name.toLowerCase()));
    if (!sheet) return null;
    const used = sheet.getUsedRangeOrNullObject(true).load('values,rowIndex');
    await context.sync();
    if (used.isNullObject || used.values.length === 0) return null;
    const [headers, ...rows] = used.values;
    return {
      sheet: sheet.name,
      headerRow: firstRowOf(used),
      headers: headers.map(cell),
      rows: rows.map((r) => r.map(cell)),
    };
  });
}
