// What a worksheet scan needs to read cells (the workbook's shared strings, formats and date system) and
// where it hands them: shared by the hand scan of <sheetData> and the general scan around it.
import type { CellValue } from '../../engine';
import type { StyleInfo } from '../ooxml/styles';

export interface SheetContext {
  sharedStrings: readonly string[];
  styles: StyleInfo;
  date1904: boolean;
}

export interface CellSink {
  /** Whether any cell of this row is wanted (skips the row's cells quickly when not). */
  wantRow(row: number): boolean;
  /** The last row wanted: the scan stops at the first row past it (rows are in order in a valid sheet). */
  lastRow?: number;
  wantCell(row: number, column: number): boolean;
  /** `style` is the cell's format index (0 when it has none). */
  cell(row: number, column: number, value: CellValue, style: number): void;
  /**
   * Each <mergeCell ref="K2:L3"/> (they follow <sheetData>); a scan that stops early at `lastRow`
   * never reaches them.
   */
  merge?(ref: string): void;
}
