// The report of SPEC §6: every field present, null where it does not apply.
import type {
  BaselineRef,
  DependencyReport,
  ForecastPoint,
  Health,
  Impact,
  ItemReport,
  RemovedItem,
  Report,
  Summary,
  ValidationError,
  WhatIfResult,
} from './types';
import { linkIso, type LinkState } from './compute/link-figures';
import type { ItemState } from './compute/state';
import type { ImpactIndex } from './compute/impact';
import { impactOfItem, valueAtRisk } from './compute/impact';
import { isoFromDay } from './parse/values';
import { lazyField } from './lazy-field';

/** The state an entry's forecast history is worked out from (not enumerable). */
const STATE_OF = Symbol('state of the entry');
type Entry = ItemReport & { [STATE_OF]: ItemState };

/** `forecastHistory`, expanded on first read from the entry's state (see lazy-field.ts). */
const FORECAST_HISTORY = lazyField('forecast history', (entry: Entry): ForecastPoint[] | null => {
  const st = entry[STATE_OF];
  return st.kind === 'objective' ? null : (st.forecastHistory?.() ?? []);
});

export function itemReport(st: ItemState, index: ImpactIndex): ItemReport {
  const row = st.row;
  const report = {
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
    impact: impactOfItem(index, st),
    owner: row.owner,
    baseline: st.baseline,
    slipVsBaselineDays: st.kind === 'initiative' ? st.slipVsBaselineDays : null,
  } as ItemReport;
  Object.defineProperty(report, STATE_OF, { value: st });
  Object.defineProperty(report, 'forecastHistory', FORECAST_HISTORY);
  return report;
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
  links: LinkState[] = [],
  overTime: { baseline: BaselineRef | null; removed: RemovedItem[] } = { baseline: null, removed: [] },
  /** What each link's downstream reaches, by the link's index, when the caller found it already. */
  linkImpacts?: readonly Impact[],
): Report {
  return {
    asOf: isoFromDay(asOf),
    summary: summarise(states, index, errors),
    items: [...states.values()].map((st) => itemReport(st, index)),
    whatIf,
    errors,
    baseline: overTime.baseline,
    removed: overTime.removed,
    dependencies: links.map((l, i) => dependencyReport(l, index, linkImpacts?.[i])),
  };
}

// A link's dates repeat across thousands of links: each text is made once (linkIso), not four times a link.
const isoOrNull = (d: number | null | undefined): string | null => (d === null || d === undefined ? null : linkIso(d));

/** SPEC §6 `dependencies`: every field present, null where it does not apply. */
export function dependencyReport(link: LinkState, index: ImpactIndex, impact?: Impact): DependencyReport {
  const d = link.row;
  return {
    upstream: d.upstream,
    downstream: d.downstream,
    sheet: d.src.sheet,
    row: d.src.row,
    lagDays: d.lagDays,
    health: link.health,
    slackDays: link.slack,
    pushDays: link.push,
    latestFinish: isoOrNull(link.latestFinish),
    upstreamForecast: isoOrNull(link.upstreamForecast),
    neededBy: isoOrNull(d.neededBy),
    committed: isoOrNull(d.committed),
    status: d.commitment ?? null,
    flags: link.flags,
    valueExposed: (impact ?? index.impactOf(d.downstream)).valueExposed,
  };
}
