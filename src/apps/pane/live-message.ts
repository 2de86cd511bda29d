// What the live message bar says: how the workbook as it stands now differs from what the last Refresh
// wrote, in the words a PMO analyst uses ("INI-2 turned Red, $4.5M more at risk").
import type { MoneyFormatter, RefreshResult } from '../../engine';

/** Items whose health changed, named one by one up to this many. */
const NAMED = 3;

export function liveMessage(
  written: RefreshResult | null,
  now: RefreshResult,
  remote: boolean,
  money: MoneyFormatter,
): string {
  const parts: string[] = [];
  const before = new Map((written?.report.items ?? []).map((i) => [i.id, i.health]));
  // The causes first: initiatives, then KPIs, then the objectives they move.
  const order = { initiative: 0, kpi: 1, objective: 2 } as Record<string, number>;
  const turned = now.report.items
    .filter((i) => before.has(i.id) && before.get(i.id) !== i.health)
    .sort((a, b) => (order[a.kind] ?? 3) - (order[b.kind] ?? 3));
  parts.push(...turned.slice(0, NAMED).map((i) => `${i.id} turned ${i.health}`));
  if (turned.length > NAMED) parts.push(`${turned.length - NAMED} more changed health`);
  const risk = now.report.summary.valueAtRisk - (written?.report.summary.valueAtRisk ?? 0);
  if (Math.round(risk) > 0) parts.push(`${money.compact(risk)} more at risk`);
  if (Math.round(risk) < 0) parts.push(`${money.compact(-risk)} less at risk`);
  const errors = now.report.errors.length - (written?.report.errors.length ?? 0);
  if (errors > 0) parts.push(`${errors} new data ${errors === 1 ? 'error' : 'errors'}`);
  if (parts.length === 0) parts.push(remote ? 'the pane shows the change' : 'the pane shows your edits');
  const who = remote ? " (a co-author's change)" : '';
  return `Not written yet${who}: ${parts.join(', ')}. Refresh to write.`;
}
