// The pane's state and the side effects behind its buttons; components only render what it holds.
import { useCallback, useEffect, useRef, useState } from 'react';
import { refresh, UnknownItemError } from '../engine';
import type { SheetLink, WhatIfResult, WorkbookSnapshot } from '../engine/types';
import { refreshWorkbook, type PortRefreshResult, type RefreshStage } from '../workbook/refresh-port';
import type { PaneHost } from './host';
import { EMPTY_SETTINGS, toEngineSettings, type PaneSettings, type SettingsProblem } from './settings-store';

export type Phase = 'idle' | 'running' | 'done' | 'stopped' | 'error';

export const STAGE_LABELS: Record<RefreshStage, string> = {
  reading: 'Reading the workbook…',
  computing: 'Computing health, dependencies and flags…',
  writing: 'Writing computed columns and the Risks sheet…',
};
const STAGE_PROGRESS: Record<RefreshStage, number> = { reading: 0.15, computing: 0.5, writing: 0.8 };

export interface PaneState {
  phase: Phase;
  stage: RefreshStage | null;
  progress: number;
  result: PortRefreshResult | null;
  error: string | null;
  settings: PaneSettings;
  settingsProblems: SettingsProblem[];
  /** False until the workbook's saved settings are in: a refresh before that would ignore them. */
  ready: boolean;
  notice: string | null;
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'object' && e !== null && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

export function usePane(host: PaneHost) {
  const [state, setState] = useState<PaneState>({
    phase: 'idle',
    stage: null,
    progress: 0,
    result: null,
    error: null,
    settings: EMPTY_SETTINGS,
    settingsProblems: [],
    ready: false,
    notice: null,
  });
  const snapshot = useRef<WorkbookSnapshot | null>(null);
  const patch = useCallback((p: Partial<PaneState>) => setState((s) => ({ ...s, ...p })), []);

  useEffect(() => {
    let live = true;
    host.settings.load().then(
      (settings) => live && patch({ settings, ready: true }),
      (e) => live && patch({ ready: true, notice: `Saved settings could not be read (${describeError(e)}); using the workbook's.` }),
    );
    return () => {
      live = false;
    };
  }, [host, patch]);

  const run = useCallback(async () => {
    if (!host.port) return;
    const { settings, problems } = toEngineSettings(state.settings);
    if (problems.length > 0) {
      patch({ settingsProblems: problems, error: 'Some settings need fixing before a refresh (see Settings).', phase: 'error' });
      return;
    }
    patch({ phase: 'running', stage: 'reading', progress: STAGE_PROGRESS.reading, error: null, notice: null });
    try {
      const result = await refreshWorkbook(host.port, { today: host.today(), settings }, (stage) =>
        patch({ stage, progress: STAGE_PROGRESS[stage] }),
      );
      snapshot.current = result.snapshot;
      patch({ phase: result.plan === null ? 'stopped' : 'done', stage: null, progress: 1, result });
    } catch (e) {
      patch({ phase: 'error', stage: null, progress: 0, error: describeError(e) });
    }
  }, [host, state.settings, patch]);

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

  const saveSettings = useCallback(
    async (next: PaneSettings) => {
      const { problems } = toEngineSettings(next);
      patch({ settings: next, settingsProblems: problems });
      if (problems.length > 0) return false;
      await host.settings.save(next);
      patch({ notice: 'Settings saved in the workbook. Refresh to apply them.' });
      return true;
    },
    [host, patch],
  );

  /** Runs the engine again on what the last refresh read, with a delay; writes nothing. */
  const whatIf = useCallback(
    (id: string, days: number): WhatIfResult | string => {
      if (!snapshot.current) return 'Refresh first, then try a what-if.';
      const { settings } = toEngineSettings(state.settings);
      try {
        const r = refresh(snapshot.current, { today: host.today(), settings, delays: [{ id, days }] });
        return r.report.whatIf[0];
      } catch (e) {
        return e instanceof UnknownItemError ? e.message : describeError(e);
      }
    },
    [host, state.settings],
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
    select,
    saveSettings,
    whatIf,
    createStarterSheets: () => build(host.createStarterSheets, 'Starter sheets created: fill in your objectives, KPIs and initiatives, then Refresh.'),
    insertExample: () => build(host.insertExample, 'Example inserted: press Refresh to see what Throughline finds in it.'),
    dismissNotice: () => patch({ notice: null }),
    notify: (notice: string) => patch({ notice }),
  };
}
