// Finds the input tables in a workbook snapshot: formal tables by name, plain ranges by sheet name.
import type { CellPosition, CellValue, OccupiedCell, RawSheet, RawTable, TableKind, WorkbookSnapshot } from '../types';
import { mergedInBand } from './merged';
import { OWNED_BAND_WIDTH, matchColumns, matchTableName, type ColumnMatch, type TableNameMatch } from './names';

export { a1, columnLetters, parseA1 } from '../../cells';

/** An input table the engine reads, whatever its origin. */
export interface LocatedTable {
  kind: TableKind;
  sheet: string;
  /** Formal table name, or null for a plain header-row range. */
  tableName: string | null;
  headerRow: number;
  firstColumn: number;
  headers: string[];
  /** The data rows as read; emptied once parsed when the caller lets the engine consume them (`rowCount` stays). */
  rows: CellValue[][];
  /** How many data rows the table has: what the plan's owned columns cover. */
  rowCount: number;
  occupiedRight: OccupiedCell[];
  /** See RawTable.shiftBlocker; always null for a plain range, which is written cell by cell. */
  shiftBlocker: CellPosition | null;
  match: ColumnMatch;
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

function headerText(v: CellValue | undefined): string {
  if (isBlank(v) || v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  return String(v).trim();
}

/**
 * A formal table is recognised by its own name; failing that, a table that sits alone on a sheet
 * whose name is recognised (Excel calls new tables "Table1", and people rarely rename them).
 */
function kindOfTable(table: RawTable, tablesOnSheet: number): TableNameMatch | null {
  return matchTableName(table.name) ?? (tablesOnSheet === 1 ? matchTableName(ownSheetName(table.sheet)) : null);
}

/**
 * A sheet's own name: a portfolio names its members' sheets as Excel names another workbook's sheet,
 * "[emea.xlsx]Dependencies", and the sheet is recognised by what follows the brackets.
 */
export function ownSheetName(sheet: string): string {
  return sheet.startsWith('[') && sheet.includes(']') ? sheet.slice(sheet.indexOf(']') + 1) : sheet;
}

/**
 * A name matched only by its prefix ("Strategy notes") is read only when its header has every
 * required column: prose sheets that happen to start with a table word are left alone.
 */
function usable(t: LocatedTable, name: TableNameMatch): boolean {
  return name.exact || t.match.missing.length === 0;
}

function fromTable(table: RawTable, kind: TableKind): LocatedTable {
  const headers = table.headers.map((h) => headerText(h));
  return {
    kind,
    sheet: table.sheet,
    tableName: table.name,
    headerRow: table.headerRow,
    firstColumn: table.firstColumn,
    headers,
    rows: table.rows,
    rowCount: table.rows.length,
    occupiedRight: table.occupiedRight,
    shiftBlocker: table.shiftBlocker ?? null,
    match: matchColumns(kind, headers),
  };
}

/** The contiguous run of non-empty header cells starting at the first non-empty one. */
function headerSpan(row: CellValue[]): { from: number; to: number } | null {
  const from = row.findIndex((v) => !isBlank(v));
  if (from < 0) return null;
  let to = from;
  while (to + 1 < row.length && !isBlank(row[to + 1])) to++;
  return { from, to };
}

/** How many rows of the grid look like a header for this kind: all required columns present. */
function looksLikeHeader(kind: TableKind, row: CellValue[]): boolean {
  const span = headerSpan(row);
  if (!span) return false;
  const headers = row.slice(span.from, span.to + 1).map(headerText);
  return matchColumns(kind, headers).missing.length === 0;
}

/** Rows examined when looking for a header below a title. */
const HEADER_SEARCH_ROWS = 20;

/**
 * The header is the first non-empty row; when that row lacks the required columns (a title above
 * the table, say) the first of the next rows that has them all is taken instead. Data runs until the
 * first row that is blank across the header's columns, as Excel's current region does.
 */
export function locateRange(sheet: RawSheet, kind: TableKind): LocatedTable | null {
  const grid = sheet.values;
  const nonEmpty: number[] = [];
  for (let r = 0; r < grid.length && nonEmpty.length < HEADER_SEARCH_ROWS; r++) {
    if ((grid[r] ?? []).some((v) => !isBlank(v))) nonEmpty.push(r);
  }
  if (nonEmpty.length === 0) return null;
  const headerIndex = nonEmpty.find((r) => looksLikeHeader(kind, grid[r])) ?? nonEmpty[0];
  const span = headerSpan(grid[headerIndex])!;
  const width = span.to - span.from + 1;
  const headers = grid[headerIndex].slice(span.from, span.to + 1).map(headerText);
  const rows: CellValue[][] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const cells: CellValue[] = [];
    for (let c = 0; c < width; c++) cells.push(grid[r]?.[span.from + c] ?? null);
    if (cells.every(isBlank)) break;
    rows.push(cells);
  }
  const occupiedRight: OccupiedCell[] = [];
  for (let r = headerIndex; r <= headerIndex + rows.length; r++) {
    for (let c = span.to + 1; c <= span.to + OWNED_BAND_WIDTH; c++) {
      if (!isBlank(grid[r]?.[c])) occupiedRight.push({ row: sheet.originRow + r, column: sheet.originColumn + c });
    }
  }
  const bandLeft = sheet.originColumn + span.to + 1;
  const bandTop = sheet.originRow + headerIndex;
  occupiedRight.push(
    ...mergedInBand(sheet.merged ?? [], {
      top: bandTop,
      bottom: bandTop + rows.length,
      left: bandLeft,
      right: bandLeft + OWNED_BAND_WIDTH - 1,
    }),
  );
  return {
    kind,
    sheet: sheet.sheet,
    tableName: null,
    headerRow: sheet.originRow + headerIndex,
    firstColumn: sheet.originColumn + span.from,
    headers,
    rows,
    rowCount: rows.length,
    occupiedRight,
    shiftBlocker: null,
    match: matchColumns(kind, headers),
  };
}

/** Every recognised input table of the snapshot, formal tables first, in workbook order. */
export function locateTables(snapshot: WorkbookSnapshot): LocatedTable[] {
  const perSheet = new Map<string, number>();
  for (const t of snapshot.tables) perSheet.set(t.sheet, (perSheet.get(t.sheet) ?? 0) + 1);
  const located: LocatedTable[] = [];
  const sheetsWithTables = new Set<string>();
  for (const table of snapshot.tables) {
    const name = kindOfTable(table, perSheet.get(table.sheet) ?? 0);
    if (!name) continue;
    const t = fromTable(table, name.kind);
    if (!usable(t, name)) continue;
    located.push(t);
    sheetsWithTables.add(table.sheet);
  }
  for (const sheet of snapshot.sheets) {
    const name = matchTableName(ownSheetName(sheet.sheet));
    if (!name || sheetsWithTables.has(sheet.sheet)) continue;
    const range = locateRange(sheet, name.kind);
    if (range && usable(range, name)) located.push(range);
  }
  const order = new Map(snapshot.sheetNames.map((n, i) => [n, i]));
  return located.sort((a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.headerRow - b.headerRow);
}
