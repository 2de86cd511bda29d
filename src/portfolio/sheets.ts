// The portfolio's views as sheets Throughline owns: in the portfolio workbook (--portfolio-out) and
// in the hub. Links point into each member's workbook at the row concerned.
import type { CellStyle, ExternalLink, OwnedSheetPlan, OutValue } from '../engine';
import { HEALTH_STYLE, SEVERITY_STYLE, dayFromISO, dependencyAtRisk, RISKS_HEADERS } from '../engine';
import type { PortfolioViews } from './views';

export const PORTFOLIO_SHEETS = {
  risks: 'Portfolio Risks',
  teams: 'Portfolio Teams',
  pushes: 'Portfolio Dependencies',
} as const;

/** The cross-team links' block: the same figures as the members' Dependencies columns, and a way to the row. */
const CROSS_LINK_HEADERS = [
  'Health (auto)',
  'Upstream',
  'Downstream',
  'Upstream team',
  'Downstream team',
  'Slack (auto)',
  'Push (auto)',
  'Latest finish (auto)',
  'Upstream forecast (auto)',
  'Needed By',
  'Committed',
  'Status',
  'Flags (auto)',
  'Impact (auto)',
  'Go to',
] as const;

/** Every team's risks in one list, each going to its row in the team's own workbook. */
function risksSheet(views: PortfolioViews, fileOf: (key: string) => string): OwnedSheetPlan {
  // A member's Risks sheet's columns, with the team and its workbook after the severity.
  const riskHeaders = [RISKS_HEADERS[0], 'Team', 'Workbook', ...RISKS_HEADERS.slice(1)];
  const risks: OwnedSheetPlan = {
    sheetName: PORTFOLIO_SHEETS.risks,
    headers: riskHeaders,
    // "Go to" names the file its link opens: the member's refreshed copy when it was written beside it.
    rows: views.risks.map((r) => [
      r.severity,
      r.team,
      r.workbook,
      r.item,
      r.name,
      r.kind,
      r.health,
      r.issue,
      r.details,
      r.owner,
      r.valueExposed,
      `[${fileOf(r.team).split('/').pop()}]${r.sheet}!${r.cell}`,
    ]),
    links: views.risks.map((r): { column: number; target: ExternalLink } => ({
      column: riskHeaders.length - 1,
      target: { file: fileOf(r.team), target: { sheet: r.sheet, cell: r.cell } },
    })),
    styles: views.risks.map((r): CellStyle | null => SEVERITY_STYLE[r.severity]),
    widths: [9, 9, 22, 12, 32, 11, 9, 24, 70, 14, 15, 30],
  };
  return risks;
}

/** A line per team: what was read, its health counts, and how old its data is. */
function teamsSheet(views: PortfolioViews): OwnedSheetPlan {
  const teamHeaders = [
    'Team',
    'Workbook',
    'Read',
    'Objectives Red',
    'Objectives Amber',
    'Objectives Green',
    'Objectives Grey',
    'Items Red',
    'Items Amber',
    'Items Green',
    'Items Grey',
    'Stale',
    'Flagged',
    'Data errors',
    'Value at stake',
    'Latest check-in',
    'Data age (days)',
  ];
  const teams: OwnedSheetPlan = {
    sheetName: PORTFOLIO_SHEETS.teams,
    headers: teamHeaders,
    rows: views.teams.map((t): OutValue[] => [
      t.info.key,
      t.info.label,
      t.unavailable === null ? 'yes' : `no: ${t.unavailable}`,
      t.objectives.Red,
      t.objectives.Amber,
      t.objectives.Green,
      t.objectives.Grey,
      t.work.Red,
      t.work.Amber,
      t.work.Green,
      t.work.Grey,
      t.stale,
      t.flagged,
      t.errors,
      t.valueAtStake || null,
      t.latestCheckIn,
      t.dataAgeDays,
    ]),
    links: views.teams.map(() => null),
    styles: views.teams.map((t): CellStyle | null =>
      t.unavailable !== null
        ? 'bad'
        : t.objectives.Red + t.work.Red > 0
          ? 'bad'
          : t.objectives.Amber + t.work.Amber > 0
            ? 'neutral'
            : 'good',
    ),
    widths: [9, 22, 16, ...new Array<number>(teamHeaders.length - 3).fill(11)],
  };
  return teams;
}

/** Which team's slips push which team's dates, the pushes listed, and every cross-team link. */
function pushesSheet(views: PortfolioViews, fileOf: (key: string) => string): OwnedSheetPlan {
  // Upstream teams down the side, downstream teams across: what each team's slips do to each other's dates.
  const keys = views.teams.map((t) => t.info.key);
  const atRisk = new Map<string, number>();
  for (const l of views.links)
    if (dependencyAtRisk(l.link))
      atRisk.set(`${l.fromTeam}>${l.toTeam}`, (atRisk.get(`${l.fromTeam}>${l.toTeam}`) ?? 0) + 1);
  const cellOf = (from: string, to: string): OutValue => {
    const p = views.pushes.find((x) => x.from === from && x.to === to);
    const risky = atRisk.get(`${from}>${to}`) ?? 0;
    if (!p && risky === 0) return null;
    const value = p && p.valueExposed > 0 ? `, ${p.valueExposed.toLocaleString('en-US')} exposed` : '';
    const pushed = p ? `${p.items.length} pushed, up to ${p.maxDays} d` : null;
    const links = risky > 0 ? `${risky} link${risky === 1 ? '' : 's'} at risk` : null;
    return `${[pushed, links].filter(Boolean).join(', ')}${value}`;
  };
  const matrixRows: OutValue[][] = keys.map((from) => [
    from,
    ...keys.map((to) => (from === to ? '—' : cellOf(from, to))),
  ]);
  const listHeader: OutValue[] = [
    'Upstream team',
    'Downstream team',
    'Items pushed',
    'Most days',
    'Value exposed',
    'Items',
    'Links at risk',
  ];
  const listRows: OutValue[][] = views.pushes.map((p) => [
    p.from,
    p.to,
    p.items.length,
    p.maxDays,
    p.valueExposed || null,
    p.items.join(', '),
    p.atRisk,
  ]);
  // Every cross-team link, with the columns its row on the member's Dependencies sheet has.
  const linkHeader: OutValue[] = [...CROSS_LINK_HEADERS];
  const day = (iso: string | null): OutValue => (iso === null ? null : { day: dayFromISO(iso)! });
  const linkRows: OutValue[][] = views.links.map((l) => [
    l.link.health,
    l.link.upstream,
    l.link.downstream,
    l.fromTeam,
    l.toTeam,
    l.link.slackDays,
    l.link.pushDays,
    day(l.link.latestFinish),
    day(l.link.upstreamForecast),
    day(l.link.neededBy),
    day(l.link.committed),
    l.link.status,
    l.link.flags.map((f) => f.code).join('; ') || null,
    l.impact || null,
    `[${fileOf(l.team).split('/').pop()}]${l.sheet}!${l.cell}`,
  ]);
  const blocks = [...matrixRows, [], listHeader, ...listRows, [], linkHeader, ...linkRows];
  const linksFrom = blocks.length - linkRows.length;
  const pushes: OwnedSheetPlan = {
    sheetName: PORTFOLIO_SHEETS.pushes,
    headers: ['Slips of ↓ push dates of →', ...keys],
    rows: blocks,
    links: blocks.map((_, r) => {
      const l = r >= linksFrom ? views.links[r - linksFrom] : undefined;
      return l
        ? {
            column: CROSS_LINK_HEADERS.length - 1,
            target: { file: fileOf(l.team), target: { sheet: l.sheet, cell: l.cell } },
          }
        : null;
    }),
    styles: blocks.map((_, r) => (r >= linksFrom ? HEALTH_STYLE[views.links[r - linksFrom].link.health] : null)),
    // The matrix's columns hold sentences; those only the links' block reaches hold figures.
    widths: [
      26,
      ...Array.from({ length: Math.max(keys.length, CROSS_LINK_HEADERS.length - 1) }, (_, i) =>
        i < keys.length ? 30 : 16,
      ),
    ],
  };
  return pushes;
}

/** `fileOf` gives, for a member key, its workbook as a path relative to the workbook being written. */
export function portfolioSheets(views: PortfolioViews, fileOf: (key: string) => string): OwnedSheetPlan[] {
  return [risksSheet(views, fileOf), teamsSheet(views), pushesSheet(views, fileOf)];
}
