// Patches a worksheet's XML in place: the cells asked for are replaced, inserted or removed inside
// <sheetData>; <dimension> widens and <cols> gains widths for new columns. Every other byte of the
// part stays where it was, so a patched sheet differs from the original only where Throughline writes.
import { localName, streamXml, setAttr, splice } from './xml';
import { NotPlainXml, attrsOf, forEachAttr, hasEntity, localNameIs, scanXmlBytes, textOf } from './xml-bytes';
import { ByteWriter, CHUNK_BYTES } from './byte-writer';
import { columnLetters, columnOfRef, rowOfRef } from '../../cells';

/** A cell as it stands before the patch. */
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

/**
 * row -> column -> render. A Map does; a writer of 100,000 rows makes each row's map only when the
 * patch asks for it, so the renders never all sit in memory at once.
 */
export interface PatchCells {
  has(row: number): boolean;
  /** Asked once for each row the patch writes to. */
  get(row: number): Map<number, CellRender> | undefined;
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

interface CellInfo {
  column: number;
  start: number;
  end: number;
  style: number;
  hasFormula: boolean;
}

interface RowInfo {
  row: number;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
  spans: string | null;
  cells: CellInfo[];
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

/** Where the parts of the sheet a patch touches sit in its text. */
interface SheetLayout {
  /** Rows the patch writes to, with their cells. */
  rows: RowInfo[];
  /** Every row, where it starts: new rows go before the first one below them. */
  rowStarts: { row: number; start: number }[];
  sheetData: SheetDataInfo | null;
  dimension: { start: number; openEnd: number; ref: string } | null;
  cols: ColsInfo | null;
}

/** Where the scan is inside the sheet's elements. */
interface ScanPosition {
  inCols: boolean;
  /** The row being read, when the patch writes to it. */
  row: RowInfo | null;
  rowNumber: number;
  lastColumn: number;
  cell: CellInfo | null;
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

/** A cell to go into a row before the cell of column `before` (or at the row's end): text or written bytes. */
interface Insert {
  before: number;
  text: string;
  bytes: Uint8Array | null;
  from: number;
  to: number;
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
  prefix: string;
  c: string;
  edits: Edit[];
  formulasReplaced: string[];
  maxRow: number;
  maxColumn: number;
  /** Where cells are written as bytes (the byte path only). */
  cellBytes: CellBytes | null;
}

export function patchWorksheet(text: string, part: string, patch: WorksheetPatch): PatchResult {
  const { edits, formulasReplaced } = planPatch(textSource(text), scanWorksheet(text, part, patch), part, patch);
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
): { chunks: Iterable<Uint8Array>; formulasReplaced: string[] } {
  // A byte order mark (UTF-8 or UTF-16): the text way drops it or decodes another encoding.
  if (bytes[0] === 0xef || bytes[0] === 0xfe || bytes[0] === 0xff) throw new NotPlainXml('a byte order mark');
  const { edits, formulasReplaced } = planPatch(byteSource(bytes), scanWorksheetBytes(bytes, patch), part, patch);
  return { chunks: spliceBytes(bytes, edits), formulasReplaced };
}

function planPatch(src: PatchSource, layout: SheetLayout, part: string, patch: WorksheetPatch): PatchContext {
  if (!layout.sheetData) throw new Error(`${part} has no sheetData`);
  const sd = layout.sheetData;
  const prefix = sd.name.includes(':') ? `${sd.name.split(':')[0]}:` : '';
  const ctx: PatchContext = {
    src,
    prefix,
    c: `${prefix}c`,
    edits: [],
    formulasReplaced: [],
    maxRow: 0,
    maxColumn: 0,
    cellBytes: src.bytes ? new CellBytes() : null,
  };
  const seen = patchExistingRows(ctx, layout.rows, patch);
  insertMissingRows(ctx, layout, sd, patch, seen);
  widenDimension(ctx, layout.dimension);
  addColumnWidths(ctx, layout.cols, sd, patch.widths);
  return ctx;
}

/**
 * The original bytes with the edits made, in chunks of about a megabyte (each deflated on its own,
 * so chunks much smaller than that would compress worse).
 */
function* spliceBytes(b: Uint8Array, edits: Edit[]): Generator<Uint8Array> {
  const sorted = edits.sort((x, y) => x.start - y.start || x.end - y.end);
  const out = new ByteWriter();
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
  if (out.at > 0) yield out.take();
}

/** One pass over the sheet's bytes: what scanWorksheet finds, found by the byte scanner. */
function scanWorksheetBytes(b: Uint8Array, patch: WorksheetPatch): SheetLayout {
  const layout: SheetLayout = { rows: [], rowStarts: [], sheetData: null, dimension: null, cols: null };
  const at: ScanPosition = { inCols: false, row: null, rowNumber: 0, lastColumn: 0, cell: null };
  const visitCell: AttrVisitor = (ns, ne, vs, ve) => visitCellAttr(b, ns, ne, vs, ve);
  scanXmlBytes(b, {
    open(nameStart, nameEnd, start, openEnd, selfClosing) {
      const local = interesting(b, nameStart, nameEnd);
      if (local === null) return;
      // Outside the rows the patch writes to, a cell matters only as a place (and not even that).
      if (local === 'c') {
        if (at.row) openCellBytes(b, at, start, openEnd, visitCell);
        return;
      }
      if (local === 'f') {
        if (at.cell) at.cell.hasFormula = true;
        return;
      }
      const tag: Tag = {
        name: textOf(b, nameStart, nameEnd),
        attributes: attrsOf(b, start, openEnd, ATTRIBUTES[local]),
        isSelfClosing: selfClosing,
      };
      openElement(layout, at, patch, tag, start, openEnd);
    },
    close(nameStart, nameEnd, end) {
      const local = interesting(b, nameStart, nameEnd);
      if (local === 'c' || local === 'row' || local === 'sheetData' || local === 'cols')
        closeElement(layout, at, local, end);
    },
  });
  return layout;
}

type AttrVisitor = Parameters<typeof forEachAttr>[3];

/** What openCell reads of a cell's start tag, read from its bytes without making strings. */
const cellTag = { column: -1, style: 0 };

function visitCellAttr(b: Uint8Array, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
  if (nameEnd - nameStart !== 1 || (b[nameStart] !== 114 && b[nameStart] !== 115)) return;
  if (hasEntity(b, valueStart, valueEnd)) throw new NotPlainXml('an entity in a cell reference or style');
  if (b[nameStart] === 114) {
    // As columnOfRef reads it: letters of either case, dollars skipped, up to anything else.
    let column = 0;
    for (let k = valueStart; k < valueEnd; k++) {
      const code = b[k];
      if (code >= 65 && code <= 90) column = column * 26 + code - 64;
      else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
      else if (code !== 36) break;
    }
    cellTag.column = valueEnd > valueStart ? column : -1;
  } else {
    let style = 0;
    let digits = valueEnd - valueStart <= 9;
    for (let k = valueStart; digits && k < valueEnd; k++) {
      if (b[k] < 48 || b[k] > 57) digits = false;
      else style = style * 10 + b[k] - 48;
    }
    cellTag.style = valueEnd === valueStart ? 0 : digits ? style : Number(textOf(b, valueStart, valueEnd));
  }
}

/** openCell over bytes, for a cell of a row the patch writes to. */
function openCellBytes(b: Uint8Array, at: ScanPosition, start: number, openEnd: number, visit: AttrVisitor): void {
  cellTag.column = -1;
  cellTag.style = 0;
  forEachAttr(b, start, openEnd, visit);
  const column = cellTag.column >= 0 ? cellTag.column : at.lastColumn + 1;
  at.lastColumn = column;
  at.cell = { column, start, end: openEnd, style: cellTag.style, hasFormula: false };
  at.row!.cells.push(at.cell);
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
  const layout: SheetLayout = { rows: [], rowStarts: [], sheetData: null, dimension: null, cols: null };
  const at: ScanPosition = { inCols: false, row: null, rowNumber: 0, lastColumn: 0, cell: null };
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
    if (at.cell) at.cell.hasFormula = true;
  } else if (name === 'row') {
    openRow(layout, at, patch, tag, start, openEnd);
  } else if (name === 'sheetData') {
    layout.sheetData = { name: tag.name, start, openEnd, end: openEnd, selfClosing: Boolean(tag.isSelfClosing) };
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
  at.cell = {
    column,
    start,
    end: openEnd,
    style: tag.attributes.s ? Number(tag.attributes.s) : 0,
    hasFormula: false,
  };
  at.row.cells.push(at.cell);
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
  layout.rowStarts.push({ row: at.rowNumber, start });
  at.row = patch.cells.has(at.rowNumber)
    ? {
        row: at.rowNumber,
        start,
        openEnd,
        end: openEnd,
        selfClosing: Boolean(tag.isSelfClosing),
        spans: tag.attributes.spans ?? null,
        cells: [],
      }
    : null;
}

function closeElement(layout: SheetLayout, at: ScanPosition, tagName: string, end: number): void {
  const name = localName(tagName);
  if (name === 'c') {
    if (at.cell) at.cell.end = end;
    at.cell = null;
  } else if (name === 'row') {
    if (at.row) {
      at.row.end = end;
      layout.rows.push(at.row);
    }
    at.row = null;
  } else if (name === 'sheetData' && layout.sheetData) {
    layout.sheetData.end = end;
  } else if (name === 'cols' && layout.cols) {
    layout.cols.end = end;
    at.inCols = false;
  }
}

/**
 * One row's wanted cells: edits to cells it has, and new cells with the column they go before. With
 * `asBytes` (the byte path, a row that is not self-closing), cells that can write themselves do, into
 * the patch's chunks; the others, and every cell on the text path, are strings.
 */
function renderRow(
  ctx: PatchContext,
  rowNo: number,
  wanted: Map<number, CellRender>,
  info: RowInfo | null,
  asBytes: boolean,
): { replace: Edit[]; inserts: Insert[] } {
  // A row holds a few dozen cells at most: looking them up is quicker than a map per row. (The last of
  // two cells claiming one column wins, as it would in a map.)
  const cells = info?.cells ?? [];
  const find = (col: number) => {
    for (let k = cells.length - 1; k >= 0; k--) if (cells[k].column === col) return cells[k];
    return undefined;
  };
  const styleOf = (col: number) => find(col)?.style ?? 0;
  const replace: Edit[] = [];
  const inserts: Insert[] = [];
  const store = asBytes ? ctx.cellBytes : null;
  store?.row();
  for (const col of inColumnOrder(wanted)) {
    const had = find(col);
    const existing = had ? { style: had.style, hasFormula: had.hasFormula } : null;
    const render = wanted.get(col)!;
    if (store && typeof render !== 'function') {
      const out = store.out;
      const from = out.at;
      render.write(out, ctx.c, existing, styleOf);
      placeWritten(ctx, out, from, { rowNo, col, had, replace, inserts });
      continue;
    }
    const xml = typeof render === 'function' ? render(ctx.c, existing, styleOf) : render.xml(ctx.c, existing, styleOf);
    if (xml !== null) noteWritten(ctx, rowNo, col);
    if (had) {
      if (xml === null ? had.end > had.start : !ctx.src.same(had.start, had.end, xml)) {
        replace.push(textEdit(had.start, had.end, xml ?? ''));
        if (had.hasFormula) ctx.formulasReplaced.push(`${columnLetters(col)}${rowNo}`);
      }
    } else if (xml !== null) {
      inserts.push({ before: col, text: xml, bytes: null, from: 0, to: 0 });
    }
  }
  return { replace, inserts };
}

/** The row's columns left to right: as the map holds them when they were added in order (the usual case). */
function inColumnOrder(wanted: Map<number, CellRender>): Iterable<number> {
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
 * changed one an edit over the old; a cell that comes out as it already was is taken back out.
 */
function placeWritten(
  ctx: PatchContext,
  out: ByteWriter,
  from: number,
  at: { rowNo: number; col: number; had: CellInfo | undefined; replace: Edit[]; inserts: Insert[] },
): void {
  const to = out.at;
  // Read after writing: the writer may have moved to a larger chunk (with this cell's bytes in it).
  const bytes = out.current;
  const { had, col, rowNo } = at;
  if (to > from) noteWritten(ctx, rowNo, col);
  if (!had) {
    if (to > from) at.inserts.push({ before: col, text: '', bytes, from, to });
    return;
  }
  if (to === from ? had.end > had.start : !sameBytes(ctx.src.bytes!, had.start, had.end, bytes, from, to)) {
    at.replace.push({ start: had.start, end: had.end, text: '', bytes, from, to });
    if (had.hasFormula) ctx.formulasReplaced.push(`${columnLetters(col)}${rowNo}`);
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

const insertText = (i: Insert): string => (i.bytes ? textOf(i.bytes, i.from, i.to) : i.text);

/**
 * The cells inserted at one place as one edit: bytes the writer wrote one after another stay one range
 * of its chunk; anything else is joined into one flat string (in column order, as spliced one by one).
 */
function runEdit(at: number, run: Insert[]): Edit {
  const first = run[0];
  const last = run[run.length - 1];
  let contiguous = first.bytes !== null;
  for (let k = 1; contiguous && k < run.length; k++)
    contiguous = run[k].bytes === first.bytes && run[k].from === run[k - 1].to;
  if (contiguous) return { start: at, end: at, text: '', bytes: first.bytes, from: first.from, to: last.to };
  return textEdit(at, at, run.length === 1 ? insertText(first) : run.map(insertText).join(''));
}

/** Cells replaced and inserted in the rows the sheet has; returns those rows' numbers. */
function patchExistingRows(ctx: PatchContext, rows: RowInfo[], patch: WorksheetPatch): Set<number> {
  const { src, edits } = ctx;
  const seen = new Set<number>();
  for (const info of rows) {
    seen.add(info.row);
    const { replace, inserts } = renderRow(ctx, info.row, patch.cells.get(info.row)!, info, !info.selfClosing);
    for (const e of replace) edits.push(e);
    if (inserts.length === 0) continue;
    // The start tag as text only when it changes or is rewritten (most rows have no spans to widen).
    let startTag: string | null = null;
    if (info.spans !== null) {
      const [lo, hi] = info.spans.split(':').map(Number);
      const top = Math.max(hi || 0, ...inserts.map((i) => i.before));
      if (Number.isFinite(lo) && top !== hi) {
        const original = src.slice(info.start, info.openEnd);
        const widened = setAttr(original, 'spans', `${lo}:${top}`);
        if (widened !== original) startTag = widened;
      }
    }
    if (info.selfClosing) {
      startTag ??= src.slice(info.start, info.openEnd);
      const open = startTag.replace(/\s*\/>$/, '>');
      edits.push(textEdit(info.start, info.end, `${open}${inserts.map(insertText).join('')}</${tagNameOf(startTag)}>`));
      continue;
    }
    if (startTag !== null) edits.push(textEdit(info.start, info.openEnd, startTag));
    const closeAt = src.closeBefore(info.end);
    // Cells inserted at one place (owned columns appended at a row's end) go as one edit. The edits
    // wait for the whole sheet, so each cell's own pieces would otherwise live as long.
    let at = -1;
    let run: Insert[] = [];
    for (const ins of inserts) {
      const next = info.cells.find((x) => x.column > ins.before);
      const where = next ? next.start : closeAt;
      if (where !== at) {
        if (run.length > 0) edits.push(runEdit(at, run));
        at = where;
        run = [];
      }
      run.push(ins);
    }
    if (run.length > 0) edits.push(runEdit(at, run));
  }
  return seen;
}

/** Rows the sheet does not have yet, inserted in order. */
function insertMissingRows(
  ctx: PatchContext,
  layout: SheetLayout,
  sd: SheetDataInfo,
  patch: WorksheetPatch,
  seen: Set<number>,
): void {
  const { src, prefix, edits } = ctx;
  const missing = [...patch.cells.keys()].filter((r) => !seen.has(r)).sort((a, b) => a - b);
  if (missing.length === 0) return;
  const rowStarts = layout.rowStarts;
  rowStarts.sort((a, b) => a.row - b.row);
  const sdClose = sd.selfClosing ? -1 : src.closeBefore(sd.end);
  const extra: { at: number; text: string }[] = [];
  let k = 0;
  for (const r of missing) {
    const { inserts } = renderRow(ctx, r, patch.cells.get(r)!, null, false);
    if (inserts.length === 0) continue;
    while (k < rowStarts.length && rowStarts[k].row < r) k++;
    const at = k < rowStarts.length ? rowStarts[k].start : sdClose;
    extra.push({ at, text: `<${prefix}row r="${r}">${inserts.map(insertText).join('')}</${prefix}row>` });
  }
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
