// Downloads from the page: one refreshed workbook, or a portfolio's members, workbook and report in one .zip.
import { todayDay, isoFromDay } from '../../../engine';
import { portfolioZip, refreshedName } from '../teams/bundle';
import type { Opened, PortfolioRun } from './page-port';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';
export const PORTFOLIO_ZIP = 'portfolio.refreshed.zip';

function save(data: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves what is open as refreshed; a portfolio only once a refresh of it was written (`run`). */
export async function downloadOpened(opened: Opened, run: PortfolioRun | null): Promise<void> {
  if (opened.kind === 'one') {
    // Zipped in the worker; only the finished bytes come to this thread.
    const data = await opened.port.file.bytes();
    save(data, refreshedName(opened.name), /\.xlsm$/i.test(opened.name) ? XLSM_TYPE : XLSX_TYPE);
    return;
  }
  if (!run) return;
  const { statusReportHtml } = await import(/* webpackChunkName: "report" */ '../../../present/html-report.js');
  const zip = await portfolioZip(
    {
      members: opened.setup.members.map((m) => ({ info: m.info, workbook: m.opened?.workbook ?? null })),
      result: run.result,
      views: run.views,
      generated: isoFromDay(todayDay()),
    },
    (result, views, source) =>
      statusReportHtml(result, { source, generated: isoFromDay(todayDay()), portfolio: views }),
  );
  save(zip, PORTFOLIO_ZIP, 'application/zip');
}
