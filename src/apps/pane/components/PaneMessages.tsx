// The bars under Refresh: a failed refresh, one stopped before writing, a notice, and a portfolio's
// workbooks that could not be read.
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { PaneState } from '../usePane';
import { BarTitle } from './BarTitle';

export function PaneMessages({ state }: { state: PaneState }) {
  const unread = state.portfolio?.views.teams.filter((t) => t.unavailable !== null) ?? [];
  return (
    <>
      {state.error && (
        <MessageBar intent="error">
          <MessageBarBody>
            <BarTitle>Refresh failed</BarTitle>
            {state.error}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.phase === 'stopped' && state.result && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <BarTitle>Nothing was written</BarTitle>
            {state.result.fatal.map((e) => e.message).join(' ')}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.live && !state.error && (
        <MessageBar intent="info" aria-label="Live update">
          <MessageBarBody>{state.live.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.notice && !state.error && (
        <MessageBar intent="info">
          <MessageBarBody>{state.notice}</MessageBarBody>
        </MessageBar>
      )}
      {unread.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <BarTitle>
              {unread.length} of {state.portfolio!.views.teams.length} workbooks not read
            </BarTitle>
            {unread.map((t) => t.info.label).join(', ')}: their items are missing from this refresh, and what depends on
            them says so (see Workbooks).
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
