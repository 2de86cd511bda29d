// A worksheet part written from scratch, for the sheets Throughline owns and for new workbooks.
// Large sheets come out as chunks of bytes, so nothing ever holds the whole part.
import { escapeXml } from './xml';
import type { PlainValue } from './cell-xml';
import { ByteWriter } from './byte-writer';
import { CellMarkup, ROW_OPEN, ROW_ROOM, RowNumber, TAG_END } from './cell-bytes';
import { columnLetters } from '../../cells';

export interface NewCell {
  value: PlainValue;
  style: number;
}

export interface NewLink {
  ref: string;
  location: string;
  display: string;
  relId?: string;
}

/**
 * Links written straight into the part, `<hyperlink ref=".." location=".." display=".."/>` as an
 * array's would be, without an object or a string held for each.
 */
export interface LinkWriter {
  /** Whether `write` writes anything at all (the part then has a <hyperlinks> element). */
  any: boolean;
  /** How many times `write` is called, with 0 to size - 1. */
  size: number;
  /** Writes zero or one <hyperlink/> element. */
  write(index: number, out: ByteWriter): void;
}

/** One row's cells from column A, filled in place for each row: a sheet of a million cells makes no object per cell. */
export interface RowBuffer {
  /** Null leaves the cell out (unless it has a style). */
  values: PlainValue[];
  styles: number[];
}

export interface NewSheet {
  /** How many rows, from row 1. */
  height: number;
  /** How many columns, from column A. */
  width: number;
  /** Fills row `index` (0-based) into a buffer whose cells are all null, style 0. */
  fill(index: number, row: RowBuffer): void;
  /** Column widths from column A. */
  widths?: number[];
  /** Freeze the rows above this one (2 freezes the header row). */
  freezeBelow?: number;
  autoFilter?: string;
  /**
   * Links: cell -> location ("'KPIs'!A5"), in this workbook or, with a relationship id, in the file it
   * names; or, for a sheet with a link on most rows, a writer of the same elements.
   */
  links?: NewLink[] | LinkWriter;
  /** Relationship ids of table parts on the sheet. */
  tableParts?: string[];
}

/** A sheet from a plain grid of cells. */
export function gridSheet(
  rows: (NewCell | null)[][],
  extra: Omit<NewSheet, 'height' | 'width' | 'fill'> = {},
): NewSheet {
  const fill = (i: number, row: RowBuffer) =>
    rows[i].forEach((cell, c) => {
      if (!cell) return;
      row.values[c] = cell.value;
      row.styles[c] = cell.style;
    });
  return { ...extra, height: rows.length, width: Math.max(1, ...rows.map((r) => r.length)), fill };
}

export function worksheetXml(sheet: NewSheet, mainNs: string, relNs: string): string[] {
  return [...worksheetPieces(sheet, mainNs, relNs)];
}

/** The part as text in pieces (for callers that want strings: a new workbook's small sheets). */
export function* worksheetPieces(sheet: NewSheet, mainNs: string, relNs: string): Generator<string> {
  const decoder = new TextDecoder();
  for (const chunk of worksheetChunks(sheet, mainNs, relNs)) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * The part as UTF-8 chunks of about a megabyte, made one at a time as they are asked for: a package
 * deflates and lets go of each before the next is made, so a 40 MB sheet is never whole in memory,
 * and its cells are written straight into the chunk, without a string each.
 */
export function* worksheetChunks(sheet: NewSheet, mainNs: string, relNs: string): Generator<Uint8Array> {
  // Nothing here keeps a range of a chunk taken: a deflater may give them back to be written again.
  const out = new ByteWriter(true);
  out.text(sheetHead(sheet, mainNs, relNs));
  const cells = new CellMarkup(sheet.width);
  const buffer: RowBuffer = { values: new Array<PlainValue>(sheet.width), styles: new Array<number>(sheet.width) };
  const { values, styles } = buffer;
  const row = new RowNumber();
  for (let r = 0; r < sheet.height; r++) {
    values.fill(null);
    styles.fill(0);
    sheet.fill(r, buffer);
    row.set(r + 1);
    const rowStart = out.at;
    out.reserve(ROW_ROOM);
    out.putBytes(ROW_OPEN);
    row.put(out);
    out.putBytes(TAG_END);
    const cellsStart = out.at;
    for (let c = 0; c < sheet.width; c++) {
      const value = values[c];
      const style = styles[c];
      if (value !== null || style !== 0) cells.put(out, c, row, value, style);
    }
    // A row without cells is left out.
    if (out.at === cellsStart) out.at = rowStart;
    else out.ascii('</row>');
    if (out.full) yield out.take();
  }
  out.ascii('</sheetData>');
  if (sheet.autoFilter) out.text(`<autoFilter ref="${sheet.autoFilter}"/>`);
  yield* linksXml(out, sheet.links);
  out.ascii('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (sheet.tableParts && sheet.tableParts.length > 0) {
    out.text(
      `<tableParts count="${sheet.tableParts.length}">${sheet.tableParts.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>`,
    );
  }
  out.ascii('</worksheet>');
  yield out.takeLast();
}

/** The <hyperlinks> element, taking a chunk whenever one is full. */
function* linksXml(out: ByteWriter, links: NewSheet['links']): Generator<Uint8Array> {
  if (!links) return;
  if (Array.isArray(links)) {
    if (links.length === 0) return;
    out.ascii('<hyperlinks>');
    for (const l of links) {
      const rel = l.relId ? ` r:id="${escapeXml(l.relId)}"` : '';
      out.text(
        `<hyperlink ref="${l.ref}"${rel} location="${escapeXml(l.location)}" display="${escapeXml(l.display)}"/>`,
      );
      if (out.full) yield out.take();
    }
  } else {
    if (!links.any) return;
    out.ascii('<hyperlinks>');
    for (let i = 0; i < links.size; i++) {
      links.write(i, out);
      if (out.full) yield out.take();
    }
  }
  out.ascii('</hyperlinks>');
}

/** Everything before the first row. */
function sheetHead(sheet: NewSheet, mainNs: string, relNs: string): string {
  const head: string[] = [];
  head.push('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n');
  head.push(`<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">`);
  head.push(`<dimension ref="A1:${columnLetters(Math.max(1, sheet.width))}${Math.max(1, sheet.height)}"/>`);
  if (sheet.freezeBelow && sheet.freezeBelow > 1) {
    const split = sheet.freezeBelow - 1;
    head.push(
      `<sheetViews><sheetView workbookViewId="0">` +
        `<pane ySplit="${split}" topLeftCell="A${sheet.freezeBelow}" activePane="bottomLeft" state="frozen"/>` +
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
  return head.join('');
}
