import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { SheetLink } from '../../../engine';
import type { Change, ChangeDirection, ChangeSet } from '../../../engine';
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

const useNoteStyles = makeStyles({
  note: {
    padding: tokens.spacingVerticalS,
    borderLeft: `3px solid ${tokens.colorPaletteMarigoldBorderActive}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

export interface ChangesPanelProps {
  changes: ChangeSet;
  targetOf: (id: string) => SheetLink | undefined;
  onSelect: (target: SheetLink) => void;
}

/** What this refresh computed differently from the last one: what turned red, what recovered, which forecasts moved. */
export function ChangesPanel({ changes, targetOf, onSelect }: ChangesPanelProps) {
  const styles = { ...useEntryStyles(), ...useStyles(), ...useNoteStyles() };
  if (changes.since === null)
    return (
      <Body1>This is the first refresh this workbook remembers: refresh again after an edit to see what changed.</Body1>
    );
  if (changes.changes.length === 0) return <Body1>Nothing changed since the refresh of {changes.since}.</Body1>;
  const moved = changes.settingsMoved ?? [];
  const bySettings = changes.changes.filter((c) => c.cause === 'settings');
  const entry = (c: Change) => {
    const target = targetOf(c.id);
    return (
      <li key={c.id}>
        <button
          type="button"
          className={styles.entry}
          disabled={!target}
          onClick={() => target && onSelect(target)}
          data-testid={`change-${c.id}`}
        >
          <span className={styles.head}>
            <HealthBadge health={c.to} />
            {c.id} · {c.name}
          </span>
          <Caption1>
            {c.summary}
            {c.cause === 'both' ? ' (the data and the settings both changed)' : ''}
          </Caption1>
        </button>
      </li>
    );
  };
  return (
    <section className={styles.root} aria-label="What changed">
      <Caption1>
        Since the refresh of {changes.since} (changes found on {changes.at}).
      </Caption1>
      {moved.length > 0 && (
        <Body1 className={styles.note} data-testid="settings-moved">
          The settings changed since then: {moved.join('; ')}.
          {bySettings.length > 0
            ? ' The goalposts moved; the work did not, for the items listed under “Changed by the settings”.'
            : ''}
        </Body1>
      )}
      {bySettings.length > 0 && (
        <div>
          <Body1 as="h3">
            <strong>Changed by the settings ({bySettings.length})</strong>
          </Body1>
          <ul className={styles.list}>{bySettings.slice(0, MOST_LISTED).map(entry)}</ul>
          {bySettings.length > MOST_LISTED && (
            <Caption1>and {bySettings.length - MOST_LISTED} more: the Risks sheet lists every one.</Caption1>
          )}
        </div>
      )}
      {GROUPS.map((g) => {
        const list = changes.changes.filter((c) => c.direction === g.direction && c.cause !== 'settings');
        if (list.length === 0) return null;
        return (
          <div key={g.direction}>
            <Body1 as="h3">
              <strong>
                {g.title} ({list.length})
              </strong>
            </Body1>
            <ul className={styles.list}>{list.slice(0, MOST_LISTED).map(entry)}</ul>
            {list.length > MOST_LISTED && (
              <Caption1>and {list.length - MOST_LISTED} more: the Risks sheet lists every one.</Caption1>
            )}
          </div>
        );
      })}
    </section>
  );
}
