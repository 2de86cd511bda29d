// Objective rollups: progress, health and confidence from linked KPIs, initiatives and child objectives.
import type { Health, Settings } from '../types';
import type { ItemRow, LinkedModel } from '../graph/links';
import { healthRank } from './health';
import { pct } from '../format';
import { plus, type ItemState } from './state';
import { flat } from '../flat-text';

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

/**
 * A weighted mean taken a part at a time, adding in the order weightedMean adds (so the same number to
 * the last bit), without an object per part. Reset and reused for each objective.
 */
class MeanOf {
  private count = 0;
  private weights = 0;
  private weighted = 0;
  private plain = 0;
  reset(): this {
    this.count = this.weights = this.weighted = this.plain = 0;
    return this;
  }
  add(weight: number, value: number): void {
    this.count++;
    this.weights += weight;
    this.weighted += weight * value;
    this.plain += value;
  }
  value(): number | null {
    if (this.count === 0) return null;
    return this.weights === 0 ? this.plain / this.count : this.weighted / this.weights;
  }
}

const progressMean = new MeanOf();
const expectedMean = new MeanOf();
const confidenceMean = new MeanOf();
const scoreMean = new MeanOf();

/** "3 of 8 children at risk: A (Red), B (Amber)": the Red ones first, each group in sheet order. */
function atRiskText(children: ItemRow[], states: Map<string, ItemState>, bad: number): string {
  const reds: string[] = [];
  const ambers: string[] = [];
  for (let k = 0; k < children.length; k++) {
    const c = states.get(children[k].id)!;
    if (c.health === 'Red') reds.push(`${c.id} (Red)`);
    else if (c.health === 'Amber') ambers.push(`${c.id} (Amber)`);
  }
  return `${bad} of ${children.length} children at risk: ` + [...reds, ...ambers].join(', ');
}

const NO_CHILDREN: ItemRow[] = [];

export function rollupObjectives(model: LinkedModel, states: Map<string, ItemState>, s: Settings): void {
  for (const id of model.objectiveCycled) {
    const st = states.get(id)!;
    st.health = st.ownHealth = 'Grey';
    st.drivers = plus(st.drivers, flat(`on a parent cycle: ${model.cycleOf.get(id)?.join(' → ') ?? id}`));
  }
  // One pass over each objective's children gathers every figure (no arrays of parts).
  const order = model.objectiveOrder;
  for (let o = 0; o < order.length; o++) {
    const id = order[o];
    const st = states.get(id)!;
    const children = model.childrenOf.get(id) ?? NO_CHILDREN;
    const progress = progressMean.reset();
    const expected = expectedMean.reset();
    const confidence = confidenceMean.reset();
    const score = scoreMean.reset();
    let worstOf: Health = 'Grey';
    let bad = 0;
    let anyRed = false;
    for (let k = 0; k < children.length; k++) {
      const row = children[k];
      const c = states.get(row.id)!;
      const w = row.weight;
      // Stale or undated data, and no data at all, lower confidence; they never change health.
      const fresh =
        c.kind === 'objective' ? (c.confidence ?? 0) : !c.stale && !c.undated && c.health !== 'Grey' ? 1 : 0;
      if (c.progress !== null) progress.add(w, c.progress);
      if (c.expected !== null) expected.add(w, c.expected);
      confidence.add(w, fresh);
      const h = c.health;
      if (healthRank(h) > healthRank(worstOf)) worstOf = h;
      if (h !== 'Grey') score.add(w, SCORE[h]);
      if (h === 'Red') anyRed = true;
      if (h === 'Red' || h === 'Amber') bad++;
    }
    st.progress = progress.value();
    st.expected = expected.value();
    st.confidence = confidence.value();
    // weightedHealth's rule on the score gathered above.
    const scored = score.value();
    let health: Health = worstOf;
    if (s.rollup !== 'worst') {
      const byScore: Health = scored === null ? 'Grey' : scored >= 0.9 ? 'Green' : scored >= 0.5 ? 'Amber' : 'Red';
      health = byScore === 'Green' && anyRed ? 'Amber' : byScore;
    }
    st.health = st.ownHealth = health;

    if (children.length === 0) st.drivers = plus(st.drivers, flat('no linked KPIs, initiatives or child objectives'));
    else if (st.health === 'Grey') st.drivers = plus(st.drivers, flat('no child has enough data to judge'));
    if (bad > 0) st.drivers = plus(st.drivers, flat(atRiskText(children, states, bad)));
    if (s.rollup === 'weighted' && st.health === 'Amber' && anyRed && scored !== null && scored >= 0.9)
      st.drivers = plus(st.drivers, flat('held at Amber: never Green while a child is Red'));
    if (st.confidence !== null && st.confidence < 1)
      st.drivers = plus(
        st.drivers,
        flat(`confidence ${pct(st.confidence)}: some children are stale, undated or have no data`),
      );
  }
}
