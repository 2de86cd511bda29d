import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  CounterBadge,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { SheetLink } from '../../engine/types';
import type { ReviewGroup } from '../review';
import { HealthBadge } from './SummaryCards';
import { useEntryStyles } from './entry-styles';

const useStyles = makeStyles({
  header: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  empty: { color: tokens.colorNeutralForeground3 },
});

export interface ReviewListProps {
  groups: ReviewGroup[];
  /** Called with the entry's row and, for an item's entry, its ID. */
  onSelect: (target: SheetLink, itemId: string | null) => void;
}

export function ReviewList({ groups, onSelect }: ReviewListProps) {
  const styles = { ...useEntryStyles(), ...useStyles() };
  const open = groups.filter((g) => g.entries.length > 0).map((g) => g.key);
  return (
    <Accordion multiple collapsible defaultOpenItems={open.slice(0, 2)} aria-label="Review list">
      {groups.map((group) => (
        <AccordionItem key={group.key} value={group.key}>
          <AccordionHeader>
            <span className={styles.header}>
              {group.title}
              <CounterBadge count={group.entries.length} showZero appearance="ghost" aria-label={`${group.entries.length} entries`} />
            </span>
          </AccordionHeader>
          <AccordionPanel>
            {group.entries.length === 0 ? (
              <Caption1 className={styles.empty}>Nothing here.</Caption1>
            ) : (
              <ul className={styles.list}>
                {group.entries.map((entry) => (
                  <li key={entry.key}>
                    <button
                      type="button"
                      className={styles.entry}
                      onClick={() => onSelect(entry.target, entry.itemId)}
                      title={`Go to ${entry.target.sheet}!${entry.target.cell}`}
                      data-testid={`review-${entry.key}`}
                    >
                      <span className={styles.head}>
                        {entry.health && <HealthBadge health={entry.health} />}
                        {entry.title}
                      </span>
                      <Caption1>{entry.detail}</Caption1>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
