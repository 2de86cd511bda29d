// The pane's state and the side effects behind its buttons; components only render what it holds.
// Everything a screen reader user needs to hear goes through Fluent's one live region (useAnnounce).
// The refresh's stages and progress are in pane-refresh.ts, the state's shape in pane-state.ts.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { useAnnounce } from '@fluentui/react-components';
import type { SheetLink, WhatIfResult, WorkbookSnapshot } from '../../engine';
import { moneyFormatOf, moneyFormatter, type MoneyFormat } from '../../engine';
import { describeError, failureText } from '../../io/errors';
import { SheetsExistError } from '../../io/office/sheets';
import type { PaneHost } from './host';
import { inlineEngine, RefreshCancelled, type EngineRun } from './worker/runner';
import { headline } from './headline';
import { prepare } from './derived';
import { toEngineSettings, type PaneSettings, type SettingsProblem } from '../../io/settings';
import { INITIAL, type PaneState } from './pane-state';
import { refreshOnPane, STAGE_START } from './pane-refresh';
import { useLiveUpdates } from './useLiveUpdates';

export { STAGE_LABELS } from './pane-refresh';
export type { Phase, PaneState, PanePortfolioState } from './pane-state';

type Patch = (p: Partial<PaneState>) => void;

export function usePane(host: PaneHost) {
  const [state, setState] = useState<PaneState>(INITIAL);
  const snapshot = useRef<WorkbookSnapshot | null>(null);
  const running = useRef<AbortController | null>(null);
  // The write of the last refresh where it goes on after the result is shown (the page's worker).
  const writing = useRef<Promise<void> | null>(null);
  const { announce } = useAnnounce();
  const patch = useCallback((p: Partial<PaneState>) => setState((s) => ({ ...s, ...p })), []);
  const engine = host.engine ?? inlineEngine;

  // Another workbook (the browser page opens files) starts from a clean pane with its own settings.
  useEffect(() => {
    let live = true;
    snapshot.current = null;
    writing.current = null;
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

  /**
   * A write that fails after its result was shown fails the refresh (SPEC §4: nothing was written): the
   * pane says why and goes back to the result the workbook still holds.
   */
  const afterWrite = useCallback(
    (written: Promise<void>, before: PaneState['result']) => {
      writing.current = written;
      written
        .catch((e: unknown) => {
          // Another workbook opened meanwhile has a pane of its own.
          if (writing.current !== written) return;
          patch({ phase: 'error', stage: null, progress: 0, result: before, error: failureText(e, describeError(e)) });
        })
        .finally(() => {
          if (writing.current === written) writing.current = null;
        });
    },
    [patch],
  );

  /** `setBaseline`: the label *Set baseline…* records the current plan under (same refresh otherwise). */
  const run = useCallback(
    async (setBaseline?: string) => {
      const port = host.port;
      if (!port || running.current) return;
      // A click while the last refresh is still being written is kept: it runs once that write is done.
      if (writing.current) await writing.current.catch(() => undefined);
      if (running.current) return;
      const { settings, problems } = toEngineSettings(state.settings);
      if (problems.length > 0) {
        patch({ error: 'Some saved settings are not valid (see Settings). Nothing was written.', phase: 'error' });
        return;
      }
      const controller = new AbortController();
      running.current = controller;
      patch({ phase: 'running', stage: 'reading', progress: STAGE_START.reading, error: null, notice: null });
      announce('Refresh started: reading the workbook.', { polite: true });
      try {
        const refreshed = await refreshOnPane(
          host,
          port,
          engine,
          { settings, setBaseline: setBaseline ?? null },
          controller.signal,
          {
            patch,
            announce,
          },
        );
        const { result, portfolio, written } = refreshed;
        snapshot.current = refreshed.snapshot;
        // The review, owners and top risks, a slice per task: the render that shows them only looks them up.
        performance.mark?.('throughline:result');
        await prepare(result);
        performance.mark?.('throughline:prepared');
        let money: MoneyFormat | null = null;
        const cell = result.moneyCells[0];
        if (cell && host.numberFormat) money = moneyFormatOf(await host.numberFormat(cell).catch(() => null));
        const phase = result.plan === null ? 'stopped' : 'done';
        // Rendered as a transition: React draws the result in slices that yield to the page between them
        // (at 100,000 rows one render of the pane took 100–400 ms of the page's thread).
        startTransition(() => patch({ phase, stage: null, progress: 1, result, money, portfolio, live: null }));
        // A stopped refresh is announced by its message bar; a finished one by its headline.
        // In a task of its own: the headline counts the review (over 16,000 items at 100k rows), as the render does.
        if (result.plan !== null)
          setTimeout(() => announce(headline(result, moneyFormatter(money, host.locale)), { polite: true }), 0);
        if (written) afterWrite(written, state.result);
      } catch (e) {
        if (e instanceof RefreshCancelled) {
          // Said once, by the notice's message bar (Fluent's MessageBar announces what it shows).
          patch({ phase: state.result ? 'done' : 'idle', stage: null, progress: 0, notice: e.message });
        } else {
          patch({ phase: 'error', stage: null, progress: 0, error: failureText(e, describeError(e)) });
        }
      } finally {
        running.current = null;
      }
    },
    [host, engine, state.settings, state.result, patch, announce, afterWrite],
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

  const busy = useCallback(() => running.current !== null, []);
  useLiveUpdates({ host, engine, state, patch, snapshot, busy });

  const saveSettings = useSaveSettings(host, patch);
  const whatIf = useWhatIf(host, engine, state.settings, snapshot);

  const build = useBuild(patch);

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

/** Valid settings are saved and take effect; invalid ones are only reported, never put in force. */
function useSaveSettings(host: PaneHost, patch: Patch) {
  return useCallback(
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
}

/** Runs the engine again on what the last refresh read, with a delay; writes nothing. */
function useWhatIf(
  host: PaneHost,
  engine: EngineRun,
  paneSettings: PaneSettings,
  snapshot: React.RefObject<WorkbookSnapshot | null>,
) {
  return useCallback(
    async (id: string, days: number): Promise<WhatIfResult | string> => {
      const { settings } = toEngineSettings(paneSettings);
      // Where the host refreshes whole, what the last refresh read is kept there.
      if (host.whole)
        return host.whole.whatIf({ today: host.today(), settings, delays: [{ id, days }] }).catch(describeError);
      if (!snapshot.current) return 'Refresh first, then try a what-if.';
      try {
        const r = await engine(snapshot.current, { today: host.today(), settings, delays: [{ id, days }] });
        return r.report.whatIf[0];
      } catch (e) {
        return describeError(e);
      }
    },
    [host, engine, paneSettings, snapshot],
  );
}

/** Runs a host's builder (starter sheets, the example) and says what it made, or what went wrong. */
function useBuild(patch: Patch) {
  return useCallback(
    async (action: (() => Promise<void>) | undefined, done: string) => {
      if (!action) return;
      try {
        await action();
        patch({ notice: done, error: null });
      } catch (e) {
        // Sheets that exist already are refused before anything is added; other failures claim nothing.
        patch({ error: e instanceof SheetsExistError ? failureText(e, describeError(e)) : describeError(e) });
      }
    },
    [patch],
  );
}
