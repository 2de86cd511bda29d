// Writes examples/rollout.xlsx from the example's data (src/example/rollout.ts).
// Deterministic: run it twice and the data is the same. `npm run example` regenerates the file.
import ExcelJS from 'exceljs';
import * as path from 'node:path';
import { ABOUT, EXAMPLE_AS_OF, EXAMPLE_FORMATS, EXAMPLE_SHEETS } from '../src/example/rollout';
import type { SheetSpec } from '../src/example/sheet-spec';

export { EXAMPLE_AS_OF };

function widthOf(spec: SheetSpec, index: number): number {
  const cells = spec.rows.map((r) => (r[index] instanceof Date ? 10 : String(r[index] ?? '').length));
  return Math.min(48, Math.max(9, spec.headers[index].length, ...cells) + 2);
}

function addTable(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addTable({
    name: spec.table!,
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: spec.headers.map((h) => ({ name: h, filterButton: true })),
    rows: spec.rows,
  });
  spec.headers.forEach((h, i) => {
    const column = ws.getColumn(i + 1);
    column.width = widthOf(spec, i);
    if (EXAMPLE_FORMATS[h]) column.numFmt = EXAMPLE_FORMATS[h];
  });
}

function addRange(wb: ExcelJS.Workbook, spec: SheetSpec): void {
  const ws = wb.addWorksheet(spec.sheet);
  ws.getCell('A1').value = spec.title ?? null;
  ws.getCell('A1').font = { bold: true, size: 12 };
  spec.headers.forEach((h, i) => {
    const cell = ws.getCell(3, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.border = { bottom: { style: 'thin' } };
    ws.getColumn(i + 1).width = widthOf(spec, i);
  });
  spec.rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(4 + r, c + 1).value = v)));
}

export function buildExampleWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Throughline example generator';
  wb.created = new Date(`${EXAMPLE_AS_OF}T00:00:00Z`);
  wb.modified = wb.created;

  const about = wb.addWorksheet('About');
  ABOUT.forEach((line, i) => (about.getCell(i + 1, 1).value = line));
  about.getCell(1, 1).font = { bold: true, size: 14 };
  about.getColumn(1).width = 110;

  for (const spec of EXAMPLE_SHEETS) (spec.table ? addTable : addRange)(wb, spec);
  const kpis = wb.getWorksheet('KPIs')!;
  ['Baseline', 'Target', 'Actual'].forEach((h) => (kpis.getColumn(EXAMPLE_SHEETS[1].headers.indexOf(h) + 1).numFmt = '#,##0.###'));
  wb.getWorksheet('Check-ins')!.getColumn(3).numFmt = '#,##0.####';
  return wb;
}

if (require.main === module) {
  const out = path.join(__dirname, '..', 'examples', 'rollout.xlsx');
  buildExampleWorkbook()
    .xlsx.writeFile(out)
    .then(() => process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`));
}
