// A person editing a few cells of a saved workbook, for tests: finds cells by their values and writes
// new ones, through Throughline's package layer (exceljs cannot write every file other programs save).
import type { CellValue } from '../../src/engine/types';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { scanWorksheet } from '../../src/io/xlsx/worksheet-read';
import { patchWorksheet, type CellRender } from '../../src/io/ooxml/worksheet-patch';
import { cellXml } from '../../src/io/ooxml/cell-xml';
import { a1 } from '../../src/engine/recognise/locate';
import { serialFromDay } from '../../src/engine/parse/values';

/** `change` sees each row's cells (1-based columns) and returns the columns to set, or nothing. */
export async function editCells(
  data: Uint8Array,
  sheet: string,
  change: (row: CellValue[], rowNumber: number) => Record<number, number | string | Date> | undefined,
): Promise<{ data: Uint8Array; edited: number }> {
  const wb = XlsxWorkbook.open(data);
  const model = wb.model;
  const part = model.sheet(sheet)!.entry.part;
  const rows = new Map<number, CellValue[]>();
  scanWorksheet(model.pkg.text(part), part, model.context, {
    wantRow: () => true,
    wantCell: () => true,
    cell: (r, c, v) => {
      const row = rows.get(r) ?? [];
      row[c] = v;
      rows.set(r, row);
    },
  });
  const cells = new Map<number, Map<number, CellRender>>();
  let edited = 0;
  for (const [r, row] of rows) {
    const set = change(row, r);
    if (!set) continue;
    const renders = new Map<number, CellRender>();
    for (const [column, value] of Object.entries(set)) {
      const v =
        value instanceof Date ? serialFromDay(Math.floor(value.getTime() / 86_400_000), model.info.date1904) : value;
      renders.set(Number(column), (tag, existing) => cellXml(tag, a1(r, Number(column)), v, existing?.style ?? 0));
      edited++;
    }
    cells.set(r, renders);
  }
  model.pkg.set(part, patchWorksheet(model.pkg.text(part), part, { cells }).text);
  return { data: await wb.toBuffer(), edited };
}
