// Where the adapter's boxes meet Office.js's ranges. The adapter names cells as every room does,
// 1-based and inclusive (SheetBox); Office.js counts from 0 and by size: Worksheet.getRangeByIndexes
// takes a 0-based start row and column and a row and column count, and a loaded Range reports
// rowIndex/columnIndex (0-based) with rowCount/columnCount. This module is the only place that turns
// one into the other, each way; every other line of the adapter reasons in 1-based rows and columns.
import { columnCount, rowCount, type CellBox, type SheetBox } from '../../cells';

/** A range's position as Excel loads it (`load('rowIndex,columnIndex,rowCount,columnCount')`). */
export interface LoadedRange {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/** The range a box covers on a worksheet proxy. */
export const rangeAt = (sheet: Excel.Worksheet, box: CellBox): Excel.Range =>
  sheet.getRangeByIndexes(box.top - 1, box.left - 1, rowCount(box), columnCount(box));

/** The same, untracked: Excel keeps no reference to it (the read, the check and the write use no range beyond its batch). */
export const rangeIn = (sheet: Excel.Worksheet, box: CellBox): Excel.Range => rangeAt(sheet, box).untrack();

/** The range a box covers, its sheet found by name. */
export const rangeOf = (context: Excel.RequestContext, box: SheetBox): Excel.Range =>
  rangeIn(context.workbook.worksheets.getItem(box.sheet), box);

/** The box a loaded range covers. */
export const boxOf = (sheet: string, r: LoadedRange): SheetBox => ({
  sheet,
  top: r.rowIndex + 1,
  left: r.columnIndex + 1,
  bottom: r.rowIndex + r.rowCount,
  right: r.columnIndex + r.columnCount,
});

/** The rows a range covers, from `load('rowIndex,rowCount')`. */
export const rowsOf = (r: Pick<LoadedRange, 'rowIndex' | 'rowCount'>): Pick<CellBox, 'top' | 'bottom'> => ({
  top: r.rowIndex + 1,
  bottom: r.rowIndex + r.rowCount,
});

/** A range's first row, from `load('rowIndex')`. */
export const firstRowOf = (r: Pick<LoadedRange, 'rowIndex'>): number => r.rowIndex + 1;

/** A range's first column, from `load('columnIndex')`. */
export const firstColumnOf = (r: Pick<LoadedRange, 'columnIndex'>): number => r.columnIndex + 1;
