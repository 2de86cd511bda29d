// A full picture of a workbook's cells (value, number format, fill, font colour), to prove that a
// refresh changed nothing it does not own.
import ExcelJS from 'exceljs';

export type CellDump = Record<string, string>;

function describe(cell: ExcelJS.Cell): string {
  const fill =
    cell.fill && 'fgColor' in cell.fill
      ? JSON.stringify(cell.fill.fgColor)
      : cell.fill
        ? JSON.stringify(cell.fill)
        : '';
  const value = cell.value instanceof Date ? cell.value.toISOString() : JSON.stringify(cell.value);
  return [value, cell.numFmt ?? '', fill, JSON.stringify(cell.font?.color ?? null), cell.font?.bold ? 'b' : ''].join(
    ' | ',
  );
}

/** sheet!A1 -> description, for every cell that holds a value or a style, skipping `except` cells. */
export function dumpWorkbook(
  wb: ExcelJS.Workbook,
  except: (sheet: string, row: number, column: number) => boolean = () => false,
): CellDump {
  const out: CellDump = {};
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (except(ws.name, r, c)) return;
        const text = describe(cell);
        if (text !== 'null |  |  | null | ') out[`${ws.name}!${cell.address}`] = text;
      });
    });
  }
  return out;
}

export async function reopen(data: Uint8Array | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  return wb;
}
