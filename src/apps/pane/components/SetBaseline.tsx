// *Set baseline…*: a label and a confirmation, then the same refresh as the Refresh button with the
// baseline option. The dialog is the confirmation: it says what will be recorded and what it changes,
// and the label is checked by the engine's own rule before anything runs.
import { useState, type FormEvent } from 'react';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { FlagCheckered20Regular } from '@fluentui/react-icons';
import type { BaselineRef } from '../../../engine';
import { BASELINE_LABEL_MAX, baselineLabelProblem } from '../../../engine';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export interface SetBaselineProps {
  disabled: boolean;
  /** The as-of date the last refresh used, which the baseline will be dated (null before a refresh). */
  asOf: string | null;
  /** The newest baseline the workbook has. */
  current: BaselineRef | null;
  /** Runs the refresh that records the baseline. */
  onSet: (label: string) => void;
}

export function SetBaseline({ disabled, asOf, current, onSet }: SetBaselineProps) {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [label, setLabel] = useState('');
  const [tried, setTried] = useState(false);
  const problem = baselineLabelProblem(label);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem) return;
    setOpen(false);
    onSet(label.trim());
  };
  return (
    <div className={styles.row}>
      <Button
        icon={<FlagCheckered20Regular />}
        disabled={disabled}

        onClick={() => {
          setLabel('');
          setTried(false);
          setOpen(true);
        }}
      >
        Set baseline…
      </Button>
      {open && (
        <Dialog open onOpenChange={(_, d) => setOpen(d.open)} modalType="alert">
          <DialogSurface aria-describedby="set-baseline-what">
            <form onSubmit={submit}>
              <DialogBody>
                <DialogTitle>Set baseline</DialogTitle>
                <DialogContent className={styles.content}>
                  <p id="set-baseline-what">
                    Records the plan of every objective, KPI and initiative as it stands now (Start, Due, Target,
                    Baseline, Direction, Weight, Value at Stake, Objective or Parent), dated{' '}
                    {asOf ? `the as-of date (${asOf} at the last refresh)` : 'the as-of date'}. From then on a Due moved
                    later, an easier Target or Baseline, a cut Value at Stake or Weight, or a changed Objective is
                    flagged against it, and an item deleted from the workbook is reported. Earlier baselines stay in the
                    workbook&rsquo;s ledger.
                  </p>
                  <Field
                    label="Baseline label"
                    required
                    validationState={tried && problem ? 'error' : 'none'}
                    validationMessage={tried && problem ? problem : undefined}
                    hint={`Up to ${BASELINE_LABEL_MAX} characters, such as "FY26 plan".`}
                  >
                    <Input value={label} onChange={(_, d) => setLabel(d.value)} />
                  </Field>
                  {current && (
                    <Caption1>
                      Now compared against baseline &lsquo;{current.label}&rsquo;, set {current.setOn}.
                    </Caption1>
                  )}
                </DialogContent>
                <DialogActions>
                  <Button appearance="secondary" onClick={() => setOpen(false)}>
                    Cancel
                  </Button>
                  <Button type="submit" appearance="primary">
                    Set baseline and refresh
                  </Button>
                </DialogActions>
              </DialogBody>
            </form>
          </DialogSurface>
        </Dialog>
      )}
      {current && (
        <Caption1>
          Baseline &lsquo;{current.label}&rsquo; (set {current.setOn})
        </Caption1>
      )}
    </div>
  );
}
