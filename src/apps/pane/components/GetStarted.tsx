import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  tokens,
  useRestoreFocusTarget,
} from '@fluentui/react-components';
import { DocumentTable20Regular, TableAdd20Regular } from '@fluentui/react-icons';
import { useId, useState } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  name: { overflowWrap: 'anywhere' },
});

export interface GetStartedProps {
  onStarter?: () => void;
  onExample?: () => void;
  /**
   * What the starter sheets or the example would close, where they open in its place (the browser page's
   * open workbook or portfolio): the user is asked first. Absent where they are added to the open workbook.
   */
  replaces?: string;
  /** Several workbooks are open as one portfolio. */
  portfolio?: boolean;
}

type Choice = 'starter' | 'example';

const CHOICES: Readonly<Record<Choice, { title: string; confirm: string }>> = {
  starter: { title: 'Open empty starter sheets?', confirm: 'Open starter sheets' },
  example: { title: 'Open the worked example?', confirm: 'Open the example' },
};

export function GetStarted({ onStarter, onExample, replaces, portfolio = false }: GetStartedProps) {
  const styles = useStyles();
  const [asking, setAsking] = useState<Choice | null>(null);
  const about = useId();
  // Closed either way, the dialog hands focus back to the button that opened it.
  const restoreFocus = useRestoreFocusTarget();
  const run = (choice: Choice) => (choice === 'starter' ? onStarter : onExample)?.();
  const choose = (choice: Choice) => (replaces ? setAsking(choice) : run(choice));
  return (
    <section className={styles.root} aria-label="Get started">
      <Body1 className={styles.name}>
        {portfolio ? (
          <>
            Press <strong>Refresh</strong> to check the open workbooks together, as one portfolio.
          </>
        ) : (
          <>
            Press <strong>Refresh</strong> to check this workbook. Throughline needs an Objectives table and a KPIs or
            Initiatives table.
          </>
        )}{' '}
        {replaces
          ? `To start a new workbook instead, open empty starter sheets or the worked example: either one takes the place of ${replaces}.`
          : 'A blank workbook can start from empty tables or from a worked example.'}
      </Body1>
      <div className={styles.buttons}>
        {onStarter && (
          <Button icon={<TableAdd20Regular />} onClick={() => choose('starter')} {...restoreFocus}>
            Create starter sheets
          </Button>
        )}
        {onExample && (
          <Button icon={<DocumentTable20Regular />} onClick={() => choose('example')} {...restoreFocus}>
            Insert example
          </Button>
        )}
      </div>
      {/* Asked before the page's open workbooks and their refresh are closed. Cancel comes first, so the
          dialog opens with focus on it and Enter keeps them. */}
      <Dialog open={asking !== null} onOpenChange={(_, d) => !d.open && setAsking(null)} modalType="alert">
        <DialogSurface aria-describedby={about}>
          <DialogBody>
            <DialogTitle>{asking ? CHOICES[asking].title : ''}</DialogTitle>
            <DialogContent id={about} className={styles.name}>
              This opens a new workbook in place of {replaces}. What is not downloaded, including the last refresh, is
              closed with it.
            </DialogContent>
            <DialogActions>
              <Button appearance="secondary" onClick={() => setAsking(null)}>
                Cancel
              </Button>
              <Button
                appearance="primary"
                onClick={() => {
                  const choice = asking;
                  setAsking(null);
                  if (choice) run(choice);
                }}
              >
                {asking ? CHOICES[asking].confirm : ''}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
