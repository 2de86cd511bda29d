// Merged areas beside a table. Excel allows no merged cell inside a table, and a value written to a
// cell a merge hides is never seen, so a merged area that reaches the band the owned columns would
// take blocks them as a non-empty cell does, even when it holds nothing (a coloured box, say).
import type { MergedArea, OccupiedCell } from '../types';
import { a1, columnCount, columnLetters, parseA1, rowCount, type CellBox } from '../../cells';

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

/**
 * "K2:L3" (or "K2" for one cell, "K:L" for whole columns, "2:3" for whole rows) as an area; null when
 * it is none of these.
 */
export function parseMergeRef(ref: string): MergedArea | null {
  const [from, to = from] = ref.trim().split(':');
  const whole = (a: string, b: string) => {
    if (/^\$?[A-Za-z]{1,3}$/.test(a) && /^\$?[A-Za-z]{1,3}$/.test(b))
      return [parseA1(`${a}1`), parseA1(`${b}${MAX_ROW}`)];
    if (/^\$?\d+$/.test(a) && /^\$?\d+$/.test(b))
      return [parseA1(`A${a.replace('$', '')}`), parseA1(`${columnLetters(MAX_COLUMN)}${b.replace('$', '')}`)];
    return [parseA1(a), parseA1(b)];
  };
  const [p, q] = whole(from, to);
  if (!p || !q || p.row < 1 || q.row < 1) return null;
  const row = Math.min(p.row, q.row);
  const column = Math.min(p.column, q.column);
  return { row, column, rows: Math.max(p.row, q.row) - row + 1, columns: Math.max(p.column, q.column) - column + 1 };
}

export function mergeRef(area: MergedArea): string {
  const last = a1(area.row + area.rows - 1, area.column + area.columns - 1);
  const first = a1(area.row, area.column);
  return first === last ? first : `${first}:${last}`;
}

/**
 * For each merged area that reaches the band, the first of its cells inside the band: the area's
 * top-left when it starts in the band, else where it enters it (from the left or from above).
 */
export function mergedInBand(areas: readonly MergedArea[], band: CellBox): OccupiedCell[] {
  const out: OccupiedCell[] = [];
  for (const m of areas) {
    const top = Math.max(m.row, band.top);
    const left = Math.max(m.column, band.left);
    if (top > Math.min(m.row + m.rows - 1, band.bottom) || left > Math.min(m.column + m.columns - 1, band.right))
      continue;
    out.push({ row: top, column: left, merged: mergeRef(m) });
  }
  return out;
}

/**
 * For each other table that reaches the band, the first of its cells inside it: tables may not
 * overlap, so an empty table body beside a table blocks its owned columns as a value would.
 */
export function tablesInBand(tables: readonly { name: string; box: CellBox }[], band: CellBox): OccupiedCell[] {
  return tables.flatMap(({ name, box }) => {
    const area = { row: box.top, column: box.left, rows: rowCount(box), columns: columnCount(box) };
    return mergedInBand([area], band).map(({ row, column }) => ({ row, column, table: name }));
  });
}
