// A worksheet part written from scratch, for the sheets Throughline owns and for new workbooks.
import { escapeXml } from './xml';
import { cellXml, type PlainValue } from './cell-xml';
import { columnLetters } from './worksheet-patch';

export interface NewCell {
  value: PlainValue;
  style: number;
}

export interface NewSheet {
  /** Row-major from A1; null cells are left out. */
  rows: (NewCell | null)[][];
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

export function worksheetXml(sheet: NewSheet, mainNs: string, relNs: string): string {
  const width = Math.max(1, ...sheet.rows.map((r) => r.length));
  const height = Math.max(1, sheet.rows.length);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
  out.push(`<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">`);
  out.push(`<dimension ref="A1:${columnLetters(width)}${height}"/>`);
  if (sheet.freezeBelow && sheet.freezeBelow > 1) {
    const split = sheet.freezeBelow - 1;
    out.push(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="${split}" topLeftCell="A${sheet.freezeBelow}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${sheet.freezeBelow}" sqref="A${sheet.freezeBelow}"/></sheetView></sheetViews>`);
  } else {
    out.push('<sheetViews><sheetView workbookViewId="0"/></sheetViews>');
  }
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (sheet.widths && sheet.widths.length > 0) {
    out.push('<cols>');
    sheet.widths.forEach((w, i) => out.push(`<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`));
    out.push('</cols>');
  }
  out.push('<sheetData>');
  sheet.rows.forEach((row, r) => {
    const cells: string[] = [];
    row.forEach((cell, c) => {
      if (!cell) return;
      const xml = cellXml('c', `${columnLetters(c + 1)}${r + 1}`, cell.value, cell.style);
      if (xml) cells.push(xml);
    });
    if (cells.length > 0) out.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  out.push('</sheetData>');
  if (sheet.autoFilter) out.push(`<autoFilter ref="${sheet.autoFilter}"/>`);
  if (sheet.links && sheet.links.length > 0) {
    out.push('<hyperlinks>');
    for (const l of sheet.links) out.push(`<hyperlink ref="${l.ref}" location="${escapeXml(l.location)}" display="${escapeXml(l.display)}"/>`);
    out.push('</hyperlinks>');
  }
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (sheet.tableParts && sheet.tableParts.length > 0) {
    out.push(`<tableParts count="${sheet.tableParts.length}">${sheet.tableParts.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`);
  }
  out.push('</worksheet>');
  return out.join('');
}
