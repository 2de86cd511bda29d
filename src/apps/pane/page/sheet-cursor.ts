// The keyboard's cell in the page's sheet preview: where each navigation key takes it.

/** A cell of the drawn rows, 1-based, on one sheet. */
export interface Cursor {
  sheet: string;
  row: number;
  column: number;
}

/** Rows a Page Up or Page Down moves. */
const PAGE_ROWS = 10;

/** Where the arrow keys, Home/End and Page Up/Down take the keyboard's cell; null for other keys. */
export function moved(
  key: string,
  ctrl: boolean,
  from: { row: number; column: number } | null,
  rows: number,
  columns: number,
): { row: number; column: number } | null {
  const at = from ?? { row: 1, column: 1 };
  const clamp = (row: number, column: number) => ({
    row: Math.min(rows, Math.max(1, row)),
    column: Math.min(columns, Math.max(1, column)),
  });
  // The first arrow press lands on the first cell (or the highlighted one) rather than past it.
  const step = from ? 1 : 0;
  switch (key) {
    case 'ArrowDown':
      return clamp(at.row + step, at.column);
    case 'ArrowUp':
      return clamp(at.row - step, at.column);
    case 'ArrowRight':
      return clamp(at.row, at.column + step);
    case 'ArrowLeft':
      return clamp(at.row, at.column - step);
    case 'Home':
      return clamp(ctrl ? 1 : at.row, 1);
    case 'End':
      return clamp(ctrl ? rows : at.row, columns);
    case 'PageDown':
      return clamp(at.row + PAGE_ROWS, at.column);
    case 'PageUp':
      return clamp(at.row - PAGE_ROWS, at.column);
    default:
      return null;
  }
}
