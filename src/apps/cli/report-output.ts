// What `throughline report` writes: the HTML status report or the PowerPoint board pack, chosen by the
// --out file's extension. Both are made from the refresh result alone; the workbook is never written.
import type { RefreshResult, ValidationError } from '../../engine';
import { moneyFormatOf, type MoneyFormat, type SheetLink } from '../../engine';
import type { PortfolioViews } from '../../portfolio';
import type { ReportFormat } from './args';
import type * as HtmlReport from '../../present/html-report';
import type * as Deck from '../../present/deck';

/** The words `refresh` uses when a workbook cannot be computed, so both commands say the same. */
export function cannotRefresh(what: string, fatal: ValidationError[]): string {
  return `Cannot refresh ${what}:\n${fatal.map((e) => `  - ${e.message}`).join('\n')}\nNothing was written.\n`;
}

export interface ReportContent {
  source: string;
  generated: string;
  portfolio?: PortfolioViews;
  /** Reads a cell's number format (the currency of Value at Stake); only the deck asks. */
  numberFormat: (cell: SheetLink) => Promise<string | null>;
  locale?: string;
}

export interface MadeReport {
  data: string | Uint8Array;
  /** "board pack of 12 slides", said in the summary line. */
  what: string;
}

export async function makeReport(
  format: ReportFormat,
  result: RefreshResult,
  content: ReportContent,
): Promise<MadeReport> {
  // The presenters (React, pptxgenjs, the map's layout) are loaded only here: `refresh` never needs
  // them, and loading them cost every refresh about 80 ms of a 100k-row run's start.
  if (format === 'html') {
    const { statusReportHtml } = require('../../present/html-report') as typeof HtmlReport;
    const data = statusReportHtml(result, {
      source: content.source,
      generated: content.generated,
      portfolio: content.portfolio,
    });
    return { data, what: 'status report' };
  }
  const cell = result.moneyCells[0];
  const money: MoneyFormat | null = cell ? moneyFormatOf(await content.numberFormat(cell).catch(() => null)) : null;
  const { boardPackPptx } = require('../../present/deck') as typeof Deck;
  const deck = await boardPackPptx(result, {
    source: content.source,
    generated: content.generated,
    portfolio: content.portfolio,
    money,
    locale: content.locale,
  });
  return { data: deck.data, what: `board pack of ${deck.slides} slides` };
}
