// The page's download for a portfolio: one .zip holding each refreshed member under its own name, the
// portfolio workbook (risks across members with links into each refreshed copy, a line per team, the
// team-to-team pushes) and the portfolio's HTML report. Built in the browser; nothing is uploaded.
import { zipSync, type Zippable } from 'fflate';
import type { RefreshResult } from '../../../engine';
import type { MemberInfo } from '../../../portfolio';
import type { PortfolioViews } from '../../../portfolio';
import { portfolioSheets } from '../../../portfolio';
import { buildOwnedSheetsWorkbook } from '../../../io/xlsx/build';
import type { XlsxWorkbook } from '../../../io/xlsx/port';

export const PORTFOLIO_WORKBOOK = 'portfolio.xlsx';
export const PORTFOLIO_REPORT = 'portfolio.status.html';

/** "plan.xlsm" -> "plan.refreshed.xlsm": a refreshed workbook keeps its kind (and its folder inside the .zip). */
export function refreshedName(name: string): string {
  const m = /\.(xlsx|xlsm)$/i.exec(name);
  const extension = m ? m[0] : '.xlsx';
  return `${m ? name.slice(0, -extension.length) : name}.refreshed${extension}`;
}

export interface BundleMember {
  info: MemberInfo;
  /** Null for a member that could not be read: it is not in the .zip (the report says why). */
  workbook: XlsxWorkbook | null;
}

export interface BundleInput {
  members: BundleMember[];
  result: RefreshResult;
  views: PortfolioViews;
  /** ISO date the report was made. */
  generated: string;
}

/** What goes into the .zip, by path; `report` renders the HTML (it loads react-dom/server, so the page passes it in lazily). */
export async function bundleFiles(
  input: BundleInput,
  report: (result: RefreshResult, views: PortfolioViews, source: string) => string,
): Promise<Zippable> {
  const files: Zippable = {};
  const unread = new Set(input.views.teams.filter((t) => t.unavailable !== null).map((t) => t.info.key));
  const written = input.members.filter((m) => m.workbook !== null && !unread.has(m.info.key));
  const nameOf = new Map(input.members.map((m) => [m.info.key, refreshedName(m.info.label)]));
  // Workbooks are zip archives already: stored as they are, not compressed twice.
  for (const m of written) files[nameOf.get(m.info.key)!] = [await m.workbook!.toBuffer(), { level: 0 }];
  files[PORTFOLIO_WORKBOOK] = [
    buildOwnedSheetsWorkbook(
      portfolioSheets(input.views, (key) => nameOf.get(key) ?? key),
      { creator: 'Throughline' },
    ),
    { level: 0 },
  ];
  files[PORTFOLIO_REPORT] = new TextEncoder().encode(
    report(input.result, input.views, `${input.members.length} workbooks`),
  );
  return files;
}

export async function portfolioZip(
  input: BundleInput,
  report: (result: RefreshResult, views: PortfolioViews, source: string) => string,
): Promise<Uint8Array> {
  return zipSync(await bundleFiles(input, report), { level: 6 });
}
