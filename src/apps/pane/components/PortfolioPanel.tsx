import { Button, Caption1, Subtitle2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { useEffect, useId, useState } from 'react';
import type { PortfolioViews, TeamLine } from '../../../portfolio';
import { Money } from '../money';
import { dataAge } from '../teams/origin';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  team: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'anywhere',
    minWidth: 0,
  },
  unread: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  name: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground2 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  pushes: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: 'anywhere' },
  notes: { overflowWrap: 'anywhere', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  summary: { cursor: 'pointer', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  heading: { margin: 0 },
  toggle: {
    paddingLeft: 0,
    paddingRight: tokens.spacingHorizontalXS,
    minWidth: 0,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'left',
  },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
});

export interface PortfolioPanelProps {
  views: PortfolioViews;
  notes: string[];
  /** Excel's open workbook (written from here), by label; null on the page, where every member is written. */
  home: string | null;
}

function counts(t: TeamLine): string {
  const red = t.objectives.Red + t.work.Red;
  const amber = t.objectives.Amber + t.work.Amber;
  const parts = [
    red > 0 ? `${red} Red` : null,
    amber > 0 ? `${amber} Amber` : null,
    t.errors > 0 ? `${t.errors} data error${t.errors === 1 ? '' : 's'}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'nothing Red or Amber';
}

/** The oldest data among the members read: the one a PMO lead chases first. */
function oldest(views: PortfolioViews): TeamLine | null {
  return views.teams.reduce<TeamLine | null>(
    (worst, t) => (t.dataAgeDays !== null && (worst === null || t.dataAgeDays > worst.dataAgeDays!) ? t : worst),
    null,
  );
}

/**
 * The members of a portfolio, each with how old its data is (or why it could not be read), and what
 * their slips do to each other. Folded to one line unless a member could not be read.
 */
export function PortfolioPanel({ views, notes, home }: PortfolioPanelProps) {
  const styles = useStyles();
  const unread = views.teams.filter((t) => t.unavailable !== null).length;
  const [open, setOpen] = useState(unread > 0);
  useEffect(() => {
    if (unread > 0) setOpen(true);
  }, [unread]);
  const bodyId = useId();
  const stalest = oldest(views);
  return (
    <section className={styles.root} aria-labelledby="portfolio-title" data-testid="portfolio-panel">
      <Subtitle2 as="h2" id="portfolio-title" className={styles.heading}>
        <Button
          className={styles.toggle}
          appearance="transparent"
          icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen((o) => !o)}
        >
          Workbooks ({views.teams.length}
          {unread > 0 ? `, ${unread} not read` : ''})
        </Button>
      </Subtitle2>
      {!open && (
        <Caption1 className={styles.meta}>
          {stalest
            ? `Oldest data: ${stalest.info.label}, ${dataAge(stalest).replace(/^data /, '')}`
            : 'No check-in dates'}
          {views.pushes.length > 0
            ? ` · ${views.pushes.length} team-to-team push${views.pushes.length === 1 ? '' : 'es'}`
            : ''}
        </Caption1>
      )}
      {open && (
        <div id={bodyId} className={styles.body}>
          <ul className={styles.list}>
            {views.teams.map((t) => (
              <li
                key={t.info.key}
                className={mergeClasses(styles.team, t.unavailable !== null && styles.unread)}
                data-testid={`member-${t.info.key}`}
              >
                <span>
                  <span className={styles.name}>{t.info.key}</span> · {t.info.label}
                  {home !== null && (t.info.label === home ? ' (this workbook)' : ' (read only)')}
                </span>
                {t.unavailable !== null ? (
                  <Caption1 className={styles.problem}>Not read: {t.unavailable}</Caption1>
                ) : (
                  <Caption1 className={styles.meta}>
                    {t.latestCheckIn ? `Latest check-in ${t.latestCheckIn}, ${dataAge(t)}` : 'No check-in dates'} ·{' '}
                    {counts(t)}
                  </Caption1>
                )}
              </li>
            ))}
          </ul>
          {views.pushes.length > 0 && (
            <>
              <Caption1 as="h3" className={styles.name}>
                Across teams
              </Caption1>
              <ul className={styles.pushes}>
                {views.pushes.map((p) => (
                  <li key={`${p.from}>${p.to}`}>
                    <Caption1>
                      {p.from} → {p.to}: {p.items.length} pushed, up to {p.maxDays} d
                      {p.valueExposed > 0 && (
                        <>
                          , <Money value={p.valueExposed} /> exposed
                        </>
                      )}
                    </Caption1>
                  </li>
                ))}
              </ul>
            </>
          )}
          {notes.length > 0 && (
            <details className={styles.notes}>
              <summary className={styles.summary}>
                {notes.length} reference{notes.length === 1 ? '' : 's'} resolved across workbooks
              </summary>
              <ul className={styles.pushes}>
                {notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
