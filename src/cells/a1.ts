// A1 addresses: column letters, cells, and back. Rows and columns are 1-based, as Excel shows them.

/** A cell by its row and column numbers. */
export interface CellPosition {
  row: number;
  column: number;
}

/** Column letters for a 1-based column number: 1 -> A, 28 -> AB. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function a1(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/** "B7" (or "$B$7") as row and column numbers; null when it is not a cell address. */
export function parseA1(address: string): CellPosition | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  const column = m[1]
    .toUpperCase()
    .split('')
    .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), column };
}
