// One cell's number format as the workbook stores it: how the pane, the page and the command line
// learn which currency the workbook counts in (the format of its first Value at Stake cell).
import { parseA1 } from '../../engine';
import { scanWorksheet } from './worksheet-read';
import { formatCode } from '../ooxml/styles';
import type { XlsxWorkbook } from './port';

export function numberFormatAt(workbook: XlsxWorkbook, target: { sheet: string; cell: string }): string | null {
  const model = workbook.model;
  const sheet = model.sheet(target.sheet);
  const at = parseA1(target.cell);
  if (!sheet || !at) return null;
  let style: number | null = null;
  scanWorksheet(model.pkg.text(sheet.entry.part), sheet.entry.part, model.context, {
    lastRow: at.row,
    wantRow: (row) => row === at.row,
    wantCell: (row, column) => row === at.row && column === at.column,
    cell: (_r, _c, _v, s) => (style = s),
  });
  return style === null ? null : formatCode(model.styles, style);
}
