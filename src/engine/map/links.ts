// The links a picture of the throughline needs, as plain data the hosts keep after a refresh:
// who depends on whom, what each item serves, and how far each dependency pushed its downstream.
import type { LinkedModel } from '../graph/links';
import type { ItemState } from '../compute/state';
import type { SheetLink } from '../types';

export interface ObjectiveFacts {
  valueAtStake: number | null;
  revenueStream: string | null;
}

export interface ItemLinks {
  /** What a KPI or initiative serves directly (a KPI, or an objective), and an objective's parent. */
  serves: Map<string, string>;
  downstreamsOf: Map<string, string[]>;
  /** Days a downstream's forecast moved because of one upstream (the one that pushed it furthest). */
  pushed: Map<string, { by: string; days: number }>;
  objectives: Map<string, ObjectiveFacts>;
  /** The ID cell of each item's row, where "go to" lands. */
  cells: Map<string, SheetLink>;
}

export function itemLinks(model: LinkedModel, states: Map<string, ItemState>, cellOf: (st: ItemState) => SheetLink): ItemLinks {
  const serves = new Map<string, string>();
  for (const [id, parent] of model.parentOf) serves.set(id, parent);
  for (const [id, k] of model.kpis) if (model.objectives.has(k.objective)) serves.set(id, k.objective);
  for (const [id, i] of model.initiatives) {
    if (i.supports !== null && model.kpis.has(i.supports) && model.objectiveOf.has(id)) serves.set(id, i.supports);
    else {
      const objective = model.objectiveOf.get(id);
      if (objective !== undefined) serves.set(id, objective);
    }
  }
  const pushed = new Map<string, { by: string; days: number }>();
  for (const st of states.values()) if (st.pushed && st.pushed.days > 0) pushed.set(st.id, { by: st.pushed.by, days: st.pushed.days });
  const objectives = new Map<string, ObjectiveFacts>();
  for (const [id, o] of model.objectives) objectives.set(id, { valueAtStake: o.valueAtStake, revenueStream: o.revenueStream });
  const cells = new Map<string, SheetLink>();
  for (const st of states.values()) cells.set(st.id, cellOf(st));
  return { serves, downstreamsOf: model.downstreamsOf, pushed, objectives, cells };
}

export const NO_LINKS: ItemLinks = { serves: new Map(), downstreamsOf: new Map(), pushed: new Map(), objectives: new Map(), cells: new Map() };
