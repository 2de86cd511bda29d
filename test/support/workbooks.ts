// Small real workbooks built with exceljs (one of the programs users' files come from) for adapter and CLI tests.
import ExcelJS from 'exceljs';
import { XlsxWorkbook } from '../../src/io/xlsx/port';

/** The workbook as the file exceljs writes. */
export async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The file exceljs writes, opened by Throughline. */
export async function portOf(wb: ExcelJS.Workbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.fromBuffer(await bytesOf(wb));
}

export const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function addTable(
  ws: ExcelJS.Worksheet,
  name: string,
  ref: string,
  headers: string[],
  rows: unknown[][],
  totals = false,
): void {
  ws.addTable({
    name,
    ref,
    headerRow: true,
    totalsRow: totals,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: headers.map((h, i) => ({
      name: h,
      filterButton: true,
      ...(totals && i === 0 ? { totalsRowLabel: 'Total' } : {}),
    })),
    rows: rows as ExcelJS.CellValue[][],
  });
}

/** Objectives and KPIs as formal tables (KPIs not at A1), Initiatives as a plain range under a title. */
export function smallWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const obj = wb.addWorksheet('Goals');
  addTable(
    obj,
    'Goals',
    'A1',
    ['ID', 'Name', 'Value at Stake', 'Revenue Stream'],
    [
      ['O1', 'Grow EMEA', 1_000_000, 'EMEA'],
      ['O2', 'Grow APAC', 500_000, 'APAC'],
    ],
  );
  obj.getCell('A1').note = 'Objectives as agreed by the board';
  const kpis = wb.addWorksheet('Metrics');
  addTable(
    kpis,
    'Metrics',
    'B3',
    ['ID', 'Metric', 'Objective ID', 'Target', 'Actual', 'Start', 'Due', 'Last Updated', 'RAG'],
    [
      ['K1', '=HYPERLINK("x")', 'O1', 100, 40, d('2026-01-01'), d('2026-12-31'), d('2026-06-20'), 'Green'],
      ['K2', 'APAC bookings', 'O2', 100, 60, d('2026-01-01'), d('2026-12-31'), d('2026-01-20'), 'Amber'],
    ],
  );
  kpis.getCell('B1').value = 'Metrics tracked monthly';
  kpis.getCell('F4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  const ini = wb.addWorksheet('Projects');
  ini.getCell('A1').value = 'Projects list';
  ['ID', 'Name', 'Supports', 'Start', 'Finish', '% Complete', 'Status', 'Updated'].forEach((h, i) => {
    ini.getCell(3, i + 1).value = h;
    ini.getCell(3, i + 1).font = { bold: true };
  });
  [
    ['P1', '+Contract', 'K1', d('2026-01-01'), d('2026-05-01'), '60%', 'On track', d('2026-06-01')],
    ['P2', '@Rollout', 'O2', d('2026-03-01'), d('2026-12-01'), 0.3, 'Green', d('2026-06-25')],
  ].forEach((row, r) => row.forEach((v, c) => (ini.getCell(4 + r, c + 1).value = v as ExcelJS.CellValue)));
  ini.getCell('A8').value = 'Notes below the range stay notes';
  return wb;
}
