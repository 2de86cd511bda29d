// Whether a workbook is a portfolio workbook Throughline wrote (--portfolio-out, or the page's
// portfolio.xlsx): it has a portfolio sheet and nothing else but Throughline's own sheets, and no
// table a team's data would be in. Such a file lying in a folder of team workbooks is no team.
import type { XlsxWorkbook } from './port';
import { PORTFOLIO_SHEETS } from '../../portfolio';
import { LEDGER_SHEET, RISKS_SHEET, tableKindOf } from '../../engine';

/** Sheets a portfolio workbook Throughline wrote may hold: the portfolio's views, and what a refresh of it adds. */
const OUTPUT_SHEETS = new Set<string>(
  [...Object.values(PORTFOLIO_SHEETS), RISKS_SHEET, LEDGER_SHEET].map((n) => n.toLowerCase()),
);

export function isPortfolioOutput(workbook: XlsxWorkbook): boolean {
  const sheets = workbook.model.sheets;
  const names = sheets.map((s) => s.entry.name.toLowerCase());
  const own = (n: string) => OUTPUT_SHEETS.has(n) || /^throughline risks( \d+)?$/.test(n);
  return (
    names.some((n) => Object.values(PORTFOLIO_SHEETS).some((p) => p.toLowerCase() === n)) &&
    names.every(own) &&
    sheets.every((s) => s.tables.every((t) => tableKindOf(t.name) === null))
  );
}
