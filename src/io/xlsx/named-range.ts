// A table, or a sheet's header-row range, found by a name the engine does not read (the Portfolio
// table of a hub workbook): its header and rows, from the package without reading anything else.
import type { CellValue } from '../../engine';
import type { NamedRange } from '../../portfolio';
import type { XlsxWorkbook } from './port';
import { scanWorksheet } from './worksheet-read';

export function readNamedRange(workbook: XlsxWorkbook, matches: (name: string) => boolean): NamedRange | null {
  const model = workbook.model;
  for (const sheet of model.sheets) {
    const table = sheet.tables.find((t) => matches(t.name));
    const wholeSheet = !table && sheet.tables.length === 0 && matches(sheet.entry.name);
    if (!table && !wholeSheet) continue;
    const grid = new Map<number, CellValue[]>();
    const box = table?.box;
    scanWorksheet(model.pkg.text(sheet.entry.part), sheet.entry.part, model.context, {
      wantRow: (r) => !box || (r >= box.top && r <= box.bottom),
      wantCell: (r, c) => !box || (r >= box.top && r <= box.bottom && c >= box.left && c <= box.right),
      cell: (r, c, v) => {
        const row = grid.get(r) ?? [];
        row[c - (box?.left ?? 1)] = v;
        grid.set(r, row);
      },
    });
    const rowNumbers = [...grid.keys()].sort((a, b) => a - b);
    if (rowNumbers.length === 0) return null;
    const headerRow = box?.top ?? rowNumbers[0];
    const last = box ? box.bottom - (table?.totalsRowCount ?? 0) : rowNumbers[rowNumbers.length - 1];
    const width = box ? box.right - box.left + 1 : Math.max(...[...grid.values()].map((r) => r.length));
    const rowAt = (r: number) => Array.from({ length: width }, (_, c) => grid.get(r)?.[c] ?? null);
    const rows: CellValue[][] = [];
    for (let r = headerRow + 1; r <= last; r++) rows.push(rowAt(r));
    return { sheet: sheet.entry.name, headerRow, headers: rowAt(headerRow), rows };
  }
  return null;
}
