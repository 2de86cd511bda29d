// The links a picture of the throughline needs, as plain data the hosts keep after a refresh:
// who depends on whom, what each item serves, and how far each dependency pushed its downstream.
import type { LinkedModel } from '../graph/links';
import type { ItemState } from '../compute/state';
import type { Day, SheetLink } from '../types';

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
  /** Each item's Due and Updated dates as typed (day numbers), for "late" and "last check-in". */
  dates: Map<string, ItemDates>;
  /** The upstreams whose risk an item inherits (Amber or Red), worst first as the engine found them. */
  waitsOn: Map<string, string[]>;
  /** The row of each entry of the report's `dependencies` (its Upstream cell), in the same order: where "Go to row" lands. */
  dependencyCells?: SheetLink[];
  /** Slack in days of each dependency edge, by edgeKey(upstream, downstream); the tightest when a pair is listed twice. */
  slack?: Map<string, number>;
}

export interface ItemDates {
  due: Day | null;
  updated: Day | null;
}

/**
 * `cellOf` gets each state with its index in `states`' order, so a caller can hand out cells it made
 * in that order (the refresh shares each item's with its Risks rows). Maps are walked with forEach: a
 * for-of over their entries made an array per entry (five maps of 16,000 at 100k rows).
 */
export function itemLinks(
  model: LinkedModel,
  states: Map<string, ItemState>,
  cellOf: (st: ItemState, k: number) => SheetLink,
): ItemLinks {
  const serves = new Map<string, string>();
  model.parentOf.forEach((parent, id) => serves.set(id, parent));
  model.kpis.forEach((k, id) => {
    if (model.objectives.has(k.objective)) serves.set(id, k.objective);
  });
  model.initiatives.forEach((i, id) => {
    if (i.supports !== null && model.kpis.has(i.supports) && model.objectiveOf.has(id)) serves.set(id, i.supports);
    else {
      const objective = model.objectiveOf.get(id);
      if (objective !== undefined) serves.set(id, objective);
    }
  });
  const objectives = new Map<string, ObjectiveFacts>();
  model.objectives.forEach((o, id) =>
    objectives.set(id, { valueAtStake: o.valueAtStake, revenueStream: o.revenueStream }),
  );
  const pushed = new Map<string, { by: string; days: number }>();
  const cells = new Map<string, SheetLink>();
  const dates = new Map<string, ItemDates>();
  const waitsOn = new Map<string, string[]>();
  let k = 0;
  for (const st of states.values()) {
    if (st.pushed && st.pushed.days > 0) pushed.set(st.id, { by: st.pushed.by, days: st.pushed.days });
    cells.set(st.id, cellOf(st, k++));
    const row = st.row;
    dates.set(st.id, { due: row.due, updated: row.kind === 'objective' ? null : row.updated });
    if (st.inheritedFrom.length > 0)
      waitsOn.set(
        st.id,
        st.inheritedFrom.map((u) => u.id),
      );
  }
  return { serves, downstreamsOf: model.downstreamsOf, pushed, objectives, cells, dates, waitsOn };
}

export const NO_LINKS: ItemLinks = {
  serves: new Map(),
  downstreamsOf: new Map(),
  pushed: new Map(),
  objectives: new Map(),
  cells: new Map(),
  dates: new Map(),
  waitsOn: new Map(),
};

/**
 * Gives `result` a `links` field made when first read, then kept as a plain field (the getter and what
 * it holds let go). Only the pane, the deck, the portfolio views and `report` read the links; the command
 * line's refresh never does, and building them (five maps of every item, an object per item) was work
 * and long-lived garbage for nothing there. Enumerable, so a spread, JSON and structured clone (the
 * pane's worker) read it as they read any field; assigning it sets a plain field.
 */
export function linksWhenRead<T extends { links: ItemLinks }>(result: T, make: () => ItemLinks): T {
  const settle = (target: T, links: ItemLinks) =>
    Object.defineProperty(target, 'links', { value: links, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(result, 'links', {
    enumerable: true,
    configurable: true,
    get(this: T): ItemLinks {
      const links = make();
      settle(this, links);
      return links;
    },
    set(this: T, links: ItemLinks) {
      settle(this, links);
    },
  });
  return result;
}
