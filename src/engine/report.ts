// The report of SPEC §6: every field present, null where it does not apply.
import type {
  BaselineRef,
  ForecastPoint,
  Health,
  ItemReport,
  RemovedItem,
  Report,
  Summary,
  ValidationError,
  WhatIfResult,
} from './types';
import type { ItemState } from './compute/state';
import type { ImpactIndex } from './compute/impact';
import { valueAtRisk } from './compute/impact';
import { isoFromDay } from './parse/values';

export function itemReport(st: ItemState, index: ImpactIndex): ItemReport {
  const row = st.row;
  let history: ForecastPoint[] | null | undefined;
  return {
    id: st.id,
    kind: st.kind,
    name: row.name,
    sheet: row.src.sheet,
    row: row.src.row,
    health: st.health,
    ownHealth: st.ownHealth,
    reportedStatus: row.kind === 'objective' ? null : row.status,
    progress: st.progress,
    expected: st.expected,
    forecastFinish: st.kind === 'initiative' && st.forecast !== null ? isoFromDay(st.forecast) : null,
    slipDays: st.kind === 'initiative' ? st.slipDays : null,
    confidence: st.kind === 'objective' ? st.confidence : null,
    flags: st.flags,
    drivers: st.drivers,
    impact: index.impactOf(st.id),
    owner: row.owner,
    baseline: st.baseline,
    slipVsBaselineDays: st.kind === 'initiative' ? st.slipVsBaselineDays : null,
    // A getter (enumerable, so JSON and structured clone see a plain array): expanded on first read.
    get forecastHistory() {
      if (history === undefined) history = st.kind === 'objective' ? null : (st.forecastHistory?.() ?? []);
      return history;
    },
  };
}

export function emptySummary(errors: number): Summary {
  return {
    objectives: { Green: 0, Amber: 0, Red: 0, Grey: 0 },
    valueAtStake: 0,
    valueAtRisk: 0,
    stale: 0,
    flagged: 0,
    errors,
  };
}

export function summarise(states: Map<string, ItemState>, index: ImpactIndex, errors: ValidationError[]): Summary {
  const summary = emptySummary(errors.length);
  const objectives: ItemState[] = [];
  for (const st of states.values()) {
    if (st.kind === 'objective') {
      objectives.push(st);
      summary.objectives[st.health as Health]++;
    }
    if (st.flags.some((f) => f.code === 'stale')) summary.stale++;
    if (st.flags.length > 0) summary.flagged++;
  }
  summary.valueAtStake = index.valueOf(objectives.map((o) => o.id));
  summary.valueAtRisk = valueAtRisk(index, objectives);
  return summary;
}

export function buildReport(
  asOf: number,
  states: Map<string, ItemState>,
  index: ImpactIndex,
  errors: ValidationError[],
  whatIf: WhatIfResult[],
  overTime: { baseline: BaselineRef | null; removed: RemovedItem[] } = { baseline: null, removed: [] },
): Report {
  return {
    asOf: isoFromDay(asOf),
    summary: summarise(states, index, errors),
    items: [...states.values()].map((st) => itemReport(st, index)),
    whatIf,
    errors,
    baseline: overTime.baseline,
    removed: overTime.removed,
  };
}
