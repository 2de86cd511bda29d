// The staged sheets of a refresh as a small .xlsx, for Workbook.insertWorksheetsFromBase64 (ExcelApi
// 1.13): the Risks rows and the ledger are tens of megabytes of JSON as value writes, a few as a
// deflated package. The cells are those the value path would write (asOfficeValue's strings: "=…" a
// formula, "'…" text, "" blank), so that what Excel holds after either path is the same; see
// docs/decisions.md, "Sending the staged sheets compressed". Built with Throughline's own package
// layer; rows too many for one request go into several packages, each holding its rows at their
// final addresses, so one Range.copyFrom per package puts them together.
import { columnLetters } from '../../cells';
import { fflateDeflate, portableCodec, type Codec } from '../ooxml/codec';
import { CONTENT_TYPE } from '../ooxml/content-types';
import { OoxmlPackage } from '../ooxml/package';
import { REL, RELATIONSHIPS_NS } from '../ooxml/relationships';
import { DEFAULT_STYLES_XML, StyleEditor } from '../ooxml/styles';
import { TRANSITIONAL_MAIN } from '../ooxml/workbook';
import { escapeXml } from '../ooxml/xml';

/**
 * A cell as the value path writes it: a number, "" (blank), "=…" (a formula), "'…" or other text; or a
 * formula with the text it shows, stored as its cached value (Excel shows it before it recalculates,
 * and readers that never calculate, openpyxl among them, see it too).
 */
export type StagedValue = string | number | { formula: string; shows: string };

/** What a staged cell looks like besides its value (the value path's fills and the bold header). */
export interface StagedFormat {
  /** Solid fill, ARGB. */
  fill?: string;
  bold?: boolean;
}

/** One sheet's cells from row `top`, column A. */
export interface StagedGrid {
  /** 1-based row of the first row of `rows`. */
  top: number;
  rows: StagedValue[][];
  /** The format of a cell, by its index in `rows` and its 0-based column; null for none. */
  format?: (row: number, column: number) => StagedFormat | null;
}

/**
 * Deflate level for staged packages. Unlike a file Throughline writes (level 2, speed first), every
 * byte here travels through Excel's 5 MB request limit, so round trips, not CPU, are what it saves.
 */
export const STAGING_LEVEL = 6;

const stagingCodec: Codec = { ...portableCodec, ...fflateDeflate(STAGING_LEVEL) };

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Rows per piece of sheet XML handed to the deflater. */
const ROWS_PER_PIECE = 2_000;

/** Text as a shared string's `<t>`: spaces at either end or a line break kept. */
const textXml = (text: string) => `<t${/^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : ''}>${escapeXml(text)}</t>`;

/**
 * One cell's XML, or "" for a blank without a format. `ref` is given only where the cell does not
 * directly follow the previous one in its row (a cell's r is optional: ECMA-376 Part 1, 18.3.1.4, a
 * cell without one is the next in its row), which halves the deflated size of a large sheet: the
 * references are the part of the markup deflate cannot predict (measured on the 100k-row table's
 * Risks rows: 2.57 MB deflated with them, 1.24 MB without; rows without theirs, 1.11 MB). Text goes
 * to the shared strings (repeated texts once: a further fifth off the Risks rows).
 */
function cellXml(ref: string | null, value: StagedValue, style: number, shared: (text: string) => number): string {
  const r = ref === null ? '' : ` r="${ref}"`;
  const s = style > 0 ? ` s="${style}"` : '';
  if (value === '') return style > 0 ? `<c${r}${s}/>` : '';
  if (typeof value === 'number') return `<c${r}${s}><v>${value}</v></c>`;
  if (typeof value === 'object')
    return `<c${r}${s} t="str"><f>${escapeXml(value.formula.slice(1))}</f><v>${escapeXml(value.shows)}</v></c>`;
  if (value.startsWith('=')) return `<c${r}${s}><f>${escapeXml(value.slice(1))}</f></c>`;
  // The apostrophe only tells Excel's typing to keep the text as it is; in a file text is text.
  const text = value.startsWith("'") ? value.slice(1) : value;
  return `<c${r}${s} t="s"><v>${shared(text)}</v></c>`;
}

function* sheetPieces(
  grid: StagedGrid,
  styleOf: (f: StagedFormat | null) => number,
  shared: (text: string) => number,
): Generator<string> {
  yield `${XML_HEAD}<worksheet xmlns="${TRANSITIONAL_MAIN}" xmlns:r="${RELATIONSHIPS_NS}"><sheetData>`;
  const width = grid.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const letters = Array.from({ length: width }, (_, c) => columnLetters(c + 1));
  let piece = '';
  // The row the next <row> without an r would be (ECMA-376 Part 1, 18.3.1.73: r is optional; a row
  // without one follows the previous row), as for cells.
  let nextRow = 1;
  for (let i = 0; i < grid.rows.length; i++) {
    const row = grid.rows[i];
    const r = grid.top + i;
    let cells = '';
    let next = 0;
    for (let c = 0; c < row.length; c++) {
      const xml = cellXml(
        c === next ? null : `${letters[c]}${r}`,
        row[c],
        styleOf(grid.format?.(i, c) ?? null),
        shared,
      );
      if (xml === '') continue;
      cells += xml;
      next = c + 1;
    }
    if (cells) {
      piece += r === nextRow ? `<row>${cells}</row>` : `<row r="${r}">${cells}</row>`;
      nextRow = r + 1;
    }
    if (i % ROWS_PER_PIECE === ROWS_PER_PIECE - 1) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

function* sharedStringsPieces(texts: string[]): Generator<string> {
  yield `${XML_HEAD}<sst xmlns="${TRANSITIONAL_MAIN}" count="${texts.length}" uniqueCount="${texts.length}">`;
  for (let i = 0; i < texts.length; i += ROWS_PER_PIECE) {
    let piece = '';
    for (const t of texts.slice(i, i + ROWS_PER_PIECE)) piece += `<si>${textXml(t)}</si>`;
    yield piece;
  }
  yield '</sst>';
}

/** A package of one sheet named `name`, holding `grid`. */
export function stagingPackage(name: string, grid: StagedGrid): Uint8Array {
  const pkg = OoxmlPackage.empty(stagingCodec);
  const styles = new StyleEditor(DEFAULT_STYLES_XML, 'xl/styles.xml');
  const known = new Map<string, number>();
  const styleOf = (f: StagedFormat | null) => {
    if (!f || (!f.fill && !f.bold)) return 0;
    const k = `${f.fill ?? ''}|${f.bold ? 1 : 0}`;
    let s = known.get(k);
    if (s === undefined) {
      s = styles.derive(0, { ...(f.fill ? { fill: f.fill } : {}), ...(f.bold ? { bold: true } : {}) });
      known.set(k, s);
    }
    return s;
  };
  const texts: string[] = [];
  const index = new Map<string, number>();
  const shared = (text: string) => {
    let i = index.get(text);
    if (i === undefined) index.set(text, (i = texts.push(text) - 1));
    return i;
  };
  pkg.set('xl/worksheets/sheet1.xml', sheetPieces(grid, styleOf, shared));
  pkg.set('xl/sharedStrings.xml', sharedStringsPieces(texts));
  pkg.set(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="${CONTENT_TYPE.relationships}"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPE.workbook}"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPE.styles}"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="${CONTENT_TYPE.sharedStrings}"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CONTENT_TYPE.worksheet}"/></Types>`,
  );
  pkg.set(
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL.officeDocument}" Target="xl/workbook.xml"/></Relationships>`,
  );
  pkg.set(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${TRANSITIONAL_MAIN}" xmlns:r="${RELATIONSHIPS_NS}"><workbookPr/>` +
      `<sheets><sheet name="${escapeXml(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  pkg.set(
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL.worksheet}" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL.styles}" Target="styles.xml"/>` +
      `<Relationship Id="rId3" Type="${REL.sharedStrings}" Target="sharedStrings.xml"/></Relationships>`,
  );
  // Set last: the cell formats are derived while the sheet is written.
  pkg.set('xl/styles.xml', styles.text());
  return pkg.toBytes();
}

/** Base64 characters of `bytes`: 4 for every 3, padded. */
export const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** `bytes` as base64, without Buffer or btoa's string of the whole (both hosts: the pane and Node). */
export function toBase64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const parts: string[] = [];
  const step = 3 * 16_384;
  for (let at = 0; at < bytes.length; at += step) {
    const end = Math.min(bytes.length, at + step);
    let s = '';
    for (let i = at; i < end; i += 3) {
      const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      s += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
      s += i + 1 < end ? alphabet[(n >> 6) & 63] : '=';
      s += i + 2 < end ? alphabet[n & 63] : '=';
    }
    parts.push(s);
  }
  return parts.join('');
}

/** One staged package: its sheet's name, its base64, and the rows (1-based, inclusive) it holds. */
export interface StagedPart {
  name: string;
  base64: string;
  top: number;
  bottom: number;
}

/**
 * The grid in as few packages as fit `limit` base64 characters each: all of it, or, when that is too
 * large, rows split evenly into as many parts as the first package's size says, split again if one
 * still does not fit. `nameOf(i)` names part i's sheet.
 */
export function stageInParts(grid: StagedGrid, limit: number, nameOf: (part: number) => string): StagedPart[] {
  const parts: StagedPart[] = [];
  const build = (from: number, to: number) => {
    const name = nameOf(parts.length);
    const sub: StagedGrid = {
      top: grid.top + from,
      rows: grid.rows.slice(from, to),
      format: grid.format ? (r, c) => grid.format!(from + r, c) : undefined,
    };
    const bytes = stagingPackage(name, sub);
    const length = base64Length(bytes.length);
    if (length <= limit || to - from <= 1) {
      if (length > limit) throw new Error(`one staged row is larger than a request may be (${length} bytes)`);
      parts.push({ name, base64: toBase64(bytes), top: sub.top, bottom: sub.top + sub.rows.length - 1 });
      return;
    }
    // Evenly, with a tenth's margin: packages of fewer rows deflate a little less well.
    const pieces = Math.max(2, Math.ceil((length / limit) * 1.1));
    const size = Math.ceil((to - from) / pieces);
    for (let at = from; at < to; at += size) build(at, Math.min(to, at + size));
  };
  build(0, grid.rows.length);
  return parts;
}
