import { Button, Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';
import type { RefreshStage } from '../../workbook/refresh-port';
import { STAGE_LABELS } from '../usePane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, justifyContent: 'space-between' },
});

export interface RefreshBarProps {
  running: boolean;
  disabled: boolean;
  stage: RefreshStage | null;
  progress: number;
  asOf: string | null;
  onRefresh: () => void;
}

export function RefreshBar({ running, disabled, stage, progress, asOf, onRefresh }: RefreshBarProps) {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Button appearance="primary" icon={<ArrowSync20Regular />} onClick={onRefresh} disabled={disabled || running}>
          {running ? 'Refreshing…' : 'Refresh'}
        </Button>
        {asOf && <Caption1 aria-label="as-of date">As of {asOf}</Caption1>}
      </div>
      {running && (
        <>
          <ProgressBar value={progress} max={1} aria-label="Refresh progress" />
          <Caption1 role="status">{stage ? STAGE_LABELS[stage] : ''}</Caption1>
        </>
      )}
    </div>
  );
}
