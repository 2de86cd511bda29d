// Builds an exceljs workbook from sheet specs: the example file, and the browser page's starter sheets.
import ExcelJS from 'exceljs';
import type { SheetSpec } from '../../example/sheet-spec';
import { DATE_HEADERS } from '../../example/starter';

function widthOf(spec: SheetSpec, index: number): number {
  const cells = spec.rows.map((r) => (r[index] instanceof Date ? 10 : String(r[index] ?? '').length));
  return Math.min(48, Math.max(9, spec.headers[index].length, ...cells) + 2);
}

function addTable(wb: ExcelJS.Workbook, spec: SheetSpec, formats: Record<string, string>): void {
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addTable({
    name: spec.table!,
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: spec.headers.map((h) => ({ name: h, filterButton: true })),
    // Excel tables have at least one row; a starter table gets an empty one.
    rows: spec.rows.length ? spec.rows : [spec.headers.map(() => null)],
  });
  spec.headers.forEach((h, i) => {
    const column = ws.getColumn(i + 1);
    column.width = widthOf(spec, i);
    const format = formats[h] ?? (DATE_HEADERS.has(h) ? 'yyyy-mm-dd' : undefined);
    if (format) column.numFmt = format;
  });
}

function addRange(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.sheet);
  ws.getCell('A1').value = spec.title ?? null;
  ws.getCell('A1').font = { bold: true, size: 12 };
  spec.headers.forEach((h, i) => {
    const cell = ws.getCell(3, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
    ws.getColumn(i + 1).width = widthOf(spec, i);
  });
  spec.rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(4 + r, c + 1).value = v)));
}

export function buildWorkbook(specs: SheetSpec[], about: string[] = [], formats: Record<string, string> = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  if (about.length > 0) {
    const ws = wb.addWorksheet('About');
    about.forEach((line, i) => (ws.getCell(i + 1, 1).value = line));
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getColumn(1).width = 110;
  }
  for (const spec of specs) (spec.table ? addTable : addRange)(wb, spec, formats);
  return wb;
}
