// A block of cells, 1-based and inclusive as Excel shows it ("B3:H20" is rows 3-20, columns 2-8): the
// one range type of every room, from reading a package to planning a write. The Office adapter turns
// it into Office.js's 0-based index and count only where it asks Excel for a range (see io/office).
import { parseA1 } from './a1';

export interface CellBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A block of cells on a named sheet. */
export interface SheetBox extends CellBox {
  sheet: string;
}

/** Rows the box spans (0 for an empty box, whose bottom is the row above its top). */
export const rowCount = (box: CellBox): number => box.bottom - box.top + 1;

/** Columns the box spans. */
export const columnCount = (box: CellBox): number => box.right - box.left + 1;

/** "B3:H20" as row/column numbers (a single cell "B3" is a one-cell box); null when it is not a range. */
export function decodeRef(ref: string): CellBox | null {
  const [a, b = a] = ref.split(':');
  const p = parseA1(a);
  const q = parseA1(b);
  if (!p || !q) return null;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.column, q.column),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.column, q.column),
  };
}
