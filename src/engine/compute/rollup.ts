// Objective rollups: progress, health and confidence from linked KPIs, initiatives and child objectives.
import type { Health, Settings } from '../types';
import type { LinkedModel } from '../graph/links';
import { worst } from './health';
import { pct } from '../format';
import type { ItemState } from './state';

const SCORE: Readonly<Record<Exclude<Health, 'Grey'>, number>> = { Green: 1, Amber: 0.5, Red: 0 };

interface Weighted {
  weight: number;
  value: number;
}

/** Weight-weighted mean; when every weight is zero the plain mean, so zero weights never divide by zero. */
export function weightedMean(parts: Weighted[]): number | null {
  if (parts.length === 0) return null;
  const total = parts.reduce((sum, p) => sum + p.weight, 0);
  if (total === 0) return parts.reduce((sum, p) => sum + p.value, 0) / parts.length;
  return parts.reduce((sum, p) => sum + p.weight * p.value, 0) / total;
}

/** Weighted rollup: Green ≥ 0.9, Amber ≥ 0.5, else Red, and never Green while a child is Red. */
export function weightedHealth(children: { weight: number; health: Health }[]): Health {
  const known = children.filter((c) => c.health !== 'Grey');
  const score = weightedMean(
    known.map((c) => ({ weight: c.weight, value: SCORE[c.health as Exclude<Health, 'Grey'>] })),
  );
  if (score === null) return 'Grey';
  const byScore: Health = score >= 0.9 ? 'Green' : score >= 0.5 ? 'Amber' : 'Red';
  return byScore === 'Green' && known.some((c) => c.health === 'Red') ? 'Amber' : byScore;
}

export function rollupObjectives(model: LinkedModel, states: Map<string, ItemState>, s: Settings): void {
  for (const id of model.objectiveCycled) {
    const st = states.get(id)!;
    st.health = st.ownHealth = 'Grey';
    st.drivers.push(`on a parent cycle: ${model.cycleOf.get(id)?.join(' → ') ?? id}`);
  }
  for (const id of model.objectiveOrder) {
    const st = states.get(id)!;
    const children = (model.childrenOf.get(id) ?? []).map((row) => {
      const c = states.get(row.id)!;
      // Stale or undated data, and no data at all, lower confidence; they never change health.
      const fresh =
        c.kind === 'objective' ? (c.confidence ?? 0) : !c.stale && !c.undated && c.health !== 'Grey' ? 1 : 0;
      return { state: c, weight: row.weight, health: c.health, fresh };
    });
    st.progress = weightedMean(
      children.filter((c) => c.state.progress !== null).map((c) => ({ weight: c.weight, value: c.state.progress! })),
    );
    st.expected = weightedMean(
      children.filter((c) => c.state.expected !== null).map((c) => ({ weight: c.weight, value: c.state.expected! })),
    );
    st.confidence = weightedMean(children.map((c) => ({ weight: c.weight, value: c.fresh })));
    st.health = st.ownHealth =
      s.rollup === 'worst' ? worst(...children.map((c) => c.health)) : weightedHealth(children);

    if (children.length === 0) st.drivers.push('no linked KPIs, initiatives or child objectives');
    else if (st.health === 'Grey') st.drivers.push('no child has enough data to judge');
    const bad = children.filter((c) => c.health === 'Red' || c.health === 'Amber');
    if (bad.length > 0) {
      const worstFirst = [...bad].sort((a, b) => (a.health === b.health ? 0 : a.health === 'Red' ? -1 : 1));
      st.drivers.push(
        `${bad.length} of ${children.length} children at risk: ` +
          worstFirst.map((c) => `${c.state.id} (${c.health})`).join(', '),
      );
    }
    if (s.rollup === 'weighted' && st.health === 'Amber' && children.some((c) => c.health === 'Red')) {
      const known = children.filter((c) => c.health !== 'Grey');
      const score = weightedMean(
        known.map((c) => ({ weight: c.weight, value: SCORE[c.health as Exclude<Health, 'Grey'>] })),
      );
      if (score !== null && score >= 0.9) st.drivers.push('held at Amber: never Green while a child is Red');
    }
    if (st.confidence !== null && st.confidence < 1)
      st.drivers.push(`confidence ${pct(st.confidence)}: some children are stale, undated or have no data`);
  }
}
