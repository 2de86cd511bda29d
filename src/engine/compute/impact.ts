// "So what": which objectives and revenue streams an item reaches, and how much value that exposes.
// Reach is kept as one bit per objective (in chunks, see bits.ts), so a long dependency chain costs a
// few machine words per item instead of a set of strings, and the engine stays linear in rows.
import type { Impact } from '../types';
import type { LinkedModel } from '../graph/links';
import type { ItemState } from './state';

export interface ImpactIndex {
  /** Shared by items that reach the same objectives; its lists are built when first read. */
  impactOf(id: string): Impact;
  /**
   * What an Impact (auto) cell shows of an Impact: the first `max` objectives, how many in all, and its
   * revenue streams (sorted; shared, not to be changed), read from the reach's bits: no second look-up by
   * item ID, and the Impact's lazy lists stay unbuilt (the report builds them if it is ever read).
   */
  outline(impact: Impact, max: number): ImpactOutline;
  /** Value of a set of objectives, counting an objective only when no ancestor in the set also carries value. */
  valueOf(objectives: Iterable<string>): number;
}

export interface ImpactOutline {
  first: string[];
  count: number;
  streams: readonly string[];
}

import { ChunkedBits } from './bits';
import { lazyField } from '../lazy-field';

/** An item's reach: the objectives (as bits), shared by items that share the set, with the Impact found for it. */
interface Reach {
  bits: ChunkedBits;
  impact: Impact | null;
}

export function buildImpactIndex(model: LinkedModel): ImpactIndex {
  const ids = [...model.objectives.keys()];
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const value = ids.map((id) => model.objectives.get(id)!.valueAtStake);

  /** The objective and its ancestors, nearest first; stops at a parent cycle. */
  const lineage = (id: string): string[] => {
    const path: string[] = [];
    const seen = new Set<string>();
    for (let o: string | undefined = id; o !== undefined && !seen.has(o); o = model.parentOf.get(o)) {
      seen.add(o);
      path.push(o);
    }
    return path;
  };
  const lineageBits: ChunkedBits[] = ids.map((id) => {
    const bits = new ChunkedBits();
    for (const o of lineage(id)) bits.add(indexOf.get(o)!);
    return bits;
  });
  // Reach sets are closed under ancestors, so an objective's value counts exactly when no strict
  // ancestor carries one: decided once per objective.
  const countsValue = ids.map(
    (id, i) =>
      value[i] !== null &&
      lineage(id)
        .slice(1)
        .every((a) => model.objectives.get(a)!.valueAtStake === null),
  );

  // Downstream first, so each item's reach is its own lineage OR its successors' reach.
  const lineageReach: Reach[] = lineageBits.map((bits) => ({ bits, impact: null }));
  const none: Reach = { bits: new ChunkedBits(), impact: null };
  const reached = new Map<string, Reach>();
  for (let k = model.workOrder.length - 1; k >= 0; k--) {
    const id = model.workOrder[k];
    // An item with one source of reach (its objective's lineage, or one downstream) shares that set;
    // a set is copied only when a second source joins, so shared sets are never changed. A plain loop,
    // no closure made per item.
    let reach: Reach | null = null;
    let copied = false;
    const own = model.objectiveOf.get(id);
    if (own !== undefined) reach = lineageReach[indexOf.get(own)!];
    const downs = model.downstreamsOf.get(id);
    if (downs !== undefined)
      for (const down of downs) {
        const theirs = reached.get(down);
        if (theirs === undefined || theirs === reach) continue;
        if (reach === null) reach = theirs;
        else {
          if (!copied) {
            const copy = new ChunkedBits();
            copy.or(reach.bits);
            reach = { bits: copy, impact: null };
            copied = true;
          }
          reach.bits.or(theirs.bits);
        }
      }
    reached.set(id, reach ?? none);
  }

  const valueOf = (objectives: Iterable<string>): number => {
    const set = new Set(objectives);
    let total = 0;
    for (const o of set) {
      const v = model.objectives.get(o)?.valueAtStake ?? null;
      if (v === null) continue;
      const covered = lineage(o)
        .slice(1)
        .some((a) => set.has(a) && (model.objectives.get(a)?.valueAtStake ?? null) !== null);
      if (!covered) total += v;
    }
    return total;
  };

  // Objectives whose value an item's reach counts, and those that name a revenue stream.
  const valueMask = new ChunkedBits();
  const streamMask = new ChunkedBits();
  ids.forEach((id, o) => {
    if (countsValue[o]) valueMask.add(o);
    if (model.objectives.get(id)!.revenueStream) streamMask.add(o);
  });
  const streamsOf = streamLister(
    ids.map((id) => model.objectives.get(id)!.revenueStream ?? ''),
    streamMask,
  );
  // One look-up per ID: an objective's reach is its lineage (set last, so it wins over a work item of the same ID).
  ids.forEach((id, i) => reached.set(id, lineageReach[i]));
  const reachOf = (id: string): Reach => reached.get(id) ?? none;
  // The lists are built when first read (JSON, the pane, a Risks row's reach), not for every item:
  // far upstream in a long chain an item reaches hundreds of objectives, and the cells show six.
  const lister: Lister = { ids, streamsOf };
  const newImpact = (bits: ChunkedBits): Impact => {
    let valueExposed = 0;
    bits.forEachIn(valueMask, (o) => (valueExposed += value[o]!));
    return lazyImpact(bits, lister, valueExposed);
  };
  // Items far upstream in a long chain reach the same objectives: equal reach shares one Impact. Most
  // items share their reach itself (an objective's lineage, or their one downstream's), which keeps the
  // Impact found for it; a set is hashed and compared only the first time it is seen, and there is no
  // map by item ID (100,000 entries made to be read once or twice).
  const byContent = new Map<number, { bits: ChunkedBits; impact: Impact }[]>();
  const impactOf = (id: string): Impact => {
    const reach = reachOf(id);
    if (reach.impact !== null) return reach.impact;
    const bits = reach.bits;
    const hash = bits.hash();
    let bucket = byContent.get(hash);
    if (!bucket) byContent.set(hash, (bucket = []));
    let impact = bucket.find((b) => b.bits.equals(bits))?.impact;
    if (!impact) {
      impact = newImpact(bits);
      bucket.push({ bits, impact });
    }
    return (reach.impact = impact);
  };
  const outline = (impact: Impact, max: number): ImpactOutline => {
    const bits = (impact as WithBits)[BITS];
    return { first: bits.first(max).map((o) => ids[o]), count: bits.size(), streams: streamsOf(bits, false) };
  };

  return { impactOf, outline, valueOf };
}

/** The reach an Impact was made for, kept on it under a symbol (not enumerable: JSON, structured clone and test equality never see it). */
const BITS = Symbol('reach');
/** What an index's Impacts make their lists from: one object per index, shared by all of them. */
const LISTER = Symbol('lists of the reach');

interface Lister {
  ids: string[];
  streamsOf: (bits: ChunkedBits, copy: boolean) => readonly string[];
}
type WithBits = Impact & { [BITS]: ChunkedBits; [LISTER]: Lister };

// The lists, made on first read from the reach and the index's lister held on the Impact: no record,
// closure or context per Impact (7,000 at 100k rows, alive as long as the report). Each list is the
// caller's own: a host may keep and change it.
const OBJECTIVES_FIELD = lazyField('objectives', (impact: WithBits): string[] => {
  const ids = impact[LISTER].ids;
  const list: string[] = [];
  impact[BITS].forEach((o) => list.push(ids[o]));
  return list;
});
const STREAMS_FIELD = lazyField(
  'revenue streams',
  (impact: WithBits) => impact[LISTER].streamsOf(impact[BITS], true) as string[],
);

/**
 * An Impact whose lists are made when first read. It holds its reach and the index's lister only: a
 * closure in buildImpactIndex would keep the whole index and the linked model alive as long as the
 * report is (38 MB at 100k rows).
 */
function lazyImpact(bits: ChunkedBits, lister: Lister, valueExposed: number): Impact {
  const impact = {} as WithBits;
  Object.defineProperty(impact, BITS, { value: bits });
  Object.defineProperty(impact, LISTER, { value: lister });
  Object.defineProperty(impact, 'objectives', OBJECTIVES_FIELD);
  Object.defineProperty(impact, 'revenueStreams', STREAMS_FIELD);
  impact.valueExposed = valueExposed;
  return impact;
}

/**
 * The revenue streams of a reach, sorted. The streams are sorted once; a reach's streams are a bit mask
 * of their ranks (when there are few), so equal masks share one sorted list instead of a sort per reach.
 * `copy`: a list of the caller's own (the Impact's field, which a host may keep and change), else the
 * shared one (read only: the Impact (auto) text).
 */
function streamLister(
  streamOf: string[],
  streamMask: ChunkedBits,
): (bits: ChunkedBits, copy: boolean) => readonly string[] {
  const streamNames = [...new Set(streamOf)].filter((name) => name !== '').sort();
  const rankOfStream = new Map(streamNames.map((name, r) => [name, r]));
  const streamRank = streamOf.map((name) => rankOfStream.get(name) ?? -1);
  const listsByMask = new Map<number, string[]>();
  return (bits: ChunkedBits, copy: boolean): readonly string[] => {
    if (streamNames.length > 30) {
      const streams = new Set<string>();
      bits.forEachIn(streamMask, (o) => streams.add(streamNames[streamRank[o]]));
      return [...streams].sort();
    }
    let mask = 0;
    bits.forEachIn(streamMask, (o) => (mask |= 1 << streamRank[o]));
    let list = listsByMask.get(mask);
    if (list === undefined) listsByMask.set(mask, (list = streamNames.filter((_, r) => (mask & (1 << r)) !== 0)));
    return copy ? list.slice() : list;
  };
}

/**
 * An item's Impact, kept on its state after the first look-up: the owned columns, the Risks sheet and
 * the report each read every item's, and a look-up by ID text costs more than reading a field.
 */
export function impactOfItem(index: ImpactIndex, st: ItemState): Impact {
  return (st.impact ??= index.impactOf(st.id));
}

/** Value of the objectives whose effective health is Amber or Red. */
export function valueAtRisk(index: ImpactIndex, objectives: Iterable<ItemState>): number {
  const risky: string[] = [];
  for (const o of objectives) if (o.health === 'Amber' || o.health === 'Red') risky.push(o.id);
  return index.valueOf(risky);
}
