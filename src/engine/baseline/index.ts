// The plan over time (SPEC §2a): the baseline each item is judged against, the moved-goalposts flag,
// the items of the baseline that are gone, the slip against the baseline Due and the forecast history.
// Reads the ledger's plan blocks, judges this refresh against them and returns the blocks to write.
import type { BaselineRef, Day, ForecastPoint, Health, ItemBaseline, LedgerBlock, RemovedItem } from '../types';
import { plus, type ItemState } from '../compute/state';
import type { MarkEntry } from '../changes';
import { kpiAttainment } from '../compute/work';
import { isoFromDay } from '../parse/values';
import { messages } from '../messages';
import { planOf, type PlanRecord } from './plan-record';
import { movedGoalpostsFlag } from './goalposts';
import {
  appendPoint,
  decodeTrend,
  encodeTrend,
  encodeValues,
  fieldsOf,
  firstPointDay,
  lastPoint,
  planOfFields,
  readStore,
  storeBlocks,
  type BaselineStore,
  type PlanEntry,
} from './store';
import { expandHistory, recordPoint, sameValue, thinDates, thinPoints, THIN_AFTER_DAYS } from './trend';

export interface PlanOverTimeInput {
  states: Map<string, ItemState>;
  /** IDs of rows skipped for bad data: still in the workbook, so neither removed nor re-recorded. */
  skipped: ReadonlySet<string>;
  ledger: unknown[][] | null | undefined;
  date1904: boolean;
  asOf: Day;
  /** `--set-baseline LABEL` / *Set baseline…*: record the current plan under this label. */
  setBaseline?: string | null;
  /** The item marks of the last refresh: an item that has just gone keeps the health it had then. */
  previousMarks: Map<string, MarkEntry>;
  /** A KPI's Target or Baseline with its unit. */
  valueText: (id: string, v: number) => string;
}

export interface PlanOverTime {
  baseline: BaselineRef | null;
  removed: RemovedItem[];
  blocks: LedgerBlock[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function itemBaseline(e: PlanEntry, p: PlanRecord): ItemBaseline {
  const day = (d: Day | null) => (d === null ? null : isoFromDay(d));
  return {
    label: e.label,
    setOn: isoFromDay(e.setOn),
    start: day(p.start),
    due: day(p.due),
    target: p.target,
    baseline: p.baseline,
    direction: p.direction,
    weight: p.weight,
    valueAtStake: p.valueAtStake,
    parent: p.parent,
  };
}

/** The first entry with this label (null: the first record), without a closure per item. */
function entryLabelled(entries: PlanEntry[], label: string | null): PlanEntry | null {
  for (let i = 0; i < entries.length; i++) if (entries[i].label === label) return entries[i];
  return null;
}

/** The entry an item is judged against: the newest labelled baseline holding it, else its first record. */
function comparedEntry(entries: PlanEntry[] | undefined, newest: string | null): PlanEntry | null {
  if (!entries) return null;
  if (newest !== null) {
    const labelled = entryLabelled(entries, newest);
    if (labelled) return labelled;
  }
  return entryLabelled(entries, null);
}

/** This refresh's plan of each item, in the order of `states` (arrays rather than a map of pairs). */
interface PlansNow {
  plans: PlanRecord[];
  fields: string[];
  /** Each item's recorded plans once recordPlans has run: judge() reads them here, not by ID again. */
  entries: PlanEntry[][];
}

function plansNow(states: Map<string, ItemState>): PlansNow {
  const plans: PlanRecord[] = new Array(states.size);
  const fields: string[] = new Array(states.size);
  let i = 0;
  // forEach rather than for-of here and below: no iterator step object per item while unoptimised.
  states.forEach((st) => {
    const plan = planOf(st.row);
    plans[i] = plan;
    fields[i++] = fieldsOf(plan);
  });
  return { plans, fields, entries: new Array(states.size) };
}

/** Records this refresh's plans: first records for new items, and a labelled baseline when asked. */
function recordPlans(
  store: BaselineStore,
  states: Map<string, ItemState>,
  now: PlansNow,
  asOf: Day,
  label: string | null,
): void {
  let i = 0;
  states.forEach((st) => {
    const fields = now.fields[i++];
    const entries = store.plans.get(st.id);
    if (entries && entryLabelled(entries, null) !== null) {
      now.entries[i - 1] = entries;
      return;
    }
    const first: PlanEntry = { id: st.id, kind: st.kind, name: st.row.name, label: null, setOn: asOf, fields };
    // A new item has no plans cell read (rawPlans holds only the items of store.plans), so its cell is
    // made from its entries without being marked changed (every item, on a first refresh).
    if (!entries) store.plans.set(st.id, (now.entries[i - 1] = [first]));
    else {
      (now.entries[i - 1] = entries).unshift(first);
      store.changed.add(st.id);
    }
  });
  if (label === null) return;
  const fieldsOfId = new Map<string, string>();
  i = 0;
  for (const st of states.values()) fieldsOfId.set(st.id, now.fields[i++]);
  // Setting a label again replaces it: one label, one plan, and refreshing twice changes nothing.
  store.baselines = [...store.baselines.filter((b) => b.label !== label), { label, setOn: asOf }];
  for (const [id, entries] of store.plans) {
    const kept = entries.filter((e) => e.label !== label);
    const st = states.get(id);
    if (st) kept.push({ id, kind: st.kind, name: st.row.name, label, setOn: asOf, fields: fieldsOfId.get(id)! });
    store.plans.set(id, kept);
    store.changed.add(id);
  }
  // The labelled plans are new lists: judge() finds them by ID.
  i = 0;
  for (const st of states.values()) now.entries[i++] = store.plans.get(st.id)!;
}

/** Judges each item against its baseline; the baseline's text is decoded only when it differs from the plan's. */
function judge(input: PlanOverTimeInput, now: PlansNow, newest: string | null): void {
  let i = -1;
  input.states.forEach((st) => {
    i++;
    const entry = comparedEntry(now.entries[i], newest);
    if (!entry) return;
    const plan = now.plans[i];
    const was = entry.fields === now.fields[i] ? plan : planOfFields(entry.fields);
    if (was === null) return;
    st.baseline = itemBaseline(entry, was);
    if (was !== plan) {
      const flag = movedGoalpostsFlag(st.kind, was, plan, { label: entry.label, setOn: entry.setOn }, input.asOf, (v) =>
        input.valueText(st.id, v),
      );
      if (flag) st.flags = plus(st.flags, flag);
    }
    if (st.kind === 'initiative' && st.forecast !== null && was.due !== null)
      st.slipVsBaselineDays = st.forecast - was.due;
  });
}

export function planOverTime(input: PlanOverTimeInput): PlanOverTime {
  const { states, asOf } = input;
  const store = readStore(input.ledger as never, input.date1904);
  const lastRefresh = store.refreshed.length > 0 ? store.refreshed[store.refreshed.length - 1] : null;
  const now = plansNow(states);
  recordPlans(store, states, now, asOf, input.setBaseline?.trim() || null);
  const newest = store.baselines[store.baselines.length - 1] ?? null;
  judge(input, now, newest?.label ?? null);
  const removed = removedItems(store, input, newest?.label ?? null, lastRefresh);
  recordTrend(store, states, asOf);
  const iso = new Map<Day, string>();
  const isoOf = (d: Day) => {
    let s = iso.get(d);
    if (s === undefined) iso.set(d, (s = isoFromDay(d)));
    return s;
  };
  // Expanded only when someone reads it (the JSON, a chart): a year of weekly points for 16,000 items
  // is a million small objects that a refresh without --json never needs.
  // One function for every item, called on its state (no closure and context kept per item): the
  // item's cell is found when it is read. The trend map is final here (storeBlocks only reads it).
  const refreshed = store.refreshed;
  const trend = store.trend;
  const history = function (this: ItemState): ForecastPoint[] {
    const cell = trend.get(this.id) ?? '';
    return expandHistory(cell === '' ? [] : decodeTrend(cell), refreshed, isoOf);
  };
  states.forEach((st) => {
    if (st.kind !== 'objective') st.forecastHistory = history;
  });
  return {
    baseline: newest ? { label: newest.label, setOn: isoFromDay(newest.setOn) } : null,
    removed,
    blocks: storeBlocks(store),
  };
}

/**
 * The items of the baseline no longer in the workbook: those of the newest labelled baseline, or with
 * none set, every item ever recorded. One that has just gone keeps the health and date of the last
 * refresh that saw it; one that is back, or not in a newer baseline, is no longer reported.
 */
function removedItems(
  store: BaselineStore,
  input: PlanOverTimeInput,
  newest: string | null,
  lastRefresh: Day | null,
): RemovedItem[] {
  const out: RemovedItem[] = [];
  const kept = new Map<string, { lastHealth: Health | null; lastSeen: Day | null }>();
  // recordPlans gave every item of this refresh its plans: with no more plans than items (nothing gone,
  // the usual refresh), every ID below is an item's, so nothing is removed and nothing kept.
  if (store.plans.size === input.states.size) {
    store.removed = kept;
    return out;
  }
  for (const [id, entries] of store.plans) {
    if (input.states.has(id) || input.skipped.has(id)) continue;
    const entry = entryLabelled(entries, newest);
    const plan = entry ? planOfFields(entry.fields) : null;
    if (!entry || !plan) continue;
    const known = store.removed.get(id) ?? {
      lastHealth: input.previousMarks.get(id)?.health ?? null,
      lastSeen: lastRefresh,
    };
    kept.set(id, known);
    out.push({
      id,
      kind: entry.kind,
      name: entry.name,
      lastHealth: known.lastHealth,
      lastSeen: known.lastSeen === null ? null : isoFromDay(known.lastSeen),
      baseline: itemBaseline(entry, plan),
      message: messages.removedSinceBaseline(
        messages.baselineName(entry.label, isoFromDay(entry.setOn)),
        known.lastHealth,
        known.lastSeen === null ? null : isoFromDay(known.lastSeen),
      ),
    });
  }
  store.removed = kept;
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Adds this refresh's point to each item's history. A newer as-of than any before (the weekly case)
 * appends to the text, or leaves it when the value held; anything else decodes that item's points.
 */
function recordTrend(store: BaselineStore, states: Map<string, ItemState>, asOf: Day): void {
  const before = store.refreshed;
  const latest = before.length > 0 ? before[before.length - 1] : null;
  states.forEach((st) => {
    if (st.kind === 'objective') return;
    const cell = store.trend.get(st.id);
    let forecast: Day | null = null;
    let attainment: number | null = null;
    if (st.row.kind === 'kpi') {
      const k = st.row;
      attainment = k.actual === null ? null : round4(kpiAttainment(k, k.actual));
    } else forecast = st.forecast;
    // An item without history (every item on a first refresh): its one point, as recordPoint and
    // encodeTrend would make it.
    if (cell === undefined || cell === '') {
      store.trend.set(st.id, encodeValues(asOf, forecast, attainment));
      return;
    }
    // Refreshed again on the same as-of with the same value (a first refresh's output refreshed again):
    // a cell that is exactly this point's text is what recordPoint and encodeTrend would write.
    if ((latest === null || asOf >= latest) && cell === encodeValues(asOf, forecast, attainment)) return;
    const last = lastPoint(cell);
    const value = { forecast, attainment };
    if (last && (latest === null || asOf > latest) && asOf > last.asOf) {
      if (!sameValue(last, value)) store.trend.set(st.id, appendPoint(cell, { asOf, forecast, attainment }));
      return;
    }
    // Refreshed again on the same as-of, one point so far (a first refresh's output refreshed again):
    // recordPoint keeps that point or replaces it, so the cell is that point's text or the new one's.
    if (last && (latest === null || asOf >= latest) && asOf === last.asOf && cell.indexOf(';') < 0) {
      const text = sameValue(last, value) ? encodeValues(last.asOf, last.forecast, last.attainment) : null;
      if (text !== cell) store.trend.set(st.id, text ?? encodeValues(asOf, forecast, attainment));
      return;
    }
    const points = recordPoint(decodeTrend(cell), asOf, value, before);
    store.trend.set(st.id, encodeTrend(points));
  });
  const refreshed = before.includes(asOf) ? before : [...before, asOf].sort((a, b) => a - b);
  const newest = refreshed[refreshed.length - 1];
  store.refreshed = thinDates(refreshed, newest);
  const cutoff = newest - THIN_AFTER_DAYS;
  // Setting an ID the map has keeps its place and is allowed while forEach walks it.
  store.trend.forEach((cell, id) => {
    const first = firstPointDay(cell);
    if (first !== null && first < cutoff) {
      const thinned = thinPoints(decodeTrend(cell), newest);
      store.trend.set(id, encodeTrend(thinned));
    }
  });
}
