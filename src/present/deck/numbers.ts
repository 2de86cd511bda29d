// Numbers on the slides: counts and percentages in the reader's language, money in the workbook's
// currency, and the same currency as an Excel format code for the native charts (PowerPoint then
// groups the digits in its own reader's language).
import { moneyFormatter, type MoneyFormat, type MoneyFormatter } from '../../engine';

export interface DeckNumbers {
  money: MoneyFormatter;
  count(n: number): string;
  percent(fraction: number): string;
  /** An Excel number format for chart axes and labels, scaled to the largest value shown. */
  chartMoneyCode(largest: number): string;
}

function safeLocale(locale: string | undefined): string | undefined {
  try {
    return locale && Intl.NumberFormat.supportedLocalesOf([locale]).length > 0 ? locale : undefined;
  } catch {
    return undefined;
  }
}

/** Text inside an Excel format code is quoted; a quote inside it cannot be, so it is dropped. */
const quoted = (text: string) => (text ? `"${text.replace(/"/g, '')}"` : '');

export function deckNumbers(format: MoneyFormat | null, locale: string | undefined): DeckNumbers {
  const lang = safeLocale(locale);
  const counts = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const percents = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  return {
    money: moneyFormatter(format, lang),
    count: (n) => counts.format(n),
    percent: (f) => percents.format(f),
    chartMoneyCode(largest) {
      const prefix = quoted(format?.prefix ?? '');
      const suffix = quoted(format?.suffix ?? '');
      if (largest >= 1e6) return `${prefix}#,##0.0,,"M"${suffix}`;
      if (largest >= 1e4) return `${prefix}#,##0,"k"${suffix}`;
      return `${prefix}#,##0${suffix}`;
    },
  };
}
