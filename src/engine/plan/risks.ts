// The Risks sheet: one row per flag or non-green item, plus data errors, worst first, each linked to its source.
import type {
  CellStyle,
  Health,
  OutValue,
  RemovedItem,
  RisksPlan,
  Severity,
  SheetLink,
  ValidationError,
} from '../types';
import type { ItemState } from '../compute/state';
import type { ImpactIndex } from '../compute/impact';
import { a1 } from '../recognise/locate';
import { RISKS_SHEET } from '../recognise/names';
import { SEVERITY_STYLE } from '../palette';
import type { Change, ChangeSet } from '../changes';
import { LINK_FLAG_CODES, linkRiskCells, type LinkRisk } from './link-risks';

export const RISKS_HEADERS = [
  'Severity',
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
const LINK_COLUMN = RISKS_HEADERS.indexOf('Go to');

const HEALTH_SEVERITY: Readonly<Record<Exclude<Health, 'Green'>, Severity>> = {
  Red: 'high',
  Amber: 'warn',
  Grey: 'info',
};
const HEALTH_ISSUE: Readonly<Record<Exclude<Health, 'Green'>, string>> = {
  Red: 'Red health',
  Amber: 'Amber health',
  Grey: 'Grey health',
};
const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { high: 0, warn: 1, info: 2 };

interface RiskRow {
  severity: Severity;
  value: number;
  order: number;
  cells: OutValue[];
  /** Where the Go to cell leads; one object for every row of an item. */
  link: { column: number; target: SheetLink } | null;
}

const linkTo = (target: SheetLink) => ({ column: LINK_COLUMN, target });

/** A change the settings made is named as such: for governance, moved goalposts are not progress. */
function changeIssue(change: Change, since: string | null): string {
  if (change.cause === 'settings') return `changed by settings since ${since}`;
  if (change.cause === 'both') return `changed since ${since} (data and settings)`;
  return `changed since ${since}`;
}

function changeDetails(change: Change, moved: string[]): string {
  if (change.cause === 'settings') return `${change.summary}: the settings changed (${moved.join('; ')}), not the data`;
  if (change.cause === 'both') return `${change.summary}: the data and the settings changed (${moved.join('; ')})`;
  return change.summary;
}

const KIND_WORD = { objective: 'Objective', kpi: 'KPI', initiative: 'Initiative' } as const;

export function risksPlan(
  states: Iterable<ItemState>,
  index: ImpactIndex,
  errors: ValidationError[],
  itemColumn: (st: ItemState) => number,
  changes: ChangeSet = { since: null, at: null, changes: [] },
  links: LinkRisk[] = [],
  removed: RemovedItem[] = [],
): RisksPlan {
  const rows: RiskRow[] = [];
  let order = 0;
  const changeOf = new Map(changes.changes.map((c) => [c.id, c]));
  for (const st of states) {
    const row = st.row;
    // The target, its text and the value are shared by every row of the item, and made only when it has one.
    let link: RiskRow['link'] = null;
    let goTo = '';
    let value = 0;
    const base = (severity: Severity, issue: string, details: string): RiskRow => {
      if (link === null) {
        const cell = a1(row.src.row, itemColumn(st));
        link = linkTo({ sheet: row.src.sheet, cell });
        goTo = `${row.src.sheet}!${cell}`;
        value = index.impactOf(st.id).valueExposed;
      }
      return {
        severity,
        value,
        order: order++,
        link,
        cells: [
          severity,
          st.id,
          row.name,
          KIND_WORD[st.kind],
          st.health,
          issue,
          details,
          row.owner,
          value || null,
          goTo,
        ],
      };
    };
    if (st.health !== 'Green')
      rows.push(base(HEALTH_SEVERITY[st.health], HEALTH_ISSUE[st.health], st.drivers.join('; ')));
    // Link flags reach the item too, but the Risks sheet lists them once, on the link's own row.
    for (const f of st.flags) if (!LINK_FLAG_CODES.has(f.code)) rows.push(base(f.severity, f.code, f.message));
    const change = changeOf.get(st.id);
    if (change)
      rows.push(
        base(change.severity, changeIssue(change, changes.since), changeDetails(change, changes.settingsMoved ?? [])),
      );
  }
  for (const l of links) {
    const cells = linkRiskCells(l);
    if (cells) rows.push({ ...cells, value: l.value, order: order++, link: linkTo(l.target) });
  }
  // An item of the baseline that has gone has no row to go to: the row says what it was instead.
  for (const r of removed) {
    const severity: Severity = r.lastHealth === 'Red' || r.lastHealth === 'Amber' ? 'high' : 'warn';
    rows.push({
      severity,
      value: 0,
      order: order++,
      link: null,
      cells: [
        severity,
        r.id,
        r.name,
        KIND_WORD[r.kind],
        r.lastHealth,
        'removed-since-baseline',
        r.message,
        null,
        null,
        null,
      ],
    });
  }
  for (const e of errors) {
    rows.push({
      severity: 'warn',
      value: 0,
      order: order++,
      link: linkTo({ sheet: e.sheet, cell: e.cell }),
      cells: ['warn', null, null, 'Data error', null, e.code, e.message, null, null, `${e.sheet}!${e.cell}`],
    });
  }
  // Worst first: severity, then value exposed, then the order found (numbers only in the comparison).
  const rank = new Int8Array(rows.length);
  rows.forEach((r, i) => {
    r.order = i;
    rank[i] = SEVERITY_ORDER[r.severity];
  });
  rows.sort((a, b) => rank[a.order] - rank[b.order] || b.value - a.value || a.order - b.order);
  return {
    sheetName: RISKS_SHEET,
    headers: RISKS_HEADERS,
    rows: rows.map((r) => r.cells),
    links: rows.map((r) => r.link),
    styles: rows.map((r): CellStyle | null => SEVERITY_STYLE[r.severity]),
  };
}
