// "20260331": a day as the ledger's packed text cells hold it. Compact, text whatever a host does to
// date cells, and the same day in 1900 and 1904 workbooks.
import type { Day } from '../types';
import { dayFromParts, isoFromDay } from './values';

export const compactDay = (d: Day): string => isoFromDay(d).replace(/-/g, '');

const isDigits = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/** Null for "", undefined for anything that is not eight digits naming a real day. */
export function dayOfCompact(s: string): Day | null | undefined {
  if (s === '') return null;
  if (s.length !== 8 || !isDigits(s)) return undefined;
  return dayFromParts(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))) ?? undefined;
}
