// Reads an exceljs workbook into a WorkbookSnapshot: every formal table, and a grid for each
// recognisable sheet that has no table.
import type ExcelJS from 'exceljs';
import type { CellPosition, CellValue, RawSheet, RawTable, WorkbookSnapshot } from '../../engine/types';
import { LEDGER_SHEET, OWNED_BAND_WIDTH, tableKindOf } from '../../engine/recognise/names';
import { cellValue, isEmpty } from './cells';
import { parseA1 } from '../../engine/recognise/locate';

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "B3:H20" as row/column numbers (a single cell "B3" is a one-cell box). */
export function decodeRef(ref: string): Box {
  const [a, b = a] = ref.split(':');
  const p = parseA1(a)!;
  const q = parseA1(b)!;
  return { top: Math.min(p.row, q.row), left: Math.min(p.column, q.column), bottom: Math.max(p.row, q.row), right: Math.max(p.column, q.column) };
}

/** The table model exceljs keeps, whether the table was loaded from a file or added in this session. */
export interface TableModel {
  name: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  autoFilterRef?: string;
  columns: { name: string; filterButton?: boolean }[];
}

export function tableModel(table: ExcelJS.Table): TableModel {
  const t = table as unknown as { table?: TableModel; model?: TableModel };
  return (t.table ?? t.model)!;
}

export function tableBox(model: TableModel): Box | null {
  const ref = model.tableRef ?? model.ref;
  return ref ? decodeRef(ref) : null;
}

export function tablesOf(ws: ExcelJS.Worksheet): ExcelJS.Table[] {
  return (ws as unknown as { getTables(): ExcelJS.Table[] }).getTables();
}

function readTable(ws: ExcelJS.Worksheet, model: TableModel): RawTable | null {
  const box = tableBox(model);
  // A table without a header row has nowhere to put an owned column's header: leave it alone.
  if (!box || model.headerRow === false) return null;
  const lastData = box.bottom - (model.totalsRow ? 1 : 0);
  const headerCells = ws.getRow(box.top);
  const headers: string[] = [];
  for (let c = box.left; c <= box.right; c++) {
    const v = cellValue(headerCells.getCell(c));
    headers.push(v === null ? (model.columns[c - box.left]?.name ?? '') : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' ? v.error : String(v));
  }
  const rows: CellValue[][] = [];
  for (let r = box.top + 1; r <= lastData; r++) {
    const row = ws.getRow(r);
    const cells: CellValue[] = [];
    for (let c = box.left; c <= box.right; c++) cells.push(cellValue(row.getCell(c)));
    rows.push(cells);
  }
  const occupiedRight: CellPosition[] = [];
  for (let r = box.top; r <= box.bottom; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    for (let c = box.right + 1; c <= box.right + OWNED_BAND_WIDTH; c++) {
      if (!isEmpty(cellValue(row.getCell(c)))) occupiedRight.push({ row: r, column: c });
    }
  }
  return { sheet: ws.name, name: model.name, headerRow: box.top, firstColumn: box.left, headers, rows, occupiedRight };
}

/** The used area of a sheet as a grid, so the engine can find a header-row range in it. */
function readGrid(ws: ExcelJS.Worksheet): RawSheet | null {
  let top = Infinity;
  let left = Infinity;
  let right = 0;
  const found: { r: number; cells: Map<number, CellValue> }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells = new Map<number, CellValue>();
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cellValue(cell);
      if (isEmpty(v)) return;
      cells.set(c, v);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
    if (cells.size === 0) return;
    top = Math.min(top, r);
    found.push({ r, cells });
  });
  if (found.length === 0) return null;
  const values: CellValue[][] = [];
  for (const { r, cells } of found) {
    const row: CellValue[] = [];
    for (let c = left; c <= right; c++) row.push(cells.get(c) ?? null);
    values[r - top] = row;
  }
  for (let i = 0; i < values.length; i++) values[i] ??= [];
  return { sheet: ws.name, originRow: top, originColumn: left, values };
}

export function readSnapshot(wb: ExcelJS.Workbook): WorkbookSnapshot {
  const tables: RawTable[] = [];
  const sheets: RawSheet[] = [];
  for (const ws of wb.worksheets) {
    const own = tablesOf(ws);
    for (const t of own) {
      const raw = readTable(ws, tableModel(t));
      if (raw) tables.push(raw);
    }
    if (own.length === 0 && tableKindOf(ws.name) !== null) {
      const grid = readGrid(ws);
      if (grid) sheets.push(grid);
    }
  }
  const props = wb.properties as { date1904?: boolean } | undefined;
  const ledgerSheet = wb.getWorksheet(LEDGER_SHEET);
  const ledger = ledgerSheet ? (readGrid(ledgerSheet)?.values ?? null) : null;
  const protectedSheets = wb.worksheets
    .filter((ws) => (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection?.sheet)
    .map((ws) => ws.name);
  return { date1904: Boolean(props?.date1904), sheetNames: wb.worksheets.map((ws) => ws.name), tables, sheets, protectedSheets, ledger };
}
