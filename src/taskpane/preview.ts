// A read-only picture of a workbook for the browser page: each sheet's cells as text, with fills.
import type ExcelJS from 'exceljs';
import { parseA1 } from '../engine/recognise/locate';

export interface PreviewCell {
  text: string;
  /** CSS colour of the cell's solid fill, if any. */
  fill: string | null;
  colour: string | null;
}

export interface PreviewSheet {
  name: string;
  /** Hidden and very hidden sheets (the audit ledger) are not shown. */
  hidden: boolean;
  /** Sheet row number of rows[0] is 1; rows beyond `limit` are left out. */
  rows: PreviewCell[][];
  totalRows: number;
}

function text(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (cell.numFmt?.includes('%')) return `${Math.round(v * 100)}%`;
    if (cell.numFmt?.includes('yy')) return '';
    return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

function argb(colour: Partial<ExcelJS.Color> | undefined): string | null {
  return colour?.argb && colour.argb.length === 8 ? `#${colour.argb.slice(2)}` : null;
}

export function previewOf(wb: ExcelJS.Workbook, limit = 1500): PreviewSheet[] {
  return wb.worksheets.map((ws) => {
    const width = Math.min(ws.columnCount, 40);
    const height = ws.rowCount;
    const rows: PreviewCell[][] = [];
    for (let r = 1; r <= Math.min(height, limit); r++) {
      const row = ws.getRow(r);
      const cells: PreviewCell[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c);
        const fill = cell.fill && cell.fill.type === 'pattern' && cell.fill.pattern === 'solid' ? argb(cell.fill.fgColor) : null;
        cells.push({ text: text(cell), fill, colour: argb(cell.font?.color) });
      }
      rows.push(cells);
    }
    return { name: ws.name, hidden: ws.state !== undefined && ws.state !== 'visible', rows, totalRows: height };
  });
}

/** A cell's number format as the workbook stores it (the pane reads the currency of Value at Stake). */
export function numberFormatAt(wb: ExcelJS.Workbook, target: { sheet: string; cell: string }): string | null {
  return wb.getWorksheet(target.sheet)?.getCell(target.cell).numFmt ?? null;
}

/** "B7" -> { row: 7, column: 2 }; anything else points at A1. */
export function cellPosition(address: string): { row: number; column: number } {
  return parseA1(address) ?? { row: 1, column: 1 };
}
