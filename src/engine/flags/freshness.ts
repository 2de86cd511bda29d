// Freshness flags: updates that are overdue for their cadence, and values with no date at all.
import type { Cadence, Day, Flag } from '../types';
import { addMonths, isoFromDay } from '../parse/values';

export function cadenceWords(c: Cadence): string {
  if (c.unit === 'months')
    return c.count === 1
      ? 'monthly'
      : c.count === 3
        ? 'quarterly'
        : c.count === 12
          ? 'yearly'
          : `every ${c.count} months`;
  return c.count === 7 ? 'weekly' : c.count === 14 ? 'fortnightly' : c.count === 1 ? 'daily' : `every ${c.count} days`;
}

/** The last day an update is still on time: Updated + cadence (calendar months for monthly/quarterly) + grace. */
export function nextUpdateDue(updated: Day, cadence: Cadence, graceDays: number): Day {
  const byCadence = cadence.unit === 'months' ? addMonths(updated, cadence.count) : updated + cadence.count;
  return byCadence + graceDays;
}

export function staleFlag(input: {
  updated: Day | null;
  cadence: Cadence;
  graceDays: number;
  asOf: Day;
  complete?: boolean;
}): Flag | null {
  const { updated, cadence, graceDays, asOf } = input;
  if (updated === null || input.complete) return null;
  const due = nextUpdateDue(updated, cadence, graceDays);
  if (due >= asOf) return null;
  return {
    code: 'stale',
    severity: 'warn',
    message:
      `last updated ${isoFromDay(updated)}; a ${cadenceWords(cadence)} update was due by ${isoFromDay(due)} ` +
      `(incl. ${graceDays} grace day${graceDays === 1 ? '' : 's'}); ${asOf - updated} days without an update as of ${isoFromDay(asOf)}`,
  };
}

export function noUpdateDateFlag(input: { hasData: boolean; updated: Day | null }): Flag | null {
  if (!input.hasData || input.updated !== null) return null;
  return {
    code: 'no-update-date',
    severity: 'info',
    message: 'has a reported value or status but no Updated date, so nobody can tell how old it is',
  };
}
