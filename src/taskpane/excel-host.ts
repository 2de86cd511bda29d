// The pane's host inside Excel: Office.js for the workbook, document settings for the settings.
import { todayDay } from '../engine/parse/values';
import { OfficeWorkbook, type ExcelRun } from '../workbook/office';
import { insertSheets } from '../workbook/office-sheets';
import { STARTER_SHEETS } from '../example/starter';
import { ABOUT, EXAMPLE_SHEETS } from '../example/rollout';
import type { PaneHost } from './host';
import { OfficeSettingsStore } from './settings-store';

export function excelHost(): PaneHost {
  const run = Excel.run as unknown as ExcelRun;
  return {
    mode: 'excel',
    port: new OfficeWorkbook(run, { supports19: Office.context.requirements.isSetSupported('ExcelApi', '1.9') }),
    settings: new OfficeSettingsStore(),
    today: todayDay,
    createStarterSheets: () => insertSheets(run, STARTER_SHEETS),
    insertExample: () => insertSheets(run, EXAMPLE_SHEETS, ABOUT),
  };
}
