// The sentence a refresh ends with, for the live region: what a PMO lead would say out loud.
import type { RefreshResult } from '../../engine';
import type { MoneyFormatter } from '../../engine';
import { derivedOf } from './derived';

/** "Refresh done: 5 Red, $7.3M at risk, 18 to review." */
export function headline(result: RefreshResult, money: MoneyFormatter): string {
  const s = result.report.summary;
  const { counts } = derivedOf(result).review;
  const health =
    s.objectives.Red > 0
      ? `${s.objectives.Red} Red`
      : s.objectives.Amber > 0
        ? `${s.objectives.Amber} Amber`
        : `${s.objectives.Green} Green`;
  const errors = counts.errors > 0 ? ` (${counts.errors} data error${counts.errors === 1 ? '' : 's'})` : '';
  return `Refresh done: ${health}, ${money.compact(s.valueAtRisk)} at risk, ${counts.all} to review${errors}.`;
}
