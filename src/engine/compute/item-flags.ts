// The review list of each KPI and initiative: freshness, reported-vs-data, dependency and History flags.
import type { Flag, InitiativeRow, KpiRow, Settings } from '../types';
import type { LinkedModel } from '../graph/links';
import { staleFlag, noUpdateDateFlag } from '../flags/freshness';
import { statusContradictsFlag, maskedDependencyFlag } from '../flags/status';
import { addHistoryFlags, type HistoryContext, type HistoryPoint } from '../flags/history';
import { expectedProgress } from './health';
import { kpiAttainment, kpiExpected } from './work';
import { dayCount, pct, withUnit } from '../format';
import type { ItemState } from './state';
import { flat } from '../flat-text';

function dependencyFlag(st: ItemState): Flag | null {
  if (st.inheritedFrom.length === 0 && st.pushed === null) return null;
  const parts: string[] = [];
  if (st.pushed) parts.push(`forecast pushed ${dayCount(st.pushed.days)} by ${st.pushed.by} (${st.pushed.byHealth})`);
  if (st.inheritedFrom.length > 0) {
    parts.push(`waits on ${st.inheritedFrom.map((u) => `${u.id} (${u.health})`).join(', ')}`);
  }
  const severity = st.pushed !== null && st.health === 'Red' && st.ownHealth !== 'Red' ? 'high' : 'warn';
  return { code: 'dependency-risk', severity, message: parts.join('; ') };
}

/**
 * One History context for every item of a refresh, pointed at each item in turn: the rules read it
 * while they run and keep nothing of it, so no context and closures are made per item.
 */
function historyContexts(): (
  row: KpiRow | InitiativeRow,
  points: HistoryPoint[],
  targetMet: boolean,
) => HistoryContext {
  let row: KpiRow | InitiativeRow | null = null;
  let kpi: KpiRow | null = null;
  const ctx: HistoryContext = {
    kind: 'kpi',
    points: [],
    targetMet: false,
    attainment: (v) => (kpi ? kpiAttainment(kpi, v) : v),
    expectedOn: (day) =>
      kpi
        ? kpi.due === null
          ? null
          : kpiExpected(kpi, day)
        : expectedProgress(row!.start, (row as InitiativeRow).due, day),
    format: (v) => (kpi ? withUnit(v, kpi.unit) : pct(v)),
  };
  return (r, points, targetMet) => {
    row = r;
    kpi = r.kind === 'kpi' ? r : null;
    ctx.kind = r.kind;
    ctx.points = points;
    ctx.targetMet = targetMet;
    return ctx;
  };
}

/** Kept with its message flat (see flat-text.ts): every flag lives until the plan is written. */
function add(flags: Flag[], f: Flag | null): void {
  if (f) {
    flat(f.message);
    flags.push(f);
  }
}

export function itemFlags(model: LinkedModel, states: Map<string, ItemState>, s: Settings): void {
  const historyOf = historyContexts();
  // Each item's flags are gathered here and kept as a list of their size (see plus() in state.ts).
  const flags: Flag[] = [];
  // forEach rather than for-of: no iterator step object per item while this runs unoptimised (a fresh process).
  states.forEach((st) => {
    if (st.kind === 'objective') return;
    const row = st.row as KpiRow | InitiativeRow;
    flags.length = 0;
    // evaluate() judged staleness by the same rule on the same settings (st.stale): the flag and its
    // message are made only for a stale item.
    if (st.stale)
      add(
        flags,
        staleFlag({
          updated: row.updated,
          cadence: row.cadence ?? s.defaultCadence,
          graceDays: s.graceDays,
          asOf: s.asOf,
          complete: st.complete,
        }),
      );
    add(flags, noUpdateDateFlag({ hasData: st.undated, updated: row.updated }));
    // Both flags are about a Green report: their evidence is gathered only for one, and the drivers'
    // text only when the data says otherwise.
    if (row.status === 'Green') {
      if (st.ownHealth === 'Red' || st.ownHealth === 'Amber')
        add(flags, statusContradictsFlag(row.status, st.ownHealth, st.drivers.join('; ')));
      const ups = model.upstreamsOf.get(st.id);
      if (ups !== undefined && ups.length > 0) {
        const upstreams = ups.map((u) => ({ id: u.id, health: states.get(u.id)!.health }));
        add(flags, maskedDependencyFlag(row.status, upstreams));
      }
    }
    add(flags, dependencyFlag(st));

    const history = model.historyOf.get(st.id);
    if (history && history.length > 0) {
      const targetMet = row.kind === 'kpi' ? st.progress !== null && st.progress >= 1 : st.complete;
      // The rows themselves (date, value, status and more): no copy of every check-in.
      const from = flags.length;
      addHistoryFlags(historyOf(row, history, targetMet), flags);
      for (let k = from; k < flags.length; k++) flat(flags[k].message);
    }
    st.flags = flags.length === 0 ? [] : flags.slice();
  });
}
