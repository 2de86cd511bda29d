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
  const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
  const point = fixed.indexOf('.');
  const whole = point < 0 ? fixed : fixed.slice(0, point);
  // Trailing zeros of the fraction dropped, and the point with them when nothing is left.
  let end = fixed.length;
  if (point >= 0) {
    while (end > point + 1 && fixed.charCodeAt(end - 1) === 48) end--;
    if (end === point + 1) end = point;
  }
  const tail = point < 0 ? '' : fixed.slice(point, end);
  return `${sign}${withCommas(whole)}${tail}`;
}

/** "1234567" as "1,234,567"; anything but plain digits (toFixed's exponent form) by the general rule. */
function withCommas(whole: string): string {
  const n = whole.length;
  if (n <= 3) return whole;
  for (let i = 0; i < n; i++) {
    const c = whole.charCodeAt(i);
    if (c < 48 || c > 57) return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  let out = whole.slice(0, n % 3 || 3);
  for (let i = n % 3 || 3; i < n; i += 3) out += `,${whole.slice(i, i + 3)}`;
  return out;
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

/** A count of days in words: "1 day", "-1 day", "18 days". */
export function dayCount(n: number): string {
  return `${n} day${Math.abs(n) === 1 ? '' : 's'}`;
}
