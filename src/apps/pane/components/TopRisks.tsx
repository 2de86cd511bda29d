import { Button, Caption1, Link, Subtitle2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCardListStyles } from './entry-styles';
import { ArrowRight16Regular, DocumentTable16Regular, Mail16Regular } from '@fluentui/react-icons';
import type { ItemReport, SheetLink } from '../../../engine';
import { chaseAbout, mailtoLink } from '../../../engine';
import { HealthBadge } from './SummaryCards';
import { Money } from '../money';
import { rowPlace, type OriginOf } from '../teams/origin';

const useStyles = makeStyles({
  head: { overflowWrap: 'anywhere' },
  facts: { overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2 },
  money: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  origin: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground2,
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

export interface TopRisksProps {
  risks: ItemReport[];
  asOf: string;
  targetOf: (id: string) => SheetLink | undefined;
  onSelect: (target: SheetLink, id: string) => void;
  /** In a portfolio: which workbook each item is in, and how old its data is. */
  origin?: OriginOf;
}

function reach(objectives: string[]): string {
  return objectives.length <= 3
    ? objectives.join(', ')
    : `${objectives.slice(0, 3).join(', ')} +${objectives.length - 3}`;
}

/** The few items that matter most, by value exposed: who owns each, what it claims against what it is, and two ways to act. */
export function TopRisks({ risks, asOf, targetOf, onSelect, origin }: TopRisksProps) {
  const styles = useStyles();
  const cards = useCardListStyles();
  if (risks.length === 0) return null;
  return (
    <section className={cards.root} aria-labelledby="top-risks-title">
      <Subtitle2 as="h2" id="top-risks-title">
        Top risks
      </Subtitle2>
      <ol className={cards.list}>
        {risks.map((item) => {
          const target = targetOf(item.id);
          const chase = chaseAbout(item, asOf);
          const from = origin?.(item.sheet) ?? null;
          const claimed =
            item.reportedStatus && item.reportedStatus !== item.health
              ? `Reported ${item.reportedStatus}, computed ${item.health}`
              : `${item.health}`;
          return (
            <li key={item.id} className={cards.card} data-testid={`top-risk-${item.id}`}>
              <span className={mergeClasses(cards.head, styles.head)}>
                <HealthBadge health={item.health} />
                <span>
                  {item.id} · {item.name}
                </span>
              </span>
              {from && (
                <Caption1 className={styles.origin} title={from.detail}>
                  <DocumentTable16Regular aria-hidden />
                  {from.text}
                </Caption1>
              )}
              <Caption1 className={styles.facts}>
                {item.owner ?? 'No owner'} · {claimed}
                {item.slipDays !== null && item.slipDays > 0 ? ` · ${item.slipDays} d late` : ''}
              </Caption1>
              <Caption1 className={styles.facts}>
                <Money className={styles.money} value={item.impact.valueExposed} /> exposed
                {item.impact.objectives.length > 0
                  ? ` · reaches ${reach(item.impact.objectives)}`
                  : ' · not linked to an objective'}
              </Caption1>
              <span className={styles.actions}>
                {target && (
                  <Button
                    size="small"
                    icon={<ArrowRight16Regular />}
                    onClick={() => onSelect(target, item.id)}
                    aria-label={`Go to ${rowPlace(target)} (${item.id})`}
                  >
                    Go to row
                  </Button>
                )}
                {chase && (
                  <Link href={mailtoLink(chase)} aria-label={`Chase owner ${chase.owner} about ${item.id}`}>
                    <Mail16Regular style={{ verticalAlign: 'text-bottom' }} /> Chase owner
                  </Link>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
