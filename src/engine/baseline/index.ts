// The plan over time (SPEC §2a): the baseline each item is judged against, the moved-goalposts flag,
// the items of the baseline that are gone, the slip against the baseline Due and the forecast history.
// Reads the ledger's plan blocks, judges this refresh against them and returns the blocks to write.
import type { BaselineRef, Day, Health, ItemBaseline, LedgerBlock, RemovedItem } from '../types';
import type { ItemState } from '../compute/state';
import type { MarkEntry } from '../changes';
import { kpiAttainment } from '../compute/work';
import { isoFromDay } from '../parse/values';
import { messages } from '../messages';
import { planOf, type PlanRecord } from './plan-record';
import { movedGoalpostsFlag } from './goalposts';
import { readStore, storeBlocks, type BaselineStore, type PlanEntry, type TrendPoint } from './store';
import { expandHistory, recordPoint, thinDates, thinPoints } from './trend';

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

function itemBaseline(e: PlanEntry): ItemBaseline {
  const p = e.plan;
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

/** The entry an item is judged against: the newest labelled baseline holding it, else its first record. */
function comparedEntry(entries: PlanEntry[] | undefined, newest: string | null): PlanEntry | null {
  if (!entries) return null;
  if (newest !== null) {
    const labelled = entries.find((e) => e.label === newest);
    if (labelled) return labelled;
  }
  return entries.find((e) => e.label === null) ?? null;
}

function trendValue(st: ItemState): Omit<TrendPoint, 'asOf'> {
  if (st.row.kind === 'kpi') {
    const k = st.row;
    return { forecast: null, attainment: k.actual === null ? null : round4(kpiAttainment(k, k.actual)) };
  }
  return { forecast: st.forecast, attainment: null };
}

/** Records this refresh's plans: first records for new items, and a labelled baseline when asked. */
function recordPlans(store: BaselineStore, states: Map<string, ItemState>, asOf: Day, label: string | null): void {
  const planNow = new Map<string, PlanRecord>();
  for (const st of states.values()) {
    const plan = planOf(st.row);
    planNow.set(st.id, plan);
    const entries = store.plans.get(st.id);
    const first: PlanEntry = { id: st.id, kind: st.kind, name: st.row.name, label: null, setOn: asOf, plan };
    if (!entries) store.plans.set(st.id, [first]);
    else if (!entries.some((e) => e.label === null)) entries.unshift(first);
  }
  if (label === null) return;
  // Setting a label again replaces it: one label, one plan, and refreshing twice changes nothing.
  store.baselines = [...store.baselines.filter((b) => b.label !== label), { label, setOn: asOf }];
  for (const [id, entries] of store.plans) {
    const kept = entries.filter((e) => e.label !== label);
    const st = states.get(id);
    if (st) kept.push({ id, kind: st.kind, name: st.row.name, label, setOn: asOf, plan: planNow.get(id)! });
    store.plans.set(id, kept);
  }
}

export function planOverTime(input: PlanOverTimeInput): PlanOverTime {
  const { states, asOf } = input;
  const store = readStore(input.ledger as never, input.date1904);
  const lastRefresh = store.refreshed.length > 0 ? store.refreshed[store.refreshed.length - 1] : null;
  recordPlans(store, states, asOf, input.setBaseline?.trim() || null);
  const newest = store.baselines[store.baselines.length - 1] ?? null;

  for (const st of states.values()) {
    const entry = comparedEntry(store.plans.get(st.id), newest?.label ?? null);
    if (!entry) continue;
    st.baseline = itemBaseline(entry);
    const flag = movedGoalpostsFlag(
      st.kind,
      entry.plan,
      planOf(st.row),
      { label: entry.label, setOn: entry.setOn },
      asOf,
      (v) => input.valueText(st.id, v),
    );
    if (flag) st.flags.push(flag);
    if (st.kind === 'initiative' && st.forecast !== null && entry.plan.due !== null)
      st.slipVsBaselineDays = st.forecast - entry.plan.due;
  }

  const removed = removedItems(store, input, newest?.label ?? null, lastRefresh);
  recordTrend(store, states, asOf);
  const iso = new Map<Day, string>();
  const isoOf = (d: Day) => {
    let s = iso.get(d);
    if (s === undefined) iso.set(d, (s = isoFromDay(d)));
    return s;
  };
  for (const st of states.values()) {
    if (st.kind === 'objective') continue;
    st.forecastHistory = expandHistory(store.trend.get(st.id) ?? [], store.refreshed, isoOf);
  }
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
  for (const [id, entries] of store.plans) {
    if (input.states.has(id) || input.skipped.has(id)) continue;
    const entry = newest === null ? entries.find((e) => e.label === null) : entries.find((e) => e.label === newest);
    if (!entry) continue;
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
      baseline: itemBaseline(entry),
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

function recordTrend(store: BaselineStore, states: Map<string, ItemState>, asOf: Day): void {
  const before = store.refreshed;
  for (const st of states.values()) {
    if (st.kind === 'objective') continue;
    store.trend.set(st.id, recordPoint(store.trend.get(st.id) ?? [], asOf, trendValue(st), before));
  }
  const refreshed = before.includes(asOf) ? before : [...before, asOf].sort((a, b) => a - b);
  const latest = refreshed[refreshed.length - 1];
  store.refreshed = thinDates(refreshed, latest);
  if (store.refreshed.length !== refreshed.length || refreshed[0] < latest - 365)
    for (const [id, points] of store.trend) store.trend.set(id, thinPoints(points, latest));
}
