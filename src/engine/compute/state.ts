// The computed state of one item, filled in stage by stage.
import type { Day, Flag, ForecastPoint, Health, Impact, ItemBaseline, ItemKind } from '../types';
import type { ItemRow } from '../graph/links';

export interface ItemState {
  id: string;
  kind: ItemKind;
  row: ItemRow;
  progress: number | null;
  expected: number | null;
  ownHealth: Health;
  /** Worst of own and inherited: what the rollup and the review list use. */
  health: Health;
  /** Initiatives: forecast finish after dependency pushes. */
  forecast: Day | null;
  slipDays: number | null;
  complete: boolean;
  /** Objectives: share of child weight whose data is fresh. */
  confidence: number | null;
  stale: boolean;
  /** Has a value or status but no Updated date: nobody can tell how old it is. */
  undated: boolean;
  /** Upstreams whose health this item inherits (Amber or Red). */
  inheritedFrom: { id: string; health: Health }[];
  /** Days the forecast moved because of an upstream, and which one. */
  pushed: { by: string; days: number; byHealth: Health } | null;
  drivers: string[];
  flags: Flag[];
  /** Link flags raised on this item as an upstream: the downstreams behind each code, for its Flags cell. */
  linkFlagsTo?: Partial<Record<Flag['code'], string[]>>;
  /** The plan over time (SPEC §2a), filled after the flags. */
  baseline: ItemBaseline | null;
  slipVsBaselineDays: number | null;
  /** KPIs and initiatives: the history, expanded when read; called on its state (`st.forecastHistory()`). */
  forecastHistory: ((this: ItemState) => ForecastPoint[]) | null;
  /** What the item reaches, kept at its first look-up (see impactOfItem): the columns, Risks and report each read it. */
  impact: Impact | null;
}

/**
 * An item's drivers and flags live to the end of the refresh (the report hands them out), so each list
 * is made the size it holds: a list grown by push keeps room for 16 more (144 bytes of slots for one
 * driver), and every young-generation collection it lives through copies that room. A later addition
 * makes a new list of the new size (additions after the first are few: cycles, pushes, link flags).
 */
export function plus<T>(list: T[], x: T): T[] {
  return list.concat([x]);
}

/**
 * The upstreams of an item that inherits nothing: one empty list for all of them (most items). The
 * forward pass replaces it with a list of its own, never adds to it.
 */
const NO_UPSTREAMS: ItemState['inheritedFrom'] = [];

/** `drivers`: the item's own, when evaluate() has them already (no empty list made and grown). */
export function newState(id: string, kind: ItemKind, row: ItemRow, drivers: string[] = []): ItemState {
  return {
    id,
    kind,
    row,
    progress: null,
    expected: null,
    ownHealth: 'Grey',
    health: 'Grey',
    forecast: null,
    slipDays: null,
    complete: false,
    confidence: null,
    stale: false,
    undated: false,
    inheritedFrom: NO_UPSTREAMS,
    pushed: null,
    drivers,
    flags: [],
    baseline: null,
    slipVsBaselineDays: null,
    forecastHistory: null,
    impact: null,
  };
}
