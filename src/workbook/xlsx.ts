// The exceljs WorkbookPort: an .xlsx held in memory. Browser-safe: no fs here (see xlsx-file.ts).
import ExcelJS from 'exceljs';
import type { WorkbookSnapshot, WritePlan } from '../engine/types';
import { WorkbookReadError, type WorkbookPort } from './port';
import { readSnapshot, tableModel, tablesOf } from './xlsx/read';
import { applyPlan } from './xlsx/write';

/** Why bytes are not a workbook, in a user's words. */
export function describeNotXlsx(data: Uint8Array): string | null {
  if (data.length === 0) return 'the file is empty';
  const magic = Array.from(data.subarray(0, 4));
  if (magic[0] === 0x50 && magic[1] === 0x4b) return null;
  if (magic[0] === 0xd0 && magic[1] === 0xcf && magic[2] === 0x11 && magic[3] === 0xe0) {
    return 'it is an old-style .xls (or another Office binary) file; open it in Excel and save it as .xlsx';
  }
  return 'it is not an .xlsx workbook (an .xlsx file is a zip archive)';
}

/**
 * Tables saved by LibreOffice carry no style element, and exceljs cannot write such a table back:
 * give each one the plain style Excel assumes when the element is absent.
 */
function repairTables(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    for (const table of tablesOf(ws)) {
      const model = tableModel(table) as unknown as { style?: unknown };
      model.style ??= { theme: null, showFirstColumn: false, showLastColumn: false, showRowStripes: false, showColumnStripes: false };
    }
  }
}

export class XlsxWorkbook implements WorkbookPort {
  private constructor(readonly workbook: ExcelJS.Workbook) {}

  static fromWorkbook(wb: ExcelJS.Workbook): XlsxWorkbook {
    return new XlsxWorkbook(wb);
  }

  /** `name` only serves messages. */
  static async fromBuffer(data: ArrayBuffer | Uint8Array, name = 'the workbook'): Promise<XlsxWorkbook> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    const wrong = describeNotXlsx(bytes);
    if (wrong) throw new WorkbookReadError(`Cannot open ${name}: ${wrong}.`);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new WorkbookReadError(`Cannot open ${name}: the .xlsx file is damaged or not a workbook (${detail.split('\n')[0]}).`, { cause: e });
    }
    repairTables(wb);
    if (wb.worksheets.length === 0) {
      throw new WorkbookReadError(`Cannot open ${name}: no worksheet could be read from it; the .xlsx file may be damaged.`);
    }
    return new XlsxWorkbook(wb);
  }

  async read(): Promise<WorkbookSnapshot> {
    try {
      return readSnapshot(this.workbook);
    } catch (e) {
      throw new WorkbookReadError(`Cannot read the workbook's sheets: ${e instanceof Error ? e.message : String(e)}.`, { cause: e });
    }
  }

  async apply(plan: WritePlan): Promise<void> {
    applyPlan(this.workbook, plan);
  }

  async toBuffer(): Promise<Uint8Array> {
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }
}
