// Which item a selected cell belongs to: any cell on an item's row picks that item.
import type { Report, SheetLink } from '../../engine';
import { parseA1 } from '../../engine';

export function itemAtCell(report: Report, cell: SheetLink | null): string | null {
  if (!cell) return null;
  const at = parseA1(cell.cell);
  if (!at) return null;
  return report.items.find((i) => i.sheet === cell.sheet && i.row === at.row)?.id ?? null;
}
