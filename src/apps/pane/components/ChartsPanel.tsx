import { Caption1, Card, makeStyles, tokens } from '@fluentui/react-components';
import type { Report } from '../../../engine';
import type { ItemLinks } from '../../../engine';
import type { SlipTrend } from '../../../engine';
import { objectivesByHealth, valueByStream } from '../../../engine';
import { HealthChart, SlipChart, StreamChart } from '../../../present/charts';
import { useChartPalette } from '../root';
import { useMoney } from '../money';
import { useWidth } from '../use-width';
import { DownloadButtons } from './DownloadButtons';
import { MilestoneTrendCard } from './MilestoneTrendCard';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  card: {
    padding: tokens.spacingVerticalS,
    gap: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground1,
    minWidth: 0,
  },
  body: { minWidth: 0, width: '100%' },
});

export interface ChartsPanelProps {
  report: Report;
  links: ItemLinks;
  trends: SlipTrend[];
  /** Saves the shareable HTML report; absent where the host cannot. */
  onDownload?: () => void;
  /** Makes and saves the board pack (PowerPoint); absent where the host cannot. */
  onDownloadDeck?: () => Promise<void>;
}

/** Three charts drawn to the card's width, in the theme's colours. */
export function ChartsPanel({ report, links, trends, onDownload, onDownloadDeck }: ChartsPanelProps) {
  const styles = useStyles();
  const palette = useChartPalette();
  const money = useMoney();
  const [ref, width] = useWidth<HTMLDivElement>(280);
  return (
    <section className={styles.root} aria-label="Charts">
      <DownloadButtons onReport={onDownload} onDeck={onDownloadDeck} />
      <Card className={styles.card}>
        <Caption1>Objectives by health</Caption1>
        <div ref={ref} className={styles.body}>
          <HealthChart counts={objectivesByHealth(report.items)} width={width} palette={palette} />
        </div>
      </Card>
      <Card className={styles.card}>
        <Caption1>Value at risk by revenue stream (outline: all at stake; filled: at risk)</Caption1>
        <StreamChart rows={valueByStream(report.items, links)} width={width} palette={palette} money={money.compact} />
      </Card>
      <Card className={styles.card}>
        <Caption1>
          Slip of the top slipping initiatives (hollow: the plan at Start; filled: the pace at each check-in; large:
          today’s forecast)
        </Caption1>
        <SlipChart trends={trends} width={width} palette={palette} />
      </Card>
      <MilestoneTrendCard report={report} width={width} palette={palette} />
    </section>
  );
}
