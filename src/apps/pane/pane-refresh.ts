// The pane's run of the one refresh: its stages shown and announced as they come, progress measured
// in shares of the engine's time, the engine timed for profilers, and a portfolio's views made from
// the run's result before anything is written.
import type { useAnnounce } from '@fluentui/react-components';
import type { RefreshResult, Settings, Stage, WorkbookSnapshot } from '../../engine';
import { refreshWorkbook, type RefreshStage } from '../../io/refresh';
import { portfolioViews } from '../../portfolio';
import type { WorkbookPort } from '../../io/port';
import type { PaneHost } from './host';
import type { PanePortfolioState, PaneState } from './pane-state';
import { RefreshCancelled, type EngineRun } from './worker/runner';

export const STAGE_LABELS: Record<RefreshStage, string> = {
  reading: 'Reading the workbook…',
  computing: 'Computing health, dependencies and flags…',
  writing: 'Writing computed columns and the Risks sheet…',
};

/** Share of the engine's time done when each stage ends (measured by `npm run bench` at 10k rows). */
const ENGINE_DONE: Readonly<Record<Stage, number>> = {
  recognise: 0.02,
  parse: 0.15,
  link: 0.25,
  evaluate: 0.4,
  flags: 0.55,
  plan: 0.9,
};
const READ_END = 0.2;
const COMPUTE_END = 0.85;
export const STAGE_START: Readonly<Record<RefreshStage, number>> = {
  reading: 0.03,
  computing: READ_END,
  writing: COMPUTE_END,
};

/** Resolves once the browser has had a chance to paint (or after 50 ms where frames are throttled). */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    setTimeout(done, 50);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(done, 0));
  });
}

/** How the run tells the pane where it is. */
export interface RefreshReporting {
  patch: (p: Partial<PaneState>) => void;
  announce: ReturnType<typeof useAnnounce>['announce'];
}

/** A refresh as the pane shows it; `written` is the write still going on after the result came (the page's worker). */
export interface PaneRefresh {
  result: RefreshResult;
  snapshot: WorkbookSnapshot | null;
  portfolio: PanePortfolioState | null;
  written: Promise<void> | null;
}

/** Refreshes the host's workbook through its port; the portfolio state is null for one workbook. */
export async function refreshOnPane(
  host: PaneHost,
  port: WorkbookPort,
  engine: EngineRun,
  { settings, setBaseline }: { settings: Partial<Settings>; setBaseline: string | null },
  signal: AbortSignal,
  { patch, announce }: RefreshReporting,
): Promise<PaneRefresh> {
  let portfolio: PanePortfolioState | null = null;
  const options = {
    today: host.today(),
    settings,
    setBaseline,
    onStage: (stage: Stage) => patch({ progress: READ_END + (COMPUTE_END - READ_END) * ENGINE_DONE[stage] }),
  };
  if (host.whole) {
    // Read, computed and written away from this thread: the page only shows each stage as it starts.
    let computing = false;
    const result = await host.whole
      .refresh(options, {
        signal,
        onStage: (stage) => {
          // The same marks as below, for profilers and the end-to-end test: computing starts, then writing.
          if (stage === 'computing') performance.mark?.('throughline:engine-start');
          if (stage === 'writing') performance.mark?.('throughline:engine-end');
          computing = stage === 'computing';
          patch({ stage, progress: STAGE_START[stage] });
          if (stage !== 'reading') announce(STAGE_LABELS[stage].replace('…', '.'), { polite: true });
        },
      })
      .finally(() => computing && performance.mark?.('throughline:engine-end'));
    return { result, snapshot: null, portfolio: null, written: host.whole.written?.() ?? null };
  }
  const { snapshot, ...result } = await refreshWorkbook(port, options, {
    engine: async (snapshot, options, signal) => {
      // Marks for profilers and the end-to-end test: how long the page waited on the engine.
      performance.mark?.('throughline:engine-start');
      let result: Awaited<ReturnType<typeof engine>>;
      try {
        result = await engine(snapshot, options, signal);
      } finally {
        performance.mark?.('throughline:engine-end');
      }
      // A portfolio's views come from this run's result and the members this run read.
      const merge = host.portfolio?.merge();
      if (host.portfolio && merge) {
        const views = portfolioViews(result, merge);
        portfolio = { views, notes: merge.notes };
        host.portfolio.beforeWrite?.(result, views);
      }
      return result;
    },
    signal,
    cancelled: () => new RefreshCancelled(),
    onStage: async (stage) => {
      patch({ stage, progress: STAGE_START[stage] });
      if (stage !== 'reading') announce(STAGE_LABELS[stage].replace('…', '.'), { polite: true });
      // Reading and writing an .xlsx on the page block it: let the stage show first.
      if (stage !== 'computing') await painted();
    },
  });
  return { result, snapshot, portfolio, written: null };
}
