import { Button, Caption1, Card, makeStyles, tokens } from '@fluentui/react-components';
import type { Report } from '../../engine/types';
import type { ItemLinks } from '../../engine/map/links';
import type { SlipTrend } from '../../engine/map/trends';
import { objectivesByHealth, valueByStream } from '../../engine/map/breakdown';
import { HealthChart, SlipChart, StreamChart } from '../../visual/charts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingVerticalS, gap: tokens.spacingVerticalXS, color: tokens.colorNeutralForeground1 },
});

export interface ChartsPanelProps {
  report: Report;
  links: ItemLinks;
  trends: SlipTrend[];
  /** Saves the shareable HTML report; absent where the host cannot. */
  onDownload?: () => void;
}

export function ChartsPanel({ report, links, trends, onDownload }: ChartsPanelProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-label="Charts">
      {onDownload && (
        <Button appearance="primary" onClick={onDownload}>
          Download status report (HTML)
        </Button>
      )}
      <Card className={styles.card}>
        <Caption1>Objectives by health</Caption1>
        <HealthChart counts={objectivesByHealth(report.items)} width={280} />
      </Card>
      <Card className={styles.card}>
        <Caption1>Value at risk by revenue stream</Caption1>
        <StreamChart rows={valueByStream(report.items, links)} width={280} />
      </Card>
      <Card className={styles.card}>
        <Caption1>Slip of the top slipping initiatives (hollow dot: the plan at Start; dots: pace at each check-in; square: today’s forecast)</Caption1>
        <SlipChart trends={trends} width={280} />
      </Card>
    </section>
  );
}
