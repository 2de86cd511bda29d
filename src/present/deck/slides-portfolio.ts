// A portfolio's own slides: each team with its data age, and the team-to-team matrix of whose slips
// push whose dates.
import type { SlideSpec } from './model';
import { plain, tableSlides, type DeckFacts } from './parts';
import type { Column } from './tables';
import type { TableCell } from './model';
import { healthCell } from './theme';
import type { PortfolioViews } from '../../portfolio';
import { dayCount } from '../../engine';

export function teamsSlides(f: DeckFacts, views: PortfolioViews): SlideSpec[] {
  const { money, count } = f.numbers;
  return tableSlides({
    title: 'Teams and the age of their data',
    name: 'Teams table',
    columns: [
      { header: 'Team', weight: 1.4 },
      { header: 'Workbook', weight: 3 },
      { header: 'Objectives R · A · G', weight: 1.9 },
      { header: 'Flagged (stale)', weight: 1.6, align: 'right' },
      { header: 'Data errors', weight: 1.3, align: 'right' },
      { header: 'Value at stake', weight: 1.6, align: 'right' },
      { header: 'Data up to', weight: 1.6 },
      { header: 'Data age', weight: 1.3, align: 'right' },
    ],
    rows: views.teams.map((t) => ({
      label: t.info.key,
      cells:
        t.unavailable !== null
          ? [
              plain(t.info.key),
              plain(t.info.label),
              { text: `could not be read: ${t.unavailable}`, ...healthCell('Grey') },
              ...Array.from({ length: 5 }, () => plain('')),
            ]
          : [
              plain(t.info.key),
              plain(t.info.label),
              plain(`${count(t.objectives.Red)} · ${count(t.objectives.Amber)} · ${count(t.objectives.Green)}`),
              plain(`${count(t.flagged)} (${count(t.stale)})`),
              plain(count(t.errors)),
              plain(money.compact(t.valueAtStake)),
              plain(t.latestCheckIn ?? 'no check-ins'),
              t.dataAgeDays === null
                ? plain('')
                : { text: `${count(t.dataAgeDays)} d`, ...(t.dataAgeDays > 30 ? healthCell('Amber') : {}) },
            ],
    })),
    notes: (rows) =>
      rows.map((r) => {
        const t = views.teams[r];
        return t.unavailable !== null
          ? `${t.info.key} (${t.info.label}) could not be read: ${t.unavailable}. Its items are missing from every slide.`
          : `${t.info.key} (${t.info.label}): objectives ${t.objectives.Red} Red, ${t.objectives.Amber} Amber, ` +
              `${t.objectives.Green} Green, ${t.objectives.Grey} Grey; ` +
              `${t.stale} stale, ${t.flagged} flagged, ${t.errors} data errors; value at stake ${money.exact(t.valueAtStake)}; ` +
              `latest check-in ${t.latestCheckIn ?? 'none'}` +
              `${t.dataAgeDays === null ? '' : `, ${dayCount(t.dataAgeDays)} before the as-of date`}.`;
      }),
  });
}

/** Teams beyond this many make the matrix too narrow to read at 12 pt: the pushes are listed instead. */
const MOST_MATRIX_TEAMS = 9;

export function matrixSlides(f: DeckFacts, views: PortfolioViews): SlideSpec[] {
  const { money, count } = f.numbers;
  const teams = views.teams.map((t) => t.info.key);
  const notes = views.pushes.map(
    (p) =>
      `${p.from} → ${p.to}: ${p.items.length} items pushed, up to ${dayCount(p.maxDays)}, ` +
      `${money.exact(p.valueExposed)} exposed (${p.items.join(', ')}).`,
  );
  const title = 'Across teams: whose slips push whose dates';
  if (teams.length > MOST_MATRIX_TEAMS || views.pushes.length === 0) {
    return tableSlides({
      title,
      name: 'Team pushes table',
      columns: [
        { header: 'From', weight: 1.5 },
        { header: 'To', weight: 1.5 },
        { header: 'Items pushed', weight: 1.4, align: 'right' },
        { header: 'Most days', weight: 1.3, align: 'right' },
        { header: 'Value exposed', weight: 1.6, align: 'right' },
        { header: 'Items', weight: 5 },
      ],
      rows: views.pushes.map((p) => ({
        label: `${p.from} → ${p.to}`,
        cells: [
          plain(p.from),
          plain(p.to),
          plain(count(p.items.length)),
          plain(count(p.maxDays)),
          plain(money.compact(p.valueExposed)),
          plain(p.items.join(', ')),
        ],
      })),
      after: views.pushes.length === 0 ? 'No team’s slip pushes another team’s dates.' : undefined,
      notes: (rows) => rows.map((r) => notes[r]),
    });
  }
  const at = new Map(views.pushes.map((p) => [`${p.from}>${p.to}`, p]));
  const columns: Column[] = [
    { header: 'From ↓ / to →', weight: 1.6 },
    ...teams.map((t) => ({ header: t, weight: 1, align: 'center' as const })),
  ];
  const rows = teams.map((from) => ({
    label: from,
    cells: [
      { text: from, bold: true },
      ...teams.map((to): TableCell => {
        const p = at.get(`${from}>${to}`);
        if (from === to) return { text: '–', color: '605E5C', align: 'center' };
        if (!p) return plain('');
        return { text: `${count(p.items.length)} · ${count(p.maxDays)} d`, ...healthCell('Amber') };
      }),
    ],
  }));
  return tableSlides({
    title,
    name: 'Team-to-team matrix',
    columns,
    rows,
    after:
      'Each cell: how many of the column team’s items a slip in the row team pushes later, and the most days any is pushed.',
    notes: () => notes,
  });
}
