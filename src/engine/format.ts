// Numbers in messages, written the way the workbook's own units read.
const CURRENCY = new Set(['$', '€', '£', '¥', 'USD', 'EUR', 'GBP']);

/** "42%" for fractions: whole percents unless that would hide a difference that matters. */
export function pct(x: number): string {
  const p = x * 100;
  return `${Math.abs(p - Math.round(p)) < 0.05 ? Math.round(p) : p.toFixed(1)}%`;
}

/**
 * "1,234.5": thousands grouped, trailing zeros dropped. Written by hand because Intl formatting is
 * a hundred times slower, and the engine formats numbers for every row.
 */
export function grouped(x: number, maxFraction: number): string {
  if (!Number.isFinite(x)) return String(x);
  const fixed = Math.abs(x).toFixed(maxFraction);
  const [whole, fraction = ''] = fixed.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${withCommas}${trimmed ? `.${trimmed}` : ''}`;
}

export function plainNumber(x: number): string {
  return grouped(x, Math.abs(x) < 10 ? 3 : 2);
}

/** A KPI value with its unit: "$610,000", "95.5%" (a fraction typed for a % unit), "55 days". */
export function withUnit(x: number, unit: string | null): string {
  if (!unit) return plainNumber(x);
  const u = unit.trim();
  if (CURRENCY.has(u))
    return u.length === 1 ? `${x < 0 ? '-' : ''}${u}${plainNumber(Math.abs(x))}` : `${plainNumber(x)} ${u}`;
  if (u === '%') return Math.abs(x) <= 1.5 ? pct(x) : `${plainNumber(x)}%`;
  return `${plainNumber(x)} ${u}`;
}

/** "2.4M", "300k": value for a label with little room; the workbook's currency is not known here. */
export function compactNumber(x: number): string {
  const a = Math.abs(x);
  const cut = (v: number, suffix: string) =>
    `${x < 0 ? '-' : ''}${v >= 100 ? Math.round(v) : Number(v.toFixed(1))}${suffix}`;
  if (a >= 1e9) return cut(a / 1e9, 'B');
  if (a >= 1e6) return cut(a / 1e6, 'M');
  if (a >= 1e4) return cut(a / 1e3, 'k');
  return grouped(x, 0);
}
