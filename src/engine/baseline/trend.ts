// Forecast history: each initiative's forecast finish and each KPI's attainment per as-of date
// refreshed. The ledger keeps change points (a value holds from its as-of date until the next point)
// and the list of as-of dates refreshed, so a forecast that held for a year costs one row, not 52;
// read back, the history has one point per as-of date. Points older than a year before the newest
// as-of are thinned to one a month (the last as-of of each month).
import type { Day, ForecastPoint } from '../types';
import { isoFromDay } from '../parse/values';
import type { TrendPoint } from './store';

export const THIN_AFTER_DAYS = 365;

export const sameValue = (a: TrendPoint, b: Omit<TrendPoint, 'asOf'>) =>
  a.forecast === b.forecast &&
  (a.attainment === null || b.attainment === null
    ? a.attainment === b.attainment
    : Math.abs(a.attainment - b.attainment) < 1e-9);

function valueAt(points: TrendPoint[], asOf: Day): TrendPoint | null {
  let found: TrendPoint | null = null;
  for (const p of points) {
    if (p.asOf > asOf) break;
    found = p;
  }
  return found;
}

/**
 * Records `value` at `asOf` in an item's change points. `refreshed` is the sorted list of as-of dates
 * refreshed before this one. The usual case, a newer as-of, appends at most one point; an as-of
 * earlier than the latest rebuilds that item's series over the refreshed dates.
 */
export function recordPoint(
  points: TrendPoint[],
  asOf: Day,
  value: Omit<TrendPoint, 'asOf'>,
  refreshed: readonly Day[],
): TrendPoint[] {
  const latest = refreshed.length > 0 ? refreshed[refreshed.length - 1] : null;
  const last = points[points.length - 1];
  if (!last) return [{ asOf, ...value }];
  if (latest === null || asOf >= latest) {
    if (asOf > last.asOf) return sameValue(last, value) ? points : [...points, { asOf, ...value }];
    if (asOf === last.asOf) {
      const before = points[points.length - 2];
      if (before && sameValue(before, value)) return points.slice(0, -1);
      return sameValue(last, value) ? points : [...points.slice(0, -1), { asOf, ...value }];
    }
  }
  // A back-dated refresh: sample the series at every refreshed date, set this one, compress again.
  const first = Math.min(points[0].asOf, asOf);
  const dates = [...new Set([...refreshed.filter((d) => d >= first), asOf, ...points.map((p) => p.asOf)])].sort(
    (a, b) => a - b,
  );
  const out: TrendPoint[] = [];
  for (const d of dates) {
    const v = d === asOf ? value : valueAt(points, d);
    if (v === null) continue;
    if (out.length === 0 || !sameValue(out[out.length - 1], v))
      out.push({ asOf: d, forecast: v.forecast, attainment: v.attainment });
  }
  return out;
}

const monthOf = (d: Day) => isoFromDay(d).slice(0, 7);

/** Keeps, before the cut-off, only the last as-of date of each month. */
export function thinDates(refreshed: Day[], latest: Day): Day[] {
  const cutoff = latest - THIN_AFTER_DAYS;
  if (refreshed.length === 0 || refreshed[0] >= cutoff) return refreshed;
  const out: Day[] = [];
  for (let i = 0; i < refreshed.length; i++) {
    const d = refreshed[i];
    const next = refreshed[i + 1];
    if (d >= cutoff || next === undefined || monthOf(next) !== monthOf(d)) out.push(d);
  }
  return out;
}

/** The same for an item's change points: the last point of each month before the cut-off keeps the month's value. */
export function thinPoints(points: TrendPoint[], latest: Day): TrendPoint[] {
  const cutoff = latest - THIN_AFTER_DAYS;
  if (points.length === 0 || points[0].asOf >= cutoff) return points;
  return points.filter((p, i) => {
    const next = points[i + 1];
    return p.asOf >= cutoff || next === undefined || next.asOf >= cutoff || monthOf(next.asOf) !== monthOf(p.asOf);
  });
}

/**
 * One point per as-of date refreshed since the item's first point. `isoOf` caches the ISO text of
 * each day, since a large workbook asks for the same dates thousands of times.
 */
export function expandHistory(
  points: TrendPoint[],
  refreshed: readonly Day[],
  isoOf: (d: Day) => string,
): ForecastPoint[] {
  const out: ForecastPoint[] = [];
  if (points.length === 0) return out;
  let k = 0;
  for (const d of refreshed) {
    if (d < points[0].asOf) continue;
    while (k + 1 < points.length && points[k + 1].asOf <= d) k++;
    const p = points[k];
    out.push({ asOf: isoOf(d), forecast: p.forecast === null ? null : isoOf(p.forecast), attainment: p.attainment });
  }
  return out;
}
