// The pane's "Download board pack (PowerPoint)": the deck the command line writes with --out deck.pptx,
// made in the page from the last refresh and saved through a download link, as the HTML report is.
// pptxgenjs and the deck code load only when asked for, in a chunk of their own.
import type { MoneyFormat, RefreshResult } from '../../engine';
import { isoFromDay } from '../../engine';
import type { PortfolioViews } from '../../portfolio';

const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

export interface BoardPackRequest {
  result: RefreshResult;
  source: string;
  today: number;
  money: MoneyFormat | null;
  locale?: string;
  portfolio?: PortfolioViews;
}

export async function downloadBoardPack(request: BoardPackRequest): Promise<void> {
  const { boardPackPptx, deckFileName } = await import(
    /* webpackChunkName: "board-pack" */ '../../present/deck/index.js'
  );
  const deck = await boardPackPptx(request.result, {
    source: request.source,
    generated: isoFromDay(request.today),
    money: request.money,
    locale: request.locale,
    portfolio: request.portfolio,
  });
  const url = URL.createObjectURL(new Blob([deck.data as Uint8Array<ArrayBuffer>], { type: PPTX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = deckFileName(request.source);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has its own copy by then; the object URL is only a handle.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
