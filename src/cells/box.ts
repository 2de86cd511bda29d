// A block of cells, 1-based and inclusive as Excel shows it ("B3:H20" is rows 3-20, columns 2-8): the
// one range type of every room, from reading a package to planning a write.
import { parseA1 } from './a1';

export interface CellBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

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
