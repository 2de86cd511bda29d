// The ledger blocks of the plan over time, right of the owned-sheets list. They must stay small: a
// workbook of 16,000 items is refreshed every week for years. So each item is one row of three cells:
// its ID; its plans (kind and name, then one line per recorded plan: the first recorded, then one per
// labelled baseline); its forecast history as change points. Beside them: the labelled baselines in the
// order they were set, the items of the baseline that have gone, and the as-of dates refreshed. The
// text formats are in docs/decisions.md; rows this code cannot read are dropped, as in the rest of
// the ledger.
import type { CellValue, Day, Health, ItemKind, LedgerBlock, OutValue } from '../types';
import { dayFromISO, isoFromDay, parseText, readDay } from '../parse/values';
import { flat } from '../flat-text';
import { compactDay as cachedCompactDay, dayOfCompact as validCompactDay } from '../parse/compact-day';
import { KIND_CODES, kindFromCode, planFromFields, type PlanRecord } from './plan-record';

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
  /**
   * The plan as its escaped fields joined by "|": kept as text, because a refresh compares it with
   * the item's plan as text and decodes it only when they differ.
   */
  fields: string;
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
  /** The plans cell as read, written back as it was unless the item's plans changed. */
  rawPlans: Map<string, string>;
  /** Items read from the ledger whose plans changed in this refresh (a new item has no cell to keep). */
  changed: Set<string>;
  /** Oldest first; the last is the one compared against. */
  baselines: BaselineSet[];
  removed: Map<string, RemovedEntry>;
  /** Each item's change points, encoded (see encodeTrend): most refreshes append to it or leave it. */
  trend: Map<string, string>;
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
const escape = (s: string) =>
  /[\\|\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\|/g, '\\p').replace(/\r?\n/g, '\\n') : s;
const unescape = (s: string) =>
  s.indexOf('\\') < 0 ? s : s.replace(/\\(\\|p|n)/g, (_, c: string) => (c === 'p' ? '|' : c === 'n' ? '\n' : '\\'));

/** The eight fields of fieldsOf, reused: joined, they make the text flat in one piece. */
const FIELDS: string[] = ['', '', '', '', '', '', '', ''];
const fieldDate = (d: Day | null) => (d === null ? '' : isoFromDay(d));
const fieldNumber = (x: number | null) => (x === null ? '' : String(x));

/** A plan as the text the plans cell holds for it. */
export function fieldsOf(plan: PlanRecord): string {
  // The same text as planFields(plan).map(escape).join('|'): dates, numbers and the direction never
  // hold a character to escape, so only the parent is escaped. It is kept (every item's, to the end of
  // the refresh), so it is made by one join, flat, rather than as a template's tree of fifteen pieces
  // that is then copied flat (about 600 bytes of garbage an item).
  const p = plan;
  FIELDS[0] = fieldDate(p.start);
  FIELDS[1] = fieldDate(p.due);
  FIELDS[2] = fieldNumber(p.target);
  FIELDS[3] = fieldNumber(p.baseline);
  FIELDS[4] = p.direction ?? '';
  FIELDS[5] = fieldNumber(p.weight);
  FIELDS[6] = fieldNumber(p.valueAtStake);
  FIELDS[7] = p.parent === null ? '' : escape(p.parent);
  return FIELDS.join('|');
}

export function planOfFields(fields: string): PlanRecord | null {
  return planFromFields(fields.split('|').map(unescape));
}

/** "20260331": compact, and the same day whatever date system the workbook counts in. */
// Years 0–9999 (every date a workbook holds) as the shared cache makes them; others as ever.
const compactDay = (d: Day) => {
  const iso = isoFromDay(d);
  return iso.length === 10 ? cachedCompactDay(d) : iso.replace(/-/g, '');
};
function dayOfCompact(s: string): Day | null | undefined {
  if (s === '') return null;
  // A real day of a year from 100 on (every day this code writes): the shared cache's answer is the
  // one Date.UTC gives. Anything else (years 0–99, month 13) as ever, through Date.UTC.
  const known = validCompactDay(s);
  if (known !== undefined && known !== null && !(s.charCodeAt(0) === 48 && s.charCodeAt(1) === 48)) return known;
  if (!/^\d{8}$/.test(s)) return undefined;
  const d = Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
  return Number.isFinite(d) ? Math.round(d / 86_400_000) : undefined;
}

const hasBlock = (grid: CellValue[][], offset: number, headers: string[]) => grid[0]?.[offset] === headers[0];

export function emptyStore(): BaselineStore {
  return {
    plans: new Map(),
    rawPlans: new Map(),
    changed: new Set(),
    baselines: [],
    removed: new Map(),
    trend: new Map(),
    refreshed: [],
  };
}

/** "I|ERP cut-over" then a line per plan: "label|2026-03-31|start|due|target|baseline|direction|weight|value|parent". */
export function encodePlans(entries: PlanEntry[]): string {
  const first = entries[0];
  let out = `${KIND_CODES[first.kind]}|${escape(first.name)}`;
  for (const e of entries) out += `\n${escape(e.label ?? '')}|${isoFromDay(e.setOn)}|${e.fields}`;
  return out;
}

export function decodePlans(id: string, cell: string): PlanEntry[] {
  let end = cell.indexOf('\n');
  const head = end < 0 ? cell : cell.slice(0, end);
  const bar = head.indexOf('|');
  const kind = bar < 0 ? null : kindFromCode(head.slice(0, bar));
  if (kind === null) return [];
  const name = unescape(head.slice(bar + 1)) || id;
  const entries: PlanEntry[] = [];
  // One line per plan; its fields stay text until a refresh needs their values (planOfFields checks them).
  while (end >= 0) {
    const from = end + 1;
    end = cell.indexOf('\n', from);
    const line = end < 0 ? cell.slice(from) : cell.slice(from, end);
    const a = line.indexOf('|');
    const b = line.indexOf('|', a + 1);
    if (a < 0 || b < 0) continue;
    const setOn = dayFromISO(line.slice(a + 1, b));
    if (setOn === null) continue;
    const label = unescape(line.slice(0, a));
    entries.push({ id, kind, name, label: label === '' ? null : label, setOn, fields: line.slice(b + 1) });
  }
  return entries;
}

const encodePoint = (p: TrendPoint) => encodeValues(p.asOf, p.forecast, p.attainment);

/** One change point's text from its three values (no point object needed). */
export const encodeValues = (asOf: Day, forecast: Day | null, attainment: number | null) =>
  attainment !== null
    ? `${compactDay(asOf)}:${attainment}`
    : `${compactDay(asOf)}=${forecast === null ? '' : compactDay(forecast)}`;

/** Eight digits, "=" or ":", then anything but a line break: what /^(\d{8})([=:])(.*)$/ matches, without it. */
function pointShape(s: string): boolean {
  if (s.length < 9) return false;
  for (let i = 0; i < 8; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const sep = s.charCodeAt(8);
  if (sep !== 61 && sep !== 58) return false;
  for (let i = 9; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
  }
  return true;
}

function decodePoint(part: string): TrendPoint | null {
  const s = part.trim();
  if (!pointShape(s)) return null;
  const asOf = dayOfCompact(s.slice(0, 8));
  if (asOf === null || asOf === undefined) return null;
  const rest = s.slice(9);
  if (s.charCodeAt(8) === 61) {
    const forecast = dayOfCompact(rest);
    return forecast === undefined ? null : { asOf, forecast, attainment: null };
  }
  const n = rest === '' ? null : Number(rest);
  return n === null || Number.isFinite(n) ? { asOf, forecast: null, attainment: n } : null;
}

/** "20260302=20260515;20260316=20260529" (a forecast finish) or "20260302:0.5" (a KPI's attainment). */
export function encodeTrend(points: TrendPoint[]): string {
  return points.map(encodePoint).join(';');
}

export function decodeTrend(cell: string): TrendPoint[] {
  const points: TrendPoint[] = [];
  for (const part of cell.split(';')) {
    const p = decodePoint(part);
    if (p) points.push(p);
  }
  return points.sort((a, b) => a.asOf - b.asOf);
}

/** The last change point, read without decoding the rest. */
export function lastPoint(cell: string): TrendPoint | null {
  return decodePoint(cell.slice(cell.lastIndexOf(';') + 1));
}

/** The first change point's date, read without decoding the rest. */
export function firstPointDay(cell: string): Day | null {
  return dayOfCompact(cell.slice(0, 8)) ?? null;
}

export function appendPoint(cell: string, p: TrendPoint): string {
  return cell === '' ? encodePoint(p) : `${cell};${encodePoint(p)}`;
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
        if (entries.length > 0) {
          store.plans.set(id, entries);
          store.rawPlans.set(id, cell);
        }
        const trend = row[PLAN_OFFSET + 2];
        if (typeof trend === 'string' && trend !== '') store.trend.set(id, trend);
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
  // The default order of strings is byId's (UTF-16 code units), without a call into a comparator.
  const ids = [...store.plans.keys()].sort();
  const planRows: OutValue[][] = [];
  for (const id of ids) {
    const entries = store.plans.get(id)!;
    if (entries.length === 0) continue;
    const raw = store.changed.has(id) ? undefined : store.rawPlans.get(id);
    const trend = store.trend.get(id);
    planRows.push([id, raw ?? flat(encodePlans(entries)), trend ? flat(trend) : null]);
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
