import { Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Health, Summary } from '../../../engine';
import { HEALTH_STYLE, PALETTE, cssColour } from '../../../engine';
import type { FilterKey, ReviewModel } from '../review';
import { Money } from '../money';

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingHorizontalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    minWidth: 0,
    textAlign: 'left',
    fontFamily: 'inherit',
  },
  button: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  wide: { gridColumn: '1 / span 2' },
  badges: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
  healthButton: {
    border: `2px solid transparent`,
    borderRadius: tokens.borderRadiusCircular,
    padding: 0,
    backgroundColor: 'transparent',
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  pressed: { border: `2px solid ${tokens.colorNeutralForeground1}` },
  figure: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
});

const HEALTHS: Health[] = ['Red', 'Amber', 'Green', 'Grey'];

const useBadgeStyles = makeStyles({
  // A plain span, not Fluent's Badge: long lists draw hundreds of these and must stay instant.
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    flexShrink: 0,
    minHeight: '20px',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusCircular,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    // The workbook's Good / Neutral / Bad colours, through variables rather than an inline colour, so
    // that a contrast theme (forced colours) replaces both and the chip keeps an outline instead.
    backgroundColor: 'var(--health-fill)',
    color: 'var(--health-ink)',
    '@media (forced-colors: active)': { border: '1px solid CanvasText' },
  },
});

export function HealthBadge({ health, children }: { health: Health; children?: React.ReactNode }) {
  const colours = PALETTE[HEALTH_STYLE[health]];
  const styles = useBadgeStyles();
  return (
    <span
      className={styles.badge}
      style={
        { '--health-fill': cssColour(colours.fill), '--health-ink': cssColour(colours.font) } as React.CSSProperties
      }
    >
      {children ?? health}
    </span>
  );
}

export interface SummaryCardsProps {
  summary: Summary;
  review: ReviewModel;
  /** The health whose objectives are listed, if any. */
  shown: Health | null;
  onShowHealth: (health: Health | null) => void;
  onReview: (filter: FilterKey) => void;
  /** Hands over each health button, so focus can go back to it when its list closes. */
  healthButtonRef?: (health: Health, button: HTMLButtonElement | null) => void;
}

/**
 * The numbers first, each one a way in: a health count lists those objectives, the review counts open
 * the review list on the same entries they count.
 */
export function SummaryCards({ summary, review, shown, onShowHealth, onReview, healthButtonRef }: SummaryCardsProps) {
  const styles = useStyles();
  const counter = (filter: FilterKey, label: string, wide = false) => (
    <button
      type="button"
      className={mergeClasses(styles.card, styles.button, wide && styles.wide)}
      onClick={() => onReview(filter)}
      data-testid={`card-${filter}`}
    >
      <Caption1>{label}</Caption1>
      <span className={styles.figure}>{review.counts[filter]}</span>
    </button>
  );
  return (
    <section className={styles.grid} aria-label="Summary">
      <div className={mergeClasses(styles.card, styles.wide)}>
        <Caption1 id="objectives-by-health">Objectives by health (choose one to list them)</Caption1>
        <div className={styles.badges} role="group" aria-labelledby="objectives-by-health">
          {HEALTHS.map((h) => (
            <button
              key={h}
              ref={healthButtonRef && ((el) => healthButtonRef(h, el))}
              type="button"
              className={mergeClasses(styles.healthButton, shown === h && styles.pressed)}
              aria-pressed={shown === h}
              onClick={() => onShowHealth(shown === h ? null : h)}
            >
              <HealthBadge health={h}>
                {summary.objectives[h]} {h}
              </HealthBadge>
            </button>
          ))}
        </div>
      </div>
      <div className={styles.card}>
        <Caption1>Value at stake</Caption1>
        <Money className={styles.figure} value={summary.valueAtStake} />
      </div>
      <div className={styles.card}>
        <Caption1>Value at risk</Caption1>
        <Money className={styles.figure} value={summary.valueAtRisk} />
      </div>
      {counter('all', 'To review')}
      {counter('stale', 'Stale or undated')}
      {review.counts.errors > 0 && counter('errors', 'Data errors', true)}
    </section>
  );
}
