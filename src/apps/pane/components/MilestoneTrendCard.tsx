// The milestone trend on the Charts tab: the top slipping initiatives against their baseline Due.
import { useMemo } from 'react';
import { Caption1, Card, makeStyles, tokens } from '@fluentui/react-components';
import type { Report } from '../../../engine';
import { sinceBaseline } from '../../../engine';
import { MilestoneTrendChart } from '../../../present/milestone-trend';
import type { ChartPalette } from '../../../present/colours';

const useStyles = makeStyles({
  card: {
    padding: tokens.spacingVerticalS,
    gap: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground1,
    minWidth: 0,
  },
});

export function MilestoneTrendCard({
  report,
  width,
  palette,
}: {
  report: Report;
  width: number;
  palette: ChartPalette;
}) {
  const styles = useStyles();
  const milestones = useMemo(() => sinceBaseline(report).milestones, [report]);
  return (
    <Card className={styles.card}>
      <Caption1>
        Milestone trend of the top slipping initiatives (reporting date across, forecast finish up; the dashed diagonal
        is where a milestone is done; the tick on the left is the baseline Due)
      </Caption1>
      <MilestoneTrendChart trends={milestones} width={width} palette={palette} />
    </Card>
  );
}
