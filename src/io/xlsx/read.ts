// Reads a WorkbookSnapshot from a package: the cells of every table the engine may recognise (and the
// band to their right), a grid for each recognisable sheet without tables, the ledger, and the header
// of a sheet called "Risks". Sheets the engine cannot use are never parsed.
import type { CellValue, MergedArea, OccupiedCell, RawSheet, RawTable, WorkbookSnapshot } from '../../engine';
import { mergedInBand, parseMergeRef, tablesInBand } from '../../engine';
import {
  LEDGER_SHEET,
  OWNED_BAND_WIDTH,
  OWNED_HEADER_SET,
  RISKS_SHEET,
  matchTableName,
  tableKindOf,
} from '../../engine';
import { scanWorksheet, sheetProtectedBytes, type CellSink } from './worksheet-read';
import { readOwnedSheets } from '../../engine';
import type { SheetModel, TableModel, WorkbookModel } from './model';

export function isEmpty(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

function headerText(v: CellValue, fallback: string): string {
  if (v === null) return fallback;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return v.error;
  return String(v);
}

/** Whether the engine could read this table: by its own name, or alone on a sheet with a recognised name. */
function candidate(sheet: SheetModel, table: TableModel): boolean {
  if (table.headerRowCount < 1) return false;
  return (
    matchTableName(table.name) !== null || (sheet.tables.length === 1 && matchTableName(sheet.entry.name) !== null)
  );
}

interface TableCells {
  table: TableModel;
  headers: CellValue[];
  rows: CellValue[][];
  occupiedRight: OccupiedCell[];
  lastData: number;
}

/** A growing grid of every non-empty cell, for sheets read as plain ranges and for the ledger. */
class GridSink implements CellSink {
  /** Sheet row -> sparse row of values by sheet column. */
  private readonly rows: CellValue[][] = [];
  top = Infinity;
  left = Infinity;
  right = 0;
  bottom = 0;
  wantRow(): boolean {
    return true;
  }
  wantCell(): boolean {
    return true;
  }
  cell(row: number, column: number, value: CellValue): void {
    if (isEmpty(value)) return;
    (this.rows[row] ??= [])[column] = value;
    if (row < this.top) this.top = row;
    if (row > this.bottom) this.bottom = row;
    if (column < this.left) this.left = column;
    if (column > this.right) this.right = column;
  }
  values(): CellValue[][] | null {
    if (this.bottom === 0) return null;
    const out: CellValue[][] = [];
    for (let r = this.top; r <= this.bottom; r++) {
      const cells = this.rows[r];
      const row: CellValue[] = [];
      if (cells) for (let c = this.left; c <= this.right; c++) row.push(cells[c] ?? null);
      out.push(row);
    }
    return out;
  }
}

/** Reads the sheet's cells into the tables, the grid and the head; returns whether it is protected and its merged areas. */
function readSheet(
  model: WorkbookModel,
  sheet: SheetModel,
  reads: TableCells[],
  grid: GridSink | null,
  head: CellValue[] | null,
): { protected: boolean; merged: MergedArea[] } {
  // Owned columns' values are Throughline's own output: after the header row they are not read.
  const regions = reads.map((t) => ({
    t,
    top: t.table.box.top,
    bottom: t.table.box.bottom,
    left: t.table.box.left,
    right: t.table.box.right + OWNED_BAND_WIDTH,
    owned: null as Set<number> | null,
  }));
  const ownedOf = (g: (typeof regions)[number]) =>
    (g.owned ??= new Set(
      g.t.headers.flatMap((h, i) => (typeof h === 'string' && OWNED_HEADER_SET.has(h.trim()) ? [g.left + i] : [])),
    ));
  const sink: CellSink = {
    lastRow: grid !== null || regions.length > 0 ? Infinity : 1,
    wantRow: (row) =>
      grid !== null || (head !== null && row === 1) || regions.some((g) => row >= g.top && row <= g.bottom),
    wantCell: (row, column) =>
      grid !== null ||
      (head !== null && row === 1 && column <= 10) ||
      regions.some(
        (g) =>
          row >= g.top &&
          row <= g.bottom &&
          column >= g.left &&
          column <= g.right &&
          (row === g.top || !ownedOf(g).has(column)),
      ),
    cell(row, column, value) {
      if (grid) grid.cell(row, column, value);
      if (head && row === 1 && column <= 10) head[column - 1] = value;
      for (const g of regions) {
        if (row < g.top || row > g.bottom || column < g.left || column > g.right) continue;
        const { t } = g;
        const box = t.table.box;
        if (column > box.right) {
          if (!isEmpty(value)) t.occupiedRight.push({ row, column });
        } else if (row === box.top) {
          t.headers[column - box.left] = value;
        } else if (row <= t.lastData) {
          t.rows[row - box.top - 1][column - box.left] = value;
        }
      }
    },
    merge(ref) {
      const area = parseMergeRef(ref);
      if (area) merged.push(area);
    },
  };
  const merged: MergedArea[] = [];
  const part = sheet.entry.part;
  const scan = scanWorksheet(model.pkg.text(part), part, model.context, sink);
  model.pkg.forget(part);
  // A merged area, or another table (even an empty one), reaching the band blocks it like a value
  // there: the table's rows, header to totals.
  for (const { t, top, bottom, right } of regions) {
    const band = { top, bottom, left: t.table.box.right + 1, right };
    t.occupiedRight.push(
      ...mergedInBand(merged, band),
      ...tablesInBand(
        sheet.tables.filter((x) => x.name !== t.table.name),
        band,
      ),
    );
  }
  return { protected: scan.protected, merged };
}

export function readSnapshot(model: WorkbookModel): WorkbookSnapshot {
  const tables: RawTable[] = [];
  const sheets: RawSheet[] = [];
  const protectedSheets: string[] = [];
  const sheetHeads: Record<string, CellValue[]> = {};
  // The ledger first: when it lists the sheets Throughline owns, a "Risks" sheet's header is not needed.
  const ledgerSheet = model.sheets.find((s) => s.entry.name === LEDGER_SHEET);
  let ledger: CellValue[][] | null = null;
  if (ledgerSheet) {
    const grid = new GridSink();
    if (readSheet(model, ledgerSheet, [], grid, null).protected) protectedSheets.push(LEDGER_SHEET);
    ledger = grid.values();
  }
  const ownershipKnown = readOwnedSheets(ledger) !== null;
  for (const sheet of model.sheets) {
    const name = sheet.entry.name;
    if (sheet === ledgerSheet) continue;
    const reads: TableCells[] = sheet.tables
      .filter((t) => candidate(sheet, t))
      .map((table) => {
        const width = table.box.right - table.box.left + 1;
        const lastData = table.box.bottom - table.totalsRowCount;
        const rowCount = Math.max(0, lastData - table.box.top);
        return {
          table,
          headers: new Array<CellValue>(width).fill(null),
          rows: Array.from({ length: rowCount }, () => new Array<CellValue>(width).fill(null)),
          occupiedRight: [],
          lastData,
        };
      });
    const wantsGrid = sheet.tables.length === 0 && tableKindOf(name) !== null;
    const grid = wantsGrid ? new GridSink() : null;
    const isRisks = name.toLowerCase() === RISKS_SHEET.toLowerCase();
    const head = isRisks && !ownershipKnown ? new Array<CellValue>(10).fill(null) : null;
    let merged: MergedArea[] = [];
    if (reads.length > 0 || grid !== null || head !== null) {
      const scan = readSheet(model, sheet, reads, grid, head);
      if (scan.protected) protectedSheets.push(name);
      merged = scan.merged;
    } else if (isRisks || /^throughline risks/i.test(name)) {
      // A Risks sheet Throughline may own: only its protection matters, and that sits right after its cells.
      if (sheetProtectedBytes(model.pkg.bytes(sheet.entry.part))) protectedSheets.push(name);
    }
    for (const table of sheet.tables) {
      const read = reads.find((r) => r.table === table);
      if (read) {
        tables.push({
          sheet: name,
          name: table.name,
          headerRow: table.box.top,
          firstColumn: table.box.left,
          headers: read.headers.map((h, i) => headerText(h, table.columns[i]?.name ?? '')),
          rows: read.rows,
          occupiedRight: read.occupiedRight.sort((a, b) => a.row - b.row || a.column - b.column),
        });
      } else if (table.headerRowCount > 0) {
        // Not readable by the engine, but named in messages and counted per sheet.
        tables.push({
          sheet: name,
          name: table.name,
          headerRow: table.box.top,
          firstColumn: table.box.left,
          headers: table.columns.map((c) => c.name),
          rows: [],
          occupiedRight: [],
        });
      }
    }
    if (head) sheetHeads[name] = head;
    if (grid) {
      const values = grid.values();
      if (values)
        sheets.push({
          sheet: name,
          originRow: grid.top,
          originColumn: grid.left,
          values,
          ...(merged.length > 0 ? { merged } : {}),
        });
    }
  }
  return {
    date1904: model.info.date1904,
    sheetNames: model.info.sheets.map((s) => s.name),
    tables,
    sheets,
    protectedSheets,
    ledger,
    sheetHeads,
  };
}
