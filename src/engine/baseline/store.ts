// The ledger blocks of the plan over time, right of the owned-sheets list. They must stay small: a
// workbook of 16,000 items is refreshed every week for years. So each item is one row of three cells:
// its ID; its plans (kind and name, then one line per recorded plan: the first recorded, then one per
// labelled baseline); its forecast history as change points. Beside them: the labelled baselines in the
// order they were set, the items of the baseline that have gone, and the as-of dates refreshed. The
// text formats are in docs/decisions.md; rows this code cannot read are dropped, as in the rest of
// the ledger.
import type { CellValue, Day, Health, ItemKind, LedgerBlock, OutValue } from '../types';
import { isoFromDay, parseText, readDay } from '../parse/values';
import { KIND_CODES, kindFromCode, planFields, planFromFields, type PlanRecord } from './plan-record';

/** Column offsets (0-based) of each block; one blank column between blocks. */
export const PLAN_OFFSET = 23;
export const PLAN_HEADERS = ['Plan item', 'Plans', 'Forecast history'];
export const BASELINES_OFFSET = PLAN_OFFSET + PLAN_HEADERS.length + 1;
export const BASELINES_HEADERS = ['Baseline set', 'Set on'];
export const REMOVED_OFFSET = BASELINES_OFFSET + BASELINES_HEADERS.length + 1;
export const REMOVED_HEADERS = ['Removed item', 'Last health', 'Last seen'];
export const REFRESHED_OFFSET = REMOVED_OFFSET + REMOVED_HEADERS.length + 1;
export const REFRESHED_HEADERS = ['Refreshed as of'];
/** Every column the ledger's blocks use, for hosts that read the ledger column by column. */
export const LEDGER_WIDTH = REFRESHED_OFFSET + REFRESHED_HEADERS.length;

export interface PlanEntry {
  id: string;
  kind: ItemKind;
  name: string;
  /** Null: the plan as first recorded. */
  label: string | null;
  setOn: Day;
  plan: PlanRecord;
}

export interface BaselineSet {
  label: string;
  setOn: Day;
}

export interface RemovedEntry {
  lastHealth: Health | null;
  lastSeen: Day | null;
}

/** A change point: the value from this as-of date until the next point. */
export interface TrendPoint {
  asOf: Day;
  forecast: Day | null;
  attainment: number | null;
}

export interface BaselineStore {
  plans: Map<string, PlanEntry[]>;
  /** Oldest first; the last is the one compared against. */
  baselines: BaselineSet[];
  removed: Map<string, RemovedEntry>;
  trend: Map<string, TrendPoint[]>;
  /** Sorted, distinct. */
  refreshed: Day[];
}

const HEALTHS = new Set(['Green', 'Amber', 'Red', 'Grey']);

function text(v: CellValue | undefined): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (v === null || v === undefined) return null;
  const r = parseText(v);
  return r.ok ? r.value : null;
}

// Names, labels and IDs may hold any character: "\" , "|" and line breaks are escaped in the plans cell.
const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\p').replace(/\r?\n/g, '\\n');
const unescape = (s: string) => s.replace(/\\(\\|p|n)/g, (_, c: string) => (c === 'p' ? '|' : c === 'n' ? '\n' : '\\'));

/** "20260331": compact, and the same day whatever date system the workbook counts in. */
const compactDay = (d: Day) => isoFromDay(d).replace(/-/g, '');
function dayOfCompact(s: string): Day | null | undefined {
  if (s === '') return null;
  if (!/^\d{8}$/.test(s)) return undefined;
  const d = Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
  return Number.isFinite(d) ? Math.round(d / 86_400_000) : undefined;
}

const hasBlock = (grid: CellValue[][], offset: number, headers: string[]) => grid[0]?.[offset] === headers[0];

export function emptyStore(): BaselineStore {
  return { plans: new Map(), baselines: [], removed: new Map(), trend: new Map(), refreshed: [] };
}

/** "I|ERP cut-over" then a line per plan: "label|2026-03-31|start|due|target|baseline|direction|weight|value|parent". */
export function encodePlans(entries: PlanEntry[]): string {
  const first = entries[0];
  const lines = [`${KIND_CODES[first.kind]}|${escape(first.name)}`];
  for (const e of entries)
    lines.push([escape(e.label ?? ''), isoFromDay(e.setOn), ...planFields(e.plan).map(escape)].join('|'));
  return lines.join('\n');
}

export function decodePlans(id: string, cell: string): PlanEntry[] {
  const lines = cell.split('\n');
  const [kindCode, ...nameParts] = lines[0].split('|');
  const kind = kindFromCode(kindCode);
  if (kind === null || nameParts.length !== 1) return [];
  const name = unescape(nameParts[0]) || id;
  const entries: PlanEntry[] = [];
  for (const line of lines.slice(1)) {
    const parts = line.split('|').map(unescape);
    if (parts.length !== 10) continue;
    const setOn = readDay(parts[1], false);
    const plan = planFromFields(parts.slice(2));
    if (setOn === null || plan === null) continue;
    entries.push({ id, kind, name, label: parts[0] === '' ? null : parts[0], setOn, plan });
  }
  return entries;
}

/** "20260302=20260515;20260316=20260529" (a forecast finish) or "20260302:0.5" (a KPI's attainment). */
export function encodeTrend(points: TrendPoint[]): string {
  return points
    .map((p) =>
      p.attainment !== null
        ? `${compactDay(p.asOf)}:${p.attainment}`
        : `${compactDay(p.asOf)}=${p.forecast === null ? '' : compactDay(p.forecast)}`,
    )
    .join(';');
}

export function decodeTrend(cell: string): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const part of cell.split(';')) {
    const m = /^(\d{8})([=:])(.*)$/.exec(part.trim());
    if (!m) continue;
    const asOf = dayOfCompact(m[1]);
    if (asOf === null || asOf === undefined) continue;
    if (m[2] === '=') {
      const forecast = dayOfCompact(m[3]);
      if (forecast !== undefined) points.push({ asOf, forecast, attainment: null });
    } else {
      const n = m[3] === '' ? null : Number(m[3]);
      if (n === null || Number.isFinite(n)) points.push({ asOf, forecast: null, attainment: n });
    }
  }
  return points.sort((a, b) => a.asOf - b.asOf);
}

export function readStore(grid: CellValue[][] | null | undefined, date1904: boolean): BaselineStore {
  const store = emptyStore();
  if (!grid || grid.length < 2) return store;
  const day = (v: CellValue | undefined) => (v === null || v === undefined || v === '' ? null : readDay(v, date1904));
  const plans = hasBlock(grid, PLAN_OFFSET, PLAN_HEADERS);
  const baselines = hasBlock(grid, BASELINES_OFFSET, BASELINES_HEADERS);
  const removed = hasBlock(grid, REMOVED_OFFSET, REMOVED_HEADERS);
  const refreshed = hasBlock(grid, REFRESHED_OFFSET, REFRESHED_HEADERS);
  const seenAsOf = new Set<Day>();
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (plans) {
      const id = text(row[PLAN_OFFSET]);
      const cell = row[PLAN_OFFSET + 1];
      if (id !== null && typeof cell === 'string') {
        const entries = decodePlans(id, cell);
        if (entries.length > 0) store.plans.set(id, entries);
        const trend = row[PLAN_OFFSET + 2];
        if (typeof trend === 'string' && trend !== '') store.trend.set(id, decodeTrend(trend));
      }
    }
    if (baselines) {
      const label = text(row[BASELINES_OFFSET]);
      const setOn = day(row[BASELINES_OFFSET + 1]);
      if (label !== null && setOn !== null) store.baselines.push({ label, setOn });
    }
    if (removed) {
      const id = text(row[REMOVED_OFFSET]);
      const health = text(row[REMOVED_OFFSET + 1]);
      if (id !== null)
        store.removed.set(id, {
          lastHealth: health !== null && HEALTHS.has(health) ? (health as Health) : null,
          lastSeen: day(row[REMOVED_OFFSET + 2]),
        });
    }
    if (refreshed) {
      const d = day(row[REFRESHED_OFFSET]);
      if (d !== null) seenAsOf.add(d);
    }
  }
  store.refreshed = [...seenAsOf].sort((a, b) => a - b);
  return store;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The blocks as ledger cells, in a fixed order so identical stores write identical sheets. */
export function storeBlocks(store: BaselineStore): LedgerBlock[] {
  const ids = [...new Set([...store.plans.keys(), ...store.trend.keys()])].sort(byId);
  const planRows: OutValue[][] = [];
  for (const id of ids) {
    const entries = store.plans.get(id);
    const trend = store.trend.get(id);
    if (!entries || entries.length === 0) continue;
    planRows.push([id, encodePlans(entries), trend && trend.length > 0 ? encodeTrend(trend) : null]);
  }
  const removedRows: OutValue[][] = [...store.removed.keys()].sort(byId).map((id) => {
    const r = store.removed.get(id)!;
    return [id, r.lastHealth, r.lastSeen === null ? null : isoFromDay(r.lastSeen)];
  });
  return [
    { column: PLAN_OFFSET, headers: PLAN_HEADERS, rows: planRows },
    {
      column: BASELINES_OFFSET,
      headers: BASELINES_HEADERS,
      rows: store.baselines.map((b) => [b.label, isoFromDay(b.setOn)]),
    },
    { column: REMOVED_OFFSET, headers: REMOVED_HEADERS, rows: removedRows },
    { column: REFRESHED_OFFSET, headers: REFRESHED_HEADERS, rows: store.refreshed.map((d) => [{ day: d }]) },
  ];
}

/**
 * The plan blocks of a ledger, written back as they were read: a portfolio refresh judges the teams
 * together, but each team's baselines and forecast history stay its own and are kept unchanged.
 */
export function keptPlanBlocks(grid: CellValue[][] | null | undefined, date1904: boolean): LedgerBlock[] {
  return storeBlocks(readStore(grid, date1904));
}
