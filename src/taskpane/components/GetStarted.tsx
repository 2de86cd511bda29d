import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentTable20Regular, TableAdd20Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export interface GetStartedProps {
  onStarter?: () => void;
  onExample?: () => void;
}

export function GetStarted({ onStarter, onExample }: GetStartedProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label="Get started">
      <Body1>
        Press <strong>Refresh</strong> to check this workbook. Throughline needs an Objectives table and a KPIs or Initiatives
        table; a blank workbook can start from empty tables or from a worked example.
      </Body1>
      <div className={styles.buttons}>
        {onStarter && (
          <Button icon={<TableAdd20Regular />} onClick={onStarter}>
            Create starter sheets
          </Button>
        )}
        {onExample && (
          <Button icon={<DocumentTable20Regular />} onClick={onExample}>
            Insert example
          </Button>
        )}
      </div>
    </section>
  );
}
