// The ledger blocks of the plan over time, right of the owned-sheets list: each item's recorded plans
// (first recorded, then one per labelled baseline), the labelled baselines in the order they were set,
// the items of the baseline that have gone, and the forecast history as change points with the list
// of as-of dates refreshed. Rows this code cannot read are dropped, as for the rest of the ledger.
import type { CellValue, Day, Health, ItemKind, LedgerBlock, OutValue } from '../types';
import { isoFromDay, parseNumber, parseText, readDay } from '../parse/values';
import { decodePlan, encodePlan, KIND_CODES, kindFromCode, type PlanRecord } from './plan-record';

/** Column offsets (0-based) of each block; one blank column between blocks. */
export const PLAN_OFFSET = 23;
export const PLAN_HEADERS = ['Plan item', 'Kind', 'Name', 'Baseline', 'Set on', 'Plan'];
export const BASELINES_OFFSET = PLAN_OFFSET + PLAN_HEADERS.length + 1;
export const BASELINES_HEADERS = ['Baseline set', 'Set on'];
export const REMOVED_OFFSET = BASELINES_OFFSET + BASELINES_HEADERS.length + 1;
export const REMOVED_HEADERS = ['Removed item', 'Last health', 'Last seen'];
export const TREND_OFFSET = REMOVED_OFFSET + REMOVED_HEADERS.length + 1;
export const TREND_HEADERS = ['Trend item', 'As of', 'Forecast', 'Attainment'];
export const REFRESHED_OFFSET = TREND_OFFSET + TREND_HEADERS.length + 1;
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
function number(v: CellValue | undefined): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v === null || v === undefined || v === '') return null;
  const r = parseNumber(v);
  return r.ok ? r.value : null;
}

const hasBlock = (grid: CellValue[][], offset: number, headers: string[]) => grid[0]?.[offset] === headers[0];

export function emptyStore(): BaselineStore {
  return { plans: new Map(), baselines: [], removed: new Map(), trend: new Map(), refreshed: [] };
}

export function readStore(grid: CellValue[][] | null | undefined, date1904: boolean): BaselineStore {
  const store = emptyStore();
  if (!grid || grid.length < 2) return store;
  const day = (v: CellValue | undefined) => (v === null || v === undefined || v === '' ? null : readDay(v, date1904));
  const plans = hasBlock(grid, PLAN_OFFSET, PLAN_HEADERS);
  const baselines = hasBlock(grid, BASELINES_OFFSET, BASELINES_HEADERS);
  const removed = hasBlock(grid, REMOVED_OFFSET, REMOVED_HEADERS);
  const trend = hasBlock(grid, TREND_OFFSET, TREND_HEADERS);
  const refreshed = hasBlock(grid, REFRESHED_OFFSET, REFRESHED_HEADERS);
  const seenAsOf = new Set<Day>();
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (plans) readPlanRow(row, store, day);
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
    if (trend) {
      const id = text(row[TREND_OFFSET]);
      const asOf = day(row[TREND_OFFSET + 1]);
      if (id !== null && asOf !== null) {
        const point = { asOf, forecast: day(row[TREND_OFFSET + 2]), attainment: number(row[TREND_OFFSET + 3]) };
        const list = store.trend.get(id);
        if (list) list.push(point);
        else store.trend.set(id, [point]);
      }
    }
    if (refreshed) {
      const d = day(row[REFRESHED_OFFSET]);
      if (d !== null) seenAsOf.add(d);
    }
  }
  for (const list of store.trend.values()) list.sort((a, b) => a.asOf - b.asOf);
  store.refreshed = [...seenAsOf].sort((a, b) => a - b);
  return store;
}

function readPlanRow(row: CellValue[], store: BaselineStore, day: (v: CellValue | undefined) => Day | null): void {
  const id = text(row[PLAN_OFFSET]);
  const kind = kindFromCode(row[PLAN_OFFSET + 1]);
  const setOn = day(row[PLAN_OFFSET + 4]);
  const encoded = row[PLAN_OFFSET + 5];
  const plan = typeof encoded === 'string' ? decodePlan(encoded) : null;
  if (id === null || kind === null || setOn === null || plan === null) return;
  const entry: PlanEntry = {
    id,
    kind,
    name: text(row[PLAN_OFFSET + 2]) ?? id,
    label: text(row[PLAN_OFFSET + 3]),
    setOn,
    plan,
  };
  const list = store.plans.get(id);
  if (list) list.push(entry);
  else store.plans.set(id, [entry]);
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The blocks as ledger cells, in a fixed order so identical stores write identical sheets. */
export function storeBlocks(store: BaselineStore): LedgerBlock[] {
  const ids = [...store.plans.keys()].sort(byId);
  const planRows: OutValue[][] = [];
  for (const id of ids)
    for (const e of store.plans.get(id)!)
      planRows.push([e.id, KIND_CODES[e.kind], e.name, e.label, isoFromDay(e.setOn), encodePlan(e.plan)]);
  const removedRows: OutValue[][] = [...store.removed.keys()].sort(byId).map((id) => {
    const r = store.removed.get(id)!;
    return [id, r.lastHealth, r.lastSeen === null ? null : isoFromDay(r.lastSeen)];
  });
  const trendRows: OutValue[][] = [];
  for (const id of [...store.trend.keys()].sort(byId))
    for (const p of store.trend.get(id)!)
      trendRows.push([id, { day: p.asOf }, p.forecast === null ? null : { day: p.forecast }, p.attainment]);
  return [
    { column: PLAN_OFFSET, headers: PLAN_HEADERS, rows: planRows },
    {
      column: BASELINES_OFFSET,
      headers: BASELINES_HEADERS,
      rows: store.baselines.map((b) => [b.label, isoFromDay(b.setOn)]),
    },
    { column: REMOVED_OFFSET, headers: REMOVED_HEADERS, rows: removedRows },
    { column: TREND_OFFSET, headers: TREND_HEADERS, rows: trendRows },
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
