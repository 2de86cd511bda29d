// Figures behind the charts: objectives by health, and value at stake and at risk by revenue stream,
// counted with the engine's no-double-count rule (an objective's value counts only when no ancestor
// in the same set carries value).
import type { Health, ItemReport } from '../types';
import type { ItemLinks } from './link-index';

export interface StreamValue {
  stream: string;
  atStake: number;
  atRisk: number;
}

export const NO_STREAM = '(no revenue stream)';

export function objectivesByHealth(items: ItemReport[]): Record<Health, number> {
  const counts: Record<Health, number> = { Red: 0, Amber: 0, Green: 0, Grey: 0 };
  for (const i of items) if (i.kind === 'objective') counts[i.health]++;
  return counts;
}

/** Streams with any value at stake, most value at risk first. */
export function valueByStream(items: ItemReport[], links: ItemLinks): StreamValue[] {
  const health = new Map(items.filter((i) => i.kind === 'objective').map((i) => [i.id, i.health]));
  const atRisk = (id: string) => health.get(id) === 'Red' || health.get(id) === 'Amber';
  const ancestors = (id: string): string[] => {
    const out: string[] = [];
    const seen = new Set([id]);
    for (
      let p = links.serves.get(id);
      p !== undefined && !seen.has(p) && links.objectives.has(p);
      p = links.serves.get(p)
    ) {
      seen.add(p);
      out.push(p);
    }
    return out;
  };
  const carries = (id: string) => (links.objectives.get(id)?.valueAtStake ?? null) !== null;
  const byStream = new Map<string, StreamValue>();
  for (const [id, facts] of links.objectives) {
    if (facts.valueAtStake === null || !health.has(id)) continue;
    const up = ancestors(id);
    const stream = facts.revenueStream ?? NO_STREAM;
    const row = byStream.get(stream) ?? { stream, atStake: 0, atRisk: 0 };
    if (!up.some(carries)) row.atStake += facts.valueAtStake;
    if (atRisk(id) && !up.some((a) => atRisk(a) && carries(a))) row.atRisk += facts.valueAtStake;
    byStream.set(stream, row);
  }
  return [...byStream.values()]
    .filter((r) => r.atStake > 0 || r.atRisk > 0)
    .sort((a, b) => b.atRisk - a.atRisk || b.atStake - a.atStake || a.stream.localeCompare(b.stream));
}
