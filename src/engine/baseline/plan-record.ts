// The plan of one item as the ledger keeps it: the fields a team could quietly move (Start, Due,
// Target, Baseline, Direction, Weight, Value at Stake, its Objective or Parent).
import type { Day, Direction, ItemKind } from '../types';
import type { ItemRow } from '../graph/links';
import { dayFromISO, isoFromDay } from '../parse/values';

export interface PlanRecord {
  start: Day | null;
  due: Day | null;
  target: number | null;
  baseline: number | null;
  direction: Direction | null;
  weight: number | null;
  valueAtStake: number | null;
  /** Objectives: the parent objective; KPIs and initiatives: the objective (or KPI) they serve. */
  parent: string | null;
}

export function planOf(row: ItemRow): PlanRecord {
  switch (row.kind) {
    case 'objective':
      return {
        start: null,
        due: row.due,
        target: null,
        baseline: null,
        direction: null,
        weight: row.weight,
        valueAtStake: row.valueAtStake,
        parent: row.parent,
      };
    case 'kpi':
      return {
        start: row.start,
        due: row.due,
        target: row.target,
        baseline: row.baseline,
        direction: row.direction,
        weight: row.weight,
        valueAtStake: null,
        parent: row.objective,
      };
    case 'initiative':
      return {
        start: row.start,
        due: row.due,
        target: null,
        baseline: null,
        direction: null,
        weight: row.weight,
        valueAtStake: row.valueAtStake,
        parent: row.supports,
      };
  }
}

const num = (x: number | null) => (x === null ? '' : String(x));
const date = (d: Day | null) => (d === null ? '' : isoFromDay(d));

/** The plan as eight text fields, in a fixed order: ISO dates (the same days in 1900 and 1904 workbooks), plain numbers. */
export function planFields(p: PlanRecord): string[] {
  return [
    date(p.start),
    date(p.due),
    num(p.target),
    num(p.baseline),
    p.direction === null ? '' : p.direction,
    num(p.weight),
    num(p.valueAtStake),
    p.parent ?? '',
  ];
}

/** Null when the fields are not a plan this code wrote (another program edited the hidden sheet). */
export function planFromFields(parts: string[]): PlanRecord | null {
  if (parts.length !== 8) return null;
  const day = (s: string): Day | null | undefined => (s === '' ? null : (dayFromISO(s) ?? undefined));
  const number = (s: string): number | null | undefined => {
    if (s === '') return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  };
  const direction = parts[4] === '' ? null : parts[4] === 'Increase' || parts[4] === 'Decrease' ? parts[4] : undefined;
  const record = {
    start: day(parts[0]),
    due: day(parts[1]),
    target: number(parts[2]),
    baseline: number(parts[3]),
    direction,
    weight: number(parts[5]),
    valueAtStake: number(parts[6]),
    parent: parts[7] === '' ? null : parts[7],
  };
  return Object.values(record).some((v) => v === undefined) ? null : (record as PlanRecord);
}

/** One letter per kind in the plans cell: O, K, I. */
export const KIND_CODES: Readonly<Record<ItemKind, string>> = { objective: 'O', kpi: 'K', initiative: 'I' };

export function kindFromCode(v: unknown): ItemKind | null {
  return v === 'O' ? 'objective' : v === 'K' ? 'kpi' : v === 'I' ? 'initiative' : null;
}
