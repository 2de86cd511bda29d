// The portfolio's views as sheets Throughline owns: in the portfolio workbook (--portfolio-out) and
// in the hub. Links point into each member's workbook at the row concerned.
import type { CellStyle, ExternalLink, OwnedSheetPlan, OutValue } from '../engine';
import { SEVERITY_STYLE } from '../engine';
import type { PortfolioViews } from './views';

export const PORTFOLIO_SHEETS = {
  risks: 'Portfolio Risks',
  teams: 'Portfolio Teams',
  pushes: 'Portfolio Dependencies',
} as const;

/** `fileOf` gives, for a member key, its workbook as a path relative to the workbook being written. */
export function portfolioSheets(views: PortfolioViews, fileOf: (key: string) => string): OwnedSheetPlan[] {
  const riskHeaders = [
    'Severity',
    'Team',
    'Workbook',
    'Item',
    'Name',
    'Kind',
    'Health',
    'Issue',
    'Details',
    'Owner',
    'Value exposed',
    'Go to',
  ];
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

  // Upstream teams down the side, downstream teams across: what each team's slips do to each other's dates.
  const keys = views.teams.map((t) => t.info.key);
  const cellOf = (from: string, to: string): OutValue => {
    const p = views.pushes.find((x) => x.from === from && x.to === to);
    if (!p) return null;
    const value = p.valueExposed > 0 ? `, ${p.valueExposed.toLocaleString('en-US')} exposed` : '';
    return `${p.items.length} pushed, up to ${p.maxDays} d${value}`;
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
  ];
  const listRows: OutValue[][] = views.pushes.map((p) => [
    p.from,
    p.to,
    p.items.length,
    p.maxDays,
    p.valueExposed || null,
    p.items.join(', '),
  ]);
  const pushes: OwnedSheetPlan = {
    sheetName: PORTFOLIO_SHEETS.pushes,
    headers: ['Slips of ↓ push dates of →', ...keys],
    rows: [...matrixRows, [], listHeader, ...listRows],
    links: [...matrixRows, [], listHeader, ...listRows].map(() => null),
    styles: [...matrixRows, [], listHeader, ...listRows].map(() => null),
    widths: [26, ...keys.map(() => 30)],
  };
  return [risks, teams, pushes];
}
