// The pane's state and the side effects behind its buttons; components only render what it holds.
// Everything a screen reader user needs to hear goes through Fluent's one live region (useAnnounce).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useAnnounce } from '@fluentui/react-components';
import type { Stage } from '../../engine';
import type { SheetLink, WhatIfResult, WorkbookSnapshot } from '../../engine';
import { moneyFormatOf, moneyFormatter, type MoneyFormat } from '../../engine';
import { refreshWorkbook, type PortRefreshResult, type RefreshStage } from '../../io/refresh';
import type { PaneHost } from './host';
import { inlineEngine, RefreshCancelled } from './worker/runner';
import { headline } from './headline';
import { portfolioViews, type PortfolioViews } from '../../portfolio/views';
import { EMPTY_SETTINGS, toEngineSettings, type PaneSettings, type SettingsProblem } from './settings-store';

export type Phase = 'idle' | 'running' | 'done' | 'stopped' | 'error';

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
const STAGE_START: Readonly<Record<RefreshStage, number>> = {
  reading: 0.03,
  computing: READ_END,
  writing: COMPUTE_END,
};

export interface PaneState {
  phase: Phase;
  stage: RefreshStage | null;
  progress: number;
  result: PortRefreshResult | null;
  error: string | null;
  /** The settings in force: only valid settings ever get here. */
  settings: PaneSettings;
  /** False until the workbook's saved settings are in: a refresh before that would ignore them. */
  ready: boolean;
  notice: string | null;
  /** The currency format of the workbook's Value at Stake column, once a refresh has found it. */
  money: MoneyFormat | null;
  /** A portfolio's members, cross-team pushes and notes, as of the last refresh (null for one workbook). */
  portfolio: PanePortfolioState | null;
}

export interface PanePortfolioState {
  views: PortfolioViews;
  /** References resolved across workbooks, and the like. */
  notes: string[];
}

/** Resolves once the browser has had a chance to paint (or after 50 ms where frames are throttled). */
function painted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    setTimeout(done, 50);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(done, 0));
  });
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

const INITIAL: PaneState = {
  phase: 'idle',
  stage: null,
  progress: 0,
  result: null,
  error: null,
  settings: EMPTY_SETTINGS,
  ready: false,
  notice: null,
  money: null,
  portfolio: null,
};

export function usePane(host: PaneHost) {
  const [state, setState] = useState<PaneState>(INITIAL);
  const snapshot = useRef<WorkbookSnapshot | null>(null);
  const running = useRef<AbortController | null>(null);
  const { announce } = useAnnounce();
  const patch = useCallback((p: Partial<PaneState>) => setState((s) => ({ ...s, ...p })), []);
  const engine = host.engine ?? inlineEngine;

  // Another workbook (the browser page opens files) starts from a clean pane with its own settings.
  useEffect(() => {
    let live = true;
    snapshot.current = null;
    running.current?.abort();
    setState(INITIAL);
    host.settings.load().then(
      (settings) => live && patch({ settings, ready: true }),
      (e) =>
        live &&
        patch({ ready: true, notice: `Saved settings could not be read (${describeError(e)}); using the workbook's.` }),
    );
    return () => {
      live = false;
    };
  }, [host.port, host.settings, patch]);

  /** `setBaseline`: the label *Set baseline…* records the current plan under (same refresh otherwise). */
  const run = useCallback(
    async (setBaseline?: string) => {
      if (!host.port || running.current) return;
      const { settings, problems } = toEngineSettings(state.settings);
      if (problems.length > 0) {
        patch({ error: 'Some saved settings are not valid (see Settings).', phase: 'error' });
        return;
      }
      const controller = new AbortController();
      running.current = controller;
      patch({ phase: 'running', stage: 'reading', progress: STAGE_START.reading, error: null, notice: null });
      let portfolio: PanePortfolioState | null = null;
      announce('Refresh started: reading the workbook.', { polite: true });
      try {
        const result = await refreshWorkbook(
          host.port,
          {
            today: host.today(),
            settings,
            setBaseline: setBaseline ?? null,
            onStage: (stage: Stage) => patch({ progress: READ_END + (COMPUTE_END - READ_END) * ENGINE_DONE[stage] }),
          },
          {
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
            signal: controller.signal,
            cancelled: () => new RefreshCancelled(),
            onStage: async (stage) => {
              patch({ stage, progress: STAGE_START[stage] });
              if (stage !== 'reading') announce(STAGE_LABELS[stage].replace('…', '.'), { polite: true });
              // Reading and writing an .xlsx on the page block it: let the stage show first.
              if (stage !== 'computing') await painted();
            },
          },
        );
        snapshot.current = result.snapshot;
        let money: MoneyFormat | null = null;
        const cell = result.moneyCells[0];
        if (cell && host.numberFormat) money = moneyFormatOf(await host.numberFormat(cell).catch(() => null));
        patch({ phase: result.plan === null ? 'stopped' : 'done', stage: null, progress: 1, result, money, portfolio });
        // A stopped refresh is announced by its message bar; a finished one by its headline.
        if (result.plan !== null) announce(headline(result, moneyFormatter(money, host.locale)), { polite: true });
      } catch (e) {
        if (e instanceof RefreshCancelled) {
          // Said once, by the notice's message bar (Fluent's MessageBar announces what it shows).
          patch({ phase: state.result ? 'done' : 'idle', stage: null, progress: 0, notice: e.message });
        } else {
          patch({ phase: 'error', stage: null, progress: 0, error: describeError(e) });
        }
      } finally {
        running.current = null;
      }
    },
    [host, engine, state.settings, state.result, patch, announce],
  );

  const cancel = useCallback(() => running.current?.abort(), []);

  const select = useCallback(
    async (target: SheetLink) => {
      try {
        await host.port?.select?.(target);
      } catch (e) {
        patch({ notice: `Could not go to ${target.sheet}!${target.cell}: ${describeError(e)}` });
      }
    },
    [host, patch],
  );

  /** Valid settings are saved and take effect; invalid ones are only reported, never put in force. */
  const saveSettings = useCallback(
    async (next: PaneSettings): Promise<SettingsProblem[]> => {
      const { problems } = toEngineSettings(next);
      if (problems.length > 0) {
        patch({ notice: null });
        return problems;
      }
      try {
        await host.settings.save(next);
      } catch (e) {
        return [{ field: 'asOf', message: `The settings could not be saved: ${describeError(e)}` }];
      }
      patch({
        settings: next,
        notice:
          host.mode === 'excel'
            ? 'Settings saved in this workbook. Refresh to apply them.'
            : 'Settings kept for this page while the file is open. Refresh to apply them.',
      });
      return [];
    },
    [host, patch],
  );

  /** Runs the engine again on what the last refresh read, with a delay; writes nothing. */
  const whatIf = useCallback(
    async (id: string, days: number): Promise<WhatIfResult | string> => {
      if (!snapshot.current) return 'Refresh first, then try a what-if.';
      const { settings } = toEngineSettings(state.settings);
      try {
        const r = await engine(snapshot.current, { today: host.today(), settings, delays: [{ id, days }] });
        return r.report.whatIf[0];
      } catch (e) {
        return describeError(e);
      }
    },
    [host, engine, state.settings],
  );

  const build = useCallback(
    async (action: (() => Promise<void>) | undefined, done: string) => {
      if (!action) return;
      try {
        await action();
        patch({ notice: done, error: null });
      } catch (e) {
        patch({ error: describeError(e) });
      }
    },
    [patch],
  );

  return {
    state,
    refresh: run,
    cancel,
    select,
    saveSettings,
    whatIf,
    announce,
    createStarterSheets: () =>
      build(
        host.createStarterSheets,
        'Starter sheets created: fill in your objectives, KPIs and initiatives, then Refresh.',
      ),
    insertExample: () =>
      build(host.insertExample, 'Example inserted: press Refresh to see what Throughline finds in it.'),
    dismissNotice: () => patch({ notice: null }),
    notify: (notice: string) => patch({ notice }),
  };
}
