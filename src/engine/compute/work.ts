// Own health of KPIs and initiatives, from their own data only (dependencies come later).
import type { Day, Health, InitiativeRow, KpiRow, Settings } from '../types';
import { isoFromDay } from '../parse/values';
import { clamp01, expectedProgress, ratioHealth, worst } from './health';
import { dayCount, pct, withUnit } from '../format';

export interface OwnResult {
  progress: number | null;
  expected: number | null;
  ownHealth: Health;
  /** Why the own health is what it is, in checkable numbers. */
  drivers: string[];
}

/**
 * Attainment of a KPI value: 0 at Baseline, 1 at Target. Without a Baseline an Increase KPI is
 * measured as Actual/Target and a Decrease KPI as Target/Actual. A zero denominator means the
 * target is either met or not, with nothing in between.
 */
export function kpiAttainment(k: Pick<KpiRow, 'direction' | 'baseline' | 'target'>, value: number): number {
  const increase = k.direction === 'Increase';
  if (k.baseline !== null) {
    const span = increase ? k.target - k.baseline : k.baseline - k.target;
    const gained = increase ? value - k.baseline : k.baseline - value;
    return gained / span;
  }
  if (increase) return k.target === 0 ? (value >= 0 ? 1 : 0) : value / k.target;
  return value <= 0 ? (value <= k.target ? 1 : 0) : k.target / value;
}

/** KPI expected progress: as for any dated item, but with no Due at all it is judged against the full target. */
export function kpiExpected(k: Pick<KpiRow, 'start' | 'due'>, asOf: Day): number | null {
  if (k.due === null) return 1;
  return expectedProgress(k.start, k.due, asOf);
}

/** `shiftDays` moves the KPI's schedule earlier, which is what a what-if delay of the KPI means. */
export function evaluateKpi(k: KpiRow, s: Settings, shiftDays = 0): OwnResult {
  const asOf = s.asOf + shiftDays;
  const expected = kpiExpected(k, asOf);
  if (k.actual === null) {
    return { progress: null, expected, ownHealth: 'Grey', drivers: ['no Actual reported'] };
  }
  const a = kpiAttainment(k, k.actual);
  const progress = clamp01(a);
  const v = (x: number) => withUnit(x, k.unit);
  const where =
    `actual ${v(k.actual)} against target ${v(k.target)}` +
    (k.baseline !== null ? ` from baseline ${v(k.baseline)}` : '') +
    ` (${k.direction === 'Increase' ? 'higher' : 'lower'} is better): ${pct(a)} attained`;
  if (expected === null) {
    return {
      progress,
      expected,
      ownHealth: 'Green',
      drivers: [`${where}; no Start date, so the pace is not judged before Due ${isoFromDay(k.due!)}`],
    };
  }
  if (expected === 0) {
    return {
      progress,
      expected,
      ownHealth: 'Green',
      drivers: [`${where}; not started yet (Start ${isoFromDay(k.start!)})`],
    };
  }
  const ratio = a / expected;
  const ownHealth = ratioHealth(ratio, s.greenThreshold, s.amberThreshold);
  return {
    progress,
    expected,
    ownHealth,
    drivers: [`${where} vs ${pct(expected)} expected by ${isoFromDay(s.asOf)} (ratio ${ratio.toFixed(2)})`],
  };
}

export interface InitiativeOwn extends OwnResult {
  /** Forecast finish before any dependency push: own Forecast, else Due, plus any what-if delay. */
  forecast: Day;
  complete: boolean;
}

export function slipHealth(slipDays: number, s: Settings): Health {
  if (slipDays > s.slipRedDays) return 'Red';
  if (slipDays > s.slipAmberDays) return 'Amber';
  return 'Green';
}

/** `delayDays` is a what-if: the initiative finishes that many days later than it says. */
export function evaluateInitiative(i: InitiativeRow, s: Settings, delayDays = 0): InitiativeOwn {
  const expected = expectedProgress(i.start, i.due, s.asOf);
  const progress = i.complete === null ? null : clamp01(i.complete);
  const forecast = (i.forecast ?? i.due) + delayDays;
  if (i.complete !== null && i.complete >= 1) {
    return { progress, expected, ownHealth: 'Green', drivers: ['complete'], forecast, complete: true };
  }
  const verdicts: Health[] = [];
  const drivers: string[] = [];
  if (expected !== null && progress !== null) {
    if (expected === 0) {
      verdicts.push('Green');
      drivers.push(`${pct(progress)} complete; not due to start until ${isoFromDay(i.start!)}`);
    } else {
      const ratio = progress / expected;
      verdicts.push(ratioHealth(ratio, s.greenThreshold, s.amberThreshold));
      drivers.push(
        `${pct(progress)} complete vs ${pct(expected)} expected by ${isoFromDay(s.asOf)} (ratio ${ratio.toFixed(2)})`,
      );
    }
  }
  if (s.asOf > i.due) {
    verdicts.push('Red');
    drivers.push(
      `overdue: Due ${isoFromDay(i.due)} has passed and it is ${progress === null ? 'not reported complete' : `${pct(progress)} complete`}`,
    );
  }
  if (i.forecast !== null || delayDays !== 0) {
    const slip = forecast - i.due;
    const h = slipHealth(slip, s);
    verdicts.push(h);
    if (h !== 'Green')
      drivers.push(`forecast ${isoFromDay(forecast)} is ${dayCount(slip)} after Due ${isoFromDay(i.due)}`);
  }
  // Without % Complete the only evidence is the dates: silence is not Green.
  const known = progress !== null || verdicts.some((h) => h !== 'Green');
  const ownHealth: Health = !known ? 'Grey' : verdicts.length > 0 ? worst(...verdicts) : 'Green';
  if (!known) drivers.push('no % Complete reported');
  return { progress, expected, ownHealth, drivers, forecast, complete: false };
}
