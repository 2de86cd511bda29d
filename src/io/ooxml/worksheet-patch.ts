// Patches a worksheet's XML in place: the cells asked for are replaced, inserted or removed inside
// <sheetData>; <dimension> widens and <cols> gains widths for new columns. Every other byte of the
// part stays where it was, so a patched sheet differs from the original only where Throughline writes.
import { localName, streamXml, setAttr, splice } from './xml';
import {
  BANG,
  EQUALS,
  GT,
  LT,
  NotPlainXml,
  QUESTION,
  SLASH,
  attributeValueEnd,
  attrsOf,
  hasEntity,
  isSpace,
  lastValue,
  localNameIs,
  next,
  pastMarkup,
  scanXmlBytes,
  textOf,
} from './xml-bytes';
import { ByteWriter, CHUNK_BYTES } from './byte-writer';
import { columnLetters, columnOfRef, rowOfRef } from '../../cells';

/** A cell as it stands before the patch (told to a render for the length of its call only). */
export interface ExistingCell {
  /** Its style index (`s`), 0 when absent. */
  style: number;
  hasFormula: boolean;
}

/**
 * Produces the XML of one cell (without knowing the element prefix: `c` is passed in), or null to
 * leave the cell out. `existing` is null when the sheet has no such cell; `styleOf` reads the style of
 * another cell in the same row (0 when there is none).
 */
export type CellRender = CellRenderText | CellWriter;

export type CellRenderText = (
  c: string,
  existing: ExistingCell | null,
  styleOf: (column: number) => number,
) => string | null;

/**
 * A cell that can also write itself as bytes: the patch over a part's bytes writes a row's cells
 * straight into a chunk (no string per cell), as the owned sheets are written. `write` must write
 * exactly the UTF-8 of what `xml` returns (nothing for null), and both must ask for the same styles.
 */
export interface CellWriter {
  xml(c: string, existing: ExistingCell | null, styleOf: (column: number) => number): string | null;
  write(out: ByteWriter, c: string, existing: ExistingCell | null, styleOf: (column: number) => number): void;
}

/** One row's renders by column: what the patch reads of a Map (a Map does). */
export interface RowRenders {
  keys(): Iterable<number>;
  get(column: number): CellRender | undefined;
}

/**
 * row -> column -> render. A Map does; a writer of 100,000 rows makes each row's map only when the
 * patch asks for it, so the renders never all sit in memory at once.
 */
export interface PatchCells {
  has(row: number): boolean;
  /**
   * Asked once for each row the patch writes to. The patch is done with a row's map (and its renders)
   * before it asks for the next row's, so a writer may hand out the same map and renders again.
   */
  get(row: number): RowRenders | undefined;
  keys(): Iterable<number>;
}

export interface WorksheetPatch {
  /** row -> column -> render. */
  cells: PatchCells;
  /** Widths for columns that have no <col> entry yet. */
  widths?: Map<number, number>;
}

export interface PatchResult {
  text: string;
  /** Addresses of replaced cells that held a formula (the calculation chain must forget them). */
  formulasReplaced: string[];
}

/**
 * A row's cells as parallel lists, in the order the sheet has them: the byte path reuses one list for
 * every row it patches (no object per cell), the text path keeps one for each row.
 */
class RowCells {
  n = 0;
  readonly column: number[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly style: number[] = [];
  readonly formula: boolean[] = [];

  /** Adds a cell (its end: its start tag's, until its end tag is seen) and returns its index. */
  add(column: number, start: number, openEnd: number, style: number): number {
    const k = this.n++;
    this.column[k] = column;
    this.start[k] = start;
    this.end[k] = openEnd;
    this.style[k] = style;
    this.formula[k] = false;
    return k;
  }

  /** The column's cell, or -1 (the last of two claiming one column, as a map would keep it). */
  find(col: number): number {
    for (let k = this.n - 1; k >= 0; k--) if (this.column[k] === col) return k;
    return -1;
  }

  /** The first cell right of column `col`, or -1: where a new cell of that column goes. */
  after(col: number): number {
    for (let k = 0; k < this.n; k++) if (this.column[k] > col) return k;
    return -1;
  }

  /**
   * The part's bytes, on the byte path: a cell the patch does not write is recorded with its format
   * unread (UNREAD) and its start tag's name end in `end`, and the format is read only if a render asks.
   */
  bytes: Uint8Array | null = null;

  /** Adds a cell the patch does not write: its column and start, its format left unread. */
  addUnread(column: number, start: number, nameEnd: number): void {
    this.add(column, start, nameEnd, UNREAD);
  }

  /** The style of the row's cell in a column (0 when there is none), as renders ask for it. */
  readonly styleOf = (col: number): number => {
    const k = this.find(col);
    if (k < 0) return 0;
    if (this.style[k] === UNREAD) this.style[k] = styleAt(this.bytes!, this.end[k]);
    return this.style[k];
  };
}

/** A format not read yet (RowCells.addUnread). */
const UNREAD = -1;

const NO_CELLS = new RowCells();

interface RowInfo {
  row: number;
  /** The row's renders, when the byte path asked for them as the row started (else asked as it is patched). */
  wanted: RowRenders | null;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
  /** The spans attribute as text (the text path), or null. */
  spans: string | null;
  /** Where the byte path found the spans attribute's value, [spansFrom, spansTo); -1 when it has none. */
  spansFrom: number;
  spansTo: number;
  cells: RowCells;
}

interface SheetDataInfo {
  name: string;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
}

interface ColsInfo extends SheetDataInfo {
  ranges: { min: number; max: number; start: number }[];
}

/** Every row's number and where it starts, in document order: new rows go before the first one below them. */
class RowStarts {
  n = 0;
  row = new Float64Array(256);
  start = new Float64Array(256);

  push(row: number, start: number): void {
    if (this.n === this.row.length) {
      const grow = (a: Float64Array) => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.row = grow(this.row);
      this.start = grow(this.start);
    }
    this.row[this.n] = row;
    this.start[this.n++] = start;
  }

  /** The rows sorted by number (stable: as Array.prototype.sort left them). */
  sorted(): { row: number; start: number }[] {
    const all: { row: number; start: number }[] = [];
    for (let k = 0; k < this.n; k++) all.push({ row: this.row[k], start: this.start[k] });
    return all.sort((a, b) => a.row - b.row);
  }
}

/** Where the parts of the sheet a patch touches sit in its text. */
interface SheetLayout {
  /** Rows the patch writes to, with their cells (the text path: the byte path patches each as it goes). */
  rows: RowInfo[];
  rowStarts: RowStarts;
  sheetData: SheetDataInfo | null;
  dimension: { start: number; openEnd: number; ref: string } | null;
  cols: ColsInfo | null;
}

const newLayout = (): SheetLayout => ({
  rows: [],
  rowStarts: new RowStarts(),
  sheetData: null,
  dimension: null,
  cols: null,
});

/** Where the scan is inside the sheet's elements. */
interface ScanPosition {
  inCols: boolean;
  /**
   * Inside <sheetData>: only there is a `row` element a row of the sheet (a drawing's anchor after it
   * holds `<xdr:row>`, a number).
   */
  inSheetData: boolean;
  /** The row being read, when the patch writes to it. */
  row: RowInfo | null;
  rowNumber: number;
  lastColumn: number;
  /** The cell being read (of `row`), or -1. */
  cell: number;
}

type Tag = Parameters<NonNullable<Parameters<typeof streamXml>[2]['open']>>[0];

/**
 * Bytes [start, end) of the part replaced by `text`, or, when `bytes` is set, by its bytes [from, to)
 * (cells the byte writer wrote while the patch was planned).
 */
interface Edit {
  start: number;
  end: number;
  text: string;
  bytes: Uint8Array | null;
  from: number;
  to: number;
}

const textEdit = (start: number, end: number, text: string): Edit => ({
  start,
  end,
  text,
  bytes: null,
  from: 0,
  to: 0,
});

/**
 * The cells to go into one row, each before the cell of column `before` (or at the row's end), as text
 * or written bytes: parallel lists the patch reuses for every row.
 */
class Inserts {
  n = 0;
  readonly before: number[] = [];
  readonly text: string[] = [];
  readonly bytes: (Uint8Array | null)[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];

  push(before: number, text: string, bytes: Uint8Array | null, from: number, to: number): void {
    const k = this.n++;
    this.before[k] = before;
    this.text[k] = text;
    this.bytes[k] = bytes;
    this.from[k] = from;
    this.to[k] = to;
  }

  /** Forgets the last row's cells (and lets go of their text and chunks). */
  clear(): void {
    for (let k = 0; k < this.n; k++) {
      this.text[k] = '';
      this.bytes[k] = null;
    }
    this.n = 0;
  }

  textAt(k: number): string {
    const bytes = this.bytes[k];
    return bytes ? textOf(bytes, this.from[k], this.to[k]) : this.text[k];
  }

  /** Cells [from, to) joined as text. */
  joined(from = 0, to = this.n): string {
    let s = '';
    for (let k = from; k < to; k++) s += this.textAt(k);
    return s;
  }
}

/**
 * Where the byte path writes the cells it plans: chunks of a ByteWriter that are never written over
 * once a row is done (an edit keeps its chunk and range), so a sheet's new cells are bytes, not strings.
 */
class CellBytes {
  readonly out = new ByteWriter();

  /** Called before each row: a full chunk is left to the edits that point into it. */
  row(): void {
    if (this.out.full) this.out.take();
  }
}

/** The part being patched, as text or as UTF-8 bytes; positions are indexes into it. */
interface PatchSource {
  /** [start, end) as text (start tags: short). */
  slice(start: number, end: number): string;
  /** Whether [start, end) is exactly `xml`. */
  same(start: number, end: number, xml: string): boolean;
  /** Where the end tag of the element ending at `end` starts. */
  closeBefore(end: number): number;
  /** The part's bytes, when it is patched over them (cells are then written as bytes). */
  bytes: Uint8Array | null;
}

function textSource(text: string): PatchSource {
  return {
    slice: (start, end) => text.slice(start, end),
    same: (start, end, xml) => end - start === xml.length && text.startsWith(xml, start),
    closeBefore: (end) => text.lastIndexOf('</', end - 1),
    bytes: null,
  };
}

function byteSource(b: Uint8Array): PatchSource {
  return {
    slice: (start, end) => textOf(b, start, end),
    same(start, end, xml) {
      if (end - start !== xml.length) return end - start > xml.length && textOf(b, start, end) === xml;
      for (let i = 0; i < xml.length; i++) {
        const c = xml.charCodeAt(i);
        if (c >= 0x80) return textOf(b, start, end) === xml;
        if (b[start + i] !== c) return false;
      }
      return true;
    },
    closeBefore(end) {
      for (let i = b.lastIndexOf(60, end - 1); i >= 0; i = b.lastIndexOf(60, i - 1)) if (b[i + 1] === 47) return i;
      return -1;
    },
    bytes: b,
  };
}

/** What writing the patch needs at every step: the part, the cell element's name, and what it gathers. */
interface PatchContext {
  src: PatchSource;
  patch: WorksheetPatch;
  prefix: string;
  c: string;
  edits: Edit[];
  formulasReplaced: string[];
  maxRow: number;
  maxColumn: number;
  /** Where cells are written as bytes (the byte path only). */
  cellBytes: CellBytes | null;
  /** The numbers of the rows patched, in the order patched. */
  seen: number[];
  /** The row's cells being rendered (reused). */
  ins: Inserts;
  /** What a render is told of the cell it replaces: one object, valid only during the call. */
  existing: ExistingCell;
}

function newContext(src: PatchSource, sd: SheetDataInfo, patch: WorksheetPatch): PatchContext {
  const prefix = sd.name.includes(':') ? `${sd.name.split(':')[0]}:` : '';
  return {
    src,
    patch,
    prefix,
    c: `${prefix}c`,
    edits: [],
    formulasReplaced: [],
    maxRow: 0,
    maxColumn: 0,
    cellBytes: src.bytes ? new CellBytes() : null,
    seen: [],
    ins: new Inserts(),
    existing: { style: 0, hasFormula: false },
  };
}

export function patchWorksheet(text: string, part: string, patch: WorksheetPatch): PatchResult {
  const layout = scanWorksheet(text, part, patch);
  if (!layout.sheetData) throw new Error(`${part} has no sheetData`);
  const ctx = newContext(textSource(text), layout.sheetData, patch);
  for (const info of layout.rows) patchRow(ctx, info);
  finishPatch(ctx, layout, layout.sheetData);
  const { edits, formulasReplaced } = ctx;
  return { text: edits.length === 0 ? text : splice(text, edits), formulasReplaced };
}

/**
 * The same patch over the part's UTF-8 bytes, without decoding it or parsing it again: the sheet comes
 * out as chunks (unchanged stretches as views of the original bytes). Throws NotPlainXml when the part
 * is not UTF-8 or holds what the byte scanner does not read; patchWorksheet then does it the checked way.
 */
export function patchWorksheetBytes(
  bytes: Uint8Array,
  part: string,
  patch: WorksheetPatch,
): { chunks: Iterable<Uint8Array>; formulasReplaced: string[]; unchanged: boolean } {
  // A byte order mark (UTF-8 or UTF-16): the text way drops it or decodes another encoding.
  if (bytes[0] === 0xef || bytes[0] === 0xfe || bytes[0] === 0xff) throw new NotPlainXml('a byte order mark');
  const { edits, formulasReplaced } = patchBytes(bytes, part, patch);
  // No edit (a refresh again of a workbook nothing changed in): the part is the bytes it was.
  return { chunks: spliceBytes(bytes, edits), formulasReplaced, unchanged: edits.length === 0 };
}

/** Rows the sheet lacks, <dimension> and <cols>: what the patch does once every row it has is patched. */
function finishPatch(ctx: PatchContext, layout: SheetLayout, sd: SheetDataInfo): void {
  insertMissingRows(ctx, layout, sd);
  widenDimension(ctx, layout.dimension);
  addColumnWidths(ctx, layout.cols, sd, ctx.patch.widths);
}

/**
 * The original bytes with the edits made, in chunks of about a megabyte (each deflated on its own,
 * so chunks much smaller than that would compress worse).
 */
function* spliceBytes(b: Uint8Array, edits: Edit[]): Generator<Uint8Array> {
  const sorted = edits.sort((x, y) => x.start - y.start || x.end - y.end);
  // Every byte is copied in: a deflater may give the chunks back to be written again.
  const out = new ByteWriter(true);
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    while (e.start - at > CHUNK_BYTES - out.at) {
      const n = CHUNK_BYTES - out.at;
      out.copy(b, at, at + n);
      at += n;
      yield out.take();
    }
    out.copy(b, at, e.start);
    if (e.bytes) out.copy(e.bytes, e.from, e.to);
    else out.string(e.text);
    at = e.end;
    if (out.full) yield out.take();
  }
  while (b.length - at > CHUNK_BYTES - out.at) {
    const n = CHUNK_BYTES - out.at;
    out.copy(b, at, at + n);
    at += n;
    yield out.take();
  }
  out.copy(b, at, b.length);
  if (out.at > 0) yield out.takeLast();
}

/**
 * The patch planned over bytes in one pass, each row patched as soon as it ends: the elements before
 * <sheetData> (the dimension, the columns) with the general byte scanner, the rows with a walker that
 * looks at no more than the patch reads (a start tag's name; the attributes of rows, and of the cells of
 * rows the patch writes to). Rows are the `row` elements inside <sheetData> only, on either path. An
 * element the patch reads where the walker does not look for it (a <dimension> or <cols> inside or after
 * <sheetData>) leaves the sheet to the text path, which reads it as it always has.
 */
function patchBytes(b: Uint8Array, part: string, patch: WorksheetPatch): PatchContext {
  const layout = newLayout();
  const at: ScanPosition = { inCols: false, inSheetData: false, row: null, rowNumber: 0, lastColumn: 0, cell: -1 };
  const from = scanXmlBytes(b, {
    open(nameStart, nameEnd, start, openEnd, selfClosing) {
      const local = interesting(b, nameStart, nameEnd);
      // A cell, formula or row element outside <sheetData> is nothing to the patch.
      if (local === null || local === 'c' || local === 'f' || local === 'row') return false;
      const tag: Tag = {
        name: textOf(b, nameStart, nameEnd),
        attributes: attrsOf(b, start, openEnd, ATTRIBUTES[local]),
        isSelfClosing: selfClosing,
      };
      openElement(layout, at, patch, tag, start, openEnd);
      return local === 'sheetData';
    },
    close(nameStart, nameEnd, end) {
      if (localNameIs(b, nameStart, nameEnd, 'cols')) closeElement(layout, at, 'cols', end);
    },
  });
  const sd = layout.sheetData;
  if (from < 0 || !sd) throw new Error(`${part} has no sheetData`);
  const ctx = newContext(byteSource(b), sd, patch);
  const tail = sd.selfClosing ? from : walkRows(b, from, ctx, layout, at);
  if (!sd.selfClosing) sd.end = tail;
  scanXmlBytes(
    b,
    {
      open(nameStart, nameEnd) {
        const local = interesting(b, nameStart, nameEnd);
        if (local !== null && local !== 'c' && local !== 'f' && local !== 'col' && local !== 'row')
          throw new NotPlainXml(`a ${local} element after sheetData`);
      },
      close: () => undefined,
    },
    tail,
  );
  finishPatch(ctx, layout, sd);
  return ctx;
}

/** What readTag found in a start tag: its end, whether it closes itself, the values of `r` and one other attribute. */
const tagRead = { end: 0, selfClosing: false, rFrom: -1, rTo: -1, xFrom: -1, xTo: -1 };

/**
 * Reads the rest of a start tag whose name ends at `j`, as the byte scanner does (a quoted value may hold
 * '>' or '/'), noting where the values of `r` and of `other` are (the last of each, as attrsOf keeps it).
 */
function readTag(b: Uint8Array, j: number, other: string): void {
  const n = b.length;
  tagRead.rFrom = tagRead.rTo = tagRead.xFrom = tagRead.xTo = -1;
  for (;;) {
    while (j < n && isSpace(b[j])) j++;
    const c = b[j];
    if (c === GT || (c === SLASH && b[j + 1] === GT)) {
      tagRead.selfClosing = c === SLASH;
      tagRead.end = c === GT ? j + 1 : j + 2;
      return;
    }
    const nameStart = j;
    while (j < n && b[j] !== EQUALS && b[j] !== GT && !isSpace(b[j])) j++;
    const nameEnd = j;
    const close = attributeValueEnd(b, j);
    const length = nameEnd - nameStart;
    if (length === 1 && b[nameStart] === 114) {
      tagRead.rFrom = lastValue.start;
      tagRead.rTo = close;
    } else if (length === other.length && localNameIs(b, nameStart, nameEnd, other)) {
      tagRead.xFrom = lastValue.start;
      tagRead.xTo = close;
    }
    j = close + 1;
  }
}

// The walker's byte loops as small functions of their own: V8 optimises a small function after a few
// calls, long before it has optimised the walker itself, which a command line runs once, cold (a
// loop in the walker's own body runs at the baseline tier's speed until the walker is optimised).

/** Where the name of an end tag whose name starts at `j` ends (a '>', white space, or the part's end). */
function endTagNameEnd(b: Uint8Array, j: number): number {
  const n = b.length;
  while (j < n && b[j] !== GT && !isSpace(b[j])) j++;
  return j;
}

/** Where the name of a start tag whose name starts at `j` ends (a '>', a '/', white space, or the part's end). */
function startTagNameEnd(b: Uint8Array, j: number): number {
  const n = b.length;
  while (j < n && b[j] !== GT && b[j] !== SLASH && !isSpace(b[j])) j++;
  return j;
}

const END_CELL = 1;
const END_ROW = 2;
const END_SHEET_DATA = 3;

/**
 * What an end tag whose name is bytes [start, end) ends: a cell, a row, <sheetData>, or something else
 * (0). One call of localNameIs for all three, so that the rare one runs the same code as the others.
 */
function endTagKind(b: Uint8Array, start: number, end: number): number {
  const last = b[end - 1];
  const local = last === 99 ? 'c' : last === 119 ? 'row' : last === 97 ? 'sheetData' : null;
  if (local === null || !localNameIs(b, start, end, local)) return 0;
  return last === 99 ? END_CELL : last === 119 ? END_ROW : END_SHEET_DATA;
}

/** The leftmost of a row's columns (owned columns are mostly right of the user's). */
function leftmost(wanted: RowRenders): number {
  let first = Infinity;
  for (const column of wanted.keys()) if (column < first) first = column;
  return first;
}

/**
 * The column of a cell whose start tag goes on (from `j`, just past its name) as ` r="` upper-case
 * letters, digits and `"` (every writer's form: no entity, no dollar), else 0: then readTag reads it.
 * A second `r` later in the tag is not looked for: the read refuses a duplicate attribute.
 */
function plainRefColumn(b: Uint8Array, j: number): number {
  if (b[j] !== 32 || b[j + 1] !== 114 || b[j + 2] !== EQUALS || b[j + 3] !== 34) return 0;
  let k = j + 4;
  let column = 0;
  for (; b[k] >= 65 && b[k] <= 90; k++) column = column * 26 + b[k] - 64;
  const digits = k;
  while (b[k] >= 48 && b[k] <= 57) k++;
  return k > digits && digits > j + 4 && b[k] === 34 ? column : 0;
}

/** The format (`s`) of the cell whose start tag's name ends at `j` (0 when it has none). */
function styleAt(b: Uint8Array, j: number): number {
  readTag(b, j, 's');
  const { xFrom, xTo } = tagRead;
  return xFrom < 0 || xTo === xFrom ? 0 : numberAt(b, xFrom, xTo);
}

/** A whole number written in plain digits (as Number reads it), else Number of the text. */
function numberAt(b: Uint8Array, from: number, to: number): number {
  if (hasEntity(b, from, to)) throw new NotPlainXml('an entity in a reference, style or span');
  if (to - from <= 15) {
    let value = 0;
    let k = from;
    while (k < to && b[k] >= 48 && b[k] <= 57) value = value * 10 + b[k++] - 48;
    if (k === to) return value;
  }
  return Number(textOf(b, from, to));
}

/** The column of a cell reference, as columnOfRef reads it: letters of either case, dollars skipped, up to anything else. */
function columnAt(b: Uint8Array, from: number, to: number): number {
  if (hasEntity(b, from, to)) throw new NotPlainXml('an entity in a cell reference or style');
  let column = 0;
  for (let k = from; k < to; k++) {
    const code = b[k];
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else if (code !== 36) break;
  }
  return column;
}

/**
 * The rows of <sheetData>, from just past its start tag; returns where its end tag ends. Between the
 * tags the walker reads, it only hops from '<' to '<' (a '<' is never inside an attribute value or text).
 */
function walkRows(b: Uint8Array, from: number, ctx: PatchContext, layout: SheetLayout, at: ScanPosition): number {
  const cells = new RowCells();
  cells.bytes = b;
  const info: RowInfo = {
    row: 0,
    wanted: null,
    start: 0,
    openEnd: 0,
    end: 0,
    selfClosing: false,
    spans: null,
    spansFrom: -1,
    spansTo: -1,
    cells,
  };
  const rows = ctx.patch.cells;
  let patching = false;
  /** The leftmost column the row being patched writes: cells left of it are not looked up. */
  let firstWanted = 0;
  let cell = -1;
  let i = from;
  for (;;) {
    i = next(b, LT, i);
    if (i < 0) throw new NotPlainXml('sheetData is not closed');
    const second = b[i + 1];
    if (second === BANG || second === QUESTION) {
      i = pastMarkup(b, i);
      continue;
    }
    if (second === SLASH) {
      const nameStart = i + 2;
      const j = endTagNameEnd(b, nameStart);
      const gt = next(b, GT, j);
      if (gt < 0) throw new NotPlainXml('an end tag is not closed');
      // Worked out for every end tag, so that the branch met once a sheet (its </sheetData>) holds no
      // operation V8 has not seen run: one it had not (`gt + 1` there) threw the optimised walker away at
      // the first sheet's end, and the next sheets ran slower until it was compiled again.
      const after = gt + 1;
      const kind = endTagKind(b, nameStart, j);
      if (kind === END_CELL) {
        if (cell >= 0) cells.end[cell] = after;
        cell = -1;
      } else if (kind === END_ROW) {
        if (patching) {
          info.end = after;
          patchRow(ctx, info);
        }
        patching = false;
      } else if (kind === END_SHEET_DATA) return after;
      i = after;
      continue;
    }
    let j = i + 1;
    j = startTagNameEnd(b, j);
    const last = b[j - 1];
    if (last === 99 && localNameIs(b, i + 1, j, 'c')) {
      if (!patching) {
        i = j;
        continue;
      }
      // A cell of a column the patch does not write (most of a row): its column and start are all an
      // insert needs, so its attributes are not read (its format only if a render asks, styleOf).
      const quick = plainRefColumn(b, j);
      if (quick > 0 && (quick < firstWanted || info.wanted!.get(quick) === undefined)) {
        at.lastColumn = quick;
        cells.addUnread(quick, i, j);
        cell = -1;
        i = j;
        continue;
      }
      readTag(b, j, 's');
      const { rFrom, rTo, xFrom, xTo } = tagRead;
      const ref = rFrom < 0 || rTo === rFrom ? -1 : columnAt(b, rFrom, rTo);
      const style = xFrom < 0 || xTo === xFrom ? 0 : numberAt(b, xFrom, xTo);
      const column = ref >= 0 ? ref : at.lastColumn + 1;
      at.lastColumn = column;
      const k = cells.add(column, i, tagRead.end, style);
      cell = tagRead.selfClosing ? -1 : k;
      i = tagRead.end;
    } else if (last === 102 && localNameIs(b, i + 1, j, 'f')) {
      if (cell >= 0) cells.formula[cell] = true;
      i = j;
    } else if (last === 119 && localNameIs(b, i + 1, j, 'row')) {
      readTag(b, j, 'spans');
      const { rFrom, rTo, xFrom, xTo } = tagRead;
      if (xFrom >= 0 && hasEntity(b, xFrom, xTo)) throw new NotPlainXml('an entity in a span');
      at.rowNumber = rFrom >= 0 && rTo > rFrom ? numberAt(b, rFrom, rTo) : at.rowNumber + 1;
      at.lastColumn = 0;
      layout.rowStarts.push(at.rowNumber, i);
      patching = rows.has(at.rowNumber);
      if (patching) {
        info.row = at.rowNumber;
        info.wanted = rows.get(at.rowNumber)!;
        firstWanted = leftmost(info.wanted);
        info.start = i;
        info.openEnd = info.end = tagRead.end;
        info.selfClosing = tagRead.selfClosing;
        info.spansFrom = xFrom;
        info.spansTo = xTo;
        cells.n = 0;
        if (info.selfClosing) patchRow(ctx, info);
      }
      if (tagRead.selfClosing) patching = false;
      i = tagRead.end;
    } else if (
      (last === 97 && localNameIs(b, i + 1, j, 'sheetData')) ||
      (last === 110 && localNameIs(b, i + 1, j, 'dimension')) ||
      (last === 115 && localNameIs(b, i + 1, j, 'cols'))
    ) {
      throw new NotPlainXml('a sheetData, dimension or cols element inside sheetData');
    } else {
      i = j;
    }
  }
}

/** The attributes openElement reads, by element. */
const ATTRIBUTES: Record<string, string[]> = {
  c: ['r', 's'],
  f: [],
  row: ['r', 'spans'],
  sheetData: [],
  dimension: ['ref'],
  cols: [],
  col: ['min', 'max'],
};
const LOCALS = Object.keys(ATTRIBUTES);

/** The element's local name when the patch cares about it, else null (quickly: most elements are <v>). */
function interesting(b: Uint8Array, start: number, end: number): string | null {
  const last = b[end - 1];
  // c, f, row, sheetData, dimension, cols, col end in c, f, w, a, n, s, l.
  if (last !== 99 && last !== 102 && last !== 119 && last !== 97 && last !== 110 && last !== 115 && last !== 108)
    return null;
  for (const local of LOCALS) if (localNameIs(b, start, end, local)) return local;
  return null;
}

/** One pass over the sheet: the rows the patch writes to, every row's start, and the elements it may widen. */
function scanWorksheet(text: string, part: string, patch: WorksheetPatch): SheetLayout {
  const layout = newLayout();
  const at: ScanPosition = { inCols: false, inSheetData: false, row: null, rowNumber: 0, lastColumn: 0, cell: -1 };
  streamXml(text, part, {
    open: (tag, start, openEnd) => openElement(layout, at, patch, tag, start, openEnd),
    close: (tagName, end) => closeElement(layout, at, tagName, end),
  });
  return layout;
}

function openElement(
  layout: SheetLayout,
  at: ScanPosition,
  patch: WorksheetPatch,
  tag: Tag,
  start: number,
  openEnd: number,
): void {
  const name = localName(tag.name);
  if (name === 'c') {
    openCell(at, tag, start, openEnd);
  } else if (name === 'f') {
    if (at.row && at.cell >= 0) at.row.cells.formula[at.cell] = true;
  } else if (name === 'row') {
    if (at.inSheetData) openRow(layout, at, patch, tag, start, openEnd);
  } else if (name === 'sheetData') {
    layout.sheetData = { name: tag.name, start, openEnd, end: openEnd, selfClosing: Boolean(tag.isSelfClosing) };
    at.inSheetData = !tag.isSelfClosing;
  } else if (name === 'dimension') {
    layout.dimension = { start, openEnd, ref: tag.attributes.ref ?? '' };
  } else if (name === 'cols') {
    layout.cols = { name: tag.name, start, openEnd, end: openEnd, selfClosing: Boolean(tag.isSelfClosing), ranges: [] };
    at.inCols = true;
  } else if (name === 'col' && at.inCols && layout.cols) {
    layout.cols.ranges.push({
      min: Number(tag.attributes.min ?? 0),
      max: Number(tag.attributes.max ?? 0),
      start,
    });
  }
}

function openCell(at: ScanPosition, tag: Tag, start: number, openEnd: number): void {
  if (!at.row) {
    at.lastColumn = columnOfRef(tag.attributes.r ?? '') || at.lastColumn + 1;
    return;
  }
  const ref = tag.attributes.r;
  const column = ref ? columnOfRef(ref) : at.lastColumn + 1;
  at.lastColumn = column;
  at.cell = at.row.cells.add(column, start, openEnd, tag.attributes.s ? Number(tag.attributes.s) : 0);
}

function openRow(
  layout: SheetLayout,
  at: ScanPosition,
  patch: WorksheetPatch,
  tag: Tag,
  start: number,
  openEnd: number,
): void {
  at.rowNumber = tag.attributes.r ? Number(tag.attributes.r) : at.rowNumber + 1;
  at.lastColumn = 0;
  layout.rowStarts.push(at.rowNumber, start);
  at.row = patch.cells.has(at.rowNumber)
    ? {
        row: at.rowNumber,
        wanted: null,
        start,
        openEnd,
        end: openEnd,
        selfClosing: Boolean(tag.isSelfClosing),
        spans: tag.attributes.spans ?? null,
        spansFrom: -1,
        spansTo: -1,
        cells: new RowCells(),
      }
    : null;
}

function closeElement(layout: SheetLayout, at: ScanPosition, tagName: string, end: number): void {
  const name = localName(tagName);
  if (name === 'c') {
    if (at.row && at.cell >= 0) at.row.cells.end[at.cell] = end;
    at.cell = -1;
  } else if (name === 'row') {
    if (at.row) {
      at.row.end = end;
      layout.rows.push(at.row);
    }
    at.row = null;
  } else if (name === 'sheetData' && layout.sheetData) {
    layout.sheetData.end = end;
    at.inSheetData = false;
  } else if (name === 'cols' && layout.cols) {
    layout.cols.end = end;
    at.inCols = false;
  }
}

/**
 * One row's wanted cells: edits to cells it has go into the patch's edits, new cells into `ctx.ins`
 * (with the column they go before). With `asBytes` (the byte path, a row that is not self-closing),
 * cells that can write themselves do, into the patch's chunks; the others, and every cell on the text
 * path, are strings.
 */
function renderRow(ctx: PatchContext, rowNo: number, wanted: RowRenders, cells: RowCells, asBytes: boolean): void {
  const { ins, existing } = ctx;
  ins.clear();
  const store = asBytes ? ctx.cellBytes : null;
  store?.row();
  for (const col of inColumnOrder(wanted)) {
    const had = cells.find(col);
    let shown: ExistingCell | null = null;
    if (had >= 0) {
      existing.style = cells.style[had];
      existing.hasFormula = cells.formula[had];
      shown = existing;
    }
    const render = wanted.get(col)!;
    if (store && typeof render !== 'function') {
      const out = store.out;
      const from = out.at;
      render.write(out, ctx.c, shown, cells.styleOf);
      placeWritten(ctx, out, from, rowNo, col, cells, had);
      continue;
    }
    const xml =
      typeof render === 'function' ? render(ctx.c, shown, cells.styleOf) : render.xml(ctx.c, shown, cells.styleOf);
    if (xml !== null) noteWritten(ctx, rowNo, col);
    if (had >= 0) {
      const start = cells.start[had];
      const end = cells.end[had];
      if (xml === null ? end > start : !ctx.src.same(start, end, xml)) {
        ctx.edits.push(textEdit(start, end, xml ?? ''));
        if (cells.formula[had]) ctx.formulasReplaced.push(`${columnLetters(col)}${rowNo}`);
      }
    } else if (xml !== null) {
      ins.push(col, xml, null, 0, 0);
    }
  }
}

/** The row's columns left to right: as the map holds them when they were added in order (the usual case). */
function inColumnOrder(wanted: RowRenders): Iterable<number> {
  let last = -Infinity;
  for (const col of wanted.keys()) {
    if (col <= last) return [...wanted.keys()].sort((a, b) => a - b);
    last = col;
  }
  return wanted.keys();
}

function noteWritten(ctx: PatchContext, rowNo: number, col: number): void {
  if (rowNo > ctx.maxRow) ctx.maxRow = rowNo;
  if (col > ctx.maxColumn) ctx.maxColumn = col;
}

/**
 * A cell just written as bytes (from `from` in the patch's chunk): a new cell becomes an insert, a
 * changed one (`had`: its index in the row's cells) an edit over the old; a cell that comes out as it
 * already was is taken back out.
 */
function placeWritten(
  ctx: PatchContext,
  out: ByteWriter,
  from: number,
  rowNo: number,
  col: number,
  cells: RowCells,
  had: number,
): void {
  const to = out.at;
  // Read after writing: the writer may have moved to a larger chunk (with this cell's bytes in it).
  const bytes = out.current;
  if (to > from) noteWritten(ctx, rowNo, col);
  if (had < 0) {
    if (to > from) ctx.ins.push(col, '', bytes, from, to);
    return;
  }
  const start = cells.start[had];
  const end = cells.end[had];
  if (to === from ? end > start : !sameBytes(ctx.src.bytes!, start, end, bytes, from, to)) {
    ctx.edits.push({ start, end, text: '', bytes, from, to });
    if (cells.formula[had]) ctx.formulasReplaced.push(`${columnLetters(col)}${rowNo}`);
  } else {
    out.at = from;
  }
}

/** Whether a[aStart, aEnd) and b[bStart, bEnd) hold the same bytes. */
function sameBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/**
 * Cells [from, to) of the row's inserts, all going in at one place, as one edit: bytes the writer wrote
 * one after another stay one range of its chunk; anything else is joined into one flat string (in column
 * order, as spliced one by one).
 */
function runEdit(ins: Inserts, at: number, from: number, to: number): Edit {
  const first = ins.bytes[from];
  let contiguous = first !== null;
  for (let k = from + 1; contiguous && k < to; k++)
    contiguous = ins.bytes[k] === first && ins.from[k] === ins.to[k - 1];
  if (contiguous) return { start: at, end: at, text: '', bytes: first, from: ins.from[from], to: ins.to[to - 1] };
  return textEdit(at, at, ins.joined(from, to));
}

/** A row the sheet has, patched: its cells replaced and inserted, its spans widened. */
function patchRow(ctx: PatchContext, info: RowInfo): void {
  const { src, edits, ins } = ctx;
  ctx.seen.push(info.row);
  renderRow(ctx, info.row, info.wanted ?? ctx.patch.cells.get(info.row)!, info.cells, !info.selfClosing);
  if (ins.n === 0) return;
  // The start tag as text only when it changes or is rewritten (most rows have no spans to widen).
  let startTag: string | null = null;
  const spans = info.spans ?? (info.spansFrom >= 0 ? src.slice(info.spansFrom, info.spansTo) : null);
  if (spans !== null) {
    const [lo, hi] = spans.split(':').map(Number);
    let top = hi || 0;
    for (let k = 0; k < ins.n; k++) top = Math.max(top, ins.before[k]);
    if (Number.isFinite(lo) && top !== hi) {
      const original = src.slice(info.start, info.openEnd);
      const widened = setAttr(original, 'spans', `${lo}:${top}`);
      if (widened !== original) startTag = widened;
    }
  }
  if (info.selfClosing) {
    startTag ??= src.slice(info.start, info.openEnd);
    const open = startTag.replace(/\s*\/>$/, '>');
    edits.push(textEdit(info.start, info.end, `${open}${ins.joined()}</${tagNameOf(startTag)}>`));
    ins.clear();
    return;
  }
  if (startTag !== null) edits.push(textEdit(info.start, info.openEnd, startTag));
  const closeAt = src.closeBefore(info.end);
  // Cells inserted at one place (owned columns appended at a row's end) go as one edit. The edits
  // wait for the whole sheet, so each cell's own pieces would otherwise live as long.
  let at = -1;
  let run = 0;
  for (let k = 0; k < ins.n; k++) {
    const next = info.cells.after(ins.before[k]);
    const where = next >= 0 ? info.cells.start[next] : closeAt;
    if (where !== at) {
      if (k > run) edits.push(runEdit(ins, at, run, k));
      at = where;
      run = k;
    }
  }
  edits.push(runEdit(ins, at, run, ins.n));
  ins.clear();
}

/** The rows the patch writes to that the sheet does not have, in order. */
function missingRows(keys: number[], seen: number[]): number[] {
  const ascending = (a: number[]) => a.every((r, k) => k === 0 || a[k - 1] < r);
  if (!ascending(keys) || !ascending(seen)) {
    const had = new Set(seen);
    return keys.filter((r) => !had.has(r)).sort((a, b) => a - b);
  }
  // Both in order (the usual case): one walk, no set of every row.
  const missing: number[] = [];
  let k = 0;
  for (const r of keys) {
    while (k < seen.length && seen[k] < r) k++;
    if (k >= seen.length || seen[k] !== r) missing.push(r);
  }
  return missing;
}

/** Rows the sheet does not have yet, inserted in order. */
function insertMissingRows(ctx: PatchContext, layout: SheetLayout, sd: SheetDataInfo): void {
  const { src, prefix, edits, patch } = ctx;
  const missing = missingRows([...patch.cells.keys()], ctx.seen);
  if (missing.length === 0) return;
  const rowStarts = layout.rowStarts.sorted();
  const sdClose = sd.selfClosing ? -1 : src.closeBefore(sd.end);
  const extra: { at: number; text: string }[] = [];
  let k = 0;
  for (const r of missing) {
    renderRow(ctx, r, patch.cells.get(r)!, NO_CELLS, false);
    if (ctx.ins.n === 0) continue;
    while (k < rowStarts.length && rowStarts[k].row < r) k++;
    const at = k < rowStarts.length ? rowStarts[k].start : sdClose;
    extra.push({ at, text: `<${prefix}row r="${r}">${ctx.ins.joined()}</${prefix}row>` });
  }
  ctx.ins.clear();
  if (sd.selfClosing) {
    if (extra.length > 0)
      edits.push(
        textEdit(
          sd.start,
          sd.end,
          `${src.slice(sd.start, sd.end).replace(/\s*\/>$/, '>')}${extra.map((e) => e.text).join('')}</${sd.name}>`,
        ),
      );
  } else {
    for (const e of extra) edits.push(textEdit(e.at, e.at, e.text));
  }
}

/** <dimension> grown to reach the last cell written. */
function widenDimension(ctx: PatchContext, dim: SheetLayout['dimension']): void {
  if (!dim || ctx.maxRow === 0) return;
  const widened = widenRef(dim.ref, ctx.maxRow, ctx.maxColumn);
  if (widened !== dim.ref)
    ctx.edits.push(textEdit(dim.start, dim.openEnd, setAttr(ctx.src.slice(dim.start, dim.openEnd), 'ref', widened)));
}

/** Widths for columns no <col> covers yet: into <cols>, or a new <cols> before <sheetData>. */
function addColumnWidths(
  ctx: PatchContext,
  cl: ColsInfo | null,
  sd: SheetDataInfo,
  widths: Map<number, number> | undefined,
): void {
  if (!widths || widths.size === 0) return;
  const { src, prefix, edits } = ctx;
  const covered = (col: number) => cl?.ranges.some((r) => r.min <= col && col <= r.max) ?? false;
  const fresh = [...widths.entries()].filter(([col]) => !covered(col)).sort((a, b) => a[0] - b[0]);
  const colXml = (col: number, width: number) =>
    `<${prefix}col min="${col}" max="${col}" width="${width}" customWidth="1"/>`;
  if (fresh.length === 0) return;
  if (!cl) {
    edits.push(
      textEdit(
        sd.start,
        sd.start,
        `<${prefix}cols>${fresh.map(([col, w]) => colXml(col, w)).join('')}</${prefix}cols>`,
      ),
    );
  } else if (cl.selfClosing) {
    edits.push(
      textEdit(cl.start, cl.end, `<${cl.name}>${fresh.map(([col, w]) => colXml(col, w)).join('')}</${cl.name}>`),
    );
  } else {
    const closeAt = src.closeBefore(cl.end);
    for (const [col, w] of fresh) {
      const next = cl.ranges.find((r) => r.min > col);
      const at = next ? next.start : closeAt;
      edits.push(textEdit(at, at, colXml(col, w)));
    }
  }
}

function tagNameOf(startTag: string): string {
  return /^<([^\s/>]+)/.exec(startTag)![1];
}

/** "A1:I8" grown to reach `row` and `column`. */
export function widenRef(ref: string, row: number, column: number): string {
  const [a, b = a] = ref.split(':');
  const left = columnOfRef(a) || 1;
  const top = rowOfRef(a) || 1;
  const right = Math.max(columnOfRef(b) || left, column);
  const bottom = Math.max(rowOfRef(b) || top, row);
  const widened = `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`;
  const original = `${columnLetters(left)}${top}:${columnLetters(columnOfRef(b) || left)}${rowOfRef(b) || top}`;
  return widened === original ? ref : widened;
}
