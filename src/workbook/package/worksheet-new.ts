// A worksheet part written from scratch, for the sheets Throughline owns and for new workbooks.
// Large sheets come out as a list of pieces, so no single string holds the whole part.
import { escapeXml } from './xml';
import { cellXml, type PlainValue } from './cell-xml';
import { columnLetters } from './worksheet-patch';

export interface NewCell {
  value: PlainValue;
  style: number;
}

export interface NewSheet {
  /** How many rows, from row 1. */
  height: number;
  /** How many columns, from column A. */
  width: number;
  /** The cells of one row (0-based), left to right from column A; null cells are left out. The array may be reused for the next row. */
  row(index: number): readonly (NewCell | null)[];
  /** Column widths from column A. */
  widths?: number[];
  /** Freeze the rows above this one (2 freezes the header row). */
  freezeBelow?: number;
  autoFilter?: string;
  /** Links inside the workbook: cell -> location ("'KPIs'!A5"). */
  links?: { ref: string; location: string; display: string }[];
  /** Relationship ids of table parts on the sheet. */
  tableParts?: string[];
}

/** A sheet from a plain grid of cells. */
export function gridSheet(rows: (NewCell | null)[][], extra: Omit<NewSheet, 'height' | 'width' | 'row'> = {}): NewSheet {
  return { ...extra, height: rows.length, width: Math.max(1, ...rows.map((r) => r.length)), row: (i) => rows[i] };
}

const ROWS_PER_PIECE = 2_000;

export function worksheetXml(sheet: NewSheet, mainNs: string, relNs: string): string[] {
  const letters = Array.from({ length: sheet.width }, (_, c) => columnLetters(c + 1));
  const head: string[] = [];
  head.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
  head.push(`<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">`);
  head.push(`<dimension ref="A1:${columnLetters(Math.max(1, sheet.width))}${Math.max(1, sheet.height)}"/>`);
  if (sheet.freezeBelow && sheet.freezeBelow > 1) {
    const split = sheet.freezeBelow - 1;
    head.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${split}" topLeftCell="A${sheet.freezeBelow}" activePane="bottomLeft" state="frozen"/>` +
        `<selection pane="bottomLeft" activeCell="A${sheet.freezeBelow}" sqref="A${sheet.freezeBelow}"/></sheetView></sheetViews>`,
    );
  } else {
    head.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  head.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (sheet.widths && sheet.widths.length > 0) {
    head.push('<cols>');
    sheet.widths.forEach((w, i) => head.push(`<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`));
    head.push('</cols>');
  }
  head.push('<sheetData>');
  const pieces = [head.join('')];
  let piece: string[] = [];
  for (let r = 0; r < sheet.height; r++) {
    const cells = sheet.row(r);
    const start = piece.length;
    piece.push(`<row r="${r + 1}">`);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (!cell) continue;
      const x = cellXml('c', letters[c] + (r + 1), cell.value, cell.style);
      if (x) piece.push(x);
    }
    if (piece.length === start + 1) piece.pop();
    else piece.push('</row>');
    if ((r + 1) % ROWS_PER_PIECE === 0) {
      pieces.push(piece.join(''));
      piece = [];
    }
  }
  const tail: string[] = [piece.join(''), '</sheetData>'];
  if (sheet.autoFilter) tail.push(`<autoFilter ref="${sheet.autoFilter}"/>`);
  if (sheet.links && sheet.links.length > 0) {
    tail.push('<hyperlinks>');
    for (const l of sheet.links) tail.push(`<hyperlink ref="${l.ref}" location="${escapeXml(l.location)}" display="${escapeXml(l.display)}"/>`);
    tail.push('</hyperlinks>');
  }
  tail.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (sheet.tableParts && sheet.tableParts.length > 0) {
    tail.push(`<tableParts count="${sheet.tableParts.length}">${sheet.tableParts.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`);
  }
  tail.push('</worksheet>');
  pieces.push(tail.join(''));
  return pieces;
}
