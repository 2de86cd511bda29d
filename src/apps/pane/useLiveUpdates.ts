// Live updates in Excel: while Live updates is on, each change someone makes (this user or a co-author)
// re-runs the engine in its worker on the workbook as it stands, and the pane shows the result with a
// bar saying what is not written yet. Nothing here writes; a Refresh writes and clears the bar.
import { useEffect, useRef } from 'react';
import type { RefreshResult, WorkbookSnapshot } from '../../engine';
import { moneyFormatter } from '../../engine';
import { toEngineSettings } from '../../io/settings';
import type { PaneHost } from './host';
import type { PaneState } from './pane-state';
import type { EngineRun } from './worker/runner';
import { liveMessage } from './live-message';

export interface LiveArgs {
  host: PaneHost;
  engine: EngineRun;
  state: PaneState;
  patch: (p: Partial<PaneState>) => void;
  /** What the what-if runs on: a live update moves it to the workbook as it stands. */
  snapshot: React.RefObject<WorkbookSnapshot | null>;
  /** True while a Refresh runs: its own result is the truth, a live update would only race it. */
  busy: () => boolean;
}

export function useLiveUpdates({ host, engine, state, patch, snapshot, busy }: LiveArgs): void {
  const port = host.mode === 'excel' ? host.port : null;
  const on = state.settings.liveUpdates !== 'off';
  // The last result a Refresh gave (live results come with a live message; a Refresh's without).
  const written = useRef<RefreshResult | null>(null);
  if (state.live === null && state.result !== written.current && state.phase === 'done') written.current = state.result;
  const writtenNow = written.current;
  // Read when an update arrives, not when the watch started.
  const latest = useRef({ state, engine });
  latest.current = { state, engine };

  useEffect(() => {
    if (!port?.watchChanges || !on || writtenNow === null) return;
    let stop: (() => Promise<void>) | null = null;
    let closed = false;
    let chain: Promise<void> = Promise.resolve();
    const update = async (next: WorkbookSnapshot, remote: boolean) => {
      if (closed || busy()) return;
      const { state: now, engine: run } = latest.current;
      const { settings } = toEngineSettings(now.settings);
      const r = await run(next, { today: host.today(), settings });
      if (closed || busy()) return;
      snapshot.current = next;
      const message = liveMessage(writtenNow, r, remote, moneyFormatter(now.money, host.locale));
      patch({ result: r, live: { message, remote }, phase: 'done', error: null });
    };
    port
      .watchChanges((change) => {
        // One engine run at a time, in the order the changes came.
        chain = chain.then(() => update(change.snapshot, change.remote)).catch(() => undefined);
      })
      .then(
        (s) => {
          if (closed) void s?.().catch(() => undefined);
          else stop = s;
          patch({ liveSupported: s !== null });
        },
        () => patch({ liveSupported: false }),
      );
    return () => {
      // The pane closes, the document changes, Live updates goes off, or a Refresh wrote: handlers go.
      closed = true;
      void stop?.().catch(() => undefined);
    };
  }, [port, on, writtenNow, host, patch, snapshot, busy]);
}
