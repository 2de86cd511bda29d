// One full computation over a linked model: own health, freshness, dependency pass, rollup.
// Pure and repeatable, so what-if runs call it again with a delay.
import type { Cadence, Day, Settings } from '../types';
import type { LinkedModel } from '../graph/links';
import { nextUpdateDue } from '../flags/freshness';
import { evaluateInitiative, evaluateKpi } from './work';
import { forwardPass } from './dependencies';
import { rollupObjectives } from './rollup';
import { newState, type ItemState } from './state';
import { flat } from '../flat-text';

export interface Delay {
  id: string;
  days: number;
}

/** What staleFlag finds (an update overdue for its cadence), without writing its message. */
function overdue(updated: Day | null, cadence: Cadence, s: Settings): boolean {
  return updated !== null && nextUpdateDue(updated, cadence, s.graceDays) < s.asOf;
}

/**
 * The own result's drivers, each made flat, as the state's list: a copy of their size when they were
 * grown by push (an initiative's), the list itself when made whole (a KPI's).
 */
function flatAll(drivers: string[], grown: boolean): string[] {
  for (let d = 0; d < drivers.length; d++) flat(drivers[d]);
  return grown ? drivers.slice() : drivers;
}

export function evaluate(model: LinkedModel, s: Settings, delay: Delay | null = null): Map<string, ItemState> {
  const states = new Map<string, ItemState>();
  // forEach rather than for-of over the maps: no iterator step object per item while this runs
  // unoptimised, as it does in a fresh process (the command line's one refresh).
  model.objectives.forEach((o) => states.set(o.id, newState(o.id, 'objective', o)));

  model.kpis.forEach((k) => {
    const own = evaluateKpi(k, s, delay?.id === k.id ? delay.days : 0);
    const st = newState(k.id, 'kpi', k, flatAll(own.drivers, false));
    st.progress = own.progress;
    st.expected = own.expected;
    st.ownHealth = st.health = own.ownHealth;
    st.stale = overdue(k.updated, k.cadence ?? s.defaultCadence, s);
    st.undated = k.updated === null && (k.actual !== null || k.status !== null);
    states.set(k.id, st);
  });
  model.initiatives.forEach((i) => {
    const own = evaluateInitiative(i, s, delay?.id === i.id ? delay.days : 0);
    const st = newState(i.id, 'initiative', i, flatAll(own.drivers, true));
    st.progress = own.progress;
    st.expected = own.expected;
    st.ownHealth = st.health = own.ownHealth;
    st.forecast = own.forecast;
    st.slipDays = own.forecast - i.due;
    st.complete = own.complete;
    st.stale = !own.complete && overdue(i.updated, i.cadence ?? s.defaultCadence, s);
    st.undated = i.updated === null && (i.complete !== null || i.status !== null);
    states.set(i.id, st);
  });
  for (const id of model.dependencyCycled) {
    const st = states.get(id)!;
    st.health = st.ownHealth = 'Grey';
    st.drivers = [flat(`on a dependency cycle: ${model.cycleOf.get(id)!.join(' → ')}`)].concat(st.drivers);
  }

  for (const [id, notes] of model.unknownLinks) {
    const st = states.get(id);
    if (st) st.drivers = st.drivers.concat(notes.map(flat));
  }

  forwardPass(model, states, s);
  rollupObjectives(model, states, s);
  return states;
}
