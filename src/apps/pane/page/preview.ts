// A read-only picture of a workbook for the browser page: each visible sheet's cells as text, with fills.
import type { CellValue } from '../../../engine';
import { parseA1 } from '../../../engine';
import type { XlsxWorkbook } from '../../../io/xlsx/port';
import { scanWorksheet } from '../../../io/xlsx/worksheet-read';
import type { StyleInfo } from '../../../io/ooxml/styles';

export interface PreviewCell {
  text: string;
  /** CSS colour of the cell's solid fill, if any. */
  fill: string | null;
  colour: string | null;
}

export interface PreviewSheet {
  /** What a link names the sheet by: its own name, or [file]Sheet in a portfolio. */
  name: string;
  /** In a portfolio: the member's file, and the sheet's own name as its tab shows it. */
  workbook?: string;
  title?: string;
  /** Hidden and very hidden sheets (the audit ledger) are not shown. */
  hidden: boolean;
  /** Sheet row number of rows[0] is 1; rows beyond `limit` are left out. */
  rows: PreviewCell[][];
  totalRows: number;
}

const MAX_COLUMNS = 40;

function text(v: CellValue, format: string): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (format.includes('%')) return `${Math.round(v * 100)}%`;
    return v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
  if (typeof v === 'object') return v.error;
  return String(v);
}

const css = (argb: string | null | undefined) => (argb ? `#${argb.slice(2)}` : null);

function look(styles: StyleInfo, style: number) {
  const xf = styles.cellXfs[style];
  if (!xf) return { format: '', fill: null, colour: null };
  return {
    format: styles.numFmts.get(xf.numFmtId) ?? (xf.numFmtId === 9 || xf.numFmtId === 10 ? '0%' : ''),
    fill: css(styles.fills[xf.fillId]),
    colour: css(styles.fonts[xf.fontId]?.rgb),
  };
}

const ROW_NUMBER = /<(?:[\w.-]+:)?row\b[^>]*?\sr\s*=\s*["'](\d+)["']/g;

/** The number of a worksheet's last row, read from the end of its XML; null where rows carry no number. */
export function lastRowNumber(xml: string): number | null {
  const end = xml.lastIndexOf('sheetData>');
  for (let window = 1 << 16; ; window *= 4) {
    const from = Math.max(0, (end < 0 ? xml.length : end) - window);
    let last: number | null = null;
    for (const m of xml.slice(from, end < 0 ? xml.length : end).matchAll(ROW_NUMBER)) last = Number(m[1]);
    if (last !== null || from === 0) return last;
  }
}

export function previewOf(workbook: XlsxWorkbook, limit = 1500): PreviewSheet[] {
  const model = workbook.model;
  const states = new Map(model.info.sheets.map((s) => [s.name, s.state]));
  return model.sheets.map((sheet) => {
    const hidden = states.get(sheet.entry.name) !== 'visible';
    const rows: PreviewCell[][] = [];
    let totalRows = 0;
    const part = sheet.entry.part;
    // Hidden sheets (the audit ledger) are listed but never shown: their cells are not read.
    if (!hidden) {
      const xml = model.pkg.text(part);
      // The scan stops after the rows shown; how many there are comes from the last row's number.
      const last = lastRowNumber(xml);
      totalRows = last ?? 0;
      scanWorksheet(xml, part, model.context, {
        lastRow: last === null ? undefined : limit,
        wantRow: (row) => {
          totalRows = Math.max(totalRows, row);
          return row <= limit;
        },
        wantCell: (_row, column) => column <= MAX_COLUMNS,
        cell(row, column, value, style) {
          const { format, fill, colour } = look(model.styles, style);
          for (let r = rows.length; r < row; r++) rows.push([]);
          const cells = rows[row - 1];
          for (let c = cells.length; c < column; c++) cells.push({ text: '', fill: null, colour: null });
          cells[column - 1] = { text: text(value, format), fill, colour };
        },
      });
      model.pkg.forget(part);
    }
    const width = Math.max(0, ...rows.map((r) => r.length));
    for (const r of rows) while (r.length < width) r.push({ text: '', fill: null, colour: null });
    return { name: sheet.entry.name, hidden, rows, totalRows: Math.max(totalRows, rows.length) };
  });
}

/** A cell's number format as the workbook stores it (the pane reads the currency of Value at Stake). */
export { numberFormatAt } from '../../../io/xlsx/number-format';

/** "B7" -> { row: 7, column: 2 }; anything else points at A1. */
export function cellPosition(address: string): { row: number; column: number } {
  return parseA1(address) ?? { row: 1, column: 1 };
}
