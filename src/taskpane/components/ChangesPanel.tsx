import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { SheetLink } from '../../engine/types';
import type { Change, ChangeDirection, ChangeSet } from '../../engine/changes';
import { HealthBadge } from './SummaryCards';
import { useEntryStyles } from './entry-styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Past this, a list is for the Risks sheet's filter, not for scrolling in a pane. */
const MOST_LISTED = 100;

const GROUPS: { direction: ChangeDirection; title: string }[] = [
  { direction: 'worse', title: 'Got worse' },
  { direction: 'better', title: 'Recovered or improved' },
  { direction: 'moved', title: 'Other changes' },
];

export interface ChangesPanelProps {
  changes: ChangeSet;
  targetOf: (id: string) => SheetLink | undefined;
  onSelect: (target: SheetLink) => void;
}

/** What this refresh computed differently from the last one: what turned red, what recovered, which forecasts moved. */
export function ChangesPanel({ changes, targetOf, onSelect }: ChangesPanelProps) {
  const styles = { ...useEntryStyles(), ...useStyles() };
  if (changes.since === null) return <Body1>This is the first refresh this workbook remembers: refresh again after an edit to see what changed.</Body1>;
  if (changes.changes.length === 0) return <Body1>Nothing changed since the refresh of {changes.since}.</Body1>;
  const entry = (c: Change) => {
    const target = targetOf(c.id);
    return (
      <li key={c.id}>
        <button type="button" className={styles.entry} disabled={!target} onClick={() => target && onSelect(target)} data-testid={`change-${c.id}`}>
          <span className={styles.head}>
            <HealthBadge health={c.to} />
            {c.id} · {c.name}
          </span>
          <Caption1>{c.summary}</Caption1>
        </button>
      </li>
    );
  };
  return (
    <section className={styles.root} aria-label="What changed">
      <Caption1>
        Since the refresh of {changes.since} (changes found on {changes.at}).
      </Caption1>
      {GROUPS.map((g) => {
        const list = changes.changes.filter((c) => c.direction === g.direction);
        if (list.length === 0) return null;
        return (
          <div key={g.direction}>
            <Body1 as="h3">
              <strong>
                {g.title} ({list.length})
              </strong>
            </Body1>
            <ul className={styles.list}>{list.slice(0, MOST_LISTED).map(entry)}</ul>
            {list.length > MOST_LISTED && <Caption1>and {list.length - MOST_LISTED} more: the Risks sheet lists every one.</Caption1>}
          </div>
        );
      })}
    </section>
  );
}
