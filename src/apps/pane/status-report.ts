// The pane's "Download status report": the same HTML the CLI writes, built in the browser and saved
// through a download link. The report code (and react-dom/server) loads only when asked for.
import type { RefreshResult } from '../../engine';
import { isoFromDay } from '../../engine';
import type { PortfolioViews } from '../../portfolio';

export function reportFileName(source: string): string {
  return `${source.replace(/\.xlsx$/i, '') || 'workbook'}.status.html`;
}

/** `portfolio` makes it the portfolio's report (its teams, cross-team pushes and risks with their workbooks). */
export async function downloadStatusReport(
  result: RefreshResult,
  source: string,
  today: number,
  portfolio?: PortfolioViews,
): Promise<void> {
  const { statusReportHtml } = await import(/* webpackChunkName: "report" */ '../../present/html-report.js');
  const html = statusReportHtml(result, { source, generated: isoFromDay(today), portfolio });
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = reportFileName(source);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own copy by then; the object URL is only a handle.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
