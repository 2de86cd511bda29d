import { Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import type { Health, ItemReport, SheetLink } from '../../../engine';
import { isoFromDay } from '../../../engine';
import { pct } from '../../../engine';
import { HealthBadge } from './SummaryCards';
import { useEntryStyles } from './entry-styles';
import { Money } from '../money';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  bar: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface ObjectiveRow {
  item: ItemReport;
  due: number | null;
  lastCheckIn: number | null;
  target: SheetLink | undefined;
}

export interface ObjectiveListProps {
  health: Health;
  rows: ObjectiveRow[];
  onSelect: (target: SheetLink, id: string) => void;
  onClose: () => void;
}

/** The objectives behind one health count: status, owner, progress against expected, due and last check-in. */
export function ObjectiveList({ health, rows, onSelect, onClose }: ObjectiveListProps) {
  const styles = { ...useEntryStyles(), ...useStyles() };
  const title = `${health} objectives (${rows.length})`;
  return (
    <section className={styles.root} aria-label={title}>
      <div className={styles.bar}>
        <Subtitle2 as="h2">{title}</Subtitle2>
        <Button size="small" appearance="subtle" icon={<Dismiss16Regular />} onClick={onClose}>
          Close
        </Button>
      </div>
      {rows.length === 0 ? (
        <Caption1>No objective is {health}.</Caption1>
      ) : (
        <ul className={styles.list}>
          {rows.map(({ item, due, lastCheckIn, target }) => (
            <li key={item.id}>
              <button
                type="button"
                className={styles.entry}
                disabled={!target}
                onClick={() => target && onSelect(target, item.id)}
                data-testid={`objective-${item.id}`}
              >
                <span className={styles.head}>
                  <HealthBadge health={item.health} />
                  <span>
                    {item.id} · {item.name}
                  </span>
                </span>
                <Caption1>
                  {item.owner ?? 'No owner'} · progress {item.progress === null ? 'unknown' : pct(item.progress)}
                  {item.expected !== null ? ` vs ${pct(item.expected)} expected` : ''}
                </Caption1>
                <Caption1>
                  Due {due === null ? 'not set' : isoFromDay(due)} · last check-in{' '}
                  {lastCheckIn === null ? 'none' : isoFromDay(lastCheckIn)}
                  {item.impact.valueExposed > 0 && (
                    <>
                      {' · '}
                      <Money value={item.impact.valueExposed} /> exposed
                    </>
                  )}
                </Caption1>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
