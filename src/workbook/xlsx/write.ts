// Applies a write-back plan to an exceljs workbook. Every decision is already in the plan; this
// module only knows how exceljs stores values, styles, tables and links.
import type ExcelJS from 'exceljs';
import type { CellStyle, ColumnWrite, LedgerPlan, OutValue, RisksPlan, TableWrite, WritePlan } from '../../engine/types';
import { PALETTE } from '../../engine/palette';
import { columnLetters } from '../../engine/recognise/locate';
import { tableBox, tableModel, tablesOf } from './read';

const MS_PER_DAY = 86_400_000;

/** Strings stay strings: exceljs only writes a formula for a {formula} object, so "=1+1" is text. */
function toExcel(v: OutValue): ExcelJS.CellValue {
  if (v !== null && typeof v === 'object') return new Date(v.day * MS_PER_DAY);
  return v;
}

/**
 * Replaces a cell's style object instead of mutating it: exceljs may share one style object
 * between cells, and a mutation would colour cells Throughline does not own.
 */
function restyle(cell: ExcelJS.Cell, change: Partial<ExcelJS.Style>): void {
  cell.style = { ...cell.style, ...change };
}

function styleChange(cell: ExcelJS.Cell, style: CellStyle | null): Partial<ExcelJS.Style> {
  const { color: _previous, ...font } = (cell.style.font ?? {}) as Partial<ExcelJS.Font>;
  if (style === null) return { fill: { type: 'pattern', pattern: 'none' }, font };
  const colours = PALETTE[style];
  return {
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } },
    font: { ...font, color: { argb: colours.font } },
  };
}

function writeColumn(ws: ExcelJS.Worksheet, write: TableWrite, column: ColumnWrite): void {
  const header = ws.getRow(write.headerRow).getCell(column.column);
  header.value = column.header;
  if (column.append) {
    if (write.tableName === null) {
      // A plain range: the new header looks like its neighbours'.
      const neighbour = ws.getRow(write.headerRow).getCell(column.column - 1);
      header.style = { ...neighbour.style };
    }
    const wide = column.header.startsWith('Impact') || column.header.startsWith('Flags');
    ws.getColumn(column.column).width = wide ? 40 : Math.max(12, column.header.length + 3);
  }
  for (let i = 0; i < write.rowCount; i++) {
    const cell = ws.getRow(write.headerRow + 1 + i).getCell(column.column);
    cell.value = toExcel(column.values[i] ?? null);
    const change: Partial<ExcelJS.Style> = column.numFmt ? { numFmt: column.numFmt } : {};
    if (column.styles) Object.assign(change, styleChange(cell, column.styles[i] ?? null));
    if (Object.keys(change).length > 0) restyle(cell, change);
  }
}

/** Grows a formal table to take the appended columns, so it stays one table in Excel. */
function extendTable(ws: ExcelJS.Worksheet, write: TableWrite): void {
  const appended = write.columns.filter((c) => c.append);
  if (write.tableName === null || appended.length === 0) return;
  const table = tablesOf(ws).find((t) => tableModel(t).name === write.tableName);
  if (!table) throw new Error(`table ${write.tableName} is not on sheet ${ws.name}`);
  const model = tableModel(table);
  const box = tableBox(model)!;
  for (const c of [...appended].sort((a, b) => a.column - b.column)) model.columns.push({ name: c.header, filterButton: true });
  const right = Math.max(box.right, ...appended.map((c) => c.column));
  const ref = `${columnLetters(box.left)}${box.top}:${columnLetters(right)}${box.bottom}`;
  model.tableRef = ref;
  if (model.ref !== undefined) model.ref = `${columnLetters(box.left)}${box.top}`;
  if (model.autoFilterRef !== undefined) {
    model.autoFilterRef = `${columnLetters(box.left)}${box.top}:${columnLetters(right)}${box.bottom - (model.totalsRow ? 1 : 0)}`;
  }
}

function sheetRef(sheet: string, cell: string): string {
  return `#'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/** An owned sheet rebuilt from scratch, in the place the old one held among the sheets. */
function freshSheet(wb: ExcelJS.Workbook, name: string, options: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet {
  const old = wb.getWorksheet(name);
  const orderNo = old ? (old as unknown as { orderNo: number }).orderNo : undefined;
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet(name, options);
  if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
  return ws;
}

function writeLedger(wb: ExcelJS.Workbook, plan: LedgerPlan): void {
  const ws = freshSheet(wb, plan.sheetName, { state: 'hidden' });
  for (const block of plan.blocks) {
    [block.headers, ...block.rows].forEach((values, r) => {
      const row = ws.getRow(r + 1);
      values.forEach((v, c) => (row.getCell(block.column + c + 1).value = toExcel(v)));
      if (r === 0) block.headers.forEach((_, c) => (row.getCell(block.column + c + 1).font = { bold: true }));
    });
  }
}

/** Rewrites the Risks sheet from scratch in the same place among the sheets. */
function writeRisks(wb: ExcelJS.Workbook, plan: RisksPlan): void {
  const ws = freshSheet(wb, plan.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });

  const header = ws.getRow(1);
  plan.headers.forEach((h, i) => {
    const cell = header.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
  });
  plan.rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    values.forEach((v, c) => (row.getCell(c + 1).value = toExcel(v)));
    const link = plan.links[r];
    if (link) {
      const cell = row.getCell(link.column + 1);
      cell.value = { text: String(values[link.column] ?? `${link.target.sheet}!${link.target.cell}`), hyperlink: sheetRef(link.target.sheet, link.target.cell) };
      cell.font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    const style = plan.styles[r];
    if (style) {
      const severity = row.getCell(1);
      severity.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: PALETTE[style].fill } };
      severity.font = { color: { argb: PALETTE[style].font } };
    }
  });
  const widths = [9, 12, 32, 11, 9, 24, 80, 14, 15, 18];
  plan.headers.forEach((_, i) => (ws.getColumn(i + 1).width = widths[i] ?? 14));
  ws.getColumn(plan.headers.indexOf('Value exposed') + 1).numFmt = '#,##0';
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, plan.rows.length + 1), column: plan.headers.length } };
}

export function applyPlan(wb: ExcelJS.Workbook, plan: WritePlan): void {
  for (const write of plan.tables) {
    const ws = wb.getWorksheet(write.sheet);
    if (!ws) throw new Error(`sheet ${write.sheet} is missing`);
    extendTable(ws, write);
    for (const column of write.columns) writeColumn(ws, write, column);
  }
  writeRisks(wb, plan.risks);
  writeLedger(wb, plan.ledger);
}
