// Moved goalposts: the plan of an item compared with its baseline. A change that makes the plan
// easier is flagged (high: Due later, Target or Baseline easier, Value at Stake cut by 10 % or more;
// warn: Weight cut, Objective/Parent or Direction changed); a change that makes it harder is not.
// Like every flag it leaves health alone: it is evidence for the review list, not a verdict.
import type { Day, Flag, ItemKind, Severity } from '../types';
import type { PlanRecord } from './plan-record';
import { isoFromDay } from '../parse/values';
import { grouped, pct, plainNumber } from '../format';
import { messages } from '../messages';

/** A Value at Stake cut by this share or more is a moved goalpost. */
export const VALUE_CUT_SHARE = 0.1;

export interface BaselineLabel {
  /** Null for the plan as Throughline first recorded it. */
  label: string | null;
  setOn: Day;
}

interface Moved {
  severity: Severity;
  text: string;
}

const eq = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/**
 * Each field that moved the easy way, in a fixed order. `value` formats a Target or Baseline with the
 * KPI's unit. The KPI's direction in the baseline decides which way is easier: the plan agreed then.
 */
export function movedFields(
  kind: ItemKind,
  was: PlanRecord,
  now: PlanRecord,
  value: (x: number) => string,
): { severity: Severity; field: string; verb: string; from: string; to: string; note: string }[] {
  const out: { severity: Severity; field: string; verb: string; from: string; to: string; note: string }[] = [];
  if (was.due !== null && now.due !== null && now.due > was.due) {
    const days = now.due - was.due;
    out.push({
      severity: 'high',
      field: 'Due',
      verb: 'moved',
      from: isoFromDay(was.due),
      to: isoFromDay(now.due),
      note: `, ${days} day${days === 1 ? '' : 's'} later`,
    });
  }
  if (kind === 'kpi') {
    const increase = (was.direction ?? 'Increase') === 'Increase';
    const easier = (a: number, b: number) => !eq(a, b) && (increase ? b < a : b > a);
    const verb = increase ? 'lowered' : 'raised';
    if (was.target !== null && now.target !== null && easier(was.target, now.target))
      out.push({ severity: 'high', field: 'Target', verb, from: value(was.target), to: value(now.target), note: '' });
    if (was.baseline !== null && now.baseline !== null && easier(was.baseline, now.baseline))
      out.push({
        severity: 'high',
        field: 'Baseline',
        verb,
        from: value(was.baseline),
        to: value(now.baseline),
        note: '',
      });
  }
  if (was.valueAtStake !== null && was.valueAtStake > 0) {
    const after = now.valueAtStake ?? 0;
    const cut = (was.valueAtStake - after) / was.valueAtStake;
    if (cut >= VALUE_CUT_SHARE - 1e-12)
      out.push({
        severity: 'high',
        field: 'Value at Stake',
        verb: 'cut',
        from: grouped(was.valueAtStake, 2),
        to: now.valueAtStake === null ? 'nothing' : grouped(now.valueAtStake, 2),
        note: `, ${pct(cut)} less`,
      });
  }
  if (was.weight !== null && now.weight !== null && now.weight < was.weight && !eq(was.weight, now.weight))
    out.push({
      severity: 'warn',
      field: 'Weight',
      verb: 'cut',
      from: plainNumber(was.weight),
      to: plainNumber(now.weight),
      note: '',
    });
  if ((was.parent ?? '') !== (now.parent ?? ''))
    out.push({
      severity: 'warn',
      field: kind === 'objective' ? 'Parent' : 'Objective',
      verb: 'changed',
      from: was.parent ?? 'none',
      to: now.parent ?? 'none',
      note: '',
    });
  if (kind === 'kpi' && was.direction !== null && now.direction !== null && was.direction !== now.direction)
    out.push({
      severity: 'warn',
      field: 'Direction',
      verb: 'changed',
      from: was.direction,
      to: now.direction,
      note: '',
    });
  return out;
}

/** The `moved-goalposts` flag of an item, or null when nothing moved the easy way. */
export function movedGoalpostsFlag(
  kind: ItemKind,
  was: PlanRecord,
  now: PlanRecord,
  baseline: BaselineLabel,
  asOf: Day,
  value: (x: number) => string,
): Flag | null {
  const moved = movedFields(kind, was, now, value);
  if (moved.length === 0) return null;
  const where = messages.baselineName(baseline.label, isoFromDay(baseline.setOn));
  const parts: Moved[] = moved.map((m) => ({
    severity: m.severity,
    text: messages.movedGoalpost(m.field, m.verb, m.from, where, m.to, m.note, isoFromDay(asOf)),
  }));
  const severity: Severity = parts.some((p) => p.severity === 'high') ? 'high' : 'warn';
  return { code: 'moved-goalposts', severity, message: parts.map((p) => p.text).join('; ') };
}
