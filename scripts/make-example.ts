// Writes examples/rollout.xlsx from the example's data (src/example/rollout.ts).
// Deterministic: run it twice and the data is the same. `npm run example` regenerates the file.
import type ExcelJS from 'exceljs';
import * as path from 'node:path';
import { ABOUT, EXAMPLE_AS_OF, EXAMPLE_FORMATS, EXAMPLE_SHEETS } from '../src/example/rollout';
import { buildWorkbook } from '../src/workbook/xlsx/build';

export { EXAMPLE_AS_OF };

export function buildExampleWorkbook(): ExcelJS.Workbook {
  const wb = buildWorkbook(EXAMPLE_SHEETS, ABOUT, EXAMPLE_FORMATS);
  wb.creator = 'Throughline example generator';
  wb.created = new Date(`${EXAMPLE_AS_OF}T00:00:00Z`);
  wb.modified = wb.created;
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
