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
import { impactOfItem, type ImpactIndex } from '../compute/impact';
import { RISKS_SHEET } from '../recognise/names';
import { SEVERITY_STYLE } from '../palette';
import type { Change, ChangeSet } from '../changes';
import { flat } from '../flat-text';
import { LINK_FLAG_CODES, linkRiskCells, type LinkRisk } from './link-risks';
import { fitRow } from './cells';

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

/** Where a row's Go to cell leads; one object for every row of an item. */
type RiskLink = { column: number; target: SheetLink } | null;

const linkTo = (target: SheetLink) => ({ column: LINK_COLUMN, target });

/** The rows as they are found, in parallel arrays: no object per row, and the sort moves indices only. */
class RiskRows {
  readonly cells: OutValue[][] = [];
  readonly links: RiskLink[] = [];
  readonly severities: Severity[] = [];
  readonly values: number[] = [];

  /** `cells` is the row's own array: a text too long for a cell is cut in it. */
  add(severity: Severity, value: number, link: RiskLink, cells: OutValue[]): void {
    this.cells.push(fitRow(cells));
    this.links.push(link);
    this.severities.push(severity);
    this.values.push(value);
  }

  /** Worst first: severity, then value exposed, then the order found. */
  sorted(): Omit<RisksPlan, 'sheetName' | 'headers'> {
    const n = this.cells.length;
    const order = worstFirst(this.severities, this.values);
    const rows = new Array<OutValue[]>(n);
    const links = new Array<RiskLink>(n);
    const styles = new Array<CellStyle | null>(n);
    for (let k = 0; k < n; k++) {
      const i = order[k];
      rows[k] = this.cells[i];
      links[k] = this.links[i];
      styles[k] = SEVERITY_STYLE[this.severities[i]];
    }
    return { rows, links, styles };
  }
}

/**
 * The order of rows by severity (high first), then value exposed (largest first), then the order found.
 * A counting sort on (severity, rank of the value among the distinct values): rows share a few values
 * (those of the items' shared reach), so this is two passes over the rows and a sort of a handful of
 * numbers, where a comparison sort called a comparator about a million times for 53,000 rows.
 */
export function worstFirst(severities: readonly Severity[], values: readonly number[]): Uint32Array {
  const n = severities.length;
  const rankOfValue = new Map<number, number>();
  for (let i = 0; i < n; i++) rankOfValue.set(values[i], 0);
  const distinct = [...rankOfValue.keys()].sort((a, b) => b - a);
  for (let r = 0; r < distinct.length; r++) rankOfValue.set(distinct[r], r);
  const width = distinct.length;
  const key = new Uint32Array(n);
  // starts[k + 1] counts the rows of key k; summed, starts[k] is where key k's rows begin.
  const starts = new Uint32Array(3 * width + 1);
  for (let i = 0; i < n; i++) {
    const k = SEVERITY_ORDER[severities[i]] * width + rankOfValue.get(values[i])!;
    key[i] = k;
    starts[k + 1]++;
  }
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[starts[key[i]]++] = i;
  return order;
}

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

/** Whether an item has a row: not Green, a flag of its own (a link flag is listed on the link's row), or a change. */
function hasRows(st: ItemState, change: Change | undefined): boolean {
  if (st.health !== 'Green' || change !== undefined) return true;
  for (const f of st.flags) if (!LINK_FLAG_CODES.has(f.code)) return true;
  return false;
}

/**
 * The rows of one item: its health, its flags and its change, sharing one target, Go to text and value,
 * made once the item is known to have a row (no closure and context per item, as there was).
 */
function itemRows(
  out: RiskRows,
  st: ItemState,
  index: ImpactIndex,
  target: SheetLink,
  change: Change | undefined,
  changes: ChangeSet,
): void {
  if (!hasRows(st, change)) return;
  const link = linkTo(target);
  const goTo = flat(`${target.sheet}!${target.cell}`);
  const value = impactOfItem(index, st).valueExposed;
  if (st.health !== 'Green')
    itemRow(out, st, link, goTo, value, HEALTH_SEVERITY[st.health], HEALTH_ISSUE[st.health], st.drivers.join('; '));
  // Link flags reach the item too, but the Risks sheet lists them once, on the link's own row.
  for (const f of st.flags)
    if (!LINK_FLAG_CODES.has(f.code)) itemRow(out, st, link, goTo, value, f.severity, f.code, f.message);
  if (change) {
    const details = changeDetails(change, changes.settingsMoved ?? []);
    itemRow(out, st, link, goTo, value, change.severity, changeIssue(change, changes.since), details);
  }
}

/** One row of an item, its cells in the order of RISKS_HEADERS. */
function itemRow(
  out: RiskRows,
  st: ItemState,
  link: RiskLink,
  goTo: string,
  value: number,
  severity: Severity,
  issue: string,
  details: string,
): void {
  const row = st.row;
  const cells = [
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
  ];
  out.add(severity, value, link, cells);
}

export function risksPlan(
  states: Iterable<ItemState>,
  index: ImpactIndex,
  errors: ValidationError[],
  /** The ID cell of each item's row, by the item's index in `states`' order. */
  cellOf: (st: ItemState, k: number) => SheetLink,
  changes: ChangeSet = { since: null, at: null, changes: [] },
  links: LinkRisk[] = [],
  removed: RemovedItem[] = [],
): RisksPlan {
  const rows = new RiskRows();
  const changeOf = new Map(changes.changes.map((c) => [c.id, c]));
  let k = -1;
  for (const st of states) {
    k++;
    const change = changeOf.size > 0 ? changeOf.get(st.id) : undefined;
    // Most items are Green with no flag and no change: nothing to make for them.
    if (st.health === 'Green' && st.flags.length === 0 && change === undefined) continue;
    itemRows(rows, st, index, cellOf(st, k), change, changes);
  }
  for (const l of links) {
    const cells = linkRiskCells(l);
    if (cells) rows.add(cells.severity, l.value, linkTo(l.target), cells.cells);
  }
  // An item of the baseline that has gone has no row to go to: the row says what it was instead.
  for (const r of removed) {
    const severity: Severity = r.lastHealth === 'Red' || r.lastHealth === 'Amber' ? 'high' : 'warn';
    const kind = KIND_WORD[r.kind];
    rows.add(severity, 0, null, [
      severity,
      r.id,
      r.name,
      kind,
      r.lastHealth,
      'removed-since-baseline',
      r.message,
      null,
      null,
      null,
    ]);
  }
  for (const e of errors) {
    const cells = ['warn', null, null, 'Data error', null, e.code, e.message, null, null, `${e.sheet}!${e.cell}`];
    rows.add('warn', 0, linkTo({ sheet: e.sheet, cell: e.cell }), cells);
  }
  return { sheetName: RISKS_SHEET, headers: RISKS_HEADERS, ...rows.sorted() };
}
