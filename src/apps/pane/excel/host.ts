// The pane's host inside Excel: Office.js for the workbook, document settings for the settings.
import { todayDay } from '../../../engine';
import { OfficeWorkbook, type ExcelRun } from '../../../io/office/port';
import { insertSheets } from '../../../io/office/sheets';
import { STARTER_SHEETS } from '../../../example/starter';
import { ABOUT, EXAMPLE_SHEETS } from '../../../example/rollout';
import type { PaneHost } from '../host';
import { OfficeSettingsStore } from '../../../io/office/settings';
import { workerEngine } from '../worker/runner';
import { startEngineWorker } from '../worker/start-worker';
import { numberFormatReader } from './office-format';

/** The document's URL may be empty (a new, unsaved workbook) or a web address: its last part is the name. */
export function knownDocumentName(): string | null {
  const last =
    (Office.context.document.url ?? '')
      .replace(/[?#].*$/, '')
      .split(/[\\/]/)
      .pop() ?? '';
  try {
    return decodeURIComponent(last) || null;
  } catch {
    return last || null;
  }
}

function documentName(): string {
  return knownDocumentName() ?? 'workbook';
}

/** Office's display language decides grouping and decimal marks, as it does in Excel's own UI. */
function displayLanguage(): string | undefined {
  try {
    return Office.context.displayLanguage || navigator.language;
  } catch {
    return navigator.language;
  }
}

export function excelHost(): PaneHost & { port: OfficeWorkbook } {
  const run = Excel.run as unknown as ExcelRun;
  return {
    mode: 'excel',
    port: new OfficeWorkbook(run, { supports19: Office.context.requirements.isSetSupported('ExcelApi', '1.9') }),
    settings: new OfficeSettingsStore(),
    today: todayDay,
    engine: workerEngine(startEngineWorker),
    locale: displayLanguage(),
    numberFormat: numberFormatReader(run),
    source: documentName,
    createStarterSheets: () => insertSheets(run, STARTER_SHEETS),
    insertExample: () => insertSheets(run, EXAMPLE_SHEETS, ABOUT),
  };
}
