// The cells of the owned columns a refresh writes into a sheet, made row by row as a patch asks for
// them. Shared by the write in this thread (write.ts) and the one a host runs elsewhere (sheet-jobs.ts),
// which must derive cell formats in exactly the same order so that both number them alike.
import type { ColumnWrite, OutValue, TableWrite } from '../../engine';
import { serialFromDay } from '../../engine';
import { a1, columnLetters, type CellStyle } from '../../engine';
import type { StyleChange } from '../ooxml/styles';
import { cellXml, writeCell } from '../ooxml/cell-xml';
import type { ByteWriter } from '../ooxml/byte-writer';
import { CellMarkup, RowNumber } from '../ooxml/cell-bytes';
import type {
  CellRender,
  CellWriter,
  ExistingCell,
  PatchCells,
  RowRenders,
  WorksheetPatch,
} from '../ooxml/worksheet-patch';
import { fillChange } from './owned-sheet';

/** Derives a cell format from another (StyleEditor.derive, or a copy of it that records the calls). */
export type Derive = (base: number, change: StyleChange) => number;

/** What a plan value becomes in a cell: dates as serials in the workbook's own date system. */
export function plainValue(v: OutValue, date1904: boolean): number | string | null {
  if (v !== null && typeof v === 'object') return serialFromDay(v.day, date1904);
  return v;
}

function columnWidth(column: ColumnWrite): number {
  const wide = column.header.startsWith('Impact') || column.header.startsWith('Flags');
  return wide ? 40 : Math.max(12, column.header.length + 3);
}

/** The change an owned column's cell format gets for a fill (none: the cell keeps its format). */
export function columnChange(column: ColumnWrite, fill: CellStyle | null): StyleChange {
  const change: StyleChange = {};
  if (column.numFmt) change.numFmt = column.numFmt;
  if (column.styles) Object.assign(change, fillChange(fill));
  return change;
}

/** Puts a stretch's cell of `row` (`rowText`: the row's number as text) into the row's map. */
type RowPut = (row: number, into: RowOfCells, rowText: string) => void;

/**
 * One row's renders, column by column in the order first set (as a Map keeps them): a row has a few
 * owned columns, so two short lists do what a Map does, with nothing made per row.
 */
class RowOfCells implements RowRenders {
  private columns: number[] = [];
  private renders: CellRender[] = [];

  /** New lists rather than emptied ones: setting an array's length is a call into the runtime, slower than two small arrays. */
  clear(): void {
    this.columns = [];
    this.renders = [];
  }

  /** Sets the column's render; a column set again keeps its place, as in a Map. */
  set(column: number, render: CellRender): void {
    const k = this.columns.indexOf(column);
    if (k >= 0) this.renders[k] = render;
    else {
      this.columns.push(column);
      this.renders.push(render);
    }
  }

  get(column: number): CellRender | undefined {
    const k = this.columns.indexOf(column);
    return k < 0 ? undefined : this.renders[k];
  }

  keys(): Iterable<number> {
    return this.columns;
  }
}

/**
 * The cells of a sheet's owned columns, each row's made when the patch asks for it: stretches of rows
 * (a column from its header down), each able to put its cell of a row into that row's map. Stretches
 * are applied in the order added, so a later one writing the same cell wins, as a map's later set would.
 */
export class RowsOfCells implements PatchCells {
  private readonly stretches: {
    top: number;
    bottom: number;
    put: RowPut;
  }[] = [];

  add(top: number, bottom: number, put: RowPut): void {
    this.stretches.push({ top, bottom, put });
  }

  has(row: number): boolean {
    for (const s of this.stretches) if (s.top <= row && row <= s.bottom) return true;
    return false;
  }

  /** The map handed out for every row (the patch is done with one row's before it asks for the next). */
  private readonly row = new RowOfCells();

  get(row: number): RowRenders | undefined {
    const cells = this.row;
    cells.clear();
    // The row's number as text once for all its cells (a cell's reference is its letters and this).
    let text: string | undefined;
    for (const s of this.stretches) if (s.top <= row && row <= s.bottom) s.put(row, cells, (text ??= String(row)));
    return text === undefined ? undefined : cells;
  }

  /** Each row once, top down: the stretches merged (no set of a hundred thousand rows). */
  *keys(): Iterable<number> {
    const sorted = [...this.stretches].sort((a, b) => a.top - b.top);
    let next = -Infinity;
    for (const s of sorted) for (let r = Math.max(s.top, next); r <= s.bottom; r++, next = r) yield r;
  }
}

/**
 * An owned column's cell of one row: its value and how its format follows from the one the cell had.
 * Over a part's bytes the patch has it write itself (writeCell), elsewhere it gives its XML (cellXml):
 * the same cell either way. One for each column, set again for each row (RowsOfCells.get).
 */
class OwnedCell implements CellWriter {
  row = '';
  value: number | string | null = null;
  format: (base: number) => number = (base) => base;
  /** The row's number as digits to copy (set with `row`). */
  readonly digits = new RowNumber();
  /**
   * The column's `<c r="AB` and each format's rest of the start tag as bytes made once, for sheets whose
   * cell element is `c` (every writer's): the patch writes 100,000s of these cells, most of them again each week.
   */
  private readonly markup: CellMarkup;

  constructor(
    private readonly letters: string,
    private readonly column: number,
  ) {
    this.markup = new CellMarkup(column);
  }

  xml(c: string, existing: ExistingCell | null): string | null {
    return cellXml(c, this.letters + this.row, this.value, this.format(existing ? existing.style : 0));
  }

  write(out: ByteWriter, c: string, existing: ExistingCell | null): void {
    const style = this.format(existing ? existing.style : 0);
    if (c === 'c') this.markup.put(out, this.column - 1, this.digits, this.value, style);
    else writeCell(out, c, this.letters, this.row, this.value, style);
  }
}

/** One owned column's cells, header first, made row by row as the patch asks for them. */
function columnCells(
  write: TableWrite,
  column: ColumnWrite,
  cells: RowsOfCells,
  derive: Derive,
  date1904: boolean,
): void {
  const plain = write.tableName === null;
  const header: CellRender = (c, existing, styleOf) => {
    // A new header in a plain range looks like its neighbour's; in a table the table style dresses it.
    const style = existing ? existing.style : plain && column.append ? styleOf(column.column - 1) : 0;
    return cellXml(c, a1(write.headerRow, column.column), column.header, style);
  };
  const cell = new OwnedCell(columnLetters(column.column), column.column);
  // The format a cell gets, by its fill and the format it had: derived once for each pair, in the
  // order the cells first ask (so new formats are numbered as they always were).
  // Rows next to each other mostly share a fill and a format: the last of each is kept at hand.
  const formats = new Map<CellStyle | null, (base: number) => number>();
  let lastFill: CellStyle | null | undefined;
  let lastFormat: (base: number) => number = (base) => base;
  const formatFor = (fill: CellStyle | null) => {
    if (fill === lastFill) return lastFormat;
    let f = formats.get(fill);
    if (!f) {
      const change = columnChange(column, fill);
      const derived = new Map<number, number>();
      let lastBase = NaN;
      let lastStyle = 0;
      f =
        Object.keys(change).length === 0
          ? (base: number) => base
          : (base: number) => {
              if (base === lastBase) return lastStyle;
              let s = derived.get(base);
              if (s === undefined) derived.set(base, (s = derive(base, change)));
              lastBase = base;
              lastStyle = s;
              return s;
            };
      formats.set(fill, f);
    }
    lastFill = fill;
    lastFormat = f;
    return f;
  };
  cells.add(write.headerRow, write.headerRow + write.rowCount, (row, into, rowText) => {
    if (row === write.headerRow) {
      into.set(column.column, header);
      return;
    }
    const i = row - write.headerRow - 1;
    cell.row = rowText;
    cell.digits.set(row);
    cell.value = plainValue(column.values[i] ?? null, date1904);
    cell.format = formatFor(column.styles ? (column.styles[i] ?? null) : null);
    into.set(column.column, cell);
  });
}

/** The patch one sheet gets from the plan's writes to it (in the plan's order). */
export function sheetPatch(writes: TableWrite[], derive: Derive, date1904: boolean): WorksheetPatch {
  const cells = new RowsOfCells();
  const widths = new Map<number, number>();
  for (const write of writes)
    for (const column of write.columns) {
      columnCells(write, column, cells, derive, date1904);
      if (column.append) widths.set(column.column, columnWidth(column));
    }
  return { cells, widths };
}

/** The plan's table writes by sheet, sheets in the order they first appear. */
export function writesBySheet(writes: TableWrite[]): Map<string, TableWrite[]> {
  const bySheet = new Map<string, TableWrite[]>();
  for (const w of writes) bySheet.set(w.sheet, [...(bySheet.get(w.sheet) ?? []), w]);
  return bySheet;
}

/**
 * Derives the formats a patch of these writes would, supposing every cell it writes starts from format
 * 0 (a first refresh; on later ones the formats exist and are found again, whatever the order): in the
 * order the patch first asks, rows top down and, within a row, columns left to right. Only a guess,
 * for starting the owned sheets before the patch is done: the caller checks it against the real one.
 */
export function guessDerivations(bySheet: Map<string, TableWrite[]>, derive: Derive): void {
  for (const writes of bySheet.values()) {
    const firsts: { row: number; column: number; change: StyleChange }[] = [];
    for (const write of writes)
      for (const column of write.columns) {
        const seen = new Set<CellStyle | null>();
        const rows = column.styles ? write.rowCount : Math.min(1, write.rowCount);
        for (let i = 0; i < rows && seen.size < 5; i++) {
          const fill = column.styles ? (column.styles[i] ?? null) : null;
          if (seen.has(fill)) continue;
          seen.add(fill);
          const change = columnChange(column, fill);
          if (Object.keys(change).length > 0)
            firsts.push({ row: write.headerRow + 1 + i, column: column.column, change });
        }
      }
    firsts.sort((a, b) => a.row - b.row || a.column - b.column);
    for (const f of firsts) derive(0, f.change);
  }
}
