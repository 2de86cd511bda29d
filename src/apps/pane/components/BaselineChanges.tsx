// The Changes tab's second list: what moved since the baseline, beside what changed since the last
// refresh. Goalposts moved (each a click away from its row), items gone, and how many initiatives are
// now forecast after their baseline Due.
import { useMemo } from 'react';
import { Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { Report, SheetLink } from '../../../engine';
import { sinceBaseline } from '../../../engine';
import { useEntryStyles } from './entry-styles';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalL },
});

const MOST_LISTED = 100;

export interface BaselineChangesProps {
  report: Report;
  targetOf: (id: string) => SheetLink | undefined;
  onSelect: (target: SheetLink) => void;
}

export function BaselineChanges({ report, targetOf, onSelect }: BaselineChangesProps) {
  const styles = { ...useEntryStyles(), ...useStyles() };
  const since = useMemo(() => sinceBaseline(report), [report]);
  const title = `What moved ${since.title}`;
  return (
    <section className={styles.root} aria-label={title}>
      <Body1 as="h3">
        <strong>{title.charAt(0).toUpperCase() + title.slice(1)}</strong>
      </Body1>
      {since.moved.length === 0 && since.removed.length === 0 && (
        <Caption1>No goalpost moved and nothing was removed.</Caption1>
      )}
      {since.moved.length > 0 && (
        <ul className={styles.list} aria-label="Goalposts moved">
          {since.moved.slice(0, MOST_LISTED).map((m) => {
            const target = targetOf(m.id);
            return (
              <li key={m.id}>
                <button
                  type="button"
                  className={styles.entry}
                  disabled={!target}
                  onClick={() => target && onSelect(target)}
                  data-testid={`moved-${m.id}`}
                >
                  <span className={styles.head}>
                    {m.id} · {m.name}
                  </span>
                  <Caption1>{m.message}</Caption1>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {since.removed.length > 0 && (
        <ul className={styles.list} aria-label="Removed from the workbook">
          {since.removed.map((r) => (
            <li key={r.id} data-testid={`removed-${r.id}`}>
              <span className={styles.head}>
                {r.id} · {r.name} (removed)
              </span>
              <Caption1>{r.message}</Caption1>
            </li>
          ))}
        </ul>
      )}
      {since.slipping.length > 0 && (
        <Caption1>
          {since.slipping.length} initiative{since.slipping.length === 1 ? ' is' : 's are'} forecast after the baseline
          Due (see the column Slip vs baseline (auto) and the milestone trend under Charts).
        </Caption1>
      )}
    </section>
  );
}
