// What the pane gets from the page: the port of what is open, settings kept while it is open, the
// page's one engine worker, and a portfolio's hooks when several workbooks are open as one.
import type { MutableRefObject } from 'react';
import type { SheetLink } from '../../../engine';
import type { RefreshResult } from '../../../engine';
import { todayDay } from '../../../engine';
import { buildWorkbook } from '../../../io/xlsx/build';
import { STARTER_SHEETS } from '../../../example/starter';
import { splitComposite } from '../../../portfolio';
import { portfolioSheets } from '../../../portfolio';
import type { PortfolioViews } from '../../../portfolio';
import type { PaneHost } from '../host';
import type { SettingsStore } from '../../../io/settings';
import { workerEngine } from '../worker/runner';
import { startEngineWorker, startFileWorker } from '../worker/start-worker';
import { refreshedName } from '../teams/bundle';
import { numberFormatAt } from './preview';
import type { Opened, Portfolio, PortfolioRun } from './page-port';
import { FileWorker } from './worker-file';

/** One engine worker for the page's portfolios, whichever is open. */
const engine = workerEngine(startEngineWorker);

/** One worker holding the page's open workbook: it reads, refreshes and writes it. */
export const pageFiles = new FileWorker(startFileWorker);

export interface PageHostParts {
  /** Settings chosen on the page while this opening lasts. */
  settings: SettingsStore;
  /** Opens a workbook built here (its bytes) in place of what is open. */
  adopt: (name: string, bytes: Uint8Array) => Promise<void>;
  openExample: () => Promise<void>;
  /** Where a portfolio's refresh is kept once computed, for its .zip once written. */
  pending: MutableRefObject<PortfolioRun | null>;
}

export function pageHost(opened: Opened | null, { settings, adopt, openExample, pending }: PageHostParts): PaneHost {
  const base = {
    mode: 'file' as const,
    settings,
    today: todayDay,
    engine,
    locale: typeof navigator === 'undefined' ? undefined : navigator.language,
    createStarterSheets: () => adopt('throughline-starter.xlsx', buildWorkbook(STARTER_SHEETS)),
    insertExample: openExample,
    // Both open a new workbook in place of what is open: the pane asks before closing it.
    replaces:
      opened === null
        ? undefined
        : opened.kind === 'one'
          ? opened.name
          : `the ${opened.setup.members.length} workbooks of the open portfolio`,
  };
  if (opened?.kind === 'portfolio') return { ...base, ...portfolioHost(opened, pending) };
  return {
    ...base,
    port: opened?.port ?? null,
    whole: opened?.port.whole,
    numberFormat: async (target: SheetLink) => (opened?.kind === 'one' ? opened.port.file.numberFormat(target) : null),
    source: () => (opened?.kind === 'one' ? opened.name : 'workbook'),
  };
}

/** The parts of the host that differ for a portfolio: its port, [file]Sheet number formats, its hooks. */
function portfolioHost(
  { setup, port }: Portfolio,
  pending: MutableRefObject<PortfolioRun | null>,
): Pick<PaneHost, 'port' | 'source' | 'numberFormat' | 'portfolio'> {
  const workbookOf = (label: string) => setup.members.find((m) => m.info.label === label)?.opened?.workbook ?? null;
  return {
    port,
    source: () => 'portfolio',
    numberFormat: async (target: SheetLink) => {
      const where = splitComposite(target.sheet);
      const workbook = where && workbookOf(where.label);
      return workbook ? numberFormatAt(workbook, { sheet: where.sheet, cell: target.cell }) : null;
    },
    portfolio: {
      merge: () => port.merge,
      home: null,
      beforeWrite: (result: RefreshResult, views: PortfolioViews) => {
        pending.current = { result, views };
        // The hub gets the portfolio's sheets, linking to each member's refreshed copy beside it in the .zip.
        if (setup.hub !== null) {
          const nameOf = new Map(setup.members.map((m) => [m.info.key, refreshedName(m.info.label)]));
          port.setExtraSheets(new Map([[setup.hub, portfolioSheets(views, (key) => nameOf.get(key) ?? key)]]));
        }
      },
    },
  };
}
