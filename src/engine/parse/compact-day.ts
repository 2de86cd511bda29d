// "20260331": a day as the ledger's packed text cells hold it. Compact, text whatever a host does to
// date cells, and the same day in 1900 and 1904 workbooks.
import type { Day } from '../types';
import { dayFromParts, isoFromDay } from './values';

// A ledger names the same few hundred days tens of thousands of times (check-in dates, the days they
// were recorded): both directions are remembered. Bounded, so a long-lived pane cannot grow them forever.
const CACHE_LIMIT = 20_000;
const textOf = new Map<Day, string>();
const dayOf = new Map<string, Day | undefined>();
const dayOfNumber = new Map<number, Day | undefined>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

export function compactDay(d: Day): string {
  const known = textOf.get(d);
  if (known !== undefined) return known;
  const iso = isoFromDay(d);
  return remember(textOf, d, iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10));
}

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
  if (dayOf.has(s)) return dayOf.get(s);
  if (s.length !== 8 || !isDigits(s)) return undefined;
  const d = dayFromParts(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8))) ?? undefined;
  return remember(dayOf, s, d);
}

/** The day of eight digits read as one number (20260331), as dayOfCompact reads their text. */
export function dayOfDigits(yyyymmdd: number): Day | undefined {
  const known = dayOfNumber.get(yyyymmdd);
  if (known !== undefined || dayOfNumber.has(yyyymmdd)) return known;
  const year = Math.floor(yyyymmdd / 10_000);
  const d = dayFromParts(year, Math.floor(yyyymmdd / 100) % 100, yyyymmdd % 100) ?? undefined;
  return remember(dayOfNumber, yyyymmdd, d);
}
