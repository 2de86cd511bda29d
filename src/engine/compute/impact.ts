// "So what": which objectives and revenue streams an item reaches, and how much value that exposes.
import type { Impact } from '../types';
import type { LinkedModel } from '../graph/links';
import type { ItemState } from './state';

export interface ImpactIndex {
  impactOf(id: string): Impact;
  /** Value of a set of objectives, counting an objective only when no ancestor in the set also carries value. */
  valueOf(objectives: Iterable<string>): number;
}

export function buildImpactIndex(model: LinkedModel): ImpactIndex {
  const ancestorsMemo = new Map<string, string[]>();
  /** The objective and its ancestors, nearest first; stops at a parent cycle. */
  const lineage = (id: string): string[] => {
    const known = ancestorsMemo.get(id);
    if (known) return known;
    const path: string[] = [];
    const seen = new Set<string>();
    for (let o: string | undefined = id; o !== undefined && !seen.has(o); o = model.parentOf.get(o)) {
      seen.add(o);
      path.push(o);
    }
    ancestorsMemo.set(id, path);
    return path;
  };

  // Objectives reached by each KPI/initiative: its own lineage plus everything its downstreams reach.
  // Computed downstream-first so each item's set is built once from its successors' sets.
  const reached = new Map<string, Set<string>>();
  for (let i = model.workOrder.length - 1; i >= 0; i--) {
    const id = model.workOrder[i];
    const set = new Set<string>();
    const own = model.objectiveOf.get(id);
    if (own !== undefined) for (const o of lineage(own)) set.add(o);
    for (const down of model.downstreamsOf.get(id) ?? []) {
      const theirs = reached.get(down);
      if (theirs) for (const o of theirs) set.add(o);
    }
    reached.set(id, set);
  }

  const order = new Map([...model.objectives.keys()].map((id, i) => [id, i]));
  const valueOf = (objectives: Iterable<string>): number => {
    const set = new Set(objectives);
    let total = 0;
    for (const o of set) {
      const value = model.objectives.get(o)?.valueAtStake ?? null;
      if (value === null) continue;
      const covered = lineage(o)
        .slice(1)
        .some((a) => set.has(a) && (model.objectives.get(a)?.valueAtStake ?? null) !== null);
      if (!covered) total += value;
    }
    return total;
  };

  const impactOf = (id: string): Impact => {
    const set = model.objectives.has(id) ? new Set(lineage(id)) : (reached.get(id) ?? new Set<string>());
    const objectives = [...set].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const streams = new Set<string>();
    for (const o of objectives) {
      const stream = model.objectives.get(o)?.revenueStream;
      if (stream) streams.add(stream);
    }
    return { objectives, revenueStreams: [...streams].sort(), valueExposed: valueOf(set) };
  };

  return { impactOf, valueOf };
}

/** Value of the objectives whose effective health is Amber or Red. */
export function valueAtRisk(index: ImpactIndex, objectives: Iterable<ItemState>): number {
  const risky: string[] = [];
  for (const o of objectives) if (o.health === 'Amber' || o.health === 'Red') risky.push(o.id);
  return index.valueOf(risky);
}
