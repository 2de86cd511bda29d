// History rules: check-in series that look sanitized or stuck. They feed the review list only.
import type { Day, Flag, ReportedStatus } from '../types';
import { isoFromDay } from '../parse/values';

export interface HistoryPoint {
  date: Day;
  value: number | null;
  status: ReportedStatus | null;
}

export interface HistoryContext {
  kind: 'kpi' | 'initiative';
  /** Sorted by date ascending, one point per date. */
  points: HistoryPoint[];
  /** Raw value to attainment (0 at baseline, 1 at target); the identity for initiatives. */
  attainment: (value: number) => number;
  /** Expected progress on a day, or null without Start/Due. */
  expectedOn: (day: Day) => number | null;
  targetMet: boolean;
  format: (value: number) => string;
}

/** How many check-ins make a pattern rather than a coincidence. */
export const MIN_RUN = 3;
/** "Exactly on plan": within half a percentage point of the straight line. */
export const ON_PLAN_TOLERANCE = 0.005;

const span = (points: HistoryPoint[]) =>
  `${points.length} check-ins (${isoFromDay(points[0].date)} to ${isoFromDay(points[points.length - 1].date)})`;

/** Where the trailing run of equal values starts (points.length when the last has no value). */
function flatRunStart(points: HistoryPoint[]): number {
  const n = points.length;
  const last = n === 0 ? null : points[n - 1].value;
  if (last === null) return n;
  let i = n - 1;
  while (i > 0 && points[i - 1].value === last) i--;
  return i;
}

const isNearDone = (v: number | null) => v !== null && v >= 0.9 && v < 1;

/** Where the trailing run of values from 90 % to under 100 % starts (points.length when the last is not). */
function nearDoneRunStart(points: HistoryPoint[]): number {
  const n = points.length;
  if (n === 0 || !isNearDone(points[n - 1].value)) return n;
  let i = n - 1;
  while (i > 0 && isNearDone(points[i - 1].value)) i--;
  return i;
}

/** A flat series only matters while the plan says it should be moving: not before its start. */
export function flatlineFlag(ctx: HistoryContext): Flag | null {
  if (ctx.targetMet) return null;
  // The run is counted first and copied only when it is reported.
  const points = ctx.points;
  const from = flatRunStart(points);
  if (points.length - from < MIN_RUN) return null;
  if (ctx.expectedOn(points[points.length - 1].date) === 0) return null;
  const run = points.slice(from);
  return {
    code: 'flatline',
    severity: 'warn',
    message: `the last ${span(run)} all report ${ctx.format(run[0].value!)} while the target is not met`,
  };
}

export function stuckNearDoneFlag(ctx: HistoryContext): Flag | null {
  if (ctx.kind !== 'initiative' || ctx.targetMet) return null;
  const from = nearDoneRunStart(ctx.points);
  if (ctx.points.length - from < MIN_RUN) return null;
  const run = ctx.points.slice(from);
  return {
    code: 'stuck-near-done',
    severity: 'warn',
    message: `between 90% and 100% complete for the last ${span(run)}: ${run.map((p) => ctx.format(p.value!)).join(', ')}`,
  };
}

/** Whether a check-in sits within half a point of the straight-line plan (a function, not a closure per item). */
function onPlanAt(ctx: HistoryContext, p: HistoryPoint): boolean {
  const e = ctx.expectedOn(p.date);
  const a = p.value === null ? null : ctx.attainment(p.value);
  return e !== null && e > 0 && e < 1 && a !== null && Math.abs(a - e) <= ON_PLAN_TOLERANCE + 1e-12;
}

export function exactlyOnPlanFlag(ctx: HistoryContext): Flag | null {
  // The longest run of on-plan check-ins (the later of two equal ones), kept as a start and a length:
  // a check-in's attainment and expected progress are worked out again only for a run that is reported.
  const points = ctx.points;
  // Fewer check-ins than a run needs: nothing to look at (most items hold a handful).
  if (points.length < MIN_RUN) return null;
  let runStart = 0;
  let runLength = 0;
  let bestStart = 0;
  let bestLength = 0;
  for (let i = 0; i < points.length; i++) {
    if (!onPlanAt(ctx, points[i])) runLength = 0;
    else if (runLength++ === 0) runStart = i;
    if (runLength >= bestLength) {
      bestStart = runStart;
      bestLength = runLength;
    }
  }
  if (bestLength < MIN_RUN) return null;
  const best = ctx.points.slice(bestStart, bestStart + bestLength);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return {
    code: 'exactly-on-plan',
    severity: 'warn',
    message:
      `${best.length} consecutive check-ins sit within 0.5 points of the straight-line plan: ` +
      best
        .map(
          (p) => `${isoFromDay(p.date)} ${pct(ctx.attainment(p.value!))} vs ${pct(ctx.expectedOn(p.date)!)} expected`,
        )
        .join('; '),
  };
}

export function statusCliffFlag(ctx: HistoryContext): Flag | null {
  // The latest Green directly followed by Red among the check-ins that report a status (no copy of them).
  let after: HistoryPoint | null = null;
  for (let i = ctx.points.length - 1; i >= 0; i--) {
    const before = ctx.points[i];
    if (before.status === null) continue;
    if (after !== null && before.status === 'Green' && after.status === 'Red') {
      return {
        code: 'status-cliff',
        severity: 'warn',
        message: `reported Green on ${isoFromDay(before.date)} then Red on ${isoFromDay(after.date)} with no Amber in between`,
      };
    }
    after = before;
  }
  return null;
}

export function historyFlags(ctx: HistoryContext): Flag[] {
  const flags: Flag[] = [];
  addHistoryFlags(ctx, flags);
  return flags;
}

/** The same flags in the same order, added to a list the caller has (no list of four made per item). */
export function addHistoryFlags(ctx: HistoryContext, flags: Flag[]): void {
  let f = flatlineFlag(ctx);
  if (f !== null) flags.push(f);
  f = stuckNearDoneFlag(ctx);
  if (f !== null) flags.push(f);
  f = exactlyOnPlanFlag(ctx);
  if (f !== null) flags.push(f);
  f = statusCliffFlag(ctx);
  if (f !== null) flags.push(f);
}
