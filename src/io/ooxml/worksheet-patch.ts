// Patches a worksheet's XML in place: the cells asked for are replaced, inserted or removed inside
// <sheetData>; <dimension> widens and <cols> gains widths for new columns. Every other byte of the
// part stays where it was, so a patched sheet differs from the original only where Throughline writes.
import { localName, streamXml, setAttr, splice } from './xml';
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
export type CellRender = (
  c: string,
  existing: ExistingCell | null,
  styleOf: (column: number) => number,
) => string | null;

export interface WorksheetPatch {
  /** row -> column -> render. */
  cells: Map<number, Map<number, CellRender>>;
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

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** What writing the patch needs at every step: the text, the cell element's name, and what it gathers. */
interface PatchContext {
  text: string;
  prefix: string;
  c: string;
  edits: Edit[];
  formulasReplaced: string[];
  maxRow: number;
  maxColumn: number;
}

export function patchWorksheet(text: string, part: string, patch: WorksheetPatch): PatchResult {
  const layout = scanWorksheet(text, part, patch);
  if (!layout.sheetData) throw new Error(`${part} has no sheetData`);
  const sd = layout.sheetData;
  const prefix = sd.name.includes(':') ? `${sd.name.split(':')[0]}:` : '';
  const ctx: PatchContext = { text, prefix, c: `${prefix}c`, edits: [], formulasReplaced: [], maxRow: 0, maxColumn: 0 };
  const seen = patchExistingRows(ctx, layout.rows, patch);
  insertMissingRows(ctx, layout, sd, patch, seen);
  widenDimension(ctx, layout.dimension);
  addColumnWidths(ctx, layout.cols, sd, patch.widths);
  const { edits, formulasReplaced } = ctx;
  return { text: edits.length === 0 ? text : splice(text, edits), formulasReplaced };
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

/** One row's wanted cells: edits to cells it has, and new cells with the column they go before. */
function renderRow(
  ctx: PatchContext,
  rowNo: number,
  wanted: Map<number, CellRender>,
  info: RowInfo | null,
): { replace: Edit[]; inserts: { before: number; text: string }[] } {
  const existing = new Map((info?.cells ?? []).map((x) => [x.column, x]));
  const styleOf = (col: number) => existing.get(col)?.style ?? 0;
  const replace: Edit[] = [];
  const inserts: { before: number; text: string }[] = [];
  for (const col of [...wanted.keys()].sort((a, b) => a - b)) {
    const had = existing.get(col);
    const xml = wanted.get(col)!(ctx.c, had ? { style: had.style, hasFormula: had.hasFormula } : null, styleOf);
    if (xml !== null) {
      ctx.maxRow = Math.max(ctx.maxRow, rowNo);
      ctx.maxColumn = Math.max(ctx.maxColumn, col);
    }
    if (had) {
      const old = ctx.text.slice(had.start, had.end);
      if (xml !== old) {
        replace.push({ start: had.start, end: had.end, text: xml ?? '' });
        if (had.hasFormula) ctx.formulasReplaced.push(`${columnLetters(col)}${rowNo}`);
      }
    } else if (xml !== null) {
      inserts.push({ before: col, text: xml });
    }
  }
  return { replace, inserts };
}

/** Cells replaced and inserted in the rows the sheet has; returns those rows' numbers. */
function patchExistingRows(ctx: PatchContext, rows: RowInfo[], patch: WorksheetPatch): Set<number> {
  const { text, edits } = ctx;
  const seen = new Set<number>();
  for (const info of rows) {
    seen.add(info.row);
    const { replace, inserts } = renderRow(ctx, info.row, patch.cells.get(info.row)!, info);
    edits.push(...replace);
    if (inserts.length === 0) continue;
    let startTag = text.slice(info.start, info.openEnd);
    if (info.spans !== null) {
      const [lo, hi] = info.spans.split(':').map(Number);
      const top = Math.max(hi || 0, ...inserts.map((i) => i.before));
      if (Number.isFinite(lo) && top !== hi) startTag = setAttr(startTag, 'spans', `${lo}:${top}`);
    }
    if (info.selfClosing) {
      const open = startTag.replace(/\s*\/>$/, '>');
      edits.push({
        start: info.start,
        end: info.end,
        text: `${open}${inserts.map((i) => i.text).join('')}</${tagNameOf(startTag)}>`,
      });
      continue;
    }
    if (startTag !== text.slice(info.start, info.openEnd))
      edits.push({ start: info.start, end: info.openEnd, text: startTag });
    const closeAt = text.lastIndexOf('</', info.end - 1);
    for (const ins of inserts) {
      const next = info.cells.find((x) => x.column > ins.before);
      const at = next ? next.start : closeAt;
      edits.push({ start: at, end: at, text: ins.text });
    }
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
  const { text, prefix, edits } = ctx;
  const missing = [...patch.cells.keys()].filter((r) => !seen.has(r)).sort((a, b) => a - b);
  if (missing.length === 0) return;
  const rowStarts = layout.rowStarts;
  rowStarts.sort((a, b) => a.row - b.row);
  const sdClose = sd.selfClosing ? -1 : text.lastIndexOf('</', sd.end - 1);
  const extra: { at: number; text: string }[] = [];
  let k = 0;
  for (const r of missing) {
    const { inserts } = renderRow(ctx, r, patch.cells.get(r)!, null);
    if (inserts.length === 0) continue;
    while (k < rowStarts.length && rowStarts[k].row < r) k++;
    const at = k < rowStarts.length ? rowStarts[k].start : sdClose;
    extra.push({ at, text: `<${prefix}row r="${r}">${inserts.map((i) => i.text).join('')}</${prefix}row>` });
  }
  if (sd.selfClosing) {
    if (extra.length > 0)
      edits.push({
        start: sd.start,
        end: sd.end,
        text: `${text.slice(sd.start, sd.end).replace(/\s*\/>$/, '>')}${extra.map((e) => e.text).join('')}</${sd.name}>`,
      });
  } else {
    for (const e of extra) edits.push({ start: e.at, end: e.at, text: e.text });
  }
}

/** <dimension> grown to reach the last cell written. */
function widenDimension(ctx: PatchContext, dim: SheetLayout['dimension']): void {
  if (!dim || ctx.maxRow === 0) return;
  const widened = widenRef(dim.ref, ctx.maxRow, ctx.maxColumn);
  if (widened !== dim.ref)
    ctx.edits.push({
      start: dim.start,
      end: dim.openEnd,
      text: setAttr(ctx.text.slice(dim.start, dim.openEnd), 'ref', widened),
    });
}

/** Widths for columns no <col> covers yet: into <cols>, or a new <cols> before <sheetData>. */
function addColumnWidths(
  ctx: PatchContext,
  cl: ColsInfo | null,
  sd: SheetDataInfo,
  widths: Map<number, number> | undefined,
): void {
  if (!widths || widths.size === 0) return;
  const { text, prefix, edits } = ctx;
  const covered = (col: number) => cl?.ranges.some((r) => r.min <= col && col <= r.max) ?? false;
  const fresh = [...widths.entries()].filter(([col]) => !covered(col)).sort((a, b) => a[0] - b[0]);
  const colXml = (col: number, width: number) =>
    `<${prefix}col min="${col}" max="${col}" width="${width}" customWidth="1"/>`;
  if (fresh.length === 0) return;
  if (!cl) {
    edits.push({
      start: sd.start,
      end: sd.start,
      text: `<${prefix}cols>${fresh.map(([col, w]) => colXml(col, w)).join('')}</${prefix}cols>`,
    });
  } else if (cl.selfClosing) {
    edits.push({
      start: cl.start,
      end: cl.end,
      text: `<${cl.name}>${fresh.map(([col, w]) => colXml(col, w)).join('')}</${cl.name}>`,
    });
  } else {
    const closeAt = text.lastIndexOf('</', cl.end - 1);
    for (const [col, w] of fresh) {
      const next = cl.ranges.find((r) => r.min > col);
      const at = next ? next.start : closeAt;
      edits.push({ start: at, end: at, text: colXml(col, w) });
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
