import { forwardRef, useLayoutEffect, useRef } from 'react';
import { Button, Caption1, ProgressBar, makeStyles, tokens, useMergedRefs } from '@fluentui/react-components';
import { ArrowSync20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import type { RefreshStage } from '../../../io/refresh';
import { STAGE_LABELS } from '../usePane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  asOf: { marginLeft: 'auto' },
});

export interface RefreshBarProps {
  running: boolean;
  disabled: boolean;
  stage: RefreshStage | null;
  progress: number;
  asOf: string | null;
  onRefresh: () => void;
  /** Stops the refresh before anything is written; absent once writing has begun. */
  onCancel?: () => void;
}

/**
 * Refresh stays focusable while it runs (disabledFocusable), so keyboard and screen reader users keep
 * their place; the stage is shown here and announced once through the pane's live region. Cancel
 * vanishes when the refresh ends or starts writing: if it had focus, focus goes back to Refresh rather
 * than to the page's body.
 */
export const RefreshBar = forwardRef<HTMLButtonElement, RefreshBarProps>(function RefreshBar(
  { running, disabled, stage, progress, asOf, onRefresh, onCancel },
  ref,
) {
  const styles = useStyles();
  const refresh = useRef<HTMLButtonElement>(null);
  const refreshRef = useMergedRefs(ref, refresh);
  const cancel = useRef<HTMLButtonElement>(null);
  const cancelShown = running && onCancel !== undefined;
  // Read while Cancel is still in the page (this render removes it); acted on once it is gone.
  const cancelHadFocus =
    !cancelShown && cancel.current !== null && cancel.current === cancel.current.ownerDocument.activeElement;
  useLayoutEffect(() => {
    if (cancelHadFocus) refresh.current?.focus();
  }, [cancelHadFocus]);
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Button
          ref={refreshRef}
          appearance="primary"
          icon={<ArrowSync20Regular />}
          onClick={onRefresh}
          disabled={disabled && !running}
          disabledFocusable={running}
        >
          {running ? 'Refreshing…' : 'Refresh'}
        </Button>
        {cancelShown && (
          <Button ref={cancel} icon={<Dismiss20Regular />} onClick={onCancel}>
            Cancel
          </Button>
        )}
        {asOf && <Caption1 className={styles.asOf}>As of {asOf}</Caption1>}
      </div>
      {running && (
        <>
          <ProgressBar value={progress} max={1} aria-label="Refresh progress" />
          <Caption1 data-stage={stage ?? ''}>{stage ? STAGE_LABELS[stage] : ''}</Caption1>
        </>
      )}
    </div>
  );
});
