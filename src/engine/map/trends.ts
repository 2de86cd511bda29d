// The slip chart's data: for the initiatives slipping most, from the plan at Start (on Due), how late
// each check-in in History put them at the pace they were going, ending with today's forecast
// (which includes dependency pushes).
import type { Health, ItemReport, InitiativeRow, HistoryRow } from '../types';
import { isoFromDay } from '../parse/values';

export interface SlipPoint {
  date: string;
  /** Days after Due: negative is early. */
  slipDays: number;
  /** 'plan': on Due as planned at Start; 'pace': Start + elapsed / % complete at a check-in; 'forecast': today's forecast finish. */
  basis: 'plan' | 'pace' | 'forecast';
}

export interface SlipTrend {
  id: string;
  name: string;
  health: Health;
  due: string;
  points: SlipPoint[];
}

/** Where a check-in's pace would finish: the days elapsed since Start stretched to the whole of the work. */
export function paceFinish(start: number, checkIn: number, complete: number): number | null {
  if (complete <= 0 || checkIn <= start) return null;
  if (complete >= 1) return checkIn;
  return start + Math.ceil((checkIn - start) / complete);
}

export function slipTrends(
  items: ItemReport[],
  initiatives: Map<string, InitiativeRow>,
  historyOf: Map<string, HistoryRow[]>,
  asOf: number,
  count = 5,
): SlipTrend[] {
  const slipping = items
    .filter((i) => i.kind === 'initiative' && i.slipDays !== null && i.slipDays > 0 && i.forecastFinish !== null)
    .sort((a, b) => b.slipDays! - a.slipDays! || (a.id < b.id ? -1 : 1));
  const trends: SlipTrend[] = [];
  for (const item of slipping) {
    if (trends.length >= count) break;
    const row = initiatives.get(item.id);
    if (!row) continue;
    // Every line starts where the plan did: finishing on Due, as seen on its Start date.
    const points: SlipPoint[] =
      row.start !== null && row.start < asOf ? [{ date: isoFromDay(row.start), slipDays: 0, basis: 'plan' }] : [];
    for (const h of historyOf.get(item.id) ?? []) {
      if (row.start === null || h.value === null || h.date > asOf) continue;
      const finish = paceFinish(row.start, h.date, Math.min(h.value, 1));
      if (finish !== null) points.push({ date: isoFromDay(h.date), slipDays: finish - row.due, basis: 'pace' });
    }
    points.push({ date: isoFromDay(asOf), slipDays: item.slipDays!, basis: 'forecast' });
    trends.push({ id: item.id, name: item.name, health: item.health, due: isoFromDay(row.due), points });
  }
  return trends;
}
