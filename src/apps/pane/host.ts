// What the pane needs from wherever it runs: Excel (Office.js) or a browser page with a file.
import type { Day, RefreshOptions, SheetLink, WhatIfResult } from '../../engine';
import type { RefreshStage } from '../../io/refresh';
import type { WorkbookPort } from '../../io/port';
import type { SettingsStore } from '../../io/settings';
import type { EngineRun } from './worker/runner';
import type { RefreshResult } from '../../engine';
import type { MergeResult } from '../../portfolio';
import type { PortfolioViews } from '../../portfolio';

/** Several workbooks refreshed as one: the page with several files, Excel with team workbooks. */
export interface PanePortfolio {
  /** What the port's last read merged: members, [file]Sheet names, notes, members that could not be read. */
  merge(): MergeResult | null;
  /** The one member written from here (Excel's open workbook), by file label; null where every member is written. */
  home: string | null;
  /** Told what the portfolio looks like once the engine has computed, before anything is written. */
  beforeWrite?(result: RefreshResult, views: PortfolioViews): void;
}

/**
 * A refresh the host runs whole, away from the pane's thread (the browser page: its worker reads the
 * file, computes, and writes it). The result comes without the snapshot and with the plan's sheet
 * names only: the rows stay where they were written.
 */
export interface WholeRefresh {
  refresh(
    options: RefreshOptions,
    control: { signal?: AbortSignal; onStage?: (stage: RefreshStage) => void },
  ): Promise<RefreshResult>;
  /**
   * The write of the last refresh, which may go on after its result came (the page's worker zips
   * while the pane shows the summary): resolves once written, rejects with why nothing was written.
   */
  written?(): Promise<void>;
  /** The engine again on what the last refresh read, with a delay; writes nothing. A string says why not. */
  whatIf(options: RefreshOptions): Promise<WhatIfResult | string>;
}

export interface PaneHost {
  mode: 'excel' | 'file';
  /** Null until there is a workbook to work on (the browser page before a file is opened). */
  port: WorkbookPort | null;
  settings: SettingsStore;
  today(): Day;
  /** Runs the engine; in this thread when absent (the hosts use a Web Worker). */
  engine?: EngineRun;
  /** Office's display language or the browser's: grouping and decimal marks follow it. */
  locale?: string;
  /** A cell's Excel number format, where the host can read it (the currency of Value at Stake). */
  numberFormat?(target: SheetLink): Promise<string | null>;
  /** Builds empty input tables; absent where the host cannot. */
  createStarterSheets?(): Promise<void>;
  /** The workbook's name, for the report's title and file name. */
  source?(): string;
  /** Builds the worked example; absent where the host cannot. */
  insertExample?(): Promise<void>;
  /**
   * What the starter sheets and the example would close, where they open in its place rather than
   * being added to it (the browser page: its open workbook or portfolio), so the pane asks first.
   */
  replaces?: string;
  /** Present where the host refreshes whole elsewhere; the port is then not read or written by the pane. */
  whole?: WholeRefresh;
  /** Present when the port is a portfolio of several workbooks. */
  portfolio?: PanePortfolio;
}
