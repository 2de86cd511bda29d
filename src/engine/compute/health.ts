// Health words and the few rules every stage shares.
import type { Day, Health } from '../types';

const RANK: Readonly<Record<Health, number>> = { Grey: 0, Green: 1, Amber: 2, Red: 3 };

/** Red > Amber > Green; Grey only when everything is Grey (or there is nothing). */
export function worst(...healths: Health[]): Health {
  let result: Health = 'Grey';
  for (const h of healths) if (RANK[h] > RANK[result]) result = h;
  return result;
}

/** True when `a` is strictly worse than `b` (Grey counts as better than anything known). */
export function isWorse(a: Health, b: Health): boolean {
  return RANK[a] > RANK[b];
}

export function healthRank(h: Health): number {
  return RANK[h];
}

/** Green when the ratio of actual to expected progress clears the green threshold, Amber above amber, else Red. */
export function ratioHealth(ratio: number, green: number, amber: number): Health {
  if (ratio >= green) return 'Green';
  if (ratio >= amber) return 'Amber';
  return 'Red';
}

/**
 * Expected progress: 0 before Start, 1 on or after Due, linear between. Without Start it is 1 once
 * Due has passed and unknown before. Start on or after Due degenerates to a step at Due.
 */
export function expectedProgress(start: Day | null, due: Day | null, asOf: Day): number | null {
  if (due === null) return null;
  if (asOf >= due) return 1;
  if (start === null) return null;
  if (asOf <= start || due <= start) return 0;
  return (asOf - start) / (due - start);
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
