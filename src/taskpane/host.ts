// What the pane needs from wherever it runs: Excel (Office.js) or a browser page with a file.
import type { Day } from '../engine/types';
import type { WorkbookPort } from '../workbook/port';
import type { SettingsStore } from './settings-store';

export interface PaneHost {
  mode: 'excel' | 'file';
  /** Null until there is a workbook to work on (the browser page before a file is opened). */
  port: WorkbookPort | null;
  settings: SettingsStore;
  today(): Day;
  /** Builds empty input tables; absent where the host cannot. */
  createStarterSheets?(): Promise<void>;
  /** The workbook's name, for the report's title and file name. */
  source?(): string;
  /** Builds the worked example; absent where the host cannot. */
  insertExample?(): Promise<void>;
}
