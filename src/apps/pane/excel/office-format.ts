// Reads one cell's number format through Office.js: the currency the workbook counts value in.
import type { SheetLink } from '../../../engine';
import type { ExcelRun } from '../../../io/office/port';

/** One round trip for one cell. */
export const numberFormatReader =
  (run: ExcelRun) =>
  (target: SheetLink): Promise<string | null> =>
    run(async (context) => {
      const range = context.workbook.worksheets.getItem(target.sheet).getRange(target.cell);
      range.load('numberFormat');
      await context.sync();
      const format = (range.numberFormat as unknown as unknown[][])[0]?.[0];
      return typeof format === 'string' ? format : null;
    });
