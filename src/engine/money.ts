// Money as the workbook writes it. Excel keeps a currency as text around the number in the cell's
// number format ("$"#,##0, #,##0.00 [$€-407], _-* #,##0 "€"_-); that text and the number of decimals
// are all a finance reader needs to recognise their own figures. Grouping and the decimal mark follow
// the reader's locale, as Excel's display does.

export interface MoneyFormat {
  /** Text before the number ("$", "€ ", "USD "), possibly empty. */
  prefix: string;
  /** Text after the number (" €", " kr"), possibly empty. */
  suffix: string;
  /** Decimals the format shows. */
  decimals: number;
}

export const PLAIN_MONEY: MoneyFormat = { prefix: '', suffix: '', decimals: 0 };

/** The first of a format's sections (positive numbers), splitting on ';' outside quotes and brackets. */
function firstSection(format: string): string {
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '\\' && !quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    else if (ch === ';' && !quoted && !bracket) return format.slice(0, i);
  }
  return format;
}

type Token = { kind: 'literal'; text: string } | { kind: 'digit'; ch: string } | { kind: 'other'; ch: string };

function tokens(section: string): Token[] | null {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i];
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const text = section.slice(i + 1, end < 0 ? undefined : end);
      out.push({ kind: 'literal', text });
      i = end < 0 ? section.length : end;
    } else if (ch === '\\') {
      out.push({ kind: 'literal', text: section[i + 1] ?? '' });
      i++;
    } else if (ch === '_' || ch === '*') {
      // Padding to a character's width, or fill: spacing, not text.
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      const inner = section.slice(i + 1, end < 0 ? undefined : end);
      // [$€-407] carries a currency; [Red], [>=100], [$-409] do not.
      if (inner.startsWith('$')) {
        const symbol = inner.slice(1).split('-')[0];
        if (symbol) out.push({ kind: 'literal', text: symbol });
      }
      i = end < 0 ? section.length : end;
    } else if ('0#?'.includes(ch)) {
      out.push({ kind: 'digit', ch });
    } else if (ch === '.' || ch === ',') {
      out.push({ kind: 'other', ch });
    } else if (/[ymdhsaAeE%@]/.test(ch) && !/[$€£¥₹₩₽₺₪₫฿]/.test(ch)) {
      // Dates, times, percentages, scientific notation and text are not money.
      return null;
    } else {
      out.push({ kind: 'literal', text: ch });
    }
  }
  return out;
}

/** The money format an Excel number format describes, or null when it is not a number format at all. */
export function moneyFormatOf(numberFormat: string | null | undefined): MoneyFormat | null {
  if (!numberFormat || /^\s*general\s*$/i.test(numberFormat)) return null;
  const list = tokens(firstSection(numberFormat));
  if (!list) return null;
  const first = list.findIndex((t) => t.kind === 'digit');
  if (first < 0) return null;
  let last = first;
  for (let i = first; i < list.length; i++) if (list[i].kind !== 'literal') last = i;
  const text = (ts: Token[]) => ts.map((t) => (t.kind === 'literal' ? t.text : '')).join('');
  const number = list.slice(first, last + 1);
  const point = number.findIndex((t) => t.kind === 'other' && t.ch === '.');
  const decimals = point < 0 ? 0 : number.slice(point + 1).filter((t) => t.kind === 'digit').length;
  const tidy = (s: string) => s.replace(/[()]/g, '').replace(/\s+/g, ' ');
  let prefix = tidy(text(list.slice(0, first))).trimStart();
  let suffix = tidy(text(list.slice(last + 1))).trimEnd();
  if (!prefix.trim()) prefix = '';
  if (!suffix.trim()) suffix = '';
  return { prefix, suffix, decimals: Math.min(decimals, 4) };
}

export interface MoneyFormatter {
  /** "$12.5M": for cards, lists and charts, where room is short. */
  compact(value: number): string;
  /** "$12,500,000": on hover and for screen readers. */
  exact(value: number): string;
}

/** One style everywhere: the workbook's currency and decimals, the reader's grouping and decimal mark. */
export function moneyFormatter(format: MoneyFormat | null, locale?: string): MoneyFormatter {
  const f = format ?? PLAIN_MONEY;
  const safeLocale = (() => {
    try {
      return Intl.NumberFormat.supportedLocalesOf(locale ? [locale] : []).length > 0 ? locale : undefined;
    } catch {
      return undefined;
    }
  })();
  const compact = new Intl.NumberFormat(safeLocale, { notation: 'compact', maximumFractionDigits: 1 });
  const small = new Intl.NumberFormat(safeLocale, { maximumFractionDigits: f.decimals });
  const exact = new Intl.NumberFormat(safeLocale, {
    minimumFractionDigits: f.decimals,
    maximumFractionDigits: f.decimals,
  });
  const wrap = (value: number, body: (abs: number) => string) =>
    `${value < 0 ? '-' : ''}${f.prefix}${body(Math.abs(value))}${f.suffix}`;
  return {
    compact: (value) => wrap(value, (a) => (a >= 10_000 ? compact.format(a) : small.format(a))),
    exact: (value) => wrap(value, (a) => exact.format(a)),
  };
}
