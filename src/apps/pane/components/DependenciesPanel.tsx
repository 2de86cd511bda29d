// The Dependencies view (SPEC §7): every link worst first, with who waits on whom, the room left, the
// promise, and a way to its row on the Dependencies sheet.
import { Body1, Button, Caption1, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCardListStyles } from './entry-styles';
import { ArrowRight16Regular } from '@fluentui/react-icons';
import type { DependencyReport, ItemReport, SheetLink } from '../../../engine';
import { HealthBadge } from './SummaryCards';
import { Money } from '../money';
import { dependencyRows } from '../dependencies';
import { promiseText, slackText } from '../../../present/link-text';

const useStyles = makeStyles({
  entry: { overflowWrap: 'anywhere' },
  facts: { color: tokens.colorNeutralForeground2 },
});

/** Past this many, the Dependencies sheet's own columns (and a filter on Health (auto)) are the place to look. */
const MOST = 100;

export interface DependenciesPanelProps {
  dependencies: DependencyReport[];
  items: ItemReport[];
  /** The row of each dependency, in report order. */
  cells: SheetLink[] | undefined;
  onSelect: (target: SheetLink) => void;
}

export function DependenciesPanel({ dependencies, items, cells, onSelect }: DependenciesPanelProps) {
  const styles = useStyles();
  const cards = useCardListStyles();
  if (dependencies.length === 0)
    return <Body1>No dependencies: add who waits on whom to a Dependencies sheet and refresh.</Body1>;
  const rows = dependencyRows(dependencies, items, cells);
  return (
    <section className={cards.root} aria-label="Dependencies, worst first">
      <ul className={cards.list}>
        {rows.slice(0, MOST).map((r) => (
          <li key={`${r.link.sheet}!${r.link.row}`} className={mergeClasses(cards.card, styles.entry)}>
            <span className={cards.head}>
              <HealthBadge health={r.link.health} />
              <span>
                {r.link.upstream} → {r.link.downstream}
              </span>
            </span>
            <Caption1 className={styles.facts}>
              {r.upstreamName} ({r.upstreamOwner ?? 'no owner'}) → {r.downstreamName} ({r.downstreamOwner ?? 'no owner'}
              )
            </Caption1>
            <Caption1>
              {slackText(r.link)}
              {r.link.valueExposed > 0 && (
                <>
                  {' · '}
                  <Money value={r.link.valueExposed} /> exposed
                </>
              )}
            </Caption1>
            <Caption1>{promiseText(r.link)}</Caption1>
            {r.link.flags.length > 0 && <Caption1>{r.link.flags.map((f) => f.message).join(' ')}</Caption1>}
            {r.target && (
              <Button
                size="small"
                appearance="subtle"
                icon={<ArrowRight16Regular />}
                onClick={() => onSelect(r.target!)}
                aria-label={`Go to row of ${r.link.upstream} → ${r.link.downstream}`}
              >
                Go to row
              </Button>
            )}
          </li>
        ))}
      </ul>
      {rows.length > MOST && (
        <Caption1>and {rows.length - MOST} more: filter Health (auto) on the Dependencies sheet.</Caption1>
      )}
    </section>
  );
}
