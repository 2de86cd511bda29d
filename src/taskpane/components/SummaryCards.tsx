import { Badge, Caption1, Card, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Health, Summary } from '../../engine/types';
import { HEALTH_STYLE, PALETTE, cssColour } from '../../engine/palette';
import { formatMoney } from '../../engine/plan/columns';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  card: { padding: tokens.spacingVerticalS, gap: tokens.spacingVerticalXS },
  wide: { gridColumn: '1 / span 2' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  figure: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

const HEALTHS: Health[] = ['Red', 'Amber', 'Green', 'Grey'];

export function HealthBadge({ health, children }: { health: Health; children?: React.ReactNode }) {
  const colours = PALETTE[HEALTH_STYLE[health]];
  return (
    <Badge appearance="filled" style={{ backgroundColor: cssColour(colours.fill), color: cssColour(colours.font) }}>
      {children ?? health}
    </Badge>
  );
}

export function SummaryCards({ summary }: { summary: Summary }) {
  const styles = useStyles();
  return (
    <section className={styles.grid} aria-label="Summary">
      <Card className={mergeClasses(styles.card, styles.wide)}>
        <Caption1>Objectives by health</Caption1>
        <div className={styles.badges}>
          {HEALTHS.map((h) => (
            <HealthBadge key={h} health={h}>
              {summary.objectives[h]} {h}
            </HealthBadge>
          ))}
        </div>
      </Card>
      <Card className={styles.card}>
        <Caption1>Value at stake</Caption1>
        <Text className={styles.figure}>{formatMoney(summary.valueAtStake)}</Text>
      </Card>
      <Card className={styles.card}>
        <Caption1>Value at risk</Caption1>
        <Text className={styles.figure}>{formatMoney(summary.valueAtRisk)}</Text>
      </Card>
      <Card className={styles.card}>
        <Caption1>Flagged items</Caption1>
        <Text className={styles.figure}>{summary.flagged}</Text>
      </Card>
      <Card className={styles.card}>
        <Caption1>Stale items</Caption1>
        <Text className={styles.figure}>{summary.stale}</Text>
      </Card>
    </section>
  );
}
